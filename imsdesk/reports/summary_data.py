"""The plain data a printed document is made from.

A service fills these from the database (``imsdesk.services.summaries``); the report
modules turn them into PDF bytes. Nothing here knows about the database, Qt or
reportlab, so a document can be built in a test from values typed in by hand.

Clinical wording that depends on the record (which muscles, what changed, which
minimal clinically important difference applies) arrives here already written; the
report modules only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Letterhead:
    clinic_name: str = ""
    address: str = ""  # one or more lines, separated by newlines
    phone: str = ""
    logo: bytes | None = None  # PNG or JPEG file contents; None prints no logo


@dataclass(frozen=True)
class Clinician:
    name: str
    registration_number: str = ""


@dataclass(frozen=True)
class MapImage:
    """One body-map view with this visit's marks, drawn by the GUI layer as a PNG."""

    view: str  # a View value ("posterior"); the caption comes from the wording template
    png: bytes


@dataclass(frozen=True)
class SessionSummary:
    """What the patient takes home after a visit."""

    letterhead: Letterhead
    patient_name: str  # as the patient reads it: "Jane Doe"
    visit_date: date
    therapist: Clinician
    treated: tuple[str, ...] = ()  # plain language: "Right gluteus medius"
    pain_before: int | None = None  # 0–10, None when not recorded
    pain_after: int | None = None
    next_appointment: str = ""
    maps: tuple[MapImage, ...] = ()
    chest_advice: bool = False  # a needle site carried the lung and pleura precaution
    visit_number: int | None = None  # in the episode of care, when the visit has one
    paper_size: str = "A4"
    notes: tuple[str, ...] = ()  # for the person printing it (e.g. a missing logo); not printed


@dataclass(frozen=True)
class McidMark:
    """Where an important improvement from the first score lies, drawn on a chart."""

    target: float  # the score that is a clinically important improvement on the first one
    label: str  # "2 points, or a 30 % improvement; low back pain"


@dataclass(frozen=True)
class OutcomePoint:
    day: date
    score: float


@dataclass(frozen=True)
class OutcomeSeries:
    """One outcome measure over the course, with its MCID and the change in words."""

    short_name: str  # "ODI"
    name: str  # "Oswestry Disability Index"
    units: str  # "%", "points (0–50)"
    score_min: float
    score_max: float
    higher_is_better: bool
    points: tuple[OutcomePoint, ...]
    mcid: McidMark | None = None  # None when no MCID applies or it falls off the scale
    mcid_note: str = ""  # what the MCID is and where it comes from, or why none is marked
    change: str = ""  # first to latest, with the numbers


@dataclass(frozen=True)
class ProgressVisit:
    number: int  # 1 for the first visit in the report
    day: date
    pain_before: int | None
    pain_after: int | None
    levels: tuple[str, ...]  # paraspinal levels needled: "L4–L5 (left)"
    muscles: tuple[str, ...]  # other muscles needled: "Gluteus medius (right)"
    needles: int | None  # needles used, as counted
    signed: bool


@dataclass(frozen=True)
class LevelRow:
    """One spinal level and side across the visits: a row of the segment table."""

    label: str  # "L5 right"
    side: str  # "left" or "right": the table puts a rule between the two
    scores: tuple[float, ...]  # one per visit of the report, in its order
    implicated: tuple[bool, ...]  # at each visit: among the levels the analysis pointed to


@dataclass(frozen=True)
class SegmentTrend:
    """How the most implicated spinal levels scored at each visit, and the change."""

    rows: tuple[LevelRow, ...]  # head to tail; empty when no level ever scored
    change: str  # one line, first to latest visit, with the numbers
    key: str  # how a score is made and which levels are shown


@dataclass(frozen=True)
class CourseLength:
    visits: int
    typical_visits: float
    typical_source: str


@dataclass(frozen=True)
class ProgressReport:
    """A course of treatment for a referring doctor or an insurer."""

    letterhead: Letterhead
    patient_name: str
    date_of_birth: date | None
    chart_number: str
    title: str  # the episode's condition, or "All visits"
    prepared_on: date
    visits: tuple[ProgressVisit, ...]
    course: CourseLength
    clinicians: tuple[Clinician, ...] = ()
    episode_started: date | None = None
    episode_closed: date | None = None
    referral: str = ""
    goals: str = ""
    changes: tuple[str, ...] = ()  # first to latest, one sentence each, with the numbers
    pain_mcid: McidMark | None = None
    outcomes: tuple[OutcomeSeries, ...] = ()
    sources: tuple[str, ...] = ()  # full references for the figures quoted
    segments: SegmentTrend | None = None  # None: the section is left out
    paper_size: str = "A4"
    notes: tuple[str, ...] = ()  # for the person printing it; not printed
