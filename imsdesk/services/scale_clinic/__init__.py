"""The parts of the demo clinic made at scale (imsdesk.services.demo_scale puts them together)."""
