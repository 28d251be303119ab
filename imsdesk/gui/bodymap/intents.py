"""What a click or a key on the body map means, as a core command (or None: no change).

Qt-free: the panel's slots stay one line each (ask here, then run the command), and the
rules (a second click raises severity, a note on an unmarked muscle marks it) are tested
without a window. They would sit well in ``services/mark_commands.py``; until then they
live beside the map that uses them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity, VisitMarks
from imsdesk.services.mark_commands import MarkCommand, ReplaceMarks, SetFinding, SetNeedle


def cycle_finding(
    visit_id: int, marks: VisitMarks, muscle_key: str, side: Side
) -> SetFinding | None:
    """First click marks a muscle shortened (1); each further click raises it, up to 3.

    At 3 a click changes nothing: clearing is deliberate (right-click or Del), never a
    side effect of one click too many.
    """
    before = marks.finding(muscle_key, side)
    if before is None:
        return SetFinding(visit_id, muscle_key, side, None, MuscleFinding(muscle_key, side))
    if before.severity >= Severity.MARKED:
        return None
    after = replace(before, severity=Severity(before.severity + 1))
    return SetFinding(visit_id, muscle_key, side, before, after)


def set_severity(
    visit_id: int, marks: VisitMarks, muscle_key: str, side: Side, severity: int
) -> SetFinding | None:
    before = marks.finding(muscle_key, side)
    wanted = Severity(severity)
    if before is not None and before.severity == wanted:
        return None
    after = (
        MuscleFinding(muscle_key, side, wanted)
        if before is None
        else replace(before, severity=wanted)
    )
    return SetFinding(visit_id, muscle_key, side, before, after)


def set_finding_note(
    visit_id: int, marks: VisitMarks, muscle_key: str, side: Side, note: str
) -> SetFinding | None:
    """A note on an unmarked muscle marks it (severity 1): a note is a finding."""
    before = marks.finding(muscle_key, side)
    note = note.strip()
    if (before.note if before else "") == note:
        return None
    after = (
        MuscleFinding(muscle_key, side, note=note) if before is None else replace(before, note=note)
    )
    return SetFinding(visit_id, muscle_key, side, before, after)


def clear_finding(
    visit_id: int, marks: VisitMarks, muscle_key: str, side: Side
) -> SetFinding | None:
    before = marks.finding(muscle_key, side)
    if before is None:
        return None
    return SetFinding(visit_id, muscle_key, side, before, None)


def place_needle(
    visit_id: int, muscle_key: str, side: Side, view: View, x: float, y: float
) -> SetNeedle:
    """A new needle site at the clicked point (the view's own units), details to follow."""
    site = NeedleSite(muscle_key=muscle_key, side=side, view=view, x=float(x), y=float(y))
    return SetNeedle(visit_id, None, site)


def edit_needle(visit_id: int, marks: VisitMarks, uid: str, **changes: Any) -> SetNeedle | None:
    """Change a needle's details (response, depth_mm, length_mm, gauge, note)."""
    before = marks.needle(uid)
    if before is None:
        return None
    if changes.get("response") is not None:
        changes["response"] = Response(changes["response"])
    if "note" in changes:
        changes["note"] = str(changes["note"]).strip()
    if "gauge" in changes:
        changes["gauge"] = str(changes["gauge"]).strip()
    after = replace(before, **changes)
    return None if after == before else SetNeedle(visit_id, before, after)


def remove_needle(visit_id: int, marks: VisitMarks, uid: str) -> SetNeedle | None:
    before = marks.needle(uid)
    return None if before is None else SetNeedle(visit_id, before, None)


def applied(marks: VisitMarks, command: MarkCommand, *, undo: bool = False) -> VisitMarks:
    """The visit's marks once ``command`` (or its undo) has been saved.

    Mirrors what the service just stored, in the service's order (a changed mark keeps its
    place, a new one comes last), so the map need not re-read every mark after each click.
    """
    if isinstance(command, ReplaceMarks):
        return command.before if undo else command.after
    if isinstance(command, SetFinding):
        finding = command.before if undo else command.after
        key = (command.muscle_key, command.side)
        kept = [f for f in marks.findings if (f.muscle_key, f.side) != key]
        if finding is None:
            return replace(marks, findings=tuple(kept))
        if len(kept) == len(marks.findings):
            return replace(marks, findings=(*marks.findings, finding))
        return replace(
            marks,
            findings=tuple(finding if (f.muscle_key, f.side) == key else f for f in marks.findings),
        )
    site = command.before if undo else command.after
    other = command.after if undo else command.before
    uid = (site or other).uid  # type: ignore[union-attr]
    if site is None:
        return replace(marks, needles=tuple(n for n in marks.needles if n.uid != uid))
    if marks.needle(uid) is None:
        return replace(marks, needles=(*marks.needles, site))
    return replace(marks, needles=tuple(site if n.uid == uid else n for n in marks.needles))
