"""A patient's whole chart as plain data: what every export (PDF, CSV, FHIR) is made from.

Built by ``imsdesk.services.chart_records``; nothing here reads the database. Times are
aware datetimes in UTC, days are dates; sides are the patient's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from imsdesk.domain.anatomy import SnomedCode


@dataclass(frozen=True)
class ChartClinician:
    id: int
    name: str
    registration_number: str


@dataclass(frozen=True)
class ChartPatient:
    id: int
    chart_number: str
    family_name: str
    given_names: str
    date_of_birth: date
    sex: str  # female, male, intersex, unknown
    phone: str
    email: str
    address: str
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class ChartEpisode:
    id: int
    condition: str
    started_on: date
    closed_on: date | None
    referral_source: str
    referral_date: date | None
    goals: str


@dataclass(frozen=True)
class ScreenAnswer:
    key: str
    question: str
    answer: bool


@dataclass(frozen=True)
class ChartScreen:
    """A safety screen with consent, as answered."""

    id: int
    visit_id: int | None
    recorded_at: datetime
    recorded_by_id: int
    answers: tuple[ScreenAnswer, ...]
    notes: str
    consent_given: bool
    consent_given_by: str
    consent_explained: str


@dataclass(frozen=True)
class ChartFinding:
    """A muscle found shortened (severity 1 mild to 3 marked)."""

    id: int
    muscle_key: str
    muscle_name: str
    side: str
    severity: int
    note: str
    snomed: SnomedCode | None


@dataclass(frozen=True)
class ChartNeedle:
    id: int
    uid: str
    muscle_key: str
    muscle_name: str
    side: str
    view: str
    x: float
    y: float
    depth_mm: float | None
    length_mm: int | None
    gauge: str
    response: str | None  # grasp, twitch, none; None when not noted
    note: str
    snomed: SnomedCode | None


@dataclass(frozen=True)
class ChartSign:
    """An examination sign at a spinal level and side."""

    id: int
    level: str
    side: str
    kind: str
    label: str
    note: str


@dataclass(frozen=True)
class ChartScore:
    """An outcome questionnaire: the answers as given and the score."""

    id: int
    instrument: str  # key: nprs, odi, ...
    instrument_name: str
    short_name: str
    units: str
    answers: tuple[int | None, ...]
    activities: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class ChartAmendment:
    id: int
    author_id: int
    created_at: datetime
    reason: str
    text: str


@dataclass(frozen=True)
class ChartAdverseEvent:
    id: int
    recorded_at: datetime
    recorded_by_id: int
    kind: str
    kind_label: str
    description: str
    action_taken: str


@dataclass(frozen=True)
class ChartVisit:
    id: int
    number: int  # 1 for the patient's first visit
    started_at: datetime
    status: str  # draft or signed
    therapist_id: int
    signed_at: datetime | None
    signed_by_id: int | None
    episode_id: int | None
    subjective: str
    objective: str
    assessment: str
    plan: str
    pain_before: int | None
    pain_after: int | None
    needles_used: int | None
    needles_removed: int | None
    precautions_acknowledged: str
    findings: tuple[ChartFinding, ...]
    needles: tuple[ChartNeedle, ...]
    signs: tuple[ChartSign, ...]
    scores: tuple[ChartScore, ...]
    amendments: tuple[ChartAmendment, ...]
    adverse_events: tuple[ChartAdverseEvent, ...]

    @property
    def signed(self) -> bool:
        return self.status == "signed"


@dataclass(frozen=True)
class PatientChart:
    patient: ChartPatient
    clinicians: tuple[ChartClinician, ...]  # everyone who charted, signed or screened
    episodes: tuple[ChartEpisode, ...]
    screens: tuple[ChartScreen, ...]
    visits: tuple[ChartVisit, ...]  # oldest first

    def clinician(self, user_id: int | None) -> ChartClinician | None:
        return next((c for c in self.clinicians if c.id == user_id), None)
