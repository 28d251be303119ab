"""Generated from ui/*.ui by `python -m imsdesk.ui.compile_forms`; do not edit."""
