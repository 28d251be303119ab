"""Opening a visit reads everything its screen shows at once, and audits the opening."""

from datetime import UTC, date, datetime, timedelta

import pytest

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Region, Side, SpinalLevel, View
from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.audit import ActingUser, AuditService
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.errors import NotFound
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_course import VisitCourseService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visit_screen import VisitScreenService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import record_clear_screen, sign_with_clear_screen

NOW = datetime.now(UTC)


@pytest.fixture
def charted(db: Database):
    """Jane Doe in an episode of low back pain: last week's visit signed with its plan and
    marks; today's draft with marks, an area of pain, an exam sign, a score and an event."""
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))
    EpisodeService(db).open(
        patient.id, EpisodeDetails("Low back pain", date.today() - timedelta(days=10))
    )
    visits, records, marks = VisitService(db), VisitRecordService(db), MarkService(db)
    last_week = visits.start_draft(patient.id, therapist.id, started_at=NOW - timedelta(days=7))
    records.save_field(last_week.id, "plan", "IMS weekly; walk daily.")
    marks.put_finding(last_week.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MILD))
    sign_with_clear_screen(db, last_week.id, patient.id, therapist.id)
    records.amend(last_week.id, therapist.id, "late entry", "Phoned: settled next day.")
    today = visits.start_draft(patient.id, therapist.id)
    marks.put_finding(today.id, MuscleFinding("piriformis", Side.RIGHT, Severity.MODERATE))
    marks.put_needle(today.id, NeedleSite("piriformis", Side.RIGHT, View.POSTERIOR, 250, 430))
    PainAreaService(db).set_area(today.id, PainArea(Region.BACK, Side.RIGHT), True)
    sign = ExamSign(SpinalLevel.L5, Side.RIGHT, SignKind.TENDER_MOTOR_POINT)
    ExamSignService(db).set_sign(today.id, sign, True)
    OutcomeService(db).record(today.id, "nprs", [6])
    bruise = AdverseEvent(AdverseEventKind.BRUISING, "Small bruise", "Ice")
    AdverseEventService(db).record(today.id, therapist.id, bruise)
    record_clear_screen(db, patient.id, therapist.id)
    return therapist, last_week, today


def openings(db: Database, visit_id: int) -> int:
    trail = AuditService(db).for_record(RecordKind.VISIT, visit_id)
    return sum(entry.action == AuditAction.OPEN for entry in trail)


def test_a_draft_opens_with_all_its_screen_shows_as_each_part_reads_it(db: Database, charted):
    therapist, last_week, today = charted
    screen = VisitScreenService(db, ActingUser(therapist.id)).open(today.id)
    assert screen.record == VisitRecordService(db).record(today.id)
    assert screen.record.visit.number == 2
    assert screen.previous == VisitService(db).get(last_week.id)
    assert screen.previous_plan == "IMS weekly; walk daily."  # offered to carry forward
    assert screen.marks == MarkService(db).marks(today.id)
    assert screen.previous_marks == MarkService(db).marks(last_week.id)
    assert screen.pain_areas == (PainArea(Region.BACK, Side.RIGHT),)
    assert screen.exam_signs == ExamSignService(db).signs(today.id)
    assert screen.course == VisitCourseService(db).course(today.id)
    episode, number = screen.course.episode
    assert (episode.condition, number) == ("Low back pain", 2)
    assert [score.score for score in screen.course.scores] == [6]
    assert [event.description for event in screen.course.events] == ["Small bruise"]
    assert not screen.course.screen.due
    assert openings(db, today.id) == 1


def test_a_signed_visit_opens_with_its_amendments_and_no_plan_to_carry(db: Database, charted):
    _, last_week, _ = charted
    screen = VisitScreenService(db).open(last_week.id)
    assert [a.reason for a in screen.record.amendments] == ["late entry"]
    assert screen.previous is None and screen.previous_marks is None
    assert screen.previous_plan == ""
    assert [f.muscle_key for f in screen.marks.findings] == ["gluteus_medius"]


def test_reading_the_open_visit_again_is_not_another_opening(db: Database, charted):
    _, _, today = charted
    screens = VisitScreenService(db)
    opened = screens.open(today.id)
    assert screens.read(today.id) == opened
    assert openings(db, today.id) == 1


def test_a_visit_that_is_not_there_is_refused_and_no_opening_is_recorded(db: Database, charted):
    with pytest.raises(NotFound):
        VisitScreenService(db).open(999_999)
    assert openings(db, 999_999) == 0
