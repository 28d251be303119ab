"""Hostile and odd input at every service a form or command calls, on SQLite and PostgreSQL.

Each case either comes back exactly as it was given, or is refused with the message the
form shows beside the field; a refusal leaves every table as it was. One clinic database
per backend serves the whole module, and it passes its integrity check at the end.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.clinic_settings import ClinicSettings, ClinicSettingsService
from imsdesk.services.database import database_health, open_clinic_database
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.errors import ServiceError, ValidationError
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.patients import PatientService
from imsdesk.services.screening import ScreeningService
from imsdesk.services.summaries import SummaryService
from imsdesk.services.users import SIGN_IN_REFUSED, UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import Base
from tests.reports.charted_course import site
from tests.support.charting import clear_screen, sign_with_clear_screen
from tests.support.postgres import create_database, drop_database

TODAY = date.today()
BORN = date(1970, 1, 1)

# The nasty values, named once.
NUL = "Jane\x00Doe"
BELL = "a\x07b"
ESCAPES = "\x1b[31mred\x1b[0m"  # a terminal colour code pasted from a log
DEL = "typo\x7f"
BROKEN = "M\udcfcller"  # "Müller" in Latin-1, read as UTF-8 from a file name or argument
ARABIC = "مريم الحسيني"
HEBREW = "שרה כהן"
MIXED = "Dr. שרה Levi, 3 מ״ג"  # right-to-left and left-to-right in one line
EMOJI = "Sore 😖 after needling 🦵 👩🏽‍⚕️"  # a skin tone and a zero-width-joined sequence
COMBINING = "Mu\u0308ller Z\u0335a\u0336"  # decomposed accents, kept as typed (not normalised)
ZERO_WIDTH = "Ja\u200bne\u200d"
SQL = "Robert'); DROP TABLE patients;--"
LIKE = "100%_\\ off"
HTML = "<b>bold</b> & <script>alert(1)</script>"
LAST_CODE_POINT = "end \U0010ffff"
FOLDS_LONGER = "\ufdfa" * 150  # 150 characters that fold to 2,700 in the search key
HUGE = "x" * 100_000
MULTILINE = "line one\nline two\ttabbed"


@dataclass
class Clinic:
    db: Database
    therapist_id: int
    patient_id: int
    visit_id: int
    signed_visit_id: int
    folder: Path
    numbers: Iterator[int]

    def chart_number(self) -> str:
        return f"N{next(self.numbers)}"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def clinic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("nasty")
    server = None
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'clinic.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = create_database(server)
    db = open_clinic_database(url).db
    therapist = UserService(db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patients = PatientService(db)
    patient = patients.create(PatientDetails("1", "Doe", "Jane", BORN))
    patients.create(PatientDetails("2", ARABIC.split()[1], ARABIC.split()[0], BORN))
    visits = VisitService(db)
    signed = visits.start_draft(patient.id, therapist.id)
    sign_with_clear_screen(db, signed.id, patient.id, therapist.id)
    draft = visits.start_draft(patient.id, therapist.id)
    yield Clinic(db, therapist.id, patient.id, draft.id, signed.id, folder, itertools.count(10))
    db.close()
    if server is not None:
        drop_database(server, url)


# -- what each form does with one value: store it, and read back what was stored ----------


def patient_field(clinic: Clinic, field: str, value: object) -> object:
    details = PatientDetails(clinic.chart_number(), "Roe", "Richard", BORN)
    if field == "chart_number":
        details = replace(details, chart_number=value)
    else:
        details = replace(details, **{field: value})
    patients = PatientService(clinic.db)
    return getattr(patients.get(patients.create(details, today=TODAY).id), field)


def patient_search(clinic: Clinic, _field: str, value: object) -> object:
    found = PatientService(clinic.db).search(str(value))
    return sorted(p.chart_number for p in found if p.chart_number in ("1", "2"))


def user_field(clinic: Clinic, field: str, value: object) -> object:
    number = next(clinic.numbers)
    details = UserDetails(f"user{number}", "Kim Lee", Role.THERAPIST)
    users = UserService(clinic.db)
    created = users.create(replace(details, **{field: value}))
    return getattr(users.by_username(created.username), field)


def password(clinic: Clinic, _field: str, value: object) -> object:
    users = UserService(clinic.db)
    created = users.create(UserDetails(f"user{next(clinic.numbers)}", "Kim Lee", Role.ADMIN), value)
    return users.sign_in(created.username, str(value)).username == created.username


def sign_in(clinic: Clinic, _field: str, value: object) -> object:
    return UserService(clinic.db).sign_in(str(value), str(value))


def episode_field(clinic: Clinic, field: str, value: object) -> object:
    details = replace(EpisodeDetails("Low back pain", date(2024, 1, 1)), **{field: value})
    episodes = EpisodeService(clinic.db)
    return getattr(episodes.get(episodes.open(clinic.patient_id, details, today=TODAY).id), field)


def visit_field(clinic: Clinic, field: str, value: object) -> object:
    records = VisitRecordService(clinic.db)
    records.save_field(clinic.visit_id, field, value)  # type: ignore[arg-type]
    return records.record(clinic.visit_id).value(field)


def amendment(clinic: Clinic, field: str, value: object) -> object:
    given = {"reason": "wrong side noted", "text": "Left, not right."} | {field: value}
    records = VisitRecordService(clinic.db)
    record = records.amend(clinic.signed_visit_id, clinic.therapist_id, **given)
    return getattr(record.amendments[-1], field)


def screen_field(clinic: Clinic, field: str, value: object) -> object:
    screen = clear_screen()
    if field == "notes":
        screen = replace(screen, notes=value)
    else:
        screen = replace(screen, consent=replace(screen.consent, **{field: value}))
    stored = ScreeningService(clinic.db).record(clinic.patient_id, clinic.therapist_id, screen)
    return stored.notes if field == "notes" else getattr(stored.consent, field)


def adverse_event(clinic: Clinic, field: str, value: object) -> object:
    given = {"description": "Felt faint", "action_taken": "Lay down; settled"} | {field: value}
    event = AdverseEvent(AdverseEventKind.FAINTING, **given)
    events = AdverseEventService(clinic.db).record(clinic.visit_id, clinic.therapist_id, event)
    return getattr(events[-1], field)


def outcome(clinic: Clinic, field: str, value: object) -> object:
    outcomes = OutcomeService(clinic.db)
    if field == "activities":
        stored = outcomes.record(clinic.visit_id, "psfs", [5], activities=[value])
        return stored.activities[0]
    instrument, answers = value  # type: ignore[misc]
    return outcomes.record(clinic.visit_id, instrument, answers).answers


def finding_note(clinic: Clinic, _field: str, value: object) -> object:
    marks = MarkService(clinic.db)
    marks.put_finding(clinic.visit_id, MuscleFinding("gluteus_medius", Side.RIGHT, note=value))
    finding = marks.marks(clinic.visit_id).finding("gluteus_medius", Side.RIGHT)
    return finding.note if finding else None


def needle(clinic: Clinic, field: str, value: object) -> object:
    marks = MarkService(clinic.db)
    placed = replace(site("gluteus_medius", Side.RIGHT, View.POSTERIOR), **{field: value})
    marks.put_needle(clinic.visit_id, placed)
    stored = marks.marks(clinic.visit_id).needle(placed.uid)
    return getattr(stored, field) if stored else None


def setting(clinic: Clinic, field: str, value: object) -> object:
    if isinstance(value, str) and "{folder}" in value:
        value = value.format(folder=clinic.folder)
    settings = ClinicSettingsService(clinic.db)
    settings.save(replace(ClinicSettings(), **{field: value}))
    return getattr(settings.load(), field)


def next_appointment(clinic: Clinic, _field: str, value: object) -> object:
    summary = SummaryService(clinic.db).session_summary(clinic.visit_id, next_appointment=value)
    return summary.next_appointment


Form = Callable[[Clinic, str, object], object]
SAME = object()  # stored exactly as given


@dataclass(frozen=True)
class Stored:
    """Stored as this, not as given (line ends made plain); other text expected is a refusal."""

    value: object


def case(form: Form, field: str, value: object, expected: object = SAME, *, id: str):
    """``expected``: SAME, Stored(...) or any non-text value read back; text is the message."""
    return pytest.param(form, field, value, expected, id=id)


CASES = [
    # Patients: names as people write them are kept; what no one types is refused by field.
    case(patient_field, "family_name", ARABIC, id="patient-family-arabic"),
    case(patient_field, "given_names", HEBREW, id="patient-given-hebrew"),
    case(patient_field, "family_name", COMBINING, id="patient-family-combining-accents"),
    case(patient_field, "family_name", SQL, id="patient-family-sql"),
    case(patient_field, "family_name", FOLDS_LONGER, id="patient-family-folds-longer"),
    case(patient_field, "given_names", ZERO_WIDTH, id="patient-given-zero-width"),
    case(patient_field, "notes", EMOJI, id="patient-notes-emoji"),
    case(patient_field, "notes", HTML, id="patient-notes-html"),
    case(patient_field, "notes", LAST_CODE_POINT, id="patient-notes-last-code-point"),
    case(patient_field, "notes", "x" * 20_000, id="patient-notes-at-limit"),
    case(patient_field, "address", "12 Main St\r\nApt 4", Stored("12 Main St\nApt 4"), id="crlf"),
    case(patient_field, "email", "o'brien+ims@example.org", id="patient-email-apostrophe"),
    case(patient_field, "family_name", "   ", "Family name is required.", id="patient-blank"),
    case(patient_field, "given_names", "\u00a0", "Given name is required.", id="patient-nbsp"),
    case(
        patient_field,
        "family_name",
        NUL,
        "Family name contains control characters; paste it as plain text.",
        id="patient-family-nul",
    ),
    case(
        patient_field,
        "phone",
        ESCAPES,
        "Phone contains control characters; paste it as plain text.",
        id="patient-phone-escapes",
    ),
    case(
        patient_field,
        "notes",
        DEL,
        "Notes contains control characters; paste it as plain text.",
        id="patient-notes-del",
    ),
    case(
        patient_field,
        "family_name",
        BROKEN,
        "Family name contains characters that are not valid text; retype it.",
        id="patient-family-broken-utf8",
    ),
    case(
        patient_field,
        "family_name",
        "x" * 201,
        "Family name is 201 characters; the limit is 200.",
        id="patient-family-201",
    ),
    case(
        patient_field,
        "notes",
        HUGE,
        "Notes is 100,000 characters; the limit is 20,000.",
        id="patient-notes-100k",
    ),
    case(
        patient_field,
        "phone",
        "604\n555",
        "Phone must be on one line.",
        id="patient-phone-two-lines",
    ),
    case(
        patient_field,
        "email",
        "a\x01@example.org",
        "Email address contains control characters; paste it as plain text.",
        id="patient-email-control",
    ),
    case(
        patient_field,
        "chart_number",
        "1; DROP TABLE",
        "Chart number: up to 32 letters, digits, '-', '/' or '.', starting with a letter or digit.",
        id="patient-chart-sql",
    ),
    case(
        patient_field,
        "date_of_birth",
        date.max,
        "Date of birth is in the future.",
        id="patient-born-9999",
    ),
    case(
        patient_field,
        "date_of_birth",
        date.min,
        "Date of birth gives an age over 120 years.",
        id="patient-born-year-1",
    ),
    # The search box never fails, whatever is typed or pasted into it.
    case(patient_search, "", "الحس", ["2"], id="search-arabic-prefix"),
    case(patient_search, "", NUL, [], id="search-nul"),
    case(patient_search, "", LAST_CODE_POINT, [], id="search-last-code-point"),
    case(patient_search, "", "\U0010ffff", [], id="search-only-last-code-point"),
    case(patient_search, "", "ab\ud7ff", [], id="search-just-before-surrogates"),
    case(patient_search, "", BROKEN, [], id="search-broken-utf8"),
    case(patient_search, "", "' OR '1'='1", [], id="search-sql"),
    case(patient_search, "", "%", [], id="search-percent"),
    case(patient_search, "", HUGE, [], id="search-100k"),
    case(patient_search, "", "1970-02-30", [], id="search-impossible-date"),
    # Users and passwords.
    case(user_field, "display_name", HEBREW, id="user-name-hebrew"),
    case(user_field, "registration_number", "PT-٤٢ / 👍", id="user-registration-mixed"),
    case(user_field, "display_name", SQL, id="user-name-sql"),
    case(
        user_field,
        "display_name",
        NUL,
        "Name contains control characters; paste it as plain text.",
        id="user-name-nul",
    ),
    case(
        user_field,
        "display_name",
        "y" * 300,
        "Name is 300 characters; the limit is 200.",
        id="user-name-300",
    ),
    case(
        user_field,
        "registration_number",
        "z" * 65,
        "Registration number is 65 characters; the limit is 64.",
        id="user-registration-65",
    ),
    case(
        user_field,
        "username",
        "u" * 65,
        "User name is at most 64 characters.",
        id="user-username-65",
    ),
    case(
        user_field,
        "username",
        "admin'--",
        "User name: letters, digits, '.', '_' or '-' only.",
        id="user-username-sql",
    ),
    case(password, "", "🔑" * 8, True, id="password-emoji"),
    case(password, "", "סיסמה-סודית", True, id="password-hebrew"),
    case(
        password,
        "",
        "pass\x00word",
        "The password cannot contain control characters.",
        id="password-nul",
    ),
    case(
        password,
        "",
        "pass\udcffword",
        "The password contains characters that are not valid text; retype it.",
        id="password-broken-utf8",
    ),
    case(
        password,
        "",
        "p" * 257,
        "The password can have at most 256 characters.",
        id="password-257",
    ),
    case(sign_in, "", NUL, SIGN_IN_REFUSED, id="sign-in-nul"),
    case(sign_in, "", BROKEN, SIGN_IN_REFUSED, id="sign-in-broken-utf8"),
    case(sign_in, "", "' OR '1'='1", SIGN_IN_REFUSED, id="sign-in-sql"),
    case(sign_in, "", HUGE, SIGN_IN_REFUSED, id="sign-in-100k"),
    # Episodes of care.
    case(episode_field, "condition", MIXED, id="episode-condition-mixed-direction"),
    case(episode_field, "goals", EMOJI, id="episode-goals-emoji"),
    case(
        episode_field,
        "started_on",
        date.max,
        "An episode cannot start in the future.",
        id="episode-starts-9999",
    ),
    case(
        episode_field,
        "started_on",
        date.min,
        "The start date is before the patient was born (1970-01-01).",
        id="episode-starts-year-1",
    ),
    case(
        episode_field,
        "referral_date",
        date(1969, 12, 31),
        "The referral date is before the patient was born (1970-01-01).",
        id="episode-referred-before-birth",
    ),
    case(
        episode_field,
        "condition",
        "\t \n",
        "Name the condition treated (e.g. low back pain with R leg pain).",
        id="episode-condition-blank",
    ),
    # A visit's notes and numbers.
    case(visit_field, "subjective", ARABIC + "\n" + EMOJI, id="visit-subjective-rtl-emoji"),
    case(visit_field, "plan", MULTILINE, id="visit-plan-tabs-and-lines"),
    case(visit_field, "assessment", "x" * 20_000, id="visit-assessment-at-limit"),
    case(
        visit_field,
        "objective",
        NUL,
        "Objective contains control characters; paste it as plain text.",
        id="visit-objective-nul",
    ),
    case(
        visit_field,
        "plan",
        BROKEN,
        "Plan contains characters that are not valid text; retype it.",
        id="visit-plan-broken-utf8",
    ),
    case(
        visit_field,
        "subjective",
        "x" * 20_001,
        "Subjective is 20,001 characters; the limit is 20,000.",
        id="visit-subjective-20001",
    ),
    case(
        visit_field,
        "pain_before",
        -1,
        "Pain before is rated 0 (no pain) to 10 (worst imaginable); -1 is outside that.",
        id="visit-pain-negative",
    ),
    case(
        visit_field,
        "pain_after",
        10**20,
        "Pain after is rated 0 (no pain) to 10 (worst imaginable); "
        "100000000000000000000 is outside that.",
        id="visit-pain-huge",
    ),
    case(
        visit_field,
        "needles_used",
        2.5,
        "Needles used must be a whole number.",
        id="visit-needles-fraction",
    ),
    case(
        visit_field,
        "needles_removed",
        True,
        "Needles removed must be a whole number.",
        id="visit-needles-bool",
    ),
    case(visit_field, "needles_used", 0, id="visit-needles-zero"),
    # Amendments under a signed visit.
    case(amendment, "text", HEBREW + " " + EMOJI, id="amendment-hebrew-emoji"),
    case(
        amendment,
        "reason",
        BELL,
        "Reason contains control characters; paste it as plain text.",
        id="amendment-reason-bell",
    ),
    case(amendment, "text", "   ", "The amendment needs its text.", id="amendment-text-blank"),
    # Safety screen and consent.
    case(screen_field, "given_by", "أم المريضة (mother)", id="screen-given-by-arabic"),
    case(screen_field, "notes", EMOJI, id="screen-notes-emoji"),
    case(
        screen_field,
        "given_by",
        NUL,
        "Who consented contains control characters; paste it as plain text.",
        id="screen-given-by-nul",
    ),
    case(
        screen_field,
        "given_by",
        "p" * 201,
        "Who consented is 201 characters; the limit is 200.",
        id="screen-given-by-201",
    ),
    # Adverse events.
    case(adverse_event, "description", MIXED, id="event-description-mixed"),
    case(
        adverse_event,
        "action_taken",
        HUGE,
        "Action taken is 100,000 characters; the limit is 5,000.",
        id="event-action-100k",
    ),
    # Outcome measures.
    case(outcome, "activities", "المشي 🚶 30 min", id="outcome-activity-arabic-emoji"),
    case(outcome, "answers", ("nprs", [10]), (10,), id="outcome-nprs-10"),
    case(
        outcome,
        "answers",
        ("nprs", [11]),
        "NPRS rating is 11; answers run from 0 to 10.",
        id="outcome-nprs-11",
    ),
    case(
        outcome,
        "answers",
        ("nprs", [-(10**30)]),
        f"NPRS rating is {-(10**30)}; answers run from 0 to 10.",
        id="outcome-nprs-huge-negative",
    ),
    case(
        outcome,
        "activities",
        "walk\x00ing",
        "Activity contains control characters; paste it as plain text.",
        id="outcome-activity-nul",
    ),
    # Body-map marks.
    case(finding_note, "note", HEBREW + " 🦵", id="finding-note-hebrew-emoji"),
    case(
        finding_note,
        "note",
        DEL,
        "The note contains control characters; paste it as plain text.",
        id="finding-note-del",
    ),
    case(needle, "gauge", "٠٫٣٠ mm", id="needle-gauge-arabic-digits"),
    case(needle, "note", EMOJI, id="needle-note-emoji"),
    case(
        needle,
        "gauge",
        "0.3\x00",
        "The needle gauge contains control characters; paste it as plain text.",
        id="needle-gauge-nul",
    ),
    case(
        needle,
        "depth_mm",
        -5.0,
        "Depth is in millimetres, more than 0 and at most 150.",
        id="needle-depth-negative",
    ),
    case(
        needle,
        "depth_mm",
        math.inf,
        "Depth is in millimetres, more than 0 and at most 150.",
        id="needle-depth-infinite",
    ),
    case(
        needle,
        "depth_mm",
        math.nan,
        "Depth is in millimetres, more than 0 and at most 150.",
        id="needle-depth-nan",
    ),
    case(
        needle,
        "length_mm",
        10**9,
        "Needle length is one of 13, 15, 25, 30, 40, 50, 60, 75, 100, 125 mm.",
        id="needle-length-huge",
    ),
    case(needle, "x", math.nan, "A needle site needs a point on the map.", id="needle-x-nan"),
    # Clinic settings.
    case(setting, "clinic_name", "عيادة النور 🌿", id="settings-name-arabic-emoji"),
    case(setting, "clinic_address", MULTILINE, id="settings-address-lines"),
    case(
        setting,
        "clinic_name",
        NUL,
        "The clinic's name contains control characters; paste it as plain text.",
        id="settings-name-nul",
    ),
    case(
        setting,
        "clinic_phone",
        HUGE,
        "The clinic's phone is 100,000 characters; the limit is 64.",
        id="settings-phone-100k",
    ),
    case(
        setting,
        "screen_interval_days",
        -1,
        "The screen interval is 1 to 3650 days.",
        id="settings-interval-negative",
    ),
    case(
        setting,
        "idle_lock_minutes",
        10**18,
        "The idle lock is 1 to 240 minutes.",
        id="settings-idle-huge",
    ),
    case(
        setting,
        "typical_course_visits",
        math.nan,
        "The typical course is 1 to 100 visits.",
        id="settings-course-nan",
    ),
    case(
        setting,
        "backup_folder",
        "backups",
        "The backup folder is a full path, e.g. /media/usb/backups.",
        id="settings-backup-relative",
    ),
    case(
        setting,
        "backup_folder",
        "/media/usb\x00",
        "The backup folder contains control characters; paste it as plain text.",
        id="settings-backup-nul",
    ),
    case(setting, "backup_folder", "/media/גיבוי 💾", id="settings-backup-hebrew-emoji"),
    case(
        setting,
        "logo_path",
        "{folder}/logo\x00.png",
        "The logo file's name contains control characters; paste it as plain text.",
        id="settings-logo-nul",
    ),
    case(
        setting,
        "logo_path",
        "{folder}",
        "The logo file {folder} cannot be read (Is a directory).",
        id="settings-logo-folder",
    ),
    case(
        setting,
        "logo_path",
        "{folder}/missing.png",
        "The logo file {folder}/missing.png does not exist.",
        id="settings-logo-missing",
    ),
    case(
        setting,
        "logo_path",
        "{folder}/" + "l" * 300 + ".png",
        "The logo file {folder}/" + "l" * 300 + ".png cannot be read (File name too long).",
        id="settings-logo-name-too-long",
    ),
    # The take-home summary's next appointment, printed as typed.
    case(next_appointment, "", "الخميس 10:30 📅", id="next-appointment-arabic-emoji"),
    case(
        next_appointment,
        "",
        ESCAPES,
        "The next appointment contains control characters; paste it as plain text.",
        id="next-appointment-escapes",
    ),
]


_COUNTS = select(
    *(
        select(func.count()).select_from(table).scalar_subquery().label(table.name)
        for table in Base.metadata.sorted_tables
    )
)


def row_counts(db: Database) -> dict[str, int]:
    """Every table's row count, read in one statement."""
    with db.reading() as session:
        return dict(session.execute(_COUNTS).one()._mapping)


@pytest.mark.parametrize(("form", "field", "value", "expected"), CASES)
def test_nasty_input_is_stored_exactly_or_refused_with_its_message(
    clinic: Clinic, form: Form, field: str, value: object, expected: object
):
    if not isinstance(expected, str):
        stored = form(clinic, field, value)
        if isinstance(expected, Stored):
            expected = expected.value
        assert stored == (value if expected is SAME else expected)
        return
    expected = expected.format(folder=clinic.folder)
    before = row_counts(clinic.db)
    with pytest.raises(ServiceError) as refused:
        form(clinic, field, value)
    error = refused.value
    shown = " ".join(error.problems.values()) if isinstance(error, ValidationError) else str(error)
    assert shown == expected
    if isinstance(error, ValidationError) and field and form not in (needle, finding_note):
        assert set(error.problems) == {field}, "the message goes beside its own field"
    # (marks show theirs in the map's banner, under "mark")
    after = row_counts(clinic.db)
    if form is sign_in:  # a refused sign-in is audited, and nothing else
        assert after == before | {"audit_log": before["audit_log"] + 1}
    else:
        assert after == before, "a refused input leaves nothing half-written"


def test_the_database_is_sound_after_every_nasty_input(clinic: Clinic):
    assert database_health(clinic.db).integrity == "ok"
    patients = PatientService(clinic.db)
    assert patients.get(clinic.patient_id).display_name == "DOE, Jane"
    assert [p.chart_number for p in patients.search("الحسيني")] == ["2"]


def test_a_summary_prints_right_to_left_names_in_reading_order(clinic: Clinic):
    """Hebrew and Arabic print in reading order, Arabic letters joined (DejaVu Sans has the
    joined forms); an emoji has no glyph in the font and prints as its missing-glyph box."""
    from arabic_reshaper import reshape

    from imsdesk.reports.session_summary import build_session_summary
    from tests.reports import pdf_tools

    settings = ClinicSettingsService(clinic.db)
    settings.save(replace(ClinicSettings(), clinic_name="عيادة النور 🌿"))
    patient = PatientService(clinic.db).create(
        PatientDetails(clinic.chart_number(), "כהן", "שרה", BORN)
    )
    visit = VisitService(clinic.db).start_draft(patient.id, clinic.therapist_id)
    summary = SummaryService(clinic.db).session_summary(visit.id, next_appointment="🦵 10:30")
    printed = pdf_tools.text(build_session_summary(summary))
    # pypdf reads right-to-left runs back in reading order: as typed when drawn correctly.
    assert "שרה כהן" in printed
    assert reshape("عيادة النور") in printed
    assert "\x00 10:30" in printed and "🦵" not in printed  # glyph 0: the font's empty box
