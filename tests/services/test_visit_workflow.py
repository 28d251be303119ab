"""A first visit and a follow-up charted through the services from start to signature, then
every way of changing them tried: the services refuse, and beneath them the database
refuses a direct ORM update too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Region, Side, SpinalLevel, View
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, Response, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.errors import RecordLocked, ServiceError
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import SigningRefused, VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import MuscleFindingRow, NeedleSiteRow, PainAreaRow, VisitRow
from tests.reports.charted_course import site
from tests.support.charting import record_clear_screen

L5_RIGHT = ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.PARASPINAL_TENDERNESS)
LOW_BACK_RIGHT = PainArea(Region.BACK, Side.RIGHT)
BUTTOCK_RIGHT = PainArea(Region.HIP, Side.RIGHT)


def chart_first_visit(db: Database, patient_id: int, therapist_id: int) -> int:
    """Screen and consent, episode, notes, pain and its areas, exam signs, questionnaires,
    the map, the needle count and an adverse event, then the signature."""
    EpisodeService(db).open(
        patient_id,
        EpisodeDetails(
            "Low back pain with right leg ache",
            date.today() - timedelta(days=8),
            referral_source="Dr. Chen (GP)",
            goals="Sit through a working day; walk 30 minutes",
        ),
    )
    visit = VisitService(db).start_draft(
        patient_id, therapist_id, started_at=datetime.now(UTC) - timedelta(days=7)
    )
    record_clear_screen(db, patient_id, therapist_id)
    records = VisitRecordService(db)
    for field, value in (
        ("subjective", "Low back pain 3 months, worse sitting; aching R calf."),
        ("objective", "Shortened R gluteus medius, L5 paraspinals; peau d'orange L5 R."),
        ("assessment", "Segmental L5 involvement, right."),
        ("plan", "IMS weekly for 6 weeks; review ODI at visit 4."),
        ("pain_before", 7),
        ("pain_after", 4),
    ):
        records.save_field(visit.id, field, value)
    areas = PainAreaService(db)
    areas.set_area(visit.id, LOW_BACK_RIGHT, True)
    areas.set_area(visit.id, BUTTOCK_RIGHT, True)
    signs = ExamSignService(db)
    signs.set_sign(visit.id, L5_RIGHT, True)
    signs.set_sign(visit.id, ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.TROPHEDEMA), True)
    outcomes = OutcomeService(db)
    outcomes.record(visit.id, "odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    outcomes.record(visit.id, "nprs", [7])
    marks = MarkService(db)
    marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MODERATE))
    marks.put_finding(visit.id, MuscleFinding("paraspinal_l5", Side.RIGHT))
    marks.put_needle(visit.id, site("gluteus_medius", Side.RIGHT, View.POSTERIOR))
    marks.put_needle(
        visit.id, site("paraspinal_l5", Side.RIGHT, View.PARASPINAL, response=Response.GRASP)
    )
    records.save_field(visit.id, "needles_used", 2)
    records.save_field(visit.id, "needles_removed", 2)
    AdverseEventService(db).record(
        visit.id,
        therapist_id,
        AdverseEvent(AdverseEventKind.BRUISING, "Small bruise R buttock", "Pressure 2 min"),
    )
    assert records.sign(visit.id, therapist_id).visit.status is VisitStatus.SIGNED
    return visit.id


def chart_follow_up(db: Database, patient_id: int, therapist_id: int) -> int:
    """Copied forward from the first visit, adjusted, the needle count put right, signed."""
    visit = VisitService(db).start_draft(patient_id, therapist_id)
    episode, number = EpisodeService(db).visit_number(visit.id)
    assert number == 2 and episode.condition.startswith("Low back")
    marks, records = MarkService(db), VisitRecordService(db)
    marks.replace_all(visit.id, marks.copied_forward(visit.id))
    assert PainAreaService(db).copy_forward(visit.id) == (LOW_BACK_RIGHT, BUTTOCK_RIGHT)
    marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MILD))
    for field, value in (
        ("subjective", "Better; sat through a meeting."),
        ("plan", records.record(visit.id - 1).plan),
        ("pain_before", 5),
        ("pain_after", 2),
        ("needles_used", 2),
        ("needles_removed", 1),
    ):
        records.save_field(visit.id, field, value)
    with pytest.raises(SigningRefused, match="2 used, 1 removed"):
        records.sign(visit.id, therapist_id)
    records.save_field(visit.id, "needles_removed", 2)
    assert records.sign(visit.id, therapist_id).visit.status is VisitStatus.SIGNED
    return visit.id


def everything_about(db: Database, visit_id: int) -> tuple:
    return (
        VisitRecordService(db).record(visit_id),
        MarkService(db).marks(visit_id),
        ExamSignService(db).signs(visit_id),
        [(s.instrument, s.answers, s.score) for s in OutcomeService(db).for_visit(visit_id)],
        PainAreaService(db).areas(visit_id),
    )


def service_changes(db: Database, visit_id: int) -> dict[str, Callable[[], object]]:
    """Every service call that would change a visit's record."""
    records, marks = VisitRecordService(db), MarkService(db)
    current = marks.marks(visit_id)
    needle = current.needles[0]
    scores = OutcomeService(db).for_visit(visit_id)
    changes: dict[str, Callable[[], object]] = {
        "note": lambda: records.save_field(visit_id, "plan", "changed"),
        "pain": lambda: records.save_field(visit_id, "pain_after", 0),
        "needle count": lambda: records.save_field(visit_id, "needles_used", 9),
        "precaution": lambda: records.acknowledge_precautions(visit_id, ""),
        "new finding": lambda: marks.put_finding(visit_id, MuscleFinding("soleus", Side.LEFT)),
        "cleared finding": lambda: marks.remove_finding(visit_id, "gluteus_medius", Side.RIGHT),
        "moved needle": lambda: marks.put_needle(visit_id, needle),
        "removed needle": lambda: marks.remove_needle(visit_id, needle.uid),
        "whole map": lambda: marks.replace_all(visit_id, current),
        "exam sign": lambda: ExamSignService(db).set_sign(visit_id, L5_RIGHT, False),
        "questionnaire": lambda: OutcomeService(db).record(visit_id, "nprs", [2]),
        "pain area": lambda: PainAreaService(db).set_area(visit_id, LOW_BACK_RIGHT, False),
        "copied areas": lambda: PainAreaService(db).copy_forward(visit_id),
    }
    if scores:
        changes["removed score"] = lambda: OutcomeService(db).remove(visit_id, scores[0].id)
    return changes


def test_a_first_visit_and_a_follow_up_signed_then_unchangeable_by_service_or_orm(db: Database):
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("42", "Doe", "Jane", date(1968, 4, 23)))
    first = chart_first_visit(db, patient.id, therapist.id)
    follow_up = chart_follow_up(db, patient.id, therapist.id)

    for visit_id in (first, follow_up):
        before = everything_about(db, visit_id)
        for what, change in service_changes(db, visit_id).items():
            with pytest.raises(RecordLocked):
                change()
            assert everything_about(db, visit_id) == before, what
        with pytest.raises(ServiceError):
            VisitRecordService(db).sign(visit_id, therapist.id)  # signed once, for good

        # Straight through the ORM, past the services: the database refuses each change.
        orm_changes: list[Callable] = [
            lambda s, v=visit_id: setattr(s.get(VisitRow, v), "plan", "tampered"),
            lambda s, v=visit_id: setattr(s.get(VisitRow, v), "status", "draft"),
            lambda s, v=visit_id: setattr(
                s.scalars(select(MuscleFindingRow).where(MuscleFindingRow.visit_id == v)).first(),
                "severity",
                3,
            ),
            lambda s, v=visit_id: s.delete(
                s.scalars(select(NeedleSiteRow).where(NeedleSiteRow.visit_id == v)).first()
            ),
            lambda s, v=visit_id: s.delete(
                s.scalars(select(PainAreaRow).where(PainAreaRow.visit_id == v)).first()
            ),
            lambda s, v=visit_id: s.add(PainAreaRow(visit_id=v, region="foot", side="left")),
        ]
        for change in orm_changes:
            with (
                pytest.raises(DBAPIError, match="signed visits cannot be changed"),
                db.transaction() as session,
            ):
                change(session)
        assert everything_about(db, visit_id) == before

    # What stays possible: an amendment, shown under the original as it was signed.
    amended = VisitRecordService(db).amend(first, therapist.id, "Late entry", "Phoned: settled.")
    assert amended.plan.startswith("IMS weekly") and len(amended.amendments) == 1
