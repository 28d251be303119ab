"""The contraindication and precaution screen taken before needling, and consent.

Lists differ between sources (DOMAIN.md, Safety). This list covers what the
dry-needling guidelines and reviews cited there name; the clinic's judgement
decides what a "yes" means for the day's treatment. Only three answers are
marked as reasons not to needle at all: no consent and active infection
(at the site or systemic); the rest are precautions to weigh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from imsdesk.domain.plain_text import text_problem


class ScreenKind(StrEnum):
    CONTRAINDICATION = "contraindication"
    PRECAUTION = "precaution"

    @property
    def label(self) -> str:
        return "Do not needle" if self is ScreenKind.CONTRAINDICATION else "Precaution"


@dataclass(frozen=True)
class ScreenQuestion:
    key: str
    question: str
    kind: ScreenKind


C, P = ScreenKind.CONTRAINDICATION, ScreenKind.PRECAUTION
SCREEN_QUESTIONS: tuple[ScreenQuestion, ...] = (
    ScreenQuestion("local_infection", "Infection, wound or skin disease at a planned site", C),
    ScreenQuestion("systemic_infection", "Fever or a systemic infection today", C),
    ScreenQuestion("anticoagulants", "Takes anticoagulants or antiplatelet drugs", P),
    ScreenQuestion("bleeding_disorder", "Bleeding disorder (e.g. haemophilia)", P),
    ScreenQuestion("pregnancy", "Pregnant or may be pregnant", P),
    ScreenQuestion("implanted_device", "Pacemaker, defibrillator or other implanted device", P),
    ScreenQuestion("heart_valve", "Prosthetic heart valve or history of endocarditis", P),
    ScreenQuestion("joint_replacement", "Joint replacement or implant near a planned site", P),
    ScreenQuestion("immunosuppression", "Immunosuppressed (disease or medication)", P),
    ScreenQuestion("lymphoedema", "Lymphoedema or lymph nodes removed (which limb)", P),
    ScreenQuestion("cancer", "Active cancer or a tumour near a planned site", P),
    ScreenQuestion("diabetes", "Diabetes with poor sensation or circulation", P),
    ScreenQuestion("epilepsy", "Epilepsy or seizures", P),
    ScreenQuestion("metal_allergy", "Allergy to metals (e.g. nickel)", P),
    ScreenQuestion("needle_phobia", "Fear of needles", P),
    ScreenQuestion("fainting", "Has fainted with needles or injections before", P),
    ScreenQuestion("lung_disease", "Lung disease or a previous pneumothorax", P),
    ScreenQuestion("recent_surgery", "Surgery near a planned site in the last three months", P),
)
QUESTION_KEYS = tuple(q.key for q in SCREEN_QUESTIONS)
DEFAULT_SCREEN_INTERVAL_DAYS = 180


@dataclass(frozen=True)
class Consent:
    given: bool
    given_by: str  # "patient", or the name and relation of who consented for them
    explained: str  # what was explained: the procedure, common soreness, risks named


@dataclass(frozen=True)
class SafetyScreen:
    answers: dict[str, bool]  # every question, yes (True) or no (False)
    consent: Consent
    notes: str = ""
    recorded_on: date | None = field(default=None, compare=False)
    recorded_by_name: str = field(default="", compare=False)

    def positives(self) -> list[ScreenQuestion]:
        return [q for q in SCREEN_QUESTIONS if self.answers.get(q.key)]

    @property
    def allows_needling(self) -> bool:
        return self.consent.given and not any(
            q.kind is ScreenKind.CONTRAINDICATION for q in self.positives()
        )


def screen_problems(screen: SafetyScreen) -> dict[str, str]:
    """What is missing or wrong in a screen before it can be recorded."""
    problems: dict[str, str] = {}
    unanswered = [q.question for q in SCREEN_QUESTIONS if q.key not in screen.answers]
    if unanswered:
        problems["answers"] = (
            f"Answer every question ({len(unanswered)} left, e.g. '{unanswered[0]}')."
        )
    unknown = set(screen.answers) - set(QUESTION_KEYS)
    if unknown:
        problems["answers"] = f"Unknown screen question: {sorted(unknown)[0]}."
    given_by = screen.consent.given_by.strip()
    if not given_by:
        problems["given_by"] = "Say who gave or refused consent (the patient, or who for them)."
    elif problem := text_problem("Who consented", given_by, 200, one_line=True):
        problems["given_by"] = problem
    if screen.consent.given and not screen.consent.explained.strip():
        problems["explained"] = "Record what was explained before consent was given."
    for name, text, label in (
        ("explained", screen.consent.explained, "What was explained"),
        ("notes", screen.notes, "Notes"),
    ):
        if problem := text_problem(label, text, 5000):
            problems[name] = problem
    return problems


def screen_is_due(last_recorded: date | None, today: date, interval_days: int) -> bool:
    """A screen is due at the first visit and once the last one is older than the interval."""
    return last_recorded is None or (today - last_recorded).days > interval_days
