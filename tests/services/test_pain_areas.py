"""Areas of pain: the map's regions with the patient's side, per visit, locked once signed."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.anatomy import Region, Side, load_atlas
from imsdesk.domain.pain_areas import PainArea, area_targets, describe_areas, pain_regions
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.errors import RecordLocked, ValidationError
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import sign_with_clear_screen

LOW_BACK_LEFT = PainArea(Region.BACK, Side.LEFT)
BUTTOCK_RIGHT = PainArea(Region.HIP, Side.RIGHT)
NECK_MIDLINE = PainArea(Region.HEAD_NECK, Side.MIDLINE)


@pytest.fixture
def course(db: Database):
    """A patient with last week's visit and today's draft: (service, last week, today, ids)."""
    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visits = VisitService(db)
    earlier = visits.start_draft(
        patient.id, therapist.id, started_at=datetime.now(UTC) - timedelta(days=7)
    )
    today = visits.start_draft(patient.id, therapist.id)
    return PainAreaService(db), earlier.id, today.id, patient.id, therapist.id


def test_every_region_of_the_map_can_be_chosen_and_read_back_in_one_line():
    atlas = load_atlas()
    assert set(pain_regions(atlas)) == {m.region for m in atlas}
    assert describe_areas([BUTTOCK_RIGHT, NECK_MIDLINE, LOW_BACK_LEFT]) == (
        "Head and neck: midline; Back: left; Hip and buttock: right"
    )
    assert describe_areas([PainArea(Region.BACK, s) for s in Side]) == (
        "Back: left, midline and right"
    )
    outlined = area_targets([BUTTOCK_RIGHT], atlas)
    assert ("gluteus_medius", Side.RIGHT) in outlined
    assert ("gluteus_medius", Side.LEFT) not in outlined


def test_areas_are_ticked_and_unticked_one_at_a_time(course):
    areas, _, today, _, _ = course
    for area in (BUTTOCK_RIGHT, LOW_BACK_LEFT, NECK_MIDLINE, LOW_BACK_LEFT):
        areas.set_area(today, area, True)
    assert areas.areas(today) == (NECK_MIDLINE, LOW_BACK_LEFT, BUTTOCK_RIGHT)
    areas.set_area(today, NECK_MIDLINE, False)
    assert areas.areas(today) == (LOW_BACK_LEFT, BUTTOCK_RIGHT)


def test_a_limb_has_no_midline(course):
    areas, _, today, _, _ = course
    with pytest.raises(ValidationError, match="Thigh pain is recorded on the left or right side"):
        areas.set_area(today, PainArea(Region.THIGH, Side.MIDLINE), True)
    assert areas.areas(today) == ()


def test_copy_forward_adds_last_weeks_areas_and_keeps_todays(course):
    areas, earlier, today, _, _ = course
    areas.set_area(earlier, LOW_BACK_LEFT, True)
    areas.set_area(earlier, BUTTOCK_RIGHT, True)
    areas.set_area(today, NECK_MIDLINE, True)
    assert areas.copy_forward(today) == (LOW_BACK_LEFT, BUTTOCK_RIGHT)
    assert areas.areas(today) == (NECK_MIDLINE, LOW_BACK_LEFT, BUTTOCK_RIGHT)
    assert areas.copy_forward(today) == ()  # nothing new the second time
    assert areas.copy_forward(earlier) == ()  # the first visit has nothing before it


def test_a_signed_visits_areas_cannot_change_by_any_path(db: Database, course):
    areas, _, today, patient_id, therapist_id = course
    areas.set_area(today, LOW_BACK_LEFT, True)
    sign_with_clear_screen(db, today, patient_id, therapist_id)
    with pytest.raises(RecordLocked, match="areas of pain"):
        areas.set_area(today, BUTTOCK_RIGHT, True)
    with pytest.raises(RecordLocked):
        areas.set_area(today, LOW_BACK_LEFT, False)
    with pytest.raises(RecordLocked):
        areas.copy_forward(today)
    for statement in (
        f"DELETE FROM pain_areas WHERE visit_id = {today}",
        f"UPDATE pain_areas SET side = 'right' WHERE visit_id = {today}",
        "INSERT INTO pain_areas (visit_id, region, side, created_at) "
        f"VALUES ({today}, 'foot', 'left', '2026-01-01')",
    ):
        with (
            pytest.raises(DBAPIError, match="signed visits cannot be changed"),
            db.engine.begin() as connection,
        ):
            connection.execute(text(statement))
    assert areas.areas(today) == (LOW_BACK_LEFT,)


@pytest.mark.parametrize(("region", "side"), [("thigh", "midline"), ("elbow", "left")])
def test_the_database_refuses_an_area_that_is_not_on_the_map(db: Database, course, region, side):
    _, _, today, _, _ = course
    with pytest.raises(DBAPIError), db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO pain_areas (visit_id, region, side, created_at) "
                f"VALUES ({today}, '{region}', '{side}', '2026-01-01')"
            )
        )
