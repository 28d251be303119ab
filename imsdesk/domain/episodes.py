"""Episodes of care: the condition a course of visits treats, its referral and goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from imsdesk.domain.plain_text import text_problem


@dataclass(frozen=True)
class CourseReference:
    """A typical course length to show beside the visit count, with where it comes from."""

    visits: float
    source: str


# DOMAIN.md: the clinic's patient material cites 8.2 (low-back-pain studies); the Gunn
# 1980 Spine abstract reports 7.9. Shown with its source; a clinic may set its own.
TYPICAL_COURSE = CourseReference(
    8.2, "average number of IMS treatments in published low-back-pain studies"
)


@dataclass(frozen=True)
class EpisodeDetails:
    condition: str
    started_on: date
    referral_source: str = ""
    referral_date: date | None = None
    goals: str = ""


@dataclass(frozen=True)
class Episode(EpisodeDetails):
    id: int = 0
    patient_id: int = 0
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def episode_problems(details: EpisodeDetails, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not details.condition.strip():
        problems["condition"] = "Name the condition treated (e.g. low back pain with R leg pain)."
    elif problem := text_problem("Condition", details.condition, 200):
        problems["condition"] = problem
    if details.started_on > today:
        problems["started_on"] = "An episode cannot start in the future."
    if details.referral_date is not None and details.referral_date > today:
        problems["referral_date"] = "The referral date is in the future."
    for name, text, label, limit in (
        ("referral_source", details.referral_source, "Referral", 200),
        ("goals", details.goals, "Goals", 5000),
    ):
        if problem := text_problem(label, text, limit):
            problems[name] = problem
    return problems
