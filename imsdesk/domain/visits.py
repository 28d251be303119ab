"""Visit states and the rules that follow from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


def days_between(earlier: datetime, later: datetime) -> int:
    return (later.date() - earlier.date()).days
