"""Qt Designer forms, the source of truth for imsdesk's dialogs.

Installed as ``imsdesk.ui``. ``python -m imsdesk.ui.compile_forms`` turns each
``*.ui`` here into ``imsdesk/gui/forms/ui_*.py``; a test keeps them current.
"""
