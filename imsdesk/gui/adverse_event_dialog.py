"""Recording an adverse event under a visit: what happened and the action taken."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QStyle, QWidget

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind, adverse_event_problems
from imsdesk.domain.safety import PNEUMOTHORAX_NOTE
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_adverse_event_dialog import Ui_AdverseEventDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.errors import ValidationError

RecordCall = Callable[[AdverseEvent], list[AdverseEvent]]
ADVERSE_EVENT_FIELDS = ("kind", "description", "action_taken")
# Kinds that come with guidance beside the form.
GUIDANCE = {AdverseEventKind.SUSPECTED_PNEUMOTHORAX: PNEUMOTHORAX_NOTE}


class AdverseEventDialog(QDialog):
    """Collects one event; ``record`` (AdverseEventService.record for the visit) keeps it.

    Pass ``lambda event: events.record(visit_id, user_id, event)``. After Save, ``saved``
    holds the visit's events as the service returned them (the new one included); it
    stays None when the dialog is cancelled.
    """

    def __init__(self, record: RecordCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdverseEventDialog")
        self.ui = Ui_AdverseEventDialog()
        self.ui.setupUi(self)
        self._record = record
        self.saved: list[AdverseEvent] | None = None
        for kind in AdverseEventKind:
            self.ui.kind.addItem(kind.label, kind.value)
        self.ui.kind.setCurrentIndex(-1)  # no kind is assumed: the placeholder asks for one
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.ui.guidance_icon.setPixmap(icon.pixmap(24, 24))
        self.ui.guidance_icon.setAccessibleName("Guidance")
        self.ui.kind.currentIndexChanged.connect(self._show_guidance)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Record the event under this visit"
        )
        restore_geometry(self)
        self.ui.kind.setFocus()

    def chosen_kind(self) -> AdverseEventKind | None:
        value = self.ui.kind.currentData()
        return AdverseEventKind(value) if value else None

    def _show_guidance(self) -> None:
        kind = self.chosen_kind()
        note = GUIDANCE.get(kind) if kind else None
        self.ui.guidance.setVisible(note is not None)
        self.ui.guidance_text.setText(f"<b>Guidance.</b> {escape(note)}" if note else "")

    def _try_save(self) -> None:
        kind = self.chosen_kind()
        event = AdverseEvent(
            kind=kind or AdverseEventKind.OTHER,
            description=self.ui.description.toPlainText(),
            action_taken=self.ui.action_taken.toPlainText(),
        )
        problems = {} if kind else {"kind": "Choose the kind of event (Other if none fits)."}
        problems.update(adverse_event_problems(event))
        if not problems:
            try:
                self.saved = self._record(event)
            except ValidationError as error:
                problems = error.problems
        show_field_errors(self.ui, ADVERSE_EVENT_FIELDS, problems)
        if self.saved is not None:
            self.accept()

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)
