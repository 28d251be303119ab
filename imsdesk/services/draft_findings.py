"""Reading a draft's findings beside its record and map: what signing compares."""

from __future__ import annotations

from sqlalchemy.orm import Session

from imsdesk.domain.draft_findings import DraftFindings
from imsdesk.services.exam_signs import signs_in
from imsdesk.services.outcomes import scores_for_visit
from imsdesk.services.pain_areas import areas_in


def read_findings(session: Session, visit_id: int) -> DraftFindings:
    """The visit's areas of pain, exam signs and outcome scores, in the caller's unit of work."""
    return DraftFindings.of(
        areas_in(session, visit_id),
        signs_in(session, [visit_id]).get(visit_id, ()),
        (score.entry for score in scores_for_visit(session, visit_id)),
    )
