"""Clinic settings from the menu: letterhead, logo with a preview, paper and screen interval."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from imsdesk.gui.actions import ActionId
from imsdesk.gui.clinic_settings_dialog import NO_LOGO, ClinicSettingsDialog
from imsdesk.services.clinic_settings import ClinicSettings, ClinicSettingsService
from tests.reports import samples
from tests.support.qt import press_save, with_modal

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def settings(sqlite_db) -> ClinicSettingsService:
    return ClinicSettingsService(sqlite_db)


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "harbour logo.png"
    path.write_bytes(samples.logo_png())
    return path


def open_dialog(qtbot, settings: ClinicSettingsService) -> ClinicSettingsDialog:
    dialog = ClinicSettingsDialog(settings.load(), settings.save)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(monkeypatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))


def test_the_letterhead_paper_and_interval_are_saved_as_typed(qtbot, settings, logo, monkeypatch):
    dialog = open_dialog(qtbot, settings)
    assert dialog.focusWidget() is dialog.ui.clinic_name
    assert dialog.ui.paper_size.currentText() == "A4"
    assert dialog.ui.screen_interval_days.value() == 180
    assert dialog.ui.logo_preview.text() == NO_LOGO

    qtbot.keyClicks(dialog.ui.clinic_name, "Harbour Physiotherapy & IMS Clinic")
    dialog.ui.clinic_address.setFocus()
    qtbot.keyClicks(dialog.ui.clinic_address, "1200 Harbour Road")
    qtbot.keyClick(dialog.ui.clinic_address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.ui.clinic_address, "Vancouver BC")
    qtbot.keyClicks(dialog.ui.clinic_phone, "604-555-0142")
    choose(monkeypatch, logo)
    qtbot.mouseClick(dialog.ui.choose_logo, Qt.MouseButton.LeftButton)
    assert dialog.ui.logo_path.text() == str(logo)
    assert not dialog.ui.logo_preview.pixmap().isNull()  # the logo is shown
    assert not dialog.ui.logo_path_error.isVisible()
    dialog.ui.paper_size.setCurrentText("Letter")
    dialog.ui.screen_interval_days.setValue(365)
    assert dialog.ui.screen_interval_days_hint.text().startswith("About 12 months")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "clinic_settings_dialog.png"))
    press_save(qtbot, dialog)

    assert not dialog.isVisible()
    assert dialog.saved == settings.load()
    assert settings.load() == ClinicSettings(
        clinic_name="Harbour Physiotherapy & IMS Clinic",
        clinic_address="1200 Harbour Road\nVancouver BC",
        clinic_phone="604-555-0142",
        logo_path=str(logo),
        paper_size="Letter",
        screen_interval_days=365,
    )


def test_a_missing_logo_file_is_explained_beside_the_field_and_nothing_is_saved(
    qtbot, settings, tmp_path
):
    dialog = open_dialog(qtbot, settings)
    qtbot.keyClicks(dialog.ui.clinic_name, "Harbour IMS")
    qtbot.keyClicks(dialog.ui.logo_path, str(tmp_path / "gone.png"))
    assert "No picture to show" in dialog.ui.logo_preview.text()
    press_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.saved is None
    assert dialog.ui.logo_path_error.isVisible()
    assert dialog.ui.logo_path_error.text() == (
        f"The logo file {tmp_path / 'gone.png'} does not exist."
    )
    assert dialog.focusWidget() is dialog.ui.logo_path
    assert dialog.ui.clinic_name.text() == "Harbour IMS"  # what was typed is kept
    assert settings.load() == ClinicSettings()


def test_a_file_that_is_not_a_picture_is_refused_as_soon_as_it_is_chosen(
    qtbot, settings, tmp_path, monkeypatch
):
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture")
    dialog = open_dialog(qtbot, settings)
    choose(monkeypatch, notes)
    qtbot.mouseClick(dialog.ui.choose_logo, Qt.MouseButton.LeftButton)
    assert dialog.ui.logo_path_error.isVisible()
    assert "is not a picture that can be printed (PNG or JPEG)" in dialog.ui.logo_path_error.text()


def test_remove_clears_the_logo_and_the_clinic_prints_without_one(qtbot, settings, logo):
    settings.save(ClinicSettings(clinic_name="Harbour IMS", logo_path=str(logo)))
    dialog = open_dialog(qtbot, settings)
    assert not dialog.ui.logo_preview.pixmap().isNull()
    qtbot.mouseClick(dialog.ui.remove_logo, Qt.MouseButton.LeftButton)
    assert dialog.ui.logo_path.text() == ""
    assert dialog.ui.logo_preview.text() == NO_LOGO
    press_save(qtbot, dialog)
    assert settings.load() == ClinicSettings(clinic_name="Harbour IMS")


def test_settings_the_form_does_not_show_are_kept(qtbot, settings):
    own_course = ClinicSettings(typical_course_visits=7.9, typical_course_source="Gunn 1980")
    settings.save(own_course)
    dialog = open_dialog(qtbot, settings)
    qtbot.keyClicks(dialog.ui.clinic_phone, "555-0100")
    press_save(qtbot, dialog)
    saved = settings.load()
    assert (saved.typical_course_visits, saved.typical_course_source) == (7.9, "Gunn 1980")
    assert saved.clinic_phone == "555-0100"


def test_tab_order_follows_the_form(qtbot, settings):
    dialog = open_dialog(qtbot, settings)
    names = [dialog.focusWidget().objectName()]
    for _ in range(7):
        dialog.focusNextChild()  # what Tab does
        names.append(dialog.focusWidget().objectName())
    assert names == [
        "clinic_name",
        "clinic_address",
        "clinic_phone",
        "logo_path",
        "choose_logo",
        "remove_logo",
        "paper_size",
        "screen_interval_days",
    ]


def test_the_menu_opens_the_dialog_and_the_status_bar_confirms(qtbot, make_main_window):
    window = make_main_window()
    action = window.actions_by_id[ActionId.CLINIC_SETTINGS]
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert "Letterhead" in action.toolTip()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()

    def fill_and_save(dialog: ClinicSettingsDialog) -> None:
        dialog.ui.clinic_name.setText("Harbour IMS")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(qtbot, ClinicSettingsDialog, fill_and_save)
    action.trigger()
    assert window.services.settings.load().clinic_name == "Harbour IMS"
    assert "Saved the clinic settings" in window.statusBar().currentMessage()
