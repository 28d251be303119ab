"""The app's icon for its windows and the taskbar, from the PNGs shipped as package data."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from imsdesk.resources import resource_folder

_PNG = re.compile(r"imsdesk-(\d+)\.png")  # written by packaging/render_icons.py


def app_icon() -> QIcon:
    """Every rendered size, so each place (title bar, taskbar, switcher) gets a sharp one.

    Found beside the package's code, so it works from a checkout, a wheel and a frozen
    bundle alike; the files are read only when a size is first painted.
    """
    icon = QIcon()
    for entry in resource_folder("icons").iterdir():
        if found := _PNG.fullmatch(entry.name):
            size = int(found.group(1))
            icon.addFile(str(entry), QSize(size, size))
    return icon
