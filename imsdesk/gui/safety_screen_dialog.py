"""The contraindication and precaution screen before needling, with consent.

Every question must be answered Yes or No; nothing is pre-answered, so an unasked question
shows as "not answered" rather than passing as a silent No. Questions that are reasons not
to needle sit under their own heading with a stop icon, apart from the precautions, and a
yes to one says "Do not needle" on its row: text and shape, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QWidget,
)

from imsdesk.domain.screening import (
    SCREEN_QUESTIONS,
    Consent,
    SafetyScreen,
    ScreenKind,
    ScreenQuestion,
    screen_problems,
)
from imsdesk.gui.field_errors import ERROR_STYLE, show_field_errors
from imsdesk.gui.forms.ui_safety_screen_dialog import Ui_SafetyScreenDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.errors import ValidationError

RecordCall = Callable[[SafetyScreen], SafetyScreen]
SCREEN_FORM_FIELDS = ("answers", "consent_given", "given_by", "explained", "notes")

# What the consent section starts with; the therapist edits it to match what was said.
DEFAULT_EXPLANATION = (
    "IMS: fine needles are placed in tight muscles, which may cramp briefly. Soreness for a "
    "day or two afterwards is common; bruising or feeling faint can happen. Rare risks "
    "include infection and, when needling near the chest, a collapsed lung (pneumothorax): "
    "breathlessness or chest pain in the following days needs prompt medical help. The "
    "patient may ask to stop at any time."
)

# Short names for the summary line ("2 precautions: anticoagulants, fear of needles").
# A question without one is summarised by its full text.
SHORT_LABELS = {
    "local_infection": "infection at a planned site",
    "systemic_infection": "fever or systemic infection",
    "anticoagulants": "anticoagulants",
    "bleeding_disorder": "bleeding disorder",
    "pregnancy": "pregnancy",
    "implanted_device": "implanted device",
    "heart_valve": "prosthetic heart valve",
    "joint_replacement": "joint replacement or implant",
    "immunosuppression": "immunosuppression",
    "lymphoedema": "lymphoedema",
    "cancer": "cancer or tumour",
    "diabetes": "diabetes with poor sensation",
    "epilepsy": "epilepsy",
    "metal_allergy": "metal allergy",
    "needle_phobia": "fear of needles",
    "fainting": "fainted with needles before",
    "lung_disease": "lung disease or past pneumothorax",
    "recent_surgery": "recent surgery near a site",
}
KIND_HEADINGS = {
    ScreenKind.CONTRAINDICATION: "Do not needle if yes",
    ScreenKind.PRECAUTION: "Precautions: weigh them, and note what you decide",
}
NOT_ANSWERED = "not answered"


def short_label(question: ScreenQuestion) -> str:
    return SHORT_LABELS.get(question.key) or question.question[:1].lower() + question.question[1:]


def summary_lines(
    answers: dict[str, bool], consent_given: bool | None, given_by: str = ""
) -> list[str]:
    """The screen at a glance, as HTML lines: reasons not to needle first."""
    consent = Consent(bool(consent_given), given_by, "")
    screen = SafetyScreen(answers, consent)
    positives = screen.positives()
    stops = [short_label(q) for q in positives if q.kind is ScreenKind.CONTRAINDICATION]
    if consent_given is False:
        stops.append("consent refused")
    cautions = [short_label(q) for q in positives if q.kind is ScreenKind.PRECAUTION]
    unanswered = sum(q.key not in answers for q in SCREEN_QUESTIONS)
    lines = []
    if stops:
        lines.append(f"<b>Do not needle:</b> {escape(', '.join(stops))}")
    if cautions:
        count = len(cautions)
        noun = "precaution" if count == 1 else "precautions"
        lines.append(f"<b>{count} {noun}:</b> {escape(', '.join(cautions))}")
    elif not stops and not unanswered:
        lines.append("No contraindication or precaution.")
    if unanswered:
        noun = "question" if unanswered == 1 else "questions"
        lines.append(f"<b>{unanswered} {noun} not answered yet.</b>")
    if consent_given is None:
        lines.append("Consent not recorded yet.")
    elif consent_given:
        who = given_by.strip() or "?"
        lines.append(f"Consent given by {escape(who)}.")
    return lines


class QuestionRow(QWidget):
    """One screen question with Yes and No, neither chosen until someone chooses."""

    def __init__(self, question: ScreenQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question_{question.key}")
        stop = question.kind is ScreenKind.CONTRAINDICATION
        self.icon = QLabel()
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if stop
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(16, 16))
        self.icon.setFixedWidth(20)
        self.icon.setToolTip(question.kind.label)
        # One line each: wrapped labels get squeezed instead of scrolled in a short window.
        self.text = QLabel(question.question)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.yes = QRadioButton("Yes", objectName=f"{question.key}_yes")
        self.no = QRadioButton("No", objectName=f"{question.key}_no")
        for button, word in ((self.yes, "yes"), (self.no, "no")):
            button.setAccessibleName(f"{question.question}: {word}")
            button.setToolTip(f"{question.kind.label} if yes. Keys: Y yes, N no.")
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.state = QLabel(objectName=f"{question.key}_state")
        bold = self.state.font()
        bold.setBold(True)
        self.state.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("Do not needle") + 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addWidget(self.state)
        self.group.buttonToggled.connect(lambda *_: self.show_state())
        self.show_state()

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        return False if self.no.isChecked() else None

    def set_answer(self, answer: bool | None) -> None:
        if answer is None:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
            self.yes.setChecked(False)
            self.no.setChecked(False)
            self.group.setExclusive(True)
        else:
            (self.yes if answer else self.no).setChecked(True)
        self.show_state()

    def show_state(self, *, flag_unanswered: bool = False) -> None:
        answer = self.answer()
        font = self.state.font()
        font.setItalic(answer is None)
        font.setBold(answer is True)
        self.state.setFont(font)
        if answer is None:
            self.state.setText(NOT_ANSWERED)
        elif answer:
            self.state.setText(self.question.kind.label)
        else:
            self.state.setText("")
        self.state.setStyleSheet(ERROR_STYLE if flag_unanswered and answer is None else "")

    def focus_target(self) -> QAbstractButton:
        return self.no if self.no.isChecked() else self.yes


class SafetyScreenDialog(QDialog):
    """Takes a screen with consent; ``record`` (ScreeningService.record) keeps it.

    Pass ``lambda screen: screening.record(patient_id, user_id, screen, visit_id=visit_id)``
    and the patient's ``previous`` screen (``screening.latest(patient_id)``), if any, so
    the dialog can say when it was taken and by whom and start from its answers. After
    Save, ``saved`` holds the stored screen; it stays None when the dialog is cancelled.
    """

    def __init__(
        self,
        record: RecordCall,
        parent: QWidget | None = None,
        previous: SafetyScreen | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SafetyScreenDialog")
        self.ui = Ui_SafetyScreenDialog()
        self.ui.setupUi(self)
        self._record = record
        self._previous = previous
        self._today = today or date.today()
        self.saved: SafetyScreen | None = None
        self.rows: list[QuestionRow] = []
        self._build_rows()
        self.ui.explained.setPlainText(DEFAULT_EXPLANATION)
        italic = self.ui.consent_state.font()
        italic.setItalic(True)
        self.ui.consent_state.setFont(italic)
        for button in (self.ui.consent_yes, self.ui.consent_no):
            button.installEventFilter(self)
            button.toggled.connect(self._refresh)
        self.ui.given_by.textChanged.connect(self._refresh)
        self._show_previous()
        self.ui.use_previous.clicked.connect(self.use_previous_answers)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Record the screen and consent"
        )
        self._set_tab_order()
        self._refresh()
        restore_geometry(self)
        self.rows[0].yes.setFocus()

    # Building

    def _build_rows(self) -> None:
        layout = self.ui.questions_layout
        kind: ScreenKind | None = None
        for question in SCREEN_QUESTIONS:
            if question.kind is not kind:
                kind = question.kind
                heading = QLabel(KIND_HEADINGS[kind], objectName=f"heading_{kind.value}")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                heading.setContentsMargins(4, 8 if self.rows else 2, 4, 2)
                layout.addWidget(heading)
            row = QuestionRow(question, self.ui.answers_content)
            for button in (row.yes, row.no):
                button.installEventFilter(self)
            row.group.buttonToggled.connect(lambda *_: self._refresh())
            layout.addWidget(row)
            self.rows.append(row)
        layout.addStretch(1)
        # Questions scroll up and down only, so the column is never narrower than a row.
        scroll = self.ui.answers
        scroll.setMinimumWidth(
            self.ui.answers_content.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [w for row in self.rows for w in (row.yes, row.no)]
        chain += [
            self.ui.consent_yes,
            self.ui.consent_no,
            self.ui.given_by,
            self.ui.explained,
            self.ui.notes,
            self.ui.use_previous,
            self.ui.buttons,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_previous(self) -> None:
        before = self._previous
        if before is None:
            self.ui.previous.setText("No earlier screen for this patient: this is the first.")
            self.ui.use_previous.setEnabled(False)
            return
        when = "on an unknown date"
        if before.recorded_on is not None:
            days = (self._today - before.recorded_on).days
            ago = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
            when = f"{before.recorded_on.isoformat()} ({ago})"
        who = f" by {escape(before.recorded_by_name)}" if before.recorded_by_name else ""
        found = summary_lines(before.answers, before.consent.given, before.consent.given_by)
        self.ui.previous.setText(f"<b>Last screen</b> {when}{who}: " + " · ".join(found))

    # Reading and answering

    def answers(self) -> dict[str, bool]:
        """The answers given so far; unanswered questions are absent."""
        return {row.question.key: a for row in self.rows if (a := row.answer()) is not None}

    def consent_given(self) -> bool | None:
        if self.ui.consent_yes.isChecked():
            return True
        return False if self.ui.consent_no.isChecked() else None

    def row(self, key: str) -> QuestionRow:
        return next(r for r in self.rows if r.question.key == key)

    def use_previous_answers(self) -> None:
        """Fill the answers (and notes) of the last screen in; consent is asked again."""
        if self._previous is None:
            return
        for row in self.rows:
            row.set_answer(self._previous.answers.get(row.question.key))
        if not self.ui.notes.toPlainText().strip():
            self.ui.notes.setPlainText(self._previous.notes)
        self.ui.use_previous.setEnabled(False)
        self.ui.previous.setText(
            self.ui.previous.text()
            + "<br><i>Its answers are filled in below: go through each with the patient.</i>"
        )
        self._focus_row(0)

    def _focus_row(self, index: int) -> None:
        if index >= len(self.rows):
            self.ui.consent_yes.setFocus()
            return
        row = self.rows[max(index, 0)]
        row.focus_target().setFocus()
        self.ui.answers.ensureWidgetVisible(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._handle_key(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _handle_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Y and N answer the focused question and move on; Up and Down move between rows."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if watched in (self.ui.consent_yes, self.ui.consent_no):
            if key in (Qt.Key.Key_Y, Qt.Key.Key_N):
                (self.ui.consent_yes if key == Qt.Key.Key_Y else self.ui.consent_no).setChecked(
                    True
                )
                self.ui.given_by.setFocus()
                return True
            return False
        index = next((i for i, row in enumerate(self.rows) if watched in (row.yes, row.no)), None)
        if index is None:
            return False
        if key in (Qt.Key.Key_Y, Qt.Key.Key_N):
            self.rows[index].set_answer(key == Qt.Key.Key_Y)
            self._focus_row(index + 1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if key == Qt.Key.Key_Down else -1
            if 0 <= index + step < len(self.rows):
                self._focus_row(index + step)
            return True
        return False

    def _refresh(self) -> None:
        lines = summary_lines(self.answers(), self.consent_given(), self.ui.given_by.text())
        self.ui.summary.setText("<br>".join(lines))
        given = self.consent_given()
        self.ui.consent_state.setText(NOT_ANSWERED if given is None else "")
        if given is not None:
            self.ui.consent_state.setStyleSheet("")

    # Saving

    def _screen(self) -> SafetyScreen:
        given = self.consent_given()
        return SafetyScreen(
            answers=self.answers(),
            consent=Consent(
                given=given is not False,  # unanswered: check as if given, to list everything
                given_by=self.ui.given_by.text(),
                explained=self.ui.explained.toPlainText(),
            ),
            notes=self.ui.notes.toPlainText(),
        )

    def _try_save(self) -> None:
        screen = self._screen()
        problems: dict[str, str] = {}
        if self.consent_given() is None:
            problems["consent_given"] = "Record whether consent was given: Yes or No."
        problems.update(screen_problems(screen))
        if not problems:
            try:
                self.saved = self._record(screen)
            except ValidationError as error:
                problems = error.problems
        self._flag_unanswered(problems)
        show_field_errors(self.ui, SCREEN_FORM_FIELDS, problems)
        # The first two fields are groups of buttons: put the cursor on a button in them.
        first_bad = next((name for name in SCREEN_FORM_FIELDS if name in problems), None)
        if first_bad == "answers":
            first = next((i for i, r in enumerate(self.rows) if r.answer() is None), 0)
            self._focus_row(first)
        elif first_bad == "consent_given":
            self.ui.consent_yes.setFocus()
        if self.saved is not None:
            self.accept()

    def _flag_unanswered(self, problems: dict[str, str]) -> None:
        for row in self.rows:
            row.show_state(flag_unanswered="answers" in problems)
        flagged = "consent_given" in problems
        self.ui.consent_state.setStyleSheet(ERROR_STYLE if flagged else "")

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)
