"""A batch of the scale clinic's rows, written in one go through the bulk writer.

Rows are kept as tuples in each table's column order; visits are written as drafts
and signed only once their children are in (the database refuses them afterwards).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from imsdesk.store.bulk import BulkWriter
from imsdesk.store.models import (
    AdverseEventRow,
    AmendmentRow,
    EpisodeRow,
    ExamSignRow,
    MuscleFindingRow,
    NeedleSiteRow,
    OutcomeScoreRow,
    PatientRow,
    SafetyScreenRow,
    VisitRow,
)

PATIENT_COLUMNS = [
    "id",
    "chart_number",
    "chart_key",
    "family_name",
    "given_names",
    "family_key",
    "given_key",
    "date_of_birth",
    "sex",
    "phone",
    "email",
    "address",
    "notes",
    "created_at",
    "updated_at",
]
EPISODE_COLUMNS = [
    "id",
    "patient_id",
    "condition",
    "started_on",
    "referral_source",
    "referral_date",
    "goals",
    "closed_on",
    "created_at",
    "updated_at",
]
VISIT_COLUMNS = [
    "id",
    "patient_id",
    "therapist_id",
    "started_at",
    "status",
    "signed_at",
    "signed_by_id",
    "subjective",
    "objective",
    "assessment",
    "plan",
    "pain_before",
    "pain_after",
    "needles_used",
    "needles_removed",
    "episode_id",
    "precautions_acknowledged",
    "precautions_acknowledged_at",
    "created_at",
    "updated_at",
]
FINDING_COLUMNS = ["visit_id", "muscle_key", "side", "severity", "note", "created_at", "updated_at"]
NEEDLE_COLUMNS = [
    "uid",
    "visit_id",
    "muscle_key",
    "side",
    "view",
    "x",
    "y",
    "depth_mm",
    "length_mm",
    "gauge",
    "response",
    "note",
    "created_at",
    "updated_at",
]
SIGN_COLUMNS = ["visit_id", "level", "side", "kind", "note", "created_at"]
SCREEN_COLUMNS = [
    "patient_id",
    "visit_id",
    "recorded_by_id",
    "recorded_at",
    "answers",
    "notes",
    "consent_given",
    "consent_given_by",
    "consent_explained",
]
SCORE_COLUMNS = ["visit_id", "instrument", "answers", "activities", "score", "created_at"]
EVENT_COLUMNS = ["visit_id", "recorded_by_id", "recorded_at", "kind", "description", "action_taken"]
AMENDMENT_COLUMNS = ["visit_id", "author_id", "created_at", "reason", "text"]


@dataclass
class Batch:
    writer: BulkWriter
    patients: list[tuple[Any, ...]] = field(default_factory=list)
    episodes: list[tuple[Any, ...]] = field(default_factory=list)
    visits: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    needles: list[tuple[Any, ...]] = field(default_factory=list)
    signs: list[tuple[Any, ...]] = field(default_factory=list)
    screens: list[tuple[Any, ...]] = field(default_factory=list)
    scores: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    amendments: list[tuple[Any, ...]] = field(default_factory=list)

    def write(self) -> None:
        """Everything of the batch; visits signed only once their children are in."""
        w = self.writer
        w.insert(PatientRow.__table__, PATIENT_COLUMNS, self.patients)
        w.insert(EpisodeRow.__table__, EPISODE_COLUMNS, self.episodes)
        w.insert(VisitRow.__table__, VISIT_COLUMNS, self.visits)
        w.insert(MuscleFindingRow.__table__, FINDING_COLUMNS, self.findings)
        w.insert(NeedleSiteRow.__table__, NEEDLE_COLUMNS, self.needles)
        w.insert(ExamSignRow.__table__, SIGN_COLUMNS, self.signs)
        w.insert(SafetyScreenRow.__table__, SCREEN_COLUMNS, self.screens)
        w.insert(OutcomeScoreRow.__table__, SCORE_COLUMNS, self.scores)
        w.insert(AdverseEventRow.__table__, EVENT_COLUMNS, self.events)
        if self.visits:
            w.connection.execute(
                text(
                    "UPDATE visits SET status = 'signed' "
                    "WHERE id BETWEEN :first AND :last AND signed_at IS NOT NULL"
                ),
                {"first": self.visits[0][0], "last": self.visits[-1][0]},
            )
        w.insert(AmendmentRow.__table__, AMENDMENT_COLUMNS, self.amendments)
        for table in (PatientRow, EpisodeRow, VisitRow):
            w.ids_given_up_to(table.__table__)

    def counts(self) -> dict[str, int]:
        return {
            "patients": len(self.patients),
            "episodes": len(self.episodes),
            "visits": len(self.visits),
            "needle_sites": len(self.needles),
            "findings": len(self.findings),
        }
