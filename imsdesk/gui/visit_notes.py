"""Notes, pain and needle count for one visit: typed, checked and autosaved field by field."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.visit_record import (
    COUNT_FIELDS,
    FIELD_LABELS,
    NOTE_FIELDS,
    PAIN_FIELDS,
    VisitRecord,
    parse_count,
)
from imsdesk.gui.autosave import Autosaver
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.services.visit_record import VisitRecordService

NOTE_HINTS = {
    "subjective": "What the patient reports: pain, where, since when, what changed since last time",
    "objective": "Findings: shortened muscles, segmental signs, range of motion",
    "assessment": "Your reading of today's findings",
    "plan": "Treatment plan and next appointment",
}
NUMBER_HINTS = {
    "pain_before": "Pain before treatment, 0 (none) to 10 (worst imaginable)",
    "pain_after": "Pain after treatment, 0 (none) to 10 (worst imaginable)",
    "needles_used": "Needles taken from the pack for this visit",
    "needles_removed": "Needles removed and disposed of; must equal needles used to sign",
}


class VisitNotesPanel(QWidget):
    """Edits a draft's record; read-only once signed."""

    saved = Signal(str)  # field label, for the status bar
    save_failed = Signal(str)

    def __init__(self, records: VisitRecordService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitNotesPanel")
        self._records = records
        self._visit_id = 0
        self._loading = False
        self.previous_plan_text = ""
        self.autosaver = Autosaver(self._save, self)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._show_error)
        self.numbers: dict[str, QLineEdit] = {}
        self.notes: dict[str, QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}

        numbers_row = self._numbers_row = QHBoxLayout()
        for field in (*PAIN_FIELDS, *COUNT_FIELDS):
            edit = QLineEdit(objectName=field)
            edit.setMaxLength(4)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000") + 16)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0–10" if field in PAIN_FIELDS else "")
            edit.setToolTip(NUMBER_HINTS[field])
            edit.textEdited.connect(lambda text, f=field: self._number_changed(f, text))
            label = QLabel(FIELD_LABELS[field])
            label.setBuddy(edit)
            numbers_row.addWidget(label)
            numbers_row.addWidget(edit)
            numbers_row.addSpacing(8)
            self.numbers[field] = edit
        self.count_status = QLabel(objectName="needle_count_status")
        numbers_row.addWidget(self.count_status)
        numbers_row.addStretch(1)

        self.previous_plan = QLabel(objectName="previous_plan")
        self.previous_plan.setWordWrap(True)
        self.previous_plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        notes_grid = QGridLayout()
        for column, field in enumerate(NOTE_FIELDS):
            edit = QPlainTextEdit(objectName=field)
            edit.setPlaceholderText(NOTE_HINTS[field])
            edit.setToolTip(NOTE_HINTS[field])
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(lambda f=field: self._note_changed(f))
            label = QLabel(f"<b>{FIELD_LABELS[field]}</b>")
            notes_grid.addWidget(label, 0, column)
            notes_grid.addWidget(edit, 1, column)
            self.notes[field] = edit

        self.error_line = QLabel(objectName="visit_field_errors")
        self.error_line.setStyleSheet(ERROR_STYLE)
        self.error_line.setWordWrap(True)
        self.error_line.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(numbers_row)
        layout.addWidget(self.error_line)
        layout.addWidget(self.previous_plan)
        layout.addLayout(notes_grid, 1)

    def add_beside_pain(self, widget: QWidget) -> None:
        """Place ``widget`` right after the pain scores (the areas of pain go there)."""
        after_pain = 3 * len(PAIN_FIELDS)  # label, box and spacing per score
        self._numbers_row.insertWidget(after_pain, widget, 1)
        self._numbers_row.insertSpacing(after_pain + 1, 8)
        # The widget takes the row's spare width, so the needle count follows it.
        self._numbers_row.setStretch(self._numbers_row.count() - 1, 0)
        # Tab goes pain before, pain after, this widget, then the needle count.
        focus = widget.focusProxy() or widget
        QWidget.setTabOrder(self.numbers[PAIN_FIELDS[-1]], focus)
        QWidget.setTabOrder(focus, self.numbers[COUNT_FIELDS[0]])

    # -- loading ----------------------------------------------------------------
    def show_record(self, record: VisitRecord, previous_plan: str = "") -> None:
        self.autosaver.flush()
        self._loading = True
        self._visit_id = record.visit.id
        self.errors.clear()
        for field, edit in self.numbers.items():
            value = record.value(field)
            edit.setText("" if value is None else str(value))
            edit.setStyleSheet("")
        for field, edit in self.notes.items():
            edit.setPlainText(str(record.value(field)))
        self.previous_plan_text = previous_plan
        self.previous_plan.setVisible(bool(previous_plan))
        self.previous_plan.setText(f"<i>Previous plan:</i> {escape(previous_plan)}")
        self._loading = False
        self.set_read_only(not record.visit.is_editable)
        self._update_count_status()
        self._refresh_errors()

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.numbers.values():
            edit.setReadOnly(read_only)
        for edit in self.notes.values():
            edit.setReadOnly(read_only)

    def flush(self) -> bool:
        return self.autosaver.flush()

    # -- edits ------------------------------------------------------------------
    def _note_changed(self, field: str) -> None:
        if not self._loading:
            self.autosaver.schedule(field, self.notes[field].toPlainText())

    def _number_changed(self, field: str, text: str) -> None:
        try:
            value = parse_count(field, text)
        except ValueError as error:
            self.autosaver.discard(field)
            self._show_error(field, str(error))
            return
        self._clear_error(field)
        self.autosaver.schedule(field, value)
        self._update_count_status()

    def _save(self, field: str, value: object) -> None:
        self._records.save_field(self._visit_id, field, value)  # type: ignore[arg-type]

    def _on_saved(self, field: str) -> None:
        self._clear_error(field)
        self.saved.emit(FIELD_LABELS[field])

    # -- feedback ---------------------------------------------------------------
    def _show_error(self, field: str, message: str) -> None:
        self.errors[field] = message
        widget = self.numbers.get(field) or self.notes.get(field)
        if widget is not None:
            widget.setStyleSheet("border: 2px solid #b3261e;")
        self._refresh_errors()
        self.save_failed.emit(message)

    def _clear_error(self, field: str) -> None:
        if self.errors.pop(field, None) is not None:
            widget = self.numbers.get(field) or self.notes.get(field)
            if widget is not None:
                widget.setStyleSheet("")
            self._refresh_errors()

    def _refresh_errors(self) -> None:
        self.error_line.setText("  ".join(self.errors.values()))
        self.error_line.setVisible(bool(self.errors))

    def _update_count_status(self) -> None:
        used, removed = (self.numbers[f].text().strip() for f in COUNT_FIELDS)
        if not used or not removed:
            self.count_status.setText("Needle count not recorded")
        elif used == removed:
            self.count_status.setText(f"✓ all {used} needles accounted for")
        else:
            self.count_status.setText(f"✗ count does not match ({used} used, {removed} removed)")
