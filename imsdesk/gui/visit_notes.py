"""Notes, pain and needle count for one visit: typed, checked and autosaved field by field.

Each save states what it was typed on (services.record_editor): a field saved meanwhile
at another workstation is shown here when it is not being edited, and a field edited at
both is kept in the form, marked, until the person chooses in the conflict dialog.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.edit_conflicts import Value, saved_from
from imsdesk.domain.visit_record import (
    COUNT_FIELDS,
    FIELD_LABELS,
    NOTE_FIELDS,
    PAIN_FIELDS,
    VisitRecord,
    parse_count,
)
from imsdesk.gui.autosave import Autosaver
from imsdesk.gui.edit_conflict_dialog import EditConflictDialog, as_text
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.idle_lock import workstation_locked
from imsdesk.services.edit_conflicts import EditConflict
from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.record_editor import RecordEditor
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
    status_message = Signal(str)  # what happened with another workstation's saves

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
        self.autosaver.conflicted.connect(self._conflicted)
        self.editor: RecordEditor | None = None
        self.conflicts: dict[str, EditConflict] = {}
        self.conflict_dialog: EditConflictDialog | None = None
        self._took_in = ""  # another workstation's fields shown by the save in progress
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
        self.resolve_button = QPushButton("Resolve &conflict…", objectName="resolve_conflict")
        self.resolve_button.setToolTip(
            "Choose between your text and the one saved at another workstation"
        )
        self.resolve_button.clicked.connect(lambda: self.resolve_conflicts())
        self.resolve_button.hide()
        errors_row = QHBoxLayout()
        errors_row.addWidget(self.error_line, 1)
        errors_row.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(numbers_row)
        layout.addLayout(errors_row)
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
    def show_record(
        self, record: VisitRecord, previous_plan: str = "", user_id: int | None = None
    ) -> None:
        self.autosaver.flush()
        self._loading = True
        self._visit_id = record.visit.id
        self.editor = RecordEditor(self._records, record, user_id)
        self.conflicts.clear()
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

    @property
    def has_unsaved(self) -> bool:
        return self.autosaver.has_pending or bool(self.conflicts)

    # -- edits ------------------------------------------------------------------
    def _note_changed(self, field: str) -> None:
        if not self._loading:
            self._edited(field, self.notes[field].toPlainText())

    def _number_changed(self, field: str, text: str) -> None:
        try:
            value = parse_count(field, text)
        except ValueError as error:
            self.autosaver.discard(field)
            self._show_error(field, str(error))
            return
        if field not in self.conflicts:
            self._clear_error(field)
        self._edited(field, value)
        self._update_count_status()

    def _edited(self, field: str, value: Value) -> None:
        if field in self.conflicts:
            return  # kept in the form until the person chooses in the conflict dialog
        if self.editor is not None:
            self.editor.edited(field)
        self.autosaver.schedule(field, value)

    def _save(self, field: str, value: object) -> None:
        if self.editor is not None:
            taken = self.editor.save(field, value)  # type: ignore[arg-type]
            # Said with "Saved ..." once the autosaver reports the save (_on_saved).
            self._took_in = self._take_in(taken, say=False)

    # -- another workstation's saves -------------------------------------------------
    def adopt(self, record: VisitRecord) -> None:
        """Show ``record`` (read again, e.g. after signing was refused) where not being edited."""
        if self.editor is not None:
            self._take_in(self.editor.adopt(record))

    def _take_in(self, fields: tuple[str, ...], *, say: bool = True) -> str:
        """Show fields saved at another workstation (none of them being edited here);
        returns the words for the status bar, said now unless ``say`` is False."""
        if not fields or self.editor is None:
            return ""
        self._show_values(self.editor.saved, fields)
        labels = ", ".join(FIELD_LABELS[f].lower() for f in fields)
        words = f"Took in the {labels} saved by {saved_from(self.editor.taken_from)}."
        if say:
            self.status_message.emit(words)
        return words

    def _show_values(self, record: VisitRecord, fields: tuple[str, ...]) -> None:
        self._loading = True
        for field in fields:
            text = as_text(record.value(field))
            if field in self.notes:
                self.notes[field].setPlainText(text)
            else:
                self.numbers[field].setText(text)
        self._loading = False
        self._update_count_status()

    def _conflicted(self, field: str, conflict: EditConflict) -> None:
        self.conflicts[field] = conflict
        if self.editor is not None:
            self._take_in(self.editor.adopt(conflict.current))
        self._show_error(field, f"{conflict} Yours stays here, unsaved.", conflict=True)
        # After the autosave round that met it: the dialog is modal.
        QTimer.singleShot(0, self.resolve_conflicts)

    def settle(self) -> bool:
        """Before the visit leaves the screen: save what is pending, and have the person
        decide every conflict (no deciding later: the form is about to change)."""
        saved = self.flush()
        return self.resolve_conflicts(can_defer=False) and saved

    def resolve_conflicts(self, *, can_defer: bool = True) -> bool:
        """Ask the person to choose for each conflicting field and save the choices.

        True when no conflict is left; False when they chose to decide later (or the
        database refused the choice, which then stays in the form).
        """
        if workstation_locked():
            return False  # both versions stay hidden until the user unlocks (asked then)
        while self.conflicts and self.conflict_dialog is None and self.editor is not None:
            shown = [(c, self._typed(f)) for f, c in self.conflicts.items()]
            dialog = EditConflictDialog(shown, parse_typed, self, can_defer=can_defer)
            self.conflict_dialog = dialog
            try:
                if not dialog.exec():
                    self.status_message.emit(
                        "Not saved yet: your text stays in the form until you choose "
                        "(Resolve conflict, or when signing)."
                    )
                    return False
                if not self._save_choices(dialog.choices):
                    return False
            finally:
                self.conflict_dialog = None
                dialog.deleteLater()
        return not self.conflicts

    def _save_choices(self, choices: dict[str, Value]) -> bool:
        """Save each chosen value; False when the database refused (not a new conflict)."""
        assert self.editor is not None
        for field, value in choices.items():
            try:
                taken = self.editor.resolve(self.conflicts[field], value)
            except EditConflict as again:  # saved elsewhere once more: asked again
                self.conflicts[field] = again
                continue
            except (ServiceError, StoreError) as error:
                self.save_failed.emit(f"Not saved: {error}")
                return False
            del self.conflicts[field]
            self._show_values(self.editor.saved, (field,))
            self._take_in(tuple(f for f in taken if f != field))
            self._clear_error(field)
            self.status_message.emit(
                f"Saved your choice for {FIELD_LABELS[field].lower()} "
                f"(version {self.editor.saved.version})."
            )
        return True

    def _typed(self, field: str) -> str:
        if field in self.notes:
            return self.notes[field].toPlainText()
        return self.numbers[field].text().strip()

    def _on_saved(self, field: str) -> None:
        self._clear_error(field)
        self.saved.emit(FIELD_LABELS[field])
        if self._took_in:
            self.status_message.emit(f"Saved {FIELD_LABELS[field].lower()}. {self._took_in}")
            self._took_in = ""

    # -- feedback ---------------------------------------------------------------
    def _show_error(self, field: str, message: str, *, conflict: bool = False) -> None:
        self.errors[field] = message
        widget = self.numbers.get(field) or self.notes.get(field)
        if widget is not None:
            # A conflict is not a mistake: amber, where a refused value is red.
            colour = "#b26a00" if conflict else "#b3261e"
            widget.setStyleSheet(f"border: 2px solid {colour};")
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
        self.resolve_button.setVisible(bool(self.conflicts))

    def _update_count_status(self) -> None:
        used, removed = (self.numbers[f].text().strip() for f in COUNT_FIELDS)
        if not used or not removed:
            self.count_status.setText("Needle count not recorded")
        elif used == removed:
            self.count_status.setText(f"✓ all {used} needles accounted for")
        else:
            self.count_status.setText(f"✗ count does not match ({used} used, {removed} removed)")


def parse_typed(field: str, text: str) -> Value:
    """A chosen result as the field stores it (a note as text, a number parsed)."""
    return text if field in NOTE_FIELDS else parse_count(field, text)
