"""Episodes of care, the safety screen with consent, adverse events and clinic settings."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.screening import Consent, SafetyScreen, ScreenKind, screen_is_due
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.clinic_settings import MAX_LOGO_BYTES, ClinicSettings, ClinicSettingsService
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.errors import ValidationError
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.patients import PatientService
from imsdesk.services.screening import ScreeningService
from imsdesk.services.users import UserService
from imsdesk.services.visit_course import VisitCourseService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.reports import samples
from tests.support.charting import clear_screen

TODAY = date.today()


@pytest.fixture
def people(db: Database):
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))
    return patient, therapist


def test_visits_join_the_open_episode_and_are_numbered_within_it(db: Database, people):
    patient, therapist = people
    visits, episodes = VisitService(db), EpisodeService(db)
    now = datetime.now(UTC)
    before = visits.start_draft(patient.id, therapist.id, started_at=now - timedelta(days=60))
    episode = episodes.open(
        patient.id,
        EpisodeDetails(
            "Low back pain with R leg pain",
            TODAY - timedelta(days=14),
            referral_source="Dr Lee, family physician",
            goals="Sit through a work day; walk 30 minutes",
        ),
    )
    first = visits.start_draft(patient.id, therapist.id, started_at=now - timedelta(days=14))
    second = visits.start_draft(patient.id, therapist.id, started_at=now - timedelta(days=7))
    assert episodes.visit_number(before.id) is None
    assert episodes.visit_number(first.id) == (episode, 1)
    assert episodes.visit_number(second.id)[1] == 2
    closed = episodes.close(episode.id, TODAY)
    assert not closed.is_open and episodes.current(patient.id) is None
    after = visits.start_draft(patient.id, therapist.id)
    assert episodes.visit_number(after.id) is None


def test_the_visit_course_reads_what_each_service_says(db: Database, people):
    """One read for the visit screen's strip: the same answers as the services one by one."""
    patient, therapist = people
    visits, episodes, course = VisitService(db), EpisodeService(db), VisitCourseService(db)
    outside = visits.start_draft(patient.id, therapist.id)
    read = course.course(outside.id)
    assert read.episode is None and not read.has_open_episode
    assert read.screen.due and read.screen.consent_given is None
    assert read.scores == [] and read.events == []

    episodes.open(patient.id, EpisodeDetails("Neck pain", TODAY))
    ScreeningService(db).record(patient.id, therapist.id, clear_screen())
    inside = visits.start_draft(patient.id, therapist.id)
    OutcomeService(db).record(inside.id, "nprs", [4])
    event = AdverseEvent(AdverseEventKind.FAINTING, "Felt faint.", "Lay flat.")
    AdverseEventService(db).record(inside.id, therapist.id, event)
    read = course.course(inside.id)
    assert read.has_open_episode and course.course(outside.id).has_open_episode
    assert read.episode == episodes.visit_number(inside.id)
    assert read.screen == VisitRecordService(db).screen_status(inside.id)
    assert not read.screen.due and read.screen.consent_given
    assert read.scores == OutcomeService(db).for_visit(inside.id)
    assert read.events == AdverseEventService(db).for_visit(inside.id)
    assert read.typical_course_visits == ClinicSettingsService(db).load().typical_course_visits


def test_an_episode_needs_a_condition_and_sane_dates(db: Database, people):
    patient, _ = people
    with pytest.raises(ValidationError) as caught:
        EpisodeService(db).open(
            patient.id,
            EpisodeDetails(
                "  ", TODAY + timedelta(days=3), referral_date=TODAY + timedelta(days=1)
            ),
        )
    assert set(caught.value.problems) == {"condition", "started_on", "referral_date"}


def test_a_screen_records_answers_and_consent_and_is_due_again_after_the_interval(
    db: Database, people
):
    patient, therapist = people
    screening = ScreeningService(db)
    assert screening.is_due(patient.id, TODAY, 180)
    stored = screening.record(patient.id, therapist.id, clear_screen(anticoagulants=True))
    assert stored.recorded_by_name == "Alex Morgan"
    assert [q.key for q in stored.positives()] == ["anticoagulants"]
    assert stored.positives()[0].kind is ScreenKind.PRECAUTION and stored.allows_needling
    assert not screening.is_due(patient.id, TODAY, 180)
    assert screen_is_due(TODAY - timedelta(days=181), TODAY, 180)
    infected = screening.record(patient.id, therapist.id, clear_screen(local_infection=True))
    assert not infected.allows_needling


def test_an_incomplete_screen_or_unexplained_consent_is_refused(db: Database, people):
    patient, therapist = people
    partial = SafetyScreen({"pregnancy": False}, Consent(True, "", ""))
    with pytest.raises(ValidationError) as caught:
        ScreeningService(db).record(patient.id, therapist.id, partial)
    assert set(caught.value.problems) == {"answers", "given_by", "explained"}
    assert ScreeningService(db).latest(patient.id) is None


def test_screens_and_adverse_events_are_append_only(db: Database, people):
    patient, therapist = people
    ScreeningService(db).record(patient.id, therapist.id, clear_screen())
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    AdverseEventService(db).record(
        visit.id,
        therapist.id,
        AdverseEvent(
            AdverseEventKind.FAINTING, "Light-headed after L5 paraspinal", "Supine, water"
        ),
    )
    for statement in (
        "UPDATE safety_screens SET consent_given = false",
        "DELETE FROM safety_screens",
        "UPDATE adverse_events SET action_taken = 'none'",
        "DELETE FROM adverse_events",
    ):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))


def test_adverse_events_can_follow_signing(db: Database, people):
    patient, therapist = people
    ScreeningService(db).record(patient.id, therapist.id, clear_screen())
    visit = VisitService(db).start_draft(patient.id, therapist.id)
    records = VisitRecordService(db)
    for field in ("needles_used", "needles_removed"):
        records.save_field(visit.id, field, 4)
    records.sign(visit.id, therapist.id)
    events = AdverseEventService(db)
    with pytest.raises(ValidationError) as caught:
        events.record(visit.id, therapist.id, AdverseEvent(AdverseEventKind.OTHER, "", ""))
    assert set(caught.value.problems) == {"description", "action_taken"}
    recorded = events.record(
        visit.id,
        therapist.id,
        AdverseEvent(
            AdverseEventKind.SUSPECTED_PNEUMOTHORAX,
            "Phoned day 2: breathless, chest pain",
            "Advised emergency department; GP informed",
        ),
    )
    assert [e.kind for e in recorded] == [AdverseEventKind.SUSPECTED_PNEUMOTHORAX]
    assert recorded[0].recorded_by_name == "Alex Morgan"


def test_clinic_settings_round_trip_and_refuse_nonsense(db: Database):
    settings = ClinicSettingsService(db)
    assert settings.load() == ClinicSettings()
    saved = settings.save(ClinicSettings(clinic_name="Harbour IMS Clinic", paper_size="Letter"))
    assert settings.load() == saved
    with pytest.raises(ValidationError) as caught:
        settings.save(ClinicSettings(paper_size="A5", screen_interval_days=0))
    assert set(caught.value.problems) == {"paper_size", "screen_interval_days"}
    assert settings.load() == saved


def test_a_logo_is_kept_only_if_it_is_a_picture_that_prints(
    sqlite_db: Database, tmp_path, monkeypatch
):
    settings = ClinicSettingsService(sqlite_db)
    refused = {
        "gone.png": None,
        "notes.txt": b"not a picture",
        "huge.png": b"\x89PNG" + bytes(MAX_LOGO_BYTES),
    }
    for name, content in refused.items():
        if content is not None:
            (tmp_path / name).write_bytes(content)
        with pytest.raises(ValidationError) as caught:
            settings.save(ClinicSettings(logo_path=str(tmp_path / name)))
        assert set(caught.value.problems) == {"logo_path"}, name
        assert str(tmp_path / name) in caught.value.problems["logo_path"]
    assert settings.load() == ClinicSettings()
    (tmp_path / "logo.png").write_bytes(samples.logo_png())
    monkeypatch.chdir(tmp_path)
    saved = settings.save(ClinicSettings(logo_path="logo.png"))  # kept by its full path
    assert saved.logo_path == str(tmp_path / "logo.png")
    assert settings.load() == saved
    assert settings.save(ClinicSettings(logo_path="  ")).logo_path == ""  # no logo
