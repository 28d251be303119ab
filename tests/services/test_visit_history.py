"""The chart lists each visit with what was charted at it, so the course reads down it."""

from datetime import UTC, date, datetime, timedelta

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_history import VisitHistoryService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database

FIRST = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def needle(key: str, side: Side) -> NeedleSite:
    return NeedleSite(key, side, View.PARASPINAL if "paraspinal" in key else View.POSTERIOR, 5, 5)


def test_each_visit_lists_its_pain_marks_and_the_spinal_levels_needled(db: Database):
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    other = PatientService(db).create(PatientDetails("2", "Roe", "Rick", date(1971, 2, 2)))
    visits, records, marks = VisitService(db), VisitRecordService(db), MarkService(db)
    before_the_episode = visits.start_draft(patient.id, therapist.id, started_at=FIRST)
    EpisodeService(db).open(patient.id, EpisodeDetails("Low back pain", date(2026, 10, 1)))
    first, second, third = (
        visits.start_draft(patient.id, therapist.id, started_at=FIRST + timedelta(weeks=week))
        for week in (1, 2, 3)
    )
    records.save_field(first.id, "pain_before", 7)
    records.save_field(first.id, "pain_after", 4)
    marks.put_finding(first.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED))
    marks.put_finding(first.id, MuscleFinding("gluteus_medius", Side.LEFT))
    for key, side in (
        ("paraspinal_l4", Side.LEFT),
        ("paraspinal_l5", Side.LEFT),
        ("paraspinal_l4", Side.RIGHT),
        ("paraspinal_l4", Side.RIGHT),  # twice at one level: one level
        ("gluteus_medius", Side.RIGHT),
    ):
        marks.put_needle(first.id, needle(key, side))
    records.save_field(second.id, "pain_before", 5)  # rated before, not after
    marks.put_needle(second.id, needle("paraspinal_s1", Side.RIGHT))
    # Another patient's visit the same week is not in Jane's chart.
    other_visit = visits.start_draft(other.id, therapist.id, started_at=FIRST)
    marks.put_needle(other_visit.id, needle("paraspinal_c5", Side.LEFT))

    lines = VisitHistoryService(db).lines(patient.id)

    assert [line.visit.id for line in lines] == [
        third.id,
        second.id,
        first.id,
        before_the_episode.id,
    ]  # newest first
    assert [line.visit.number for line in lines] == [4, 3, 2, 1]
    newest, middle, oldest, outside = lines
    # Each visit's place in its episode, counted from the episode's first visit.
    assert [line.episode for line in lines] == [
        ("Low back pain", 3),
        ("Low back pain", 2),
        ("Low back pain", 1),
        None,
    ]
    assert (oldest.pain_before, oldest.pain_after) == (7, 4)
    assert (oldest.shortened, oldest.needle_sites) == (2, 5)
    assert oldest.levels == ("L4 (right)", "L4–L5 (left)")  # as the progress report says
    assert (middle.pain_before, middle.pain_after, middle.levels) == (5, None, ("S1 (right)",))
    assert (middle.shortened, middle.needle_sites) == (0, 1)
    assert (newest.pain_before, newest.shortened, newest.needle_sites, newest.levels) == (
        None,
        0,
        0,
        (),
    )
    assert (outside.shortened, outside.needle_sites, outside.levels) == (0, 0, ())
    assert newest.visit.therapist_name == "Alex Morgan"
    assert VisitHistoryService(db).lines(999_999) == []
