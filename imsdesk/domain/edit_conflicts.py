"""Two workstations editing one draft: what a save takes in, and what is a real conflict.

Each save of a field states the record it was based on. When another workstation saved
since, the field is compared three ways: the value this editor started from (base), the
value saved meanwhile (theirs) and the value typed here (mine). Only a field both sides
changed, to different values, is a conflict for the person to decide; fields only the
other side changed are taken into this editor, fields only this side changed are saved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from imsdesk.domain.marks import VisitMarks
from imsdesk.domain.visit_record import FIELD_LABELS, VisitRecord

Value = str | int | None

# What a save of the record may change (validated by field_problem), and what signing
# puts a name under: the same fields plus the lung precaution acknowledged.
RECORD_FIELDS = tuple(FIELD_LABELS)
SIGNED_LABELS = {**FIELD_LABELS, "precautions_acknowledged": "Lung precaution acknowledged"}


class Merge(Enum):
    SAVE = "save"  # only this editor changed the field: save it on the new version
    ALREADY_SAVED = "already saved"  # both sides arrived at the same value
    CONFLICT = "conflict"  # both changed it, differently: the person chooses


def merge_field(base: Value, theirs: Value, mine: Value) -> Merge:
    if theirs == mine:
        return Merge.ALREADY_SAVED
    if theirs == base:
        return Merge.SAVE
    return Merge.CONFLICT


@dataclass(frozen=True)
class FieldConflict:
    """One field both workstations changed: what it was, what is saved, what was typed."""

    field: str
    base: Value
    mine: Value
    theirs: Value

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


def changed_fields(before: VisitRecord, after: VisitRecord) -> tuple[str, ...]:
    """The signed content whose saved value differs between two reads of one visit."""
    return tuple(f for f in SIGNED_LABELS if getattr(before, f) != getattr(after, f))


def saved_from(record: VisitRecord) -> str:
    """'Alex Morgan on ROOM-2 at 10:42': who saved this version, as shown to people."""
    who = record.saved_by or "someone"
    where = f" on {record.saved_on}" if record.saved_on else ""
    when = f" at {record.saved_at.astimezone():%H:%M}" if record.saved_at else ""
    return f"{who}{where}{when}"


def marks_changes(seen: VisitMarks, saved: VisitMarks) -> tuple[str, ...]:
    """How the saved body map differs from the one shown ('1 needle site added'); empty
    when they hold the same marks, in whatever order."""
    findings = _changes(
        {(f.muscle_key, f.side): f for f in seen.findings},
        {(f.muscle_key, f.side): f for f in saved.findings},
    )
    needles = _changes({n.uid: n for n in seen.needles}, {n.uid: n for n in saved.needles})
    words = []
    for counts, noun in ((findings, "shortened muscle"), (needles, "needle site")):
        for change in ("added", "changed", "removed"):
            if counts[change]:
                plural = "s" if counts[change] > 1 else ""
                words.append(f"{counts[change]} {noun}{plural} {change}")
    return tuple(words)


def _changes(seen: dict[object, object], saved: dict[object, object]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for key, mark in saved.items():
        if key not in seen:
            counts["added"] += 1
        elif seen[key] != mark:
            counts["changed"] += 1
    counts["removed"] = sum(1 for key in seen if key not in saved)
    return counts
