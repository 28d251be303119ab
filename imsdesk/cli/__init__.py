"""The ``imsdesk`` command: the GUI by default, subcommands for the workstation and tests."""

from imsdesk.cli.main import main

__all__ = ["main"]
