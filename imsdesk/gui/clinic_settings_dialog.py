"""The clinic's settings: letterhead (name, address, phone, logo), paper and screen interval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_clinic_settings_dialog import Ui_ClinicSettingsDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.clinic_settings import ClinicSettings, read_logo
from imsdesk.services.errors import ValidationError

SaveCall = Callable[[ClinicSettings], ClinicSettings]
SETTINGS_FIELDS = (
    "clinic_name",
    "clinic_address",
    "clinic_phone",
    "logo_path",
    "paper_size",
    "screen_interval_days",
)
LOGO_FILTER = "Pictures (*.png *.jpg *.jpeg);;All files (*)"
NO_LOGO = "No logo: the letterhead prints the clinic's name and address alone."


class ClinicSettingsDialog(QDialog):
    """Shows ``current``; Save hands the edited settings to ``save`` (ClinicSettingsService.save).

    After Save, ``saved`` holds what was stored; it stays None when the dialog is cancelled.
    A logo that is missing or not a printable picture is explained beside the field and
    nothing is saved.
    """

    def __init__(
        self, current: ClinicSettings, save: SaveCall, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ClinicSettingsDialog")
        self.ui = Ui_ClinicSettingsDialog()
        self.ui.setupUi(self)
        self._current = current
        self._save = save
        self.saved: ClinicSettings | None = None
        self.ui.logo_path.textChanged.connect(self._show_preview)
        self.ui.logo_path.editingFinished.connect(self._check_logo)
        self.ui.choose_logo.clicked.connect(self.choose_logo)
        self.ui.remove_logo.clicked.connect(self.ui.logo_path.clear)
        self.ui.screen_interval_days.valueChanged.connect(self._show_interval)
        self._load(current)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Save the clinic settings (Enter)"
        )
        restore_geometry(self)
        self.ui.clinic_name.setFocus()

    def edited(self) -> ClinicSettings:
        """The settings as the form shows them (what the form does not show is kept)."""
        return replace(
            self._current,
            clinic_name=self.ui.clinic_name.text(),
            clinic_address=self.ui.clinic_address.toPlainText(),
            clinic_phone=self.ui.clinic_phone.text(),
            logo_path=self.ui.logo_path.text().strip(),
            paper_size=self.ui.paper_size.currentText(),
            screen_interval_days=self.ui.screen_interval_days.value(),
        )

    def choose_logo(self) -> None:
        typed = self.ui.logo_path.text().strip()
        start = str(Path(typed).parent) if typed else str(Path.home())
        title = "Choose the clinic's logo"
        chosen, _ = QFileDialog.getOpenFileName(self, title, start, LOGO_FILTER)
        if chosen:
            self.ui.logo_path.setText(chosen)
            self._check_logo()

    def _load(self, settings: ClinicSettings) -> None:
        self.ui.clinic_name.setText(settings.clinic_name)
        self.ui.clinic_address.setPlainText(settings.clinic_address)
        self.ui.clinic_phone.setText(settings.clinic_phone)
        self.ui.logo_path.setText(settings.logo_path)
        self.ui.paper_size.setCurrentText(settings.paper_size)
        self.ui.screen_interval_days.setValue(settings.screen_interval_days)
        self._show_preview(settings.logo_path)
        self._show_interval(settings.screen_interval_days)

    def _show_preview(self, path: str) -> None:
        path = path.strip()
        pixmap = QPixmap(str(Path(path).expanduser())) if path else QPixmap()
        preview = self.ui.logo_preview
        if pixmap.isNull():
            preview.setPixmap(QPixmap())
            preview.setText(NO_LOGO if not path else "No picture to show from this file.")
            return
        height = preview.minimumHeight() - 8
        preview.setPixmap(
            pixmap.scaled(
                height * 30 // 18,  # the letterhead's logo box: 30 × 18 mm
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _check_logo(self) -> None:
        """Say at once, beside the field, if the logo cannot be printed."""
        path = self.ui.logo_path.text().strip()
        problem = read_logo(path)[1] if path else ""
        show_field_errors(self.ui, ("logo_path",), {"logo_path": problem} if problem else {})

    def _show_interval(self, days: int) -> None:
        if days >= 61:
            about = f"About {days / 30.44:.0f} months; after"
        elif days >= 14:
            about = f"About {days / 7:.0f} weeks; after"
        else:
            about = "After"
        self.ui.screen_interval_days_hint.setText(
            f"{about} that a patient's screen is due again before needling."
        )

    def _try_save(self) -> None:
        problems: dict[str, str] = {}
        try:
            self.saved = self._save(self.edited())
        except ValidationError as error:
            problems = error.problems
        show_field_errors(self.ui, SETTINGS_FIELDS, problems)
        if self.saved is not None:
            self.accept()

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)
