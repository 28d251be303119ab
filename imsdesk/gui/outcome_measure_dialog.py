"""Entering an outcome questionnaire from the patient's paper form, scored as it is typed.

One box per item (blank = not answered), numbered, with the short section titles of the
ODI and NDI; no question or answer wording is reproduced (copyright varies). The score
comes from the domain's ``score()``: this module never computes one itself, and when the
instrument's rules refuse to score, their own sentence is shown and Save stays disabled.
"""

from __future__ import annotations

from itertools import pairwise
from math import ceil
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from imsdesk.domain.outcomes import (
    INSTRUMENTS,
    Instrument,
    InstrumentKey,
    ScoreResult,
    ScoringError,
    get_instrument,
    score,
)
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.forms.ui_outcome_measure_dialog import Ui_OutcomeMeasureDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.errors import NotFound, RecordLocked, ValidationError
from imsdesk.services.outcomes import StoredScore


class RecordCall(Protocol):
    """OutcomeService.record with the visit bound: ``functools.partial(service.record, id)``."""

    def __call__(
        self,
        instrument: str,
        answers: list[int | None],
        *,
        activities: list[str] | None = None,
    ) -> StoredScore: ...


# Section titles only (the topic each section asks about), never the questionnaire's text.
ITEM_TITLES: dict[InstrumentKey, tuple[str, ...]] = {
    InstrumentKey.NPRS: ("Pain rating (0 no pain, 10 worst imaginable)",),
    InstrumentKey.ODI: (
        "Pain intensity",
        "Personal care",
        "Lifting",
        "Walking",
        "Sitting",
        "Standing",
        "Sleeping",
        "Sex life",
        "Social life",
        "Travelling",
    ),
    InstrumentKey.NDI: (
        "Pain intensity",
        "Personal care",
        "Lifting",
        "Reading",
        "Headaches",
        "Concentration",
        "Work",
        "Driving",
        "Sleeping",
        "Recreation",
    ),
}
TWO_COLUMNS_ABOVE = 12  # items; longer forms (the LEFS) are laid out in two columns
MAX_ACTIVITY_CHARS = 200


def plural(noun: str, count: int = 2) -> str:
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def item_title(instrument: Instrument, position: int) -> str:
    """ "3 Lifting" for the ODI, "Item 3" where the form has no section titles."""
    titles = ITEM_TITLES.get(instrument.key)
    if instrument.item_count == 1 and titles:
        return titles[0]
    if titles:
        return f"{position} {titles[position - 1]}"
    return f"{instrument.item_noun.capitalize()} {position}"


def range_text(instrument: Instrument) -> str:
    return f"{instrument.item_min}–{instrument.item_max}"


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def score_text(instrument: Instrument, result: ScoreResult) -> str:
    """The score as the therapist reads it: "32 %", "16 / 50 (32 %)", "4 / 10"."""
    value = _number(result.score)
    if instrument.units.startswith("%"):
        return f"{value} %"
    text = f"{value} / {instrument.score_max:g}"
    if result.percent is not None:
        text += f"  ({_number(result.percent)} %)"
    return text


def score_range_text(instrument: Instrument) -> str:
    percent = " %" if instrument.units.startswith("%") else ""
    return f"{instrument.score_min:g}–{instrument.score_max:g}{percent}"


def about_text(instrument: Instrument) -> str:
    noun = instrument.item_noun
    if instrument.key is InstrumentKey.PSFS:
        count = f"up to {instrument.item_count} {plural(noun)} the patient names"
    elif instrument.item_count == 1:
        count = f"one {noun}"
    else:
        count = f"{instrument.item_count} {plural(noun)}"
    each = "" if instrument.item_count == 1 else "each "
    return (
        f"<b>{instrument.name}</b>: {count}, {each}{range_text(instrument)}. "
        f"Score {score_range_text(instrument)}, <b>{instrument.direction.label}</b>.<br>"
        f"<i>Blank items:</i> {instrument.missing_item_rule}"
    )


class AnswerForm(QWidget):
    """The boxes for one instrument; keeps what was typed while another is shown."""

    changed = Signal()
    filled = Signal(QWidget)  # a box got a complete answer; the dialog moves on

    def __init__(self, instrument: Instrument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.setObjectName(f"form_{instrument.key.value}")
        self.edits: list[QLineEdit] = []
        self.hints: list[QLabel] = []
        self.names: list[QLineEdit] = []  # the PSFS's activity names, one per rating
        self.is_psfs = instrument.key is InstrumentKey.PSFS
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        count = instrument.item_count
        columns = 2 if count > TWO_COLUMNS_ABOVE else 1
        per_column = ceil(count / columns)
        width = 4 if self.is_psfs else 3  # grid columns per block
        for block in range(columns):
            self._header(grid, block * (width + 1))
        for index in range(count):
            block, row = divmod(index, per_column)
            self._add_item(grid, index + 1, row + 1, block * (width + 1))
        if columns == 2:
            grid.setColumnMinimumWidth(width, 24)
        grid.setRowStretch(per_column + 1, 1)
        stretch_column = 1 if self.is_psfs else width - 1
        for block in range(columns):
            grid.setColumnStretch(block * (width + 1) + stretch_column, 1)

    def _header(self, grid: QGridLayout, column: int) -> None:
        noun = self.instrument.item_noun
        first = "Activity the patient named" if self.is_psfs else noun.capitalize()
        headers = [first, f"Answer ({range_text(self.instrument)})"]
        if self.is_psfs:
            headers = ["", first, f"Rating ({range_text(self.instrument)})"]
        for offset, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            grid.addWidget(label, 0, column + offset)

    def _add_item(self, grid: QGridLayout, position: int, row: int, column: int) -> None:
        instrument = self.instrument
        edit = QLineEdit(objectName=f"item_{position}")
        edit.setMaxLength(len(str(instrument.item_max)))
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), edit))
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("000") + 18)
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = item_title(instrument, position)
        edit.setToolTip(f"{title}: {range_text(instrument)}; leave blank if not answered.")
        edit.setAccessibleName(title)
        hint = QLabel(objectName=f"item_{position}_hint")
        hint.setMinimumWidth(hint.fontMetrics().horizontalAdvance("outside 0–10") + 4)
        hint.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        edit.textChanged.connect(self.changed)
        edit.textEdited.connect(lambda text, e=edit: self._maybe_filled(e, text))
        if self.is_psfs:
            name = QLineEdit(objectName=f"activity_{position}")
            name.setMaxLength(MAX_ACTIVITY_CHARS)
            name.setPlaceholderText("e.g. sitting for an hour" if position == 1 else "")
            name.setAccessibleName(f"Activity {position}")
            name.textChanged.connect(self.changed)
            edit.setAccessibleName(f"Activity {position} rating")
            grid.addWidget(QLabel(f"{position}"), row, column)
            grid.addWidget(name, row, column + 1)
            grid.addWidget(edit, row, column + 2)
            grid.addWidget(hint, row, column + 3)
            self.names.append(name)
        else:
            label = QLabel(title)
            label.setBuddy(edit)
            grid.addWidget(label, row, column)
            grid.addWidget(edit, row, column + 1)
            grid.addWidget(hint, row, column + 2)
        self.edits.append(edit)
        self.hints.append(hint)

    def _maybe_filled(self, edit: QLineEdit, text: str) -> None:
        if len(text) == edit.maxLength() and self._in_range(int(text)):
            self.filled.emit(edit)

    def _in_range(self, value: int) -> bool:
        return self.instrument.item_min <= value <= self.instrument.item_max

    def fields(self) -> list[QLineEdit]:
        """Every box in the order they are filled in."""
        if not self.is_psfs:
            return list(self.edits)
        return [w for pair in zip(self.names, self.edits, strict=True) for w in pair]

    def is_blank(self) -> bool:
        return not any(w.text().strip() for w in self.fields())

    def _used_rows(self) -> list[int]:
        """PSFS rows with a name or a rating; every row for the other instruments."""
        if not self.is_psfs:
            return list(range(len(self.edits)))
        return [
            i
            for i, (name, edit) in enumerate(zip(self.names, self.edits, strict=True))
            if name.text().strip() or edit.text()
        ]

    def answers(self) -> list[int | None]:
        """One entry per item (per named activity for the PSFS); None where left blank."""
        return [int(t) if (t := self.edits[i].text()) else None for i in self._used_rows()]

    def activities(self) -> list[str] | None:
        if not self.is_psfs:
            return None
        return [self.names[i].text().strip() for i in self._used_rows()]

    def check(self) -> list[str]:
        """Mark boxes beside which something is wrong; say what, for the score area."""
        problems: list[str] = []
        for index, (edit, hint) in enumerate(zip(self.edits, self.hints, strict=True)):
            message = ""
            text = edit.text()
            if text and not self._in_range(int(text)):
                message = f"outside {range_text(self.instrument)}"
            elif self.is_psfs:
                named = bool(self.names[index].text().strip())
                if text and not named:
                    message = "name it"
                    problems.append(f"Activity {index + 1} has a rating but no name.")
                elif named and not text:
                    message = "rate it"
                    problems.append(f"Activity {index + 1} is named but not rated.")
            hint.setText(message)
            hint.setStyleSheet(ERROR_STYLE if message else "")
            edit.setProperty("invalid", bool(message))
            edit.setAccessibleDescription(message)
        return problems


class OutcomeMeasureDialog(QDialog):
    """Takes one questionnaire's answers; ``record`` (OutcomeService.record) stores them.

    Pass ``functools.partial(outcomes.record, visit_id)`` and optionally the ``instrument``
    to start with ("odi"). After Save, ``saved`` holds the stored score; it stays None
    when the dialog is cancelled.
    """

    def __init__(
        self,
        record: RecordCall,
        parent: QWidget | None = None,
        instrument: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("OutcomeMeasureDialog")
        self.ui = Ui_OutcomeMeasureDialog()
        self.ui.setupUi(self)
        self._record = record
        self.saved: StoredScore | None = None
        self.live_score: ScoreResult | None = None  # the score of what is typed, if any
        self.answer_forms: dict[InstrumentKey, AnswerForm] = {}
        for found in INSTRUMENTS.values():
            self.ui.instrument.addItem(f"{found.short_name}: {found.name}", found.key.value)
        self.ui.instrument.setCurrentIndex(-1)
        self.save_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ui.instrument.currentIndexChanged.connect(self._show_instrument)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        font = self.ui.score.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.ui.score.setFont(font)
        self._refresh_score()
        restore_geometry(self)
        if instrument is not None:
            key = get_instrument(instrument).key
            self.ui.instrument.setCurrentIndex(self.ui.instrument.findData(key.value))
            self.current_form().fields()[0].setFocus()  # type: ignore[union-attr]
        else:
            self.ui.instrument.setFocus()

    def instrument(self) -> Instrument | None:
        value = self.ui.instrument.currentData()
        return get_instrument(value) if value else None

    def current_form(self) -> AnswerForm | None:
        found = self.instrument()
        return self.answer_forms.get(found.key) if found else None

    def _show_instrument(self) -> None:
        found = self.instrument()
        if found is None:
            self.ui.forms.setCurrentWidget(self.ui.no_form)
            self.ui.about.clear()
            self._refresh_score()
            return
        form = self.answer_forms.get(found.key)
        if form is None:
            form = AnswerForm(found)
            form.changed.connect(self._refresh_score)
            form.filled.connect(self._next_field)
            for field in form.fields():
                field.installEventFilter(self)
            self.ui.forms.addWidget(form)
            self.answer_forms[found.key] = form
        self.ui.forms.setCurrentWidget(form)
        self.ui.about.setText(about_text(found))
        chain = [self.ui.instrument, *form.fields(), self.ui.buttons]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.ui.save_error.hide()
        self._refresh_score()

    def _next_field(self, field: QWidget) -> None:
        form = self.current_form()
        if form is None:
            return
        fields = form.fields()
        index = fields.index(field)  # type: ignore[arg-type]
        target = fields[index + 1] if index + 1 < len(fields) else self.save_button
        if target is self.save_button and not self.save_button.isEnabled():
            return
        target.setFocus()
        self.ui.items.ensureWidgetVisible(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a box moves to the next box, as on the paper form; Enter on the last saves."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            form = self.current_form()
            if form is not None and watched in form.fields()[:-1]:
                self._next_field(watched)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def _refresh_score(self) -> None:
        found, form = self.instrument(), self.current_form()
        self.live_score = None
        if found is None or form is None:
            self._show_score("—", "Choose the questionnaire to see its score.")
            return
        problems = form.check()
        if form.is_blank():
            self._show_score("—", "The score appears as the answers are typed.")
            return
        try:
            result = score(found, form.answers())
        except ScoringError as error:
            self._show_score("Not scored", str(error), refused=True)
            return
        self.live_score = result
        detail = self._score_detail(found, result)
        if problems:
            self._show_score(score_text(found, result), " ".join(problems), refused=True)
        else:
            self._show_score(score_text(found, result), detail)

    @staticmethod
    def _score_detail(found: Instrument, result: ScoreResult) -> str:
        direction = found.direction.label.capitalize()
        if found.key is InstrumentKey.PSFS:
            rated = plural(found.item_noun, result.answered)
            return f"{direction}. Mean of {result.answered} rated {rated}."
        if result.missing:
            blank = plural(found.item_noun, result.missing)
            return (
                f"{direction}. {result.missing} {blank} left blank, scored by the "
                f"{found.short_name}'s rule: {found.missing_item_rule}"
            )
        if found.item_count == 1:
            return f"{direction}."
        return f"{direction}. All {found.item_count} {plural(found.item_noun)} answered."

    def _show_score(self, value: str, detail: str, *, refused: bool = False) -> None:
        self.ui.score.setText(value)
        self.ui.score_detail.setText(detail)
        self.ui.score_detail.setStyleSheet(ERROR_STYLE if refused else "")
        can_save = self.live_score is not None and not refused
        self.save_button.setEnabled(can_save)
        self.save_button.setToolTip(
            "Store the answers and the score with this visit"
            if can_save
            else "Save is possible once the answers can be scored"
        )

    def _try_save(self) -> None:
        found, form = self.instrument(), self.current_form()
        if found is None or form is None or not self.save_button.isEnabled():
            return
        try:
            self.saved = self._record(found.key.value, form.answers(), activities=form.activities())
        except ValidationError as error:
            self._show_save_error(" ".join(error.problems.values()))
        except (RecordLocked, NotFound) as error:
            self._show_save_error(str(error))
        else:
            self.accept()

    def _show_save_error(self, message: str) -> None:
        self.ui.save_error.setText(message)
        self.ui.save_error.setStyleSheet(ERROR_STYLE)
        self.ui.save_error.show()

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)
