"""Segmental reasoning beside the map: the spine strip, why a level scores, what to check.

Everything shown comes from the domain analysis; suggestions are never charted without
a click ("Mark paraspinal L5 right" goes through the map's undo stack like any mark).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import Atlas, Side, SpinalLevel, load_atlas
from imsdesk.domain.marks import MuscleFinding, VisitMarks
from imsdesk.domain.segments import (
    SCORE_RULE,
    ExamSign,
    SignKind,
    analyse_segments,
    suggest,
)
from imsdesk.gui.spine_strip import SpineStrip
from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.mark_commands import SetFinding

NOTES_MIN_WIDTH = 240  # about 35 characters a line: a suggestion reads in a few lines
NOTES_WIDTH = 250  # the suggestions column when it is opened


class SegmentsPanel(QWidget):
    status_message = Signal(str)
    notes_toggled = Signal(bool)  # the suggestions column asked shown (True) or folded away
    level_muscles = Signal(object)  # frozenset of (muscle key, side) of the chosen level
    dermatome_chosen = Signal(object)  # (level, side) to mark on the map, or None

    def __init__(
        self,
        signs: ExamSignService,
        run_mark: Callable[[SetFinding], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SegmentsPanel")
        self._signs = signs
        self._run_mark = run_mark
        self.visit_id = 0
        self.read_only = False
        self.marks = VisitMarks()
        self.exam_signs: list[ExamSign] = []
        self.strip = SpineStrip()
        self.strip.level_clicked.connect(self._explain)
        self.strip.level_context.connect(self._sign_menu)
        self.explanation = QLabel(objectName="segment_explanation")
        self.explanation.setWordWrap(True)
        self.mark_button = QPushButton(objectName="mark_paraspinal_button")
        self.mark_button.hide()
        self.mark_button.clicked.connect(self._mark_paraspinal)
        self.dermatome_check = QCheckBox("Show &dermatome", objectName="dermatome_check")
        self.dermatome_check.setToolTip(
            "Mark the chosen level's key sensory point (ISNCSCI) on the map. Dermatome maps "
            "vary between individuals and between sources."
        )
        self.dermatome_check.toggled.connect(self._dermatome_toggled)
        self.suggestions = QLabel(objectName="segment_suggestions")
        self.suggestions.setWordWrap(True)
        self.notes_check = QCheckBox("Show s&uggestions", objectName="segment_notes_check")
        self.notes_check.setToolTip(
            "Show, beside the strip, why the chosen level scores and which levels to check "
            "next (hidden, the map has the width)"
        )
        self.notes_check.toggled.connect(self.notes_toggled)
        title = QLabel("<b>Segments</b>")
        title.setToolTip(f"Score per level. {SCORE_RULE}")
        strip_column = QVBoxLayout(self)
        strip_column.setContentsMargins(0, 0, 0, 0)
        strip_column.addWidget(title)
        strip_column.addWidget(self.strip, 1)
        strip_column.addWidget(self.dermatome_check)
        strip_column.addWidget(self.notes_check)
        # Why a level scores and what to check next: a column of its own that the visit
        # screen places beside the strip and can fold away, giving the map its width.
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 4, 0)
        notes_layout.addWidget(self.explanation)
        notes_layout.addWidget(self.mark_button)
        notes_layout.addWidget(self.suggestions)
        notes_layout.addStretch(1)
        self.notes = QScrollArea(objectName="segment_notes")
        self.notes.setWidget(notes)
        self.notes.setWidgetResizable(True)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setMinimumWidth(NOTES_MIN_WIDTH)
        self._chosen: tuple[SpinalLevel, Side] | None = None

    def show_visit(
        self, visit_id: int, marks: VisitMarks, signs: list[ExamSign], *, read_only: bool
    ) -> None:
        """Show the visit's marks and exam signs, as the visit screen read them."""
        self.visit_id = visit_id
        self.read_only = read_only
        self.exam_signs = signs
        self.update_marks(marks)
        if self._chosen is not None:  # a new map: outline the chosen level there too
            self._choose(*self._chosen)

    def update_marks(self, marks: VisitMarks) -> None:
        self.marks = marks
        analysis = analyse_segments(marks.findings, self.exam_signs)
        self.analysis = analysis
        signed_levels = {(s.level, s.side) for s in self.exam_signs}
        self.strip.set_analysis(analysis, signed_levels)
        sentences = suggest(analysis).sentences()
        self.suggestions.setText(
            "<b>Suggestions</b> (nothing is charted without your click):"
            # One short paragraph each, a little apart: several read at a glance.
            + "".join(f"<p style='margin-top:5px'>{escape(line)}</p>" for line in sentences)
            if sentences
            else "Mark shortened muscles to see which levels they point to."
        )
        if self._chosen is not None:
            self._show_chosen()  # the map's outlines and overlay stay as they are

    def show_notes(self, shown: bool) -> None:
        """Tick or untick "Show suggestions" without asking for the column again (the
        visit screen says so when the column was folded away by dragging)."""
        self.notes_check.blockSignals(True)
        self.notes_check.setChecked(shown)
        self.notes_check.blockSignals(False)

    def _explain(self, level: str, side: str) -> None:
        """A level clicked on the strip: its reasons are wanted, so they are shown."""
        self._choose(level, side)
        self.notes_check.setChecked(True)

    def _choose(self, level: str, side: str) -> None:
        chosen = (SpinalLevel.parse(level), Side(side))
        self._chosen = chosen
        self._show_chosen()
        myotome = self._atlas().muscles_for_root(chosen[0])
        self.level_muscles.emit(frozenset((m.key, chosen[1]) for m in myotome))
        if self.dermatome_check.isChecked():
            self.dermatome_chosen.emit(chosen)

    def _show_chosen(self) -> None:
        """Why the chosen level scores, and the offer to mark its paraspinal target."""
        if self._chosen is None:
            return
        level, side = self._chosen
        self.explanation.setText(self.analysis.score(level, side).explain())
        marked = self.marks.finding(f"paraspinal_{level.value.lower()}", side) is not None
        self.mark_button.setText(f"Mark paraspinal {level} {side.label.lower()}")
        self.mark_button.setVisible(not marked and not self.read_only)

    def dermatome_shown(self) -> tuple[SpinalLevel, Side] | None:
        """The level and side whose dermatome the map should mark, if any."""
        return self._chosen if self.dermatome_check.isChecked() else None

    def _dermatome_toggled(self, on: bool) -> None:
        if on and self._chosen is None:
            self.status_message.emit("Click a level on the strip to see its dermatome.")
        self.dermatome_chosen.emit(self.dermatome_shown())

    @staticmethod
    def _atlas() -> Atlas:
        return load_atlas()

    def _mark_paraspinal(self) -> None:
        if self._chosen is None:
            return
        level, side = self._chosen
        key = f"paraspinal_{level.value.lower()}"
        self._run_mark(SetFinding(self.visit_id, key, side, None, MuscleFinding(key, side)))

    def _sign_menu(self, level: str, side: str, where: QPoint) -> None:
        chosen_level, chosen_side = SpinalLevel.parse(level), Side(side)
        menu = QMenu(self)
        menu.addSection(f"Exam signs at {chosen_level} {chosen_side.label.lower()}")
        present = {
            s.kind for s in self.exam_signs if (s.level, s.side) == (chosen_level, chosen_side)
        }
        for kind in SignKind:
            action = QAction(kind.label, menu, checkable=True, checked=kind in present)
            action.setEnabled(not self.read_only)
            action.toggled.connect(
                lambda on, k=kind: self.set_sign(ExamSign(chosen_level, chosen_side, k), on)
            )
            menu.addAction(action)
        menu.popup(where)
        self.context_menu = menu

    def set_sign(self, sign: ExamSign, present: bool) -> None:
        try:
            self._signs.set_sign(self.visit_id, sign, present)
        except (ServiceError, StoreError) as error:
            self.status_message.emit(f"Not saved: {error}")
        else:
            verb = "Recorded" if present else "Removed"
            self.status_message.emit(
                f"{verb} {sign.kind.label.lower()} at {sign.level} {sign.side.label.lower()}."
            )
        self.reload_signs()  # show what is saved, nothing else

    def reload_signs(self) -> None:
        """Show the exam signs saved now (this workstation's and any other's)."""
        self.exam_signs = self._signs.signs(self.visit_id)
        self.update_marks(self.marks)
