"""Adding an amendment under a signed visit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from imsdesk.domain.visit_record import VisitRecord
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_amend_dialog import Ui_AmendDialog
from imsdesk.services.errors import ValidationError

AMEND_FIELDS = ("reason", "text")


class AmendDialog(QDialog):
    def __init__(
        self, amend: Callable[[str, str], VisitRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AmendDialog")
        self.ui = Ui_AmendDialog()
        self.ui.setupUi(self)
        self._amend = amend
        self.result_record: VisitRecord | None = None
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)

    def _try_save(self) -> None:
        try:
            self.result_record = self._amend(self.ui.reason.text(), self.ui.text.toPlainText())
        except ValidationError as error:
            show_field_errors(self.ui, AMEND_FIELDS, error.problems)
            return
        self.accept()
