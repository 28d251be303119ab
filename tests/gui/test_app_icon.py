"""The app's own icon on its windows and in the taskbar, found wherever it is started from."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from imsdesk.gui.app import make_application
from imsdesk.gui.app_icon import app_icon


def test_every_window_shows_the_app_icon_in_every_size_a_desktop_asks_for(qtbot):
    make_application()
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes


def test_the_icon_is_found_from_any_working_folder(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)  # a menu launcher starts the app from the user's home
    pixmap = app_icon().pixmap(QSize(48, 48))
    assert (pixmap.width(), pixmap.height()) == (48, 48)
    corner, centre = pixmap.toImage().pixelColor(0, 0), pixmap.toImage().pixelColor(24, 10)
    assert corner.alpha() == 0 and centre.alpha() == 255  # a drawn mark, not a blank square
