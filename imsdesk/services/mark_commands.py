"""Undoable body-map edits, Qt-free: each knows how to apply and revert itself.

The GUI wraps each in a thin QUndoCommand; tests drive them directly. Every
apply and revert is one MarkService call, so each is saved at once. Each states the
mark it was made on (``before`` when applied, ``after`` when reverted), so an edit or
an undo never overwrites what another workstation saved meanwhile (MarkConflict).
"""

from __future__ import annotations

from dataclasses import dataclass

from imsdesk.domain.anatomy import Side
from imsdesk.domain.marks import MuscleFinding, NeedleSite, VisitMarks
from imsdesk.services.marks import MarkService


@dataclass(frozen=True)
class SetFinding:
    """Change one muscle's finding: add, re-grade, re-note or clear (None)."""

    visit_id: int
    muscle_key: str
    side: Side
    before: MuscleFinding | None
    after: MuscleFinding | None

    @property
    def text(self) -> str:
        if self.after is None:
            return "Clear finding"
        return "Mark shortened muscle" if self.before is None else "Change finding"

    def apply(self, marks: MarkService) -> None:
        self._put(marks, self.after, self.before)

    def revert(self, marks: MarkService) -> None:
        self._put(marks, self.before, self.after)

    def _put(
        self, marks: MarkService, finding: MuscleFinding | None, was: MuscleFinding | None
    ) -> None:
        if finding is None:
            marks.remove_finding(self.visit_id, self.muscle_key, self.side, expected=was)
        else:
            marks.put_finding(self.visit_id, finding, expected=was)


@dataclass(frozen=True)
class SetNeedle:
    """Place, edit or remove (after=None) one needle site, identified by its uid."""

    visit_id: int
    before: NeedleSite | None
    after: NeedleSite | None

    @property
    def text(self) -> str:
        if self.after is None:
            return "Remove needle site"
        return "Place needle" if self.before is None else "Edit needle site"

    def apply(self, marks: MarkService) -> None:
        self._put(marks, self.after, self.before)

    def revert(self, marks: MarkService) -> None:
        self._put(marks, self.before, self.after)

    def _put(self, marks: MarkService, site: NeedleSite | None, other: NeedleSite | None) -> None:
        if site is not None:
            marks.put_needle(self.visit_id, site, expected=other)
        elif other is not None:
            marks.remove_needle(self.visit_id, other.uid, expected=other)


@dataclass(frozen=True)
class ReplaceMarks:
    """Swap the whole map in one step (copy forward from the previous visit)."""

    visit_id: int
    before: VisitMarks
    after: VisitMarks
    text: str = "Copy forward previous visit"

    def apply(self, marks: MarkService) -> None:
        marks.replace_all(self.visit_id, self.after, expected=self.before)

    def revert(self, marks: MarkService) -> None:
        marks.replace_all(self.visit_id, self.before, expected=self.after)


MarkCommand = SetFinding | SetNeedle | ReplaceMarks
