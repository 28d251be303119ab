"""Charts as CSV tables: one file per table, every column described once, here.

The same descriptions are written into the export's README.txt, so whoever receives the
files knows what each column holds without asking the clinic's software vendor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from imsdesk.reports.chart_data import ChartVisit, PatientChart

Cell = str | int | float | bool | date | datetime | None
CSV_ENCODING = "utf-8-sig"  # with a byte-order mark, so spreadsheets read accents right


@dataclass(frozen=True)
class Column:
    name: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str  # the file is <name>.csv
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[PatientChart], Iterable[tuple[Cell, ...]]]
    shared: bool = False  # rows several charts share (clinicians): each written once

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def cell_text(value: Cell) -> str:
    """How a value is written: blank for none, ISO dates and times, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, description) for name, description in pairs)


_VISIT_ID = ("visit_id", "The visit (visits.csv)")
_PATIENT_ID = ("patient_id", "The patient (patients.csv)")


def _per_visit(
    chart: PatientChart, items: Callable[[ChartVisit], Iterable[tuple[Cell, ...]]]
) -> Iterable[tuple[Cell, ...]]:
    for visit in chart.visits:
        for item in items(visit):
            yield (item[0], visit.id, chart.patient.id, *item[1:])


TABLES: tuple[Table, ...] = (
    Table(
        "patients",
        "One row per patient.",
        _columns(
            ("patient_id", "imsdesk's number for the patient, used by the other tables"),
            ("chart_number", "The clinic's chart number"),
            ("family_name", "Family name"),
            ("given_names", "Given names"),
            ("date_of_birth", "Date of birth (YYYY-MM-DD)"),
            ("sex", "female, male, intersex or unknown (not recorded)"),
            ("phone", "Phone"),
            ("email", "Email"),
            ("address", "Postal address as typed"),
            ("notes", "Administrative notes"),
            ("created_at", "When the patient was added (UTC)"),
        ),
        lambda c: [
            (
                c.patient.id,
                c.patient.chart_number,
                c.patient.family_name,
                c.patient.given_names,
                c.patient.date_of_birth,
                c.patient.sex,
                c.patient.phone,
                c.patient.email,
                c.patient.address,
                c.patient.notes,
                c.patient.created_at,
            )
        ],
    ),
    Table(
        "clinicians",
        "Everyone who charted, signed, amended or screened for these patients.",
        _columns(
            ("clinician_id", "imsdesk's number for the clinician"),
            ("name", "Name as shown on the chart"),
            ("registration_number", "Professional registration number, where recorded"),
        ),
        lambda c: [(u.id, u.name, u.registration_number) for u in c.clinicians],
        shared=True,
    ),
    Table(
        "episodes",
        "Episodes of care: a condition treated over a course of visits.",
        _columns(
            ("episode_id", "imsdesk's number for the episode (visits.csv refers to it)"),
            _PATIENT_ID,
            ("condition", "The condition treated"),
            ("started_on", "First day of the episode"),
            ("closed_on", "Day it was closed; blank while open"),
            ("referral_source", "Who referred the patient"),
            ("referral_date", "Date of the referral"),
            ("goals", "The patient's goals"),
        ),
        lambda c: [
            (
                e.id,
                c.patient.id,
                e.condition,
                e.started_on,
                e.closed_on,
                e.referral_source,
                e.referral_date,
                e.goals,
            )
            for e in c.episodes
        ],
    ),
    Table(
        "safety_screens",
        "Contraindication and precaution screens with consent, as answered.",
        _columns(
            ("screen_id", "imsdesk's number for the screen"),
            _PATIENT_ID,
            ("visit_id", "The visit it was taken at; blank if taken outside a visit"),
            ("recorded_at", "When it was recorded (UTC)"),
            ("recorded_by_id", "Who recorded it (clinicians.csv)"),
            (
                "answered_yes",
                "The questions answered yes, as 'question key: question', ' | ' between",
            ),
            ("answered_no", "The questions answered no, likewise"),
            ("notes", "Notes on the screen"),
            ("consent_given", "true when consent to needling was given"),
            ("consent_given_by", "Who gave consent (the patient, or who for them)"),
            ("consent_explained", "What was explained before consent"),
        ),
        lambda c: [
            (
                s.id,
                c.patient.id,
                s.visit_id,
                s.recorded_at,
                s.recorded_by_id,
                " | ".join(f"{a.key}: {a.question}" for a in s.answers if a.answer),
                " | ".join(f"{a.key}: {a.question}" for a in s.answers if not a.answer),
                s.notes,
                s.consent_given,
                s.consent_given_by,
                s.consent_explained,
            )
            for s in c.screens
        ],
    ),
    Table(
        "visits",
        "One row per visit, with its notes, pain ratings and needle count.",
        _columns(
            ("visit_id", "imsdesk's number for the visit, used by the tables below"),
            _PATIENT_ID,
            ("number", "The patient's visit number, 1 for the first"),
            ("started_at", "When the visit started (UTC)"),
            ("status", "signed, or draft (not signed: still open to change)"),
            ("therapist_id", "The treating therapist (clinicians.csv)"),
            ("signed_at", "When it was signed (UTC)"),
            ("signed_by_id", "Who signed it (clinicians.csv)"),
            ("episode_id", "The episode of care (episodes.csv); blank if none"),
            ("pain_before", "Pain before treatment, 0 (none) to 10 (worst imaginable)"),
            ("pain_after", "Pain after treatment, 0 to 10"),
            ("needles_used", "Needles used"),
            ("needles_removed", "Needles removed (counted out)"),
            ("subjective", "S: what the patient reported"),
            ("objective", "O: what was found"),
            ("assessment", "A: the assessment"),
            ("plan", "P: the plan"),
            ("precautions_acknowledged", "The lung precaution the therapist acknowledged"),
        ),
        lambda c: [
            (
                v.id,
                c.patient.id,
                v.number,
                v.started_at,
                v.status,
                v.therapist_id,
                v.signed_at,
                v.signed_by_id,
                v.episode_id,
                v.pain_before,
                v.pain_after,
                v.needles_used,
                v.needles_removed,
                v.subjective,
                v.objective,
                v.assessment,
                v.plan,
                v.precautions_acknowledged,
            )
            for v in c.visits
        ],
    ),
    Table(
        "muscle_findings",
        "Muscles found shortened at a visit, one row per muscle and side.",
        _columns(
            ("finding_id", "imsdesk's number for the finding"),
            _VISIT_ID,
            _PATIENT_ID,
            ("muscle_key", "The muscle's permanent key in imsdesk's atlas"),
            ("muscle_name", "The muscle's name"),
            ("side", "The patient's side: left, right or midline"),
            ("severity", "1 mild, 2 moderate, 3 marked"),
            ("note", "Note"),
            ("snomed_code", "SNOMED CT body structure where the atlas has a checked code"),
        ),
        lambda c: _per_visit(
            c,
            lambda v: [
                (
                    f.id,
                    f.muscle_key,
                    f.muscle_name,
                    f.side,
                    f.severity,
                    f.note,
                    f.snomed.code if f.snomed else None,
                )
                for f in v.findings
            ],
        ),
    ),
    Table(
        "needle_sites",
        "Needle insertions at a visit, with the muscle and the patient's side.",
        _columns(
            ("needle_site_id", "imsdesk's number for the insertion"),
            _VISIT_ID,
            _PATIENT_ID,
            ("muscle_key", "The muscle's permanent key in imsdesk's atlas"),
            ("muscle_name", "The muscle's name"),
            ("side", "The patient's side: left, right or midline"),
            ("view", "The body-map view it was placed on"),
            ("x", "Position on that view, in the drawing's own units"),
            ("y", "Position on that view, in the drawing's own units"),
            ("depth_mm", "Depth in millimetres, where noted"),
            ("length_mm", "Needle length in millimetres, where noted"),
            ("gauge", "Needle gauge, where noted"),
            ("response", "grasp, twitch or none; blank when not noted"),
            ("note", "Note"),
            ("snomed_code", "SNOMED CT body structure where the atlas has a checked code"),
        ),
        lambda c: _per_visit(
            c,
            lambda v: [
                (
                    n.id,
                    n.muscle_key,
                    n.muscle_name,
                    n.side,
                    n.view,
                    n.x,
                    n.y,
                    n.depth_mm,
                    n.length_mm,
                    n.gauge,
                    n.response,
                    n.note,
                    n.snomed.code if n.snomed else None,
                )
                for n in v.needles
            ],
        ),
    ),
    Table(
        "exam_signs",
        "Signs of segmental involvement found at a spinal level and side.",
        _columns(
            ("sign_id", "imsdesk's number for the sign"),
            _VISIT_ID,
            _PATIENT_ID,
            ("level", "Spinal level, C1 to S2"),
            ("side", "The patient's side: left, right or midline"),
            ("kind", "The sign's key (e.g. taut_band)"),
            ("label", "The sign in words"),
            ("note", "Note"),
        ),
        lambda c: _per_visit(
            c, lambda v: [(s.id, s.level, s.side, s.kind, s.label, s.note) for s in v.signs]
        ),
    ),
    Table(
        "outcome_scores",
        "Outcome questionnaires answered at a visit, with the computed score.",
        _columns(
            ("score_id", "imsdesk's number for the questionnaire"),
            _VISIT_ID,
            _PATIENT_ID,
            ("instrument", "nprs, odi, ndi, psfs, quickdash or lefs"),
            ("instrument_name", "The questionnaire's name"),
            ("score", "The score, computed by the questionnaire's own rules"),
            ("units", "The score's units"),
            ("answers", "The answers in item order, as a JSON list (null = unanswered)"),
            ("activities", "PSFS: the activities named, as a JSON list"),
        ),
        lambda c: _per_visit(
            c,
            lambda v: [
                (
                    s.id,
                    s.instrument,
                    s.instrument_name,
                    s.score,
                    s.units,
                    json.dumps(list(s.answers)),
                    json.dumps(list(s.activities), ensure_ascii=False),
                )
                for s in v.scores
            ],
        ),
    ),
    Table(
        "amendments",
        "Corrections and additions to signed visits; the visit itself stays as signed.",
        _columns(
            ("amendment_id", "imsdesk's number for the amendment"),
            _VISIT_ID,
            _PATIENT_ID,
            ("author_id", "Who wrote it (clinicians.csv)"),
            ("created_at", "When (UTC)"),
            ("reason", "Why the record was amended"),
            ("text", "The amendment"),
        ),
        lambda c: _per_visit(
            c,
            lambda v: [(a.id, a.author_id, a.created_at, a.reason, a.text) for a in v.amendments],
        ),
    ),
    Table(
        "adverse_events",
        "Adverse events during or after a visit, with the action taken.",
        _columns(
            ("event_id", "imsdesk's number for the event"),
            _VISIT_ID,
            _PATIENT_ID,
            ("recorded_at", "When it was recorded (UTC)"),
            ("recorded_by_id", "Who recorded it (clinicians.csv)"),
            ("kind", "The kind of event (e.g. bruising, suspected_pneumothorax)"),
            ("description", "What happened"),
            ("action_taken", "What was done"),
        ),
        lambda c: _per_visit(
            c,
            lambda v: [
                (e.id, e.recorded_at, e.recorded_by_id, e.kind, e.description, e.action_taken)
                for e in v.adverse_events
            ],
        ),
    ),
)


def readme_text(tables: Sequence[Table] = TABLES, *, made_on: date, scope: str) -> str:
    """What the export holds and what every column means, as plain text."""
    lines = [
        f"imsdesk export: {scope}, made {made_on.isoformat()}.",
        "",
        "One CSV file per table: UTF-8 (with a byte-order mark), comma-separated, a header",
        "row, values with commas, quotes or line breaks in double quotes. Dates are",
        "YYYY-MM-DD; times are ISO 8601 in UTC. Left and right are the patient's own side.",
        "Rows refer to each other by the id columns named below.",
    ]
    for table in tables:
        lines += ["", f"{table.file_name}: {table.description}"]
        width = max(len(c.name) for c in table.columns)
        lines += [f"  {c.name.ljust(width)}  {c.description}" for c in table.columns]
    return "\n".join(lines) + "\n"
