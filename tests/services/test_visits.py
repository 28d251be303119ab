from datetime import UTC, date, datetime, timedelta

import pytest

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database


@pytest.fixture
def setting(db: Database):
    users = UserService(db)
    therapist = users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST, "PT-1"))
    patient = PatientService(db).create(
        PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)), today=date(2026, 1, 1)
    )
    return VisitService(db), patient, therapist


def test_visits_are_numbered_in_order_and_listed_newest_first(setting):
    visits, patient, therapist = setting
    first = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    for week in (2, 0, 1):  # started out of order on purpose
        visits.start_draft(patient.id, therapist.id, started_at=first + timedelta(weeks=week))
    listed = visits.list_for_patient(patient.id)
    assert [v.number for v in listed] == [3, 2, 1]
    assert [v.started_at for v in listed] == sorted((v.started_at for v in listed), reverse=True)
    assert all(v.status is VisitStatus.DRAFT and v.is_editable for v in listed)
    assert listed[0].therapist_name == "Alex Morgan"
    # Each visit's previous one is the next older in the list; the first has none.
    assert [visits.previous(v) for v in listed] == [*listed[1:], None]


def test_a_started_visit_is_a_saved_draft_with_its_time_kept_exactly(setting):
    visits, patient, therapist = setting
    when = datetime(2026, 11, 24, 14, 15, tzinfo=UTC)
    visit = visits.start_draft(patient.id, therapist.id, started_at=when)
    again = visits.get(visit.id)
    assert again.started_at == when
    assert again.status is VisitStatus.DRAFT
    assert visits.latest_draft(patient.id) == again


def test_visits_need_a_real_patient_and_an_active_clinician(setting):
    visits, patient, therapist = setting
    with pytest.raises(NotFound):
        visits.start_draft(999_999, therapist.id)
    with pytest.raises(ServiceError, match="therapist"):
        visits.start_draft(patient.id, 999_999)
    assert visits.list_for_patient(patient.id) == []


def test_the_first_clinician_charts_until_sign_in_exists(db: Database):
    users = UserService(db)
    assert users.charting_user() is None and not users.has_users()
    users.create(UserDetails("desk", "Front Desk", Role.FRONT_DESK))
    assert users.charting_user() is None  # front desk does not chart
    users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    assert users.charting_user().username == "amorgan"
    with pytest.raises(ValidationError, match="already taken"):
        users.create(UserDetails("amorgan", "Someone Else", Role.THERAPIST))


def test_a_visit_cannot_be_dated_in_the_future_or_before_birth(setting):
    visits, patient, therapist = setting
    with pytest.raises(ValidationError, match="future"):
        visits.start_draft(
            patient.id, therapist.id, started_at=datetime.now(UTC) + timedelta(days=2)
        )
    with pytest.raises(ValidationError, match="before the patient's birth"):
        visits.start_draft(patient.id, therapist.id, started_at=datetime(1960, 1, 1, tzinfo=UTC))
    assert visits.list_for_patient(patient.id) == []


def test_todays_visit_carries_on_with_todays_draft_rather_than_start_a_second(setting):
    visits, patient, therapist = setting
    today = datetime.now(UTC).astimezone().date()
    first, started = visits.start_or_continue(patient.id, therapist.id, today)
    assert started and first.status is VisitStatus.DRAFT
    again, started_again = visits.start_or_continue(patient.id, therapist.id, today)
    assert (again, started_again) == (first, False)
    assert len(visits.list_for_patient(patient.id)) == 1
    # Another day's visit is its own: tomorrow a new draft is started.
    tomorrow = today + timedelta(days=1)
    _, started_tomorrow = visits.start_or_continue(patient.id, therapist.id, tomorrow)
    assert started_tomorrow and len(visits.list_for_patient(patient.id)) == 2


def test_a_signed_visit_of_today_is_not_carried_on(db: Database, setting):
    from tests.support.charting import sign_with_clear_screen

    visits, patient, therapist = setting
    today = datetime.now(UTC).astimezone().date()
    first, _ = visits.start_or_continue(patient.id, therapist.id, today)
    sign_with_clear_screen(db, first.id, patient.id, therapist.id)
    second, started = visits.start_or_continue(patient.id, therapist.id, today)
    assert started and second.id != first.id
