"""What the body map records in a visit: shortened muscles and needle sites.

Plain values, checked against the atlas here so every path in (GUI, CLI,
import) refuses the same bad marks with the same words.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from imsdesk.domain.anatomy import Atlas, Side, View
from imsdesk.domain.plain_text import text_problem


class Severity(IntEnum):
    """How shortened and supersensitive a muscle is on examination."""

    MILD = 1
    MODERATE = 2
    MARKED = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Response(StrEnum):
    """What the needle met: the grasp a shortened muscle gives, a twitch, or nothing."""

    GRASP = "grasp"
    TWITCH = "twitch"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"grasp": "Grasp", "twitch": "Twitch", "none": "No response"}[self.value]


MAX_NOTE_CHARS = 2000
MAX_DEPTH_MM = 150.0
NEEDLE_LENGTHS_MM = (13, 15, 25, 30, 40, 50, 60, 75, 100, 125)


@dataclass(frozen=True)
class MuscleFinding:
    muscle_key: str
    side: Side
    severity: Severity = Severity.MILD
    note: str = ""


@dataclass(frozen=True)
class NeedleSite:
    """One needle insertion, placed where it was clicked in a view's own coordinates.

    ``uid`` is the site's identity for its whole life (undo and redo put back
    the same site, not a look-alike).
    """

    muscle_key: str
    side: Side
    view: View
    x: float
    y: float
    depth_mm: float | None = None
    length_mm: int | None = None
    gauge: str = ""
    response: Response | None = None
    note: str = ""
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class VisitMarks:
    findings: tuple[MuscleFinding, ...] = ()
    needles: tuple[NeedleSite, ...] = ()

    def finding(self, muscle_key: str, side: Side) -> MuscleFinding | None:
        for finding in self.findings:
            if finding.muscle_key == muscle_key and finding.side == side:
                return finding
        return None

    def needle(self, uid: str) -> NeedleSite | None:
        return next((n for n in self.needles if n.uid == uid), None)


class MarkError(ValueError):
    """A mark that cannot be recorded; the message says why in one line."""


def check_target(atlas: Atlas, muscle_key: str, side: Side) -> None:
    muscle = atlas.get(muscle_key)
    if muscle is None:
        raise MarkError(f"'{muscle_key}' is not a muscle in the atlas.")
    if side not in muscle.sides:
        sides = " or ".join(s.label.lower() for s in muscle.sides)
        raise MarkError(f"{muscle.name} is recorded as {sides}, not {side.label.lower()}.")


def check_finding(atlas: Atlas, finding: MuscleFinding) -> None:
    check_target(atlas, finding.muscle_key, finding.side)
    if finding.severity not in tuple(Severity):
        raise MarkError("Severity runs from 1 (mild) to 3 (marked).")
    _check_note(finding.note)


def check_needle(atlas: Atlas, site: NeedleSite) -> None:
    check_target(atlas, site.muscle_key, site.side)
    if site.view not in atlas[site.muscle_key].views:
        raise MarkError(f"{atlas[site.muscle_key].name} is not drawn in the {site.view} view.")
    if not (math.isfinite(site.x) and math.isfinite(site.y)):
        raise MarkError("A needle site needs a point on the map.")
    if site.depth_mm is not None and not 0 < site.depth_mm <= MAX_DEPTH_MM:
        raise MarkError(f"Depth is in millimetres, more than 0 and at most {MAX_DEPTH_MM:g}.")
    if site.length_mm is not None and site.length_mm not in NEEDLE_LENGTHS_MM:
        lengths = ", ".join(str(n) for n in NEEDLE_LENGTHS_MM)
        raise MarkError(f"Needle length is one of {lengths} mm.")
    if len(site.gauge) > 16:
        raise MarkError("Needle gauge is at most 16 characters (e.g. 0.25 mm or 32G).")
    if problem := text_problem("The needle gauge", site.gauge, one_line=True):
        raise MarkError(problem)
    _check_note(site.note)


def _check_note(note: str) -> None:
    if len(note) > MAX_NOTE_CHARS:
        raise MarkError(f"A note is at most {MAX_NOTE_CHARS} characters.")
    if problem := text_problem("The note", note):
        raise MarkError(problem)
