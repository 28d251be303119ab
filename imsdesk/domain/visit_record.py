"""What a visit holds besides the map, and the rules for changing and signing it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from imsdesk.domain.plain_text import text_problem
from imsdesk.domain.visits import Visit

NOTE_FIELDS = ("subjective", "objective", "assessment", "plan")
NOTE_LABELS = {
    "subjective": "Subjective",
    "objective": "Objective",
    "assessment": "Assessment",
    "plan": "Plan",
}
PAIN_FIELDS = ("pain_before", "pain_after")
COUNT_FIELDS = ("needles_used", "needles_removed")
# What a visit's row holds as charted, named alike on the row and the records made of it.
CHARTED_FIELDS = (*NOTE_FIELDS, *PAIN_FIELDS, *COUNT_FIELDS, "precautions_acknowledged")
FIELD_LABELS = {
    **NOTE_LABELS,
    "pain_before": "Pain before",
    "pain_after": "Pain after",
    "needles_used": "Needles used",
    "needles_removed": "Needles removed",
}
MAX_NEEDLES = 200
MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class Amendment:
    author_name: str
    created_at: datetime
    reason: str
    text: str


@dataclass(frozen=True)
class VisitRecord:
    visit: Visit
    subjective: str = ""
    objective: str = ""
    assessment: str = ""
    plan: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    needles_used: int | None = None
    needles_removed: int | None = None
    signed_at: datetime | None = None
    signed_by_name: str = ""
    amendments: tuple[Amendment, ...] = ()
    precautions_acknowledged: str = ""
    # Which save of the record this is, and who made it from where, when (several
    # workstations share a clinic database: a save states the version it was based on).
    version: int = 1
    saved_by: str = ""
    saved_on: str = ""
    saved_at: datetime | None = None

    def value(self, field: str) -> str | int | None:
        return getattr(self, field)


def field_problem(field: str, value: object) -> str | None:
    """Why ``value`` cannot be stored in ``field`` of a visit, or None when it can."""
    label = FIELD_LABELS.get(field)
    if label is None:
        return f"'{field}' is not part of a visit record."
    if field in NOTE_FIELDS:
        return text_problem(label, value) if isinstance(value, str) else f"{label} must be text."
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return f"{label} must be a whole number."
    if field in PAIN_FIELDS and not 0 <= value <= 10:
        return f"{label} is rated 0 (no pain) to 10 (worst imaginable); {value} is outside that."
    if field in COUNT_FIELDS and not 0 <= value <= MAX_NEEDLES:
        return f"{label} must be between 0 and {MAX_NEEDLES}."
    return None


@dataclass(frozen=True)
class ScreenStatus:
    """Where the patient's safety screen stands on the day of the visit."""

    due: bool  # none yet, or the last is older than the clinic's interval
    consent_given: bool | None  # from the latest screen; None when there is none
    recorded_on: date | None = None  # when the latest screen was taken


def signing_problems(
    record: VisitRecord, screen: ScreenStatus, precautions_to_acknowledge: str = ""
) -> list[str]:
    """What must be put right before the visit can be signed; empty when it may be.

    ``precautions_to_acknowledge`` is the lung-precaution text for today's needle sites
    (empty when none); it must match what the therapist acknowledged.
    """
    problems = []
    if precautions_to_acknowledge and precautions_to_acknowledge != record.precautions_acknowledged:
        problems.append(
            "Needle sites over the lung need the precaution acknowledged for this visit "
            "(the banner above the body map)."
        )
    if screen.due:
        problems.append(
            "A safety screen is due (first visit, or the last one is older than the clinic's "
            "interval). Record the screen and consent before signing."
        )
    elif screen.consent_given is False and (record.needles_used or 0) > 0:
        problems.append("Needles were used but the latest screen records consent as refused.")
    used, removed = record.needles_used, record.needles_removed
    if used is None or removed is None:
        problems.append(
            "Record the needle count (needles used and needles removed) before signing."
        )
    elif used != removed:
        problems.append(
            f"Needle count does not match: {used} used, {removed} removed. "
            "Find and account for every needle before signing."
        )
    return problems


def parse_count(field: str, text: str) -> int | None:
    """Read a typed rating or count: blank is 'not recorded'; anything else must be valid."""
    label = FIELD_LABELS[field]
    stripped = text.strip()
    if not stripped:
        return None
    # isdecimal, not isdigit: "²" is a digit that int() cannot read. A sign is read, so
    # "-1" is told it is out of range rather than that it is not a number.
    digits = stripped[1:] if stripped[0] in "+-" else stripped
    if not digits.isdecimal():
        raise ValueError(f"{label} must be a whole number; '{stripped}' is not.")
    value = int(stripped)
    problem = field_problem(field, value)
    if problem:
        raise ValueError(problem)
    return value
