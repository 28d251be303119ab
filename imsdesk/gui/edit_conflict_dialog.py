"""Choosing, field by field, between the text typed here and the one saved elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QPlainTextEdit, QWidget

from imsdesk.domain.edit_conflicts import Value, saved_from
from imsdesk.domain.visit_record import NOTE_FIELDS
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.forms.ui_edit_conflict_dialog import Ui_EditConflictDialog
from imsdesk.gui.forms.ui_edit_conflict_field import Ui_EditConflictField
from imsdesk.services.edit_conflicts import EditConflict

# Turns what the person chose (text) into the field's value; ValueError says what is wrong.
Parse = Callable[[str, str], Value]


def as_text(value: Value) -> str:
    return "" if value is None else str(value)


class EditConflictDialog(QDialog):
    """One group per conflicting field: yours and theirs side by side, then the result.

    Nothing is chosen for the person: Save waits until each field has a result, made by
    Keep mine, Take theirs or typing. ``choices`` then holds the value for each field.
    """

    def __init__(
        self,
        conflicts: list[tuple[EditConflict, str]],
        parse: Parse,
        parent: QWidget | None = None,
        *,
        can_defer: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EditConflictDialog")
        self.ui = Ui_EditConflictDialog()
        self.ui.setupUi(self)
        self._parse = parse
        self.rows: dict[str, Ui_EditConflictField] = {}
        self._chosen: set[str] = set()
        self.choices: dict[str, Value] = {}
        previous: QWidget | None = None
        for conflict, mine in conflicts:
            row = self._add_row(conflict, mine)
            if previous is not None:
                QWidget.setTabOrder(previous, row.mine)
            previous = row.result
        self.ui.fields_layout.addStretch(1)
        save = self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save each field's result as the newest version")
        later = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        later.setText("Decide &later")
        later.setToolTip("Close: your text stays in the form, unsaved; signing waits for a choice")
        self.can_defer = can_defer
        later.setVisible(can_defer)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        if self.rows:
            next(iter(self.rows.values())).keep_mine.setFocus()

    def _add_row(self, error: EditConflict, mine: str) -> Ui_EditConflictField:
        conflict = error.conflict
        field = conflict.field
        group = QGroupBox(objectName=f"conflict_{field}")
        row = Ui_EditConflictField()
        row.setupUi(group)
        group.setTitle(conflict.label)
        theirs = as_text(conflict.theirs)
        row.mine.setPlainText(mine)
        row.theirs.setPlainText(theirs)
        for view, words in ((row.mine, "yours"), (row.theirs, "theirs")):
            view.setPlaceholderText("(empty)")
            view.setAccessibleName(f"{conflict.label}, {words}")
        row.theirs_label.setText(f"<b>Saved</b> by {saved_from(error.current)}")
        row.result.setAccessibleName(f"{conflict.label}, result to save")
        # Room to read a note without scrolling the dialog; a number needs one line.
        note = field in NOTE_FIELDS
        for view, lines in ((row.mine, 7), (row.theirs, 7), (row.result, 5)):
            _lines(view, lines if note else 1)
        # The field's name stands out (a style sheet font does not pass to the contents).
        group.setStyleSheet("QGroupBox { font-weight: bold; }")
        row.keep_mine.clicked.connect(lambda: row.result.setPlainText(mine))
        row.take_theirs.clicked.connect(lambda: row.result.setPlainText(theirs))
        row.result.textChanged.connect(lambda f=field: self._chosen.add(f))
        self.ui.fields_layout.addWidget(group)
        self.rows[field] = row
        return row

    def reject(self) -> None:
        if self.can_defer:  # else the visit is leaving the screen: a choice is needed now
            super().reject()

    def _try_save(self) -> None:
        problems: dict[str, str] = {}
        choices: dict[str, Value] = {}
        for field, row in self.rows.items():
            if field not in self._chosen:
                problems[field] = "Choose Keep mine or Take theirs, or write the text to keep."
                continue
            try:
                choices[field] = self._parse(field, row.result.toPlainText())
            except ValueError as error:
                problems[field] = str(error)
        first_bad = None
        for field, row in self.rows.items():
            message = problems.get(field, "")
            row.result_error.setText(message)
            row.result_error.setStyleSheet(ERROR_STYLE if message else "")
            row.result_error.setVisible(bool(message))
            if message and first_bad is None:
                first_bad = row.keep_mine if field not in self._chosen else row.result
        if first_bad is not None:
            first_bad.setFocus()
            return
        self.choices = choices
        self.accept()


def _lines(view: QPlainTextEdit, lines: int) -> None:
    margins = view.contentsMargins()
    text = view.fontMetrics().lineSpacing() * lines + 2 * view.document().documentMargin()
    view.setFixedHeight(int(text) + margins.top() + margins.bottom() + 4)
    if lines == 1:
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
