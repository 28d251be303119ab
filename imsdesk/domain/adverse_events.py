"""Adverse events during or after needling, with the action taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from imsdesk.domain.plain_text import text_problem


class AdverseEventKind(StrEnum):
    FAINTING = "fainting"
    BLEEDING = "bleeding"
    BRUISING = "bruising"
    SUSPECTED_PNEUMOTHORAX = "suspected_pneumothorax"
    INCREASED_PAIN = "increased_pain"
    NERVE_IRRITATION = "nerve_irritation"
    NAUSEA = "nausea"
    NEEDLE_PROBLEM = "needle_problem"  # bent, stuck, broken or retained needle
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "suspected_pneumothorax": "Suspected pneumothorax",
            "increased_pain": "Increased pain",
            "nerve_irritation": "Nerve irritation",
            "needle_problem": "Needle bent, stuck, broken or retained",
        }.get(self.value, self.value.capitalize())


@dataclass(frozen=True)
class AdverseEvent:
    kind: AdverseEventKind
    description: str
    action_taken: str
    recorded_at: datetime | None = field(default=None, compare=False)
    recorded_by_name: str = field(default="", compare=False)


def adverse_event_problems(event: AdverseEvent) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not event.description.strip():
        problems["description"] = "Describe what happened."
    if not event.action_taken.strip():
        problems["action_taken"] = "Record the action taken (even 'observed, settled')."
    for name, text, label in (
        ("description", event.description, "Description"),
        ("action_taken", event.action_taken, "Action taken"),
    ):
        if problem := text_problem(label, text, 5000):
            problems.setdefault(name, problem)
    return problems
