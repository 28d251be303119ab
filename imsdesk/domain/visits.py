"""Visit states and the rules that follow from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class VisitStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Visit:
    id: int
    patient_id: int
    therapist_id: int
    therapist_name: str
    started_at: datetime
    status: VisitStatus
    number: int  # 1 for the patient's first visit, in order of start time

    @property
    def is_editable(self) -> bool:
        # Signed notes are records: never altered, only amended.
        return self.status is VisitStatus.DRAFT


def todays_draft(visits: Iterable[Visit], today: date) -> Visit | None:
    """The patient's unsigned visit started today (the workstation's day), if any: the one
    to carry on with rather than start a second for the same treatment."""
    drafts = [
        visit
        for visit in visits
        if visit.status is VisitStatus.DRAFT and visit.started_at.astimezone().date() == today
    ]
    return max(drafts, key=lambda visit: visit.number, default=None)


def days_between(earlier: datetime, later: datetime) -> int:
    return (later.date() - earlier.date()).days


# Clocks on two workstations can disagree a little; a visit hours ahead is a typing error.
FUTURE_TOLERANCE = timedelta(hours=1)


def visit_date_problem(started_at: datetime, born: date, now: datetime) -> str | None:
    if started_at > now + FUTURE_TOLERANCE:
        return "A visit cannot be dated in the future."
    if started_at.date() < born:
        return "A visit cannot be dated before the patient's birth."
    return None
