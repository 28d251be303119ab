"""The clickable body map."""
