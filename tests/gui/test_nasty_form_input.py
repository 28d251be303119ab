"""Hostile and odd input typed or pasted into the real forms: each is explained beside its
field (and nothing is stored), or it is saved and shows exactly as typed when reopened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.adverse_event_dialog import AdverseEventDialog
from imsdesk.gui.amend_dialog import AmendDialog
from imsdesk.gui.clinic_settings_dialog import ClinicSettingsDialog
from imsdesk.gui.episode_dialog import EpisodeDialog
from imsdesk.gui.import_wizard import ImportWizard
from imsdesk.gui.patient_dialog import PatientDialog
from imsdesk.gui.sign_in_dialog import SignInDialog
from imsdesk.gui.user_dialog import UserDialog
from imsdesk.gui.visit_notes import VisitNotesPanel
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.clinic_settings import ClinicSettingsService
from imsdesk.services.database import database_health, open_clinic_database
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.patient_import import PatientImportService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import SIGN_IN_REFUSED, UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import sign_with_clear_screen
from tests.support.qt import next_message_box

NUL = "Jane\x00Doe"
ARABIC = "الحسيني"
HEBREW = "שרה"
EMOJI = "Sore 😖 after needling 🦵 👩🏽‍⚕️"
CONTROL = "control characters; paste it as plain text."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    opened = open_clinic_database(str(tmp_path_factory.mktemp("nasty-gui") / "clinic.sqlite"))
    yield opened.db
    opened.db.close()


@pytest.fixture(scope="module")
def chart(db: Database) -> dict[str, int]:
    users, patients, visits = UserService(db), PatientService(db), VisitService(db)
    therapist = users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), "correct-horse")
    patient = patients.create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))
    signed = visits.start_draft(patient.id, therapist.id)
    sign_with_clear_screen(db, signed.id, patient.id, therapist.id)
    draft = visits.start_draft(patient.id, therapist.id)
    return {
        "therapist": therapist.id,
        "patient": patient.id,
        "visit": draft.id,
        "signed": signed.id,
    }


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Type what a keyboard can; the rest arrives as a paste or an input method delivers it."""
    if isinstance(widget, QPlainTextEdit):
        widget.setFocus()
        widget.insertPlainText(text)
    elif text.isascii() and text.isprintable() and len(text) <= 80:  # longer: a paste
        qtbot.keyClicks(widget, text)
    else:
        assert isinstance(widget, QLineEdit)
        widget.insert(text)


def fill(qtbot, dialog: QWidget, typed: dict[str, str]) -> None:
    for name, text in typed.items():
        widget = getattr(dialog.ui, name)
        widget.clear()
        type_into(qtbot, widget, text)


def press_accept(qtbot, dialog: QWidget) -> None:
    buttons: QDialogButtonBox = dialog.ui.buttons  # type: ignore[attr-defined]
    accept = next(
        b for b in buttons.buttons() if buttons.buttonRole(b) == QDialogButtonBox.AcceptRole
    )
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)


def shown(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def text_of(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def errors_shown(dialog: QWidget, fields: tuple[str, ...]) -> dict[str, str]:
    return {
        name: getattr(dialog.ui, f"{name}_error").text()
        for name in fields
        if getattr(dialog.ui, f"{name}_error").isVisible()
    }


def assert_refused_or_round_trip(
    qtbot,
    dialog: QWidget,
    typed: dict[str, str],
    problems: dict[str, str],
    fields: tuple[str, ...],
    reopen: Callable[[], QWidget],
    count: Callable[[], int],
) -> None:
    before = count()
    fill(qtbot, dialog, typed)
    press_accept(qtbot, dialog)
    if problems:
        assert dialog.isVisible(), "the form stays open to be corrected"
        assert errors_shown(dialog, fields) == problems
        assert {n: text_of(getattr(dialog.ui, n)) for n in typed} == typed, "kept as typed"
        assert count() == before, "nothing stored"
        return
    assert not dialog.isVisible() and count() == before + 1
    again = shown(qtbot, reopen())
    assert {n: text_of(getattr(again.ui, n)) for n in typed} == typed


# -- the patient form --------------------------------------------------------------------

PATIENT = {
    "chart_number": "P1",
    "family_name": "Roe",
    "given_names": "Ann",
    "date_of_birth": "1980-05-01",
}


def patient_case(changes: dict[str, str], problems: dict[str, str] | None = None, *, id: str):
    return pytest.param(PATIENT | changes, problems or {}, id=id)


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        patient_case(
            {"family_name": ARABIC, "given_names": HEBREW, "notes": EMOJI + "\nמשפט שני"},
            id="arabic-hebrew-emoji-saved",
        ),
        patient_case({"address": "Flat 2, 10 O'Brien St; DROP TABLE x"}, id="sql-address-saved"),
        patient_case(
            {"family_name": NUL},
            {"family_name": f"Family name contains {CONTROL}"},
            id="nul-in-name",
        ),
        patient_case(
            {"phone": "6" * 65},
            {"phone": "Phone is 65 characters; the limit is 64."},
            id="long-phone",
        ),
        patient_case(
            {"notes": "x" * 100_000},
            {"notes": "Notes is 100,000 characters; the limit is 20,000."},
            id="100k-notes",
        ),
        patient_case(
            {"chart_number": "'; DROP TABLE patients;--"},
            {
                "chart_number": "Chart number: up to 32 letters, digits, '-', '/' or '.', "
                "starting with a letter or digit."
            },
            id="sql-chart-number",
        ),
        patient_case(
            {"date_of_birth": "1970-02-30"},
            {"date_of_birth": "Date of birth: 1970-02-30 is not a real date."},
            id="february-30",
        ),
        patient_case(
            {"date_of_birth": "-1970-01-01"},
            {"date_of_birth": "Date of birth: Write the date as YYYY-MM-DD, e.g. 1968-04-23."},
            id="negative-year",
        ),
        patient_case(
            {"date_of_birth": "1850-01-01"},
            {"date_of_birth": "Date of birth gives an age over 120 years."},
            id="born-1850",
        ),
        patient_case(
            {"family_name": "   ", "given_names": "\t"},
            {"family_name": "Family name is required.", "given_names": "Given name is required."},
            id="whitespace-names",
        ),
        patient_case(
            {"notes": "a\x7fb"}, {"notes": f"Notes contains {CONTROL}"}, id="delete-in-notes"
        ),
    ],
)
def test_patient_form(qtbot, db: Database, typed: dict[str, str], problems: dict[str, str]):
    from imsdesk.domain.patients import PATIENT_FORM_FIELDS

    patients = PatientService(db)
    typed = typed | {"chart_number": f"P{patients.count('') + 1}"} if not problems else typed
    dialog = shown(qtbot, PatientDialog(patients.create))

    def reopen() -> PatientDialog:
        return PatientDialog(patients.create, patient=dialog.saved)

    fields = tuple(f for f in PATIENT_FORM_FIELDS if f != "sex")
    assert_refused_or_round_trip(
        qtbot, dialog, typed, problems, fields, reopen, lambda: patients.count("")
    )


# -- an episode of care --------------------------------------------------------------------

EPISODE = {"condition": "Low back pain", "started_on": "2024-01-01"}
EPISODE_FIELDS = ("condition", "started_on", "referral_source", "referral_date", "goals")


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        pytest.param(EPISODE | {"goals": EMOJI, "referral_source": "ד״ר לוי"}, {}, id="saved"),
        pytest.param(
            EPISODE | {"condition": NUL}, {"condition": f"Condition contains {CONTROL}"}, id="nul"
        ),
        pytest.param(
            EPISODE | {"started_on": "2024-13-01"},
            {"started_on": "Start date: 2024-13-01 is not a real date."},
            id="month-13",
        ),
        pytest.param(
            EPISODE | {"started_on": "9999-12-31"},
            {"started_on": "An episode cannot start in the future."},
            id="year-9999",
        ),
        pytest.param(
            EPISODE | {"referral_date": "1900-01-01"},
            {"referral_date": "The referral date is before the patient was born (1968-04-23)."},
            id="referred-before-birth",
        ),
    ],
)
def test_episode_form(qtbot, db: Database, chart, typed: dict[str, str], problems: dict[str, str]):
    episodes = EpisodeService(db)
    dialog = shown(qtbot, EpisodeDialog(lambda d: episodes.open(chart["patient"], d)))

    def reopen() -> EpisodeDialog:
        return EpisodeDialog(lambda d: episodes.update(dialog.saved.id, d), episode=dialog.saved)

    def count() -> int:
        return len(episodes.for_patient(chart["patient"]))

    assert_refused_or_round_trip(qtbot, dialog, typed, problems, EPISODE_FIELDS, reopen, count)


# -- adverse event and amendment -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        pytest.param({"description": EMOJI, "action_taken": HEBREW}, {}, id="saved"),
        pytest.param(
            {"description": NUL, "action_taken": "observed"},
            {"description": f"Description contains {CONTROL}"},
            id="nul",
        ),
        pytest.param(
            {"description": "  ", "action_taken": "x" * 5001},
            {
                "description": "Describe what happened.",
                "action_taken": "Action taken is 5,001 characters; the limit is 5,000.",
            },
            id="blank-and-too-long",
        ),
    ],
)
def test_adverse_event_form(qtbot, db: Database, chart, typed, problems):
    events = AdverseEventService(db)
    dialog = shown(
        qtbot, AdverseEventDialog(lambda e: events.record(chart["visit"], chart["therapist"], e))
    )
    dialog.ui.kind.setCurrentIndex(0)
    before = len(events.for_visit(chart["visit"]))
    fill(qtbot, dialog, typed)
    press_accept(qtbot, dialog)
    assert errors_shown(dialog, ("kind", "description", "action_taken")) == problems
    stored = events.for_visit(chart["visit"])
    if problems:
        assert len(stored) == before and dialog.isVisible()
    else:
        assert (stored[-1].description, stored[-1].action_taken) == (EMOJI, HEBREW)


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        pytest.param({"reason": "wrong side", "text": f"{ARABIC} {EMOJI}"}, {}, id="saved"),
        pytest.param(
            {"reason": "bell\x07", "text": "Left, not right."},
            {"reason": f"Reason contains {CONTROL}"},
            id="bell-in-reason",
        ),
        pytest.param(
            {"reason": "r" * 501, "text": ""},
            {
                "reason": "Reason is 501 characters; the limit is 500.",
                "text": "The amendment needs its text.",
            },
            id="too-long-and-blank",
        ),
    ],
)
def test_amendment_form(qtbot, db: Database, chart, typed, problems):
    records = VisitRecordService(db)
    dialog = shown(
        qtbot, AmendDialog(lambda r, t: records.amend(chart["signed"], chart["therapist"], r, t))
    )
    before = len(records.record(chart["signed"]).amendments)
    fill(qtbot, dialog, typed)
    press_accept(qtbot, dialog)
    assert errors_shown(dialog, ("reason", "text")) == problems
    amendments = records.record(chart["signed"]).amendments
    if problems:
        assert len(amendments) == before
    else:
        assert (amendments[-1].reason, amendments[-1].text) == (typed["reason"], typed["text"])


# -- clinic settings, users, signing in ------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        pytest.param(
            {"clinic_name": "عيادة النور 🌿", "clinic_address": "רחוב הרצל 5"}, {}, id="saved"
        ),
        pytest.param(
            {"logo_path": "/tmp/logo\x00.png"},
            {"logo_path": f"The logo file's name contains {CONTROL}"},
            id="nul-in-logo-path",
        ),
        pytest.param(
            {"logo_path": "{folder}"},
            {"logo_path": "The logo file {folder} cannot be read (Is a directory)."},
            id="logo-is-a-folder",
        ),
        pytest.param(
            {"clinic_phone": "604\x1b[2J"},
            {"clinic_phone": f"The clinic's phone contains {CONTROL}"},
            id="escape-in-phone",
        ),
    ],
)
def test_clinic_settings_form(qtbot, db: Database, tmp_path: Path, typed, problems):
    typed = {k: v.format(folder=tmp_path) for k, v in typed.items()}
    problems = {k: v.format(folder=tmp_path) for k, v in problems.items()}
    settings = ClinicSettingsService(db)
    before = settings.load()
    dialog = shown(qtbot, ClinicSettingsDialog(before, settings.save))
    fill(qtbot, dialog, typed)
    press_accept(qtbot, dialog)
    fields = ("clinic_name", "clinic_address", "clinic_phone", "logo_path")
    assert errors_shown(dialog, fields) == problems
    if problems:
        assert settings.load() == before and dialog.isVisible()
        return
    again = shown(qtbot, ClinicSettingsDialog(settings.load(), settings.save))
    assert {n: text_of(getattr(again.ui, n)) for n in typed} == typed


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        pytest.param({"display_name": "שרה לוי 👩🏽‍⚕️", "username": "slevi"}, {}, id="saved"),
        pytest.param(
            {"display_name": "Kim", "username": "kim", "password": "pass\x00word"},
            {"password": "The password cannot contain control characters."},
            id="nul-in-password",
        ),
        pytest.param(
            {"display_name": "Kim", "username": "k" * 65},
            {"username": "User name is at most 64 characters."},
            id="65-letter-username",
        ),
        pytest.param(
            {"display_name": "Kim\x07", "username": "kim2"},
            {"display_name": f"Name contains {CONTROL}"},
            id="bell-in-name",
        ),
    ],
)
def test_user_form(qtbot, db: Database, typed, problems):
    users = UserService(db)
    typed = {"password": "correct-horse"} | typed
    typed["confirmation"] = typed["password"]
    dialog = shown(qtbot, UserDialog(users.create))
    before = len(users.list_users())
    fill(qtbot, dialog, typed)
    press_accept(qtbot, dialog)
    assert (
        errors_shown(dialog, ("display_name", "username", "registration_number", "password"))
        == problems
    )
    if problems:
        assert len(users.list_users()) == before
    else:
        assert (
            users.sign_in(typed["username"], typed["password"]).display_name
            == typed["display_name"]
        )


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("amorgan\x00", "correct-horse"),
        ("' OR '1'='1", "' OR '1'='1"),
        ("amorgan", "x" * 100_000),
        ("م" * 70, "🔑" * 8),
    ],
    ids=["nul-user-name", "sql", "100k-password", "arabic-and-emoji"],
)
def test_sign_in_refuses_with_one_message(qtbot, db: Database, chart, username, password):
    users = UserService(db)
    dialog = shown(qtbot, SignInDialog(users.sign_in))
    fill(qtbot, dialog, {"username": username, "password": password})
    press_accept(qtbot, dialog)
    assert dialog.isVisible() and dialog.user is None
    assert dialog.ui.message.isVisible() and dialog.ui.message.text() == SIGN_IN_REFUSED
    assert dialog.ui.password.text() == ""  # cleared for the next try


# -- a visit's notes and numbers, and the import wizard's file ------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "shown_error", "stored"),
    [
        ("pain_before", "²", "Pain before must be a whole number; '²' is not.", None),
        (
            "pain_after",
            "-3",
            "Pain after is rated 0 (no pain) to 10 (worst imaginable); -3 is outside that.",
            None,
        ),
        ("needles_used", "٥", "", 5),  # Arabic-Indic five, as an Arabic keyboard types it
        ("subjective", f"{ARABIC}\n{EMOJI}", "", f"{ARABIC}\n{EMOJI}"),
        ("plan", NUL, f"Plan contains {CONTROL}", ""),
    ],
    ids=["superscript-two", "negative-pain", "arabic-digit", "rtl-and-emoji", "nul-in-plan"],
)
def test_visit_notes(qtbot, db: Database, chart, field, typed, shown_error, stored):
    records = VisitRecordService(db)
    for name in ("pain_before", "pain_after", "needles_used"):
        records.save_field(chart["visit"], name, None)
    records.save_field(chart["visit"], "plan", "")
    panel = VisitNotesPanel(records)
    qtbot.addWidget(panel)
    panel.show_record(records.record(chart["visit"]))
    widget = panel.numbers.get(field) or panel.notes[field]
    type_into(qtbot, widget, typed)
    if isinstance(widget, QLineEdit):
        widget.textEdited.emit(widget.text())  # what typing it does
    panel.flush()
    assert panel.error_line.text() == shown_error
    assert text_of(widget) == typed
    assert records.record(chart["visit"]).value(field) == stored


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("patients\x00.csv", f"The file's name contains {CONTROL}"),
        ("{folder}", "Cannot read {folder}: Is a directory."),
        (
            "{folder}/" + "p" * 300 + ".csv",
            "Cannot read {folder}/" + "p" * 300 + ".csv: File name too long.",
        ),
    ],
    ids=["nul-in-path", "a-folder", "name-too-long"],
)
def test_import_wizard_file_choice(qtbot, db: Database, tmp_path: Path, path: str, message: str):
    wizard = ImportWizard(PatientImportService(db), None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(path.format(folder=tmp_path))
    seen = next_message_box(qtbot)
    assert wizard.file_page.validatePage() is False
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [message.format(folder=tmp_path)]


def test_the_database_is_sound_after_every_form(db: Database):
    assert database_health(db).integrity == "ok"


# -- the safety screen and an outcome measure -------------------------------------------------


@pytest.mark.parametrize(
    ("given_by", "notes", "problems"),
    [
        pytest.param("والدة المريض (mother)", EMOJI, {}, id="saved"),
        pytest.param(NUL, "", {"given_by": f"Who consented contains {CONTROL}"}, id="nul"),
        pytest.param(
            "p" * 201,
            "",
            {"given_by": "Who consented is 201 characters; the limit is 200."},
            id="201",
        ),
        pytest.param(
            "patient", "\x1b[1mbold", {"notes": f"Notes contains {CONTROL}"}, id="escape-in-notes"
        ),
    ],
)
def test_safety_screen_form(qtbot, db: Database, chart, given_by, notes, problems):
    from imsdesk.gui.safety_screen_dialog import SCREEN_FORM_FIELDS, SafetyScreenDialog
    from imsdesk.services.screening import ScreeningService

    screening = ScreeningService(db)
    latest = screening.latest(chart["patient"])
    dialog = shown(
        qtbot,
        SafetyScreenDialog(
            lambda s: screening.record(chart["patient"], chart["therapist"], s), previous=latest
        ),
    )
    for row in dialog.rows:
        row.set_answer(False)
    dialog.ui.consent_yes.setChecked(True)
    fill(qtbot, dialog, {"given_by": given_by, "notes": notes})
    press_accept(qtbot, dialog)
    assert errors_shown(dialog, SCREEN_FORM_FIELDS) == problems
    stored = screening.latest(chart["patient"])
    if problems:
        assert stored == latest and dialog.isVisible()
    else:
        assert (stored.consent.given_by, stored.notes) == (given_by, notes)


@pytest.mark.parametrize(
    ("activity", "refusal"),
    [
        ("المشي 🚶 30 دقيقة", ""),
        ("walk\x00ing", f"Activity contains {CONTROL}"),
        ("climb\udcffstairs", ""),  # a line edit drops what is not text: saved as shown
    ],
    ids=["arabic-emoji", "nul", "broken-character"],
)
def test_outcome_activity_name(qtbot, db: Database, chart, activity, refusal):
    from imsdesk.gui.outcome_measure_dialog import OutcomeMeasureDialog
    from imsdesk.services.outcomes import OutcomeService

    outcomes = OutcomeService(db)
    before = len(outcomes.for_visit(chart["visit"]))

    def record(instrument, answers, *, activities=None):
        return outcomes.record(chart["visit"], instrument, answers, activities=activities)

    dialog = shown(qtbot, OutcomeMeasureDialog(record, instrument="psfs"))
    form = dialog.current_form()
    form.names[0].insert(activity)
    qtbot.keyClicks(form.edits[0], "4")
    press_accept(qtbot, dialog)
    stored = outcomes.for_visit(chart["visit"])
    if refusal:
        assert dialog.isVisible() and dialog.ui.save_error.text() == refusal
        assert len(stored) == before
    else:
        assert stored[-1].activities == (form.names[0].text(),)
        assert form.names[0].text() == activity.replace("\udcff", "")
