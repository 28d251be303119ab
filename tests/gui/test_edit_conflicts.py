"""Two workstations on one draft, seen from the visit screen: nothing is overwritten.

Workstation one is the main window; workstation two is a second set of services on the
same database file (its own engine), saving as another therapist in another room.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from imsdesk.domain.anatomy import Region, Side, SpinalLevel, View
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.gui.bodymap import intents
from imsdesk.gui.edit_conflict_dialog import EditConflictDialog
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.sign_in_dialog import SignInDialog
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import DEMO_PASSWORD
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.store.database import Database
from tests.support.charting import clear_screen
from tests.support.qt import next_message_box, press_save, with_modal

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

MINE = (
    "IMS weekly x 4 to R gluteus medius and L5 paraspinals; reassess SLR and lumbar "
    "flexion each visit. Home: hip flexor stretch 3 x 30 s twice daily."
)
THEIRS = (
    "IMS weekly. Add R piriformis if buttock pain persists. Review with GP re imaging "
    "if no change after 4 sessions."
)


@dataclass
class RoomTwo:
    records: VisitRecordService
    marks: MarkService
    user_id: int
    db: Database


@pytest.fixture
def rooms(qtbot, make_main_window, sqlite_url: str) -> Iterator[tuple[MainWindow, RoomTwo]]:
    window = make_main_window(demo_patients=1)
    window.resize(1366, 900)
    services = window.services
    patient = services.patients.create(PatientDetails("77", "Doe", "Jane", date(1968, 4, 23)))
    services.screening.record(patient.id, window.clinician.id, clear_screen())
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    other = open_clinic_database(sqlite_url).db  # the other treatment room's connection
    sam = UserService(other).create(UserDetails("slee", "Sam Lee", Role.THERAPIST))
    yield (
        window,
        RoomTwo(
            VisitRecordService(other, workstation_name="ROOM-2"), MarkService(other), sam.id, other
        ),
    )
    # A failed test may leave a conflict or an unsaved field: forget them, so closing the
    # window does not wait for a choice nobody will make.
    notes = window.visit_page.notes
    for field in (*notes.notes, *notes.numbers):
        notes.autosaver.discard(field)
    notes.conflicts.clear()
    other.close()


def handled(qtbot, handle) -> list[BaseException]:
    """Run ``handle`` on the next conflict dialog; a failure closes it instead of leaving a
    modal dialog open (the test then reports what failed)."""
    failures: list[BaseException] = []

    def run(dialog: EditConflictDialog) -> None:
        try:
            handle(dialog)
        except BaseException as error:
            failures.append(error)
            dialog.done(0)

    with_modal(qtbot, EditConflictDialog, run)
    return failures


def saved(window: MainWindow):
    return window.services.records.record(window.visit_page.record.visit.id)


def room_two_saves(window: MainWindow, two: RoomTwo, field: str, value: object) -> None:
    """Room two reads the draft as saved now and saves one field of it."""
    seen = two.records.record(window.visit_page.record.visit.id)
    two.records.save_edit(seen, field, value, user_id=two.user_id)  # type: ignore[arg-type]


def test_a_conflict_shows_both_versions_and_saves_the_merged_choice(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    start = saved(window).version
    plan = page.notes.notes["plan"]
    room_two_saves(window, two, "plan", THEIRS)  # room two saved first; this screen has not read it
    plan.setFocus()
    qtbot.keyClicks(plan, MINE)
    merged = MINE + " Add R piriformis if buttock pain persists."
    seen: dict[str, str] = {}

    def choose(dialog: EditConflictDialog) -> None:
        row = dialog.rows["plan"]
        seen["mine"], seen["theirs"] = row.mine.toPlainText(), row.theirs.toPlainText()
        seen["from"] = row.theirs_label.text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENSHOTS / "edit-conflict-dialog.png"))
        press_save(qtbot, dialog)  # nothing chosen yet: the dialog asks
        seen["asked"] = row.result_error.text() if row.result_error.isVisible() else ""
        assert dialog.focusWidget() is row.keep_mine  # the first field to choose for
        qtbot.keyClick(row.keep_mine, Qt.Key.Key_Space)  # keyboard: Keep mine
        assert row.result.toPlainText() == MINE
        row.result.setPlainText(merged)
        press_save(qtbot, dialog)

    failures = handled(qtbot, choose)
    qtbot.waitUntil(lambda: bool(failures) or saved(window).plan == merged, timeout=5000)
    assert not failures, failures

    assert (seen["mine"], seen["theirs"]) == (MINE, THEIRS)
    assert "Sam Lee on ROOM-2" in seen["from"]
    assert "Choose Keep mine or Take theirs" in seen["asked"]
    assert plan.toPlainText() == merged
    assert saved(window).version == start + 2
    assert window.statusBar().currentMessage().startswith("Saved your choice for plan")
    assert not page.notes.conflicts and not page.notes.error_line.isVisible()


def test_deciding_later_keeps_the_text_in_the_form_until_resolved(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    plan = page.notes.notes["plan"]
    room_two_saves(window, two, "plan", THEIRS)
    qtbot.keyClicks(plan, MINE)

    def later(dialog: EditConflictDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with_modal(qtbot, EditConflictDialog, later)
    qtbot.waitUntil(lambda: "Not saved yet" in window.statusBar().currentMessage(), timeout=5000)
    assert plan.toPlainText() == MINE  # nothing typed is lost
    assert saved(window).plan == THEIRS  # nothing saved over theirs
    assert page.notes.resolve_button.isVisible()
    assert "Sam Lee on ROOM-2" in page.notes.error_line.text()
    page.grab().save(str(SCREENSHOTS / "edit-conflict-kept-in-form.png"))

    def take_theirs(dialog: EditConflictDialog) -> None:
        qtbot.mouseClick(dialog.rows["plan"].take_theirs, Qt.MouseButton.LeftButton)
        press_save(qtbot, dialog)

    with_modal(qtbot, EditConflictDialog, take_theirs)
    qtbot.mouseClick(page.notes.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.notes.conflicts, timeout=5000)
    assert plan.toPlainText() == THEIRS
    assert not page.notes.resolve_button.isVisible()


def test_a_field_saved_elsewhere_is_taken_in_while_typing_another(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    room_two_saves(window, two, "subjective", "Buttock pain 7/10 since Monday; R leg tingling.")
    qtbot.keyClicks(page.notes.numbers["pain_before"], "6")
    page.notes.flush()
    assert page.notes.notes["subjective"].toPlainText().startswith("Buttock pain 7/10")
    message = window.statusBar().currentMessage()
    assert message.startswith(
        "Saved pain before. Took in the subjective saved by Sam Lee on ROOM-2"
    )
    record = saved(window)
    assert (record.pain_before, record.subjective[:12]) == (6, "Buttock pain")


def test_signing_after_a_change_elsewhere_shows_it_first(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    for field in ("needles_used", "needles_removed"):
        qtbot.keyClicks(page.notes.numbers[field], "2")
    page.notes.flush()
    room_two_saves(window, two, "pain_after", 4)
    told = next_message_box(qtbot)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert told and "Sam Lee on ROOM-2" in told[0] and "pain after" in told[0]
    assert saved(window).visit.status is VisitStatus.DRAFT
    assert page.notes.numbers["pain_after"].text() == "4"
    page.sign_button.click()  # now it has been read
    assert saved(window).visit.status is VisitStatus.SIGNED


L5_LEFT_TENDER = ExamSign(SpinalLevel.L5, Side.LEFT, SignKind.TENDER_MOTOR_POINT)


def test_signing_after_findings_added_elsewhere_shows_them_first(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    visit_id = page.record.visit.id
    for field in ("needles_used", "needles_removed"):
        qtbot.keyClicks(page.notes.numbers[field], "2")
    page.notes.flush()
    # Behind this screen's back: room two ticks an exam sign and an area of pain.
    ExamSignService(two.db).set_sign(visit_id, L5_LEFT_TENDER, True)
    PainAreaService(two.db).set_area(visit_id, PainArea(Region.BACK, Side.LEFT), True)
    assert page.segments.exam_signs == [] and page.pain_areas.areas == ()

    told = next_message_box(qtbot)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert told, "no message said why the visit was not signed"
    assert told[0].startswith("This visit was changed at another workstation")
    assert "an exam sign was added at L5 left: tender motor point" in told[0]
    assert "an area of pain was added: left back" in told[0]
    assert window.statusBar().currentMessage() == (
        "Not signed: the visit changed at another workstation."
    )
    assert saved(window).visit.status is VisitStatus.DRAFT
    # The screen now shows them: the strip marks the level, the read-out names the area.
    assert page.segments.exam_signs == [L5_LEFT_TENDER]
    assert (SpinalLevel.L5, Side.LEFT) in page.segments.strip.signs
    assert page.pain_areas.readout.full_text() == "Back: left"
    page.sign_button.click()  # now they have been read
    assert saved(window).visit.status is VisitStatus.SIGNED


def test_findings_added_elsewhere_show_here_on_refresh(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    visit_id = page.record.visit.id
    ExamSignService(two.db).set_sign(visit_id, L5_LEFT_TENDER, True)
    PainAreaService(two.db).set_area(visit_id, PainArea(Region.HIP, Side.RIGHT), True)
    OutcomeService(two.db).record(visit_id, "odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert window.statusBar().currentMessage() == (
        "Updated from another workstation — an exam sign was added at L5 left: tender "
        "motor point; an area of pain was added: right hip and buttock; an outcome measure "
        "was added: ODI 32."
    )
    assert page.segments.exam_signs == [L5_LEFT_TENDER]
    assert page.pain_areas.readout.full_text() == "Hip and buttock: right"
    assert page.course.outcome_button.text() == "Outcome measures (1)…"
    page.grab().save(str(SCREENSHOTS / "findings-from-another-workstation.png"))
    qtbot.keyClick(page, Qt.Key.Key_F5)  # nothing new: nothing to say
    assert window.statusBar().currentMessage() == "Read the visit again from the database."


def test_marks_from_the_other_room_show_here_and_are_never_overwritten(qtbot, rooms):
    window, two = rooms
    page = window.visit_page
    panel = page.map_panel
    visit_id = page.record.visit.id
    glut = MuscleFinding("gluteus_medius", Side.RIGHT)
    two.marks.put_finding(visit_id, glut, expected=None)
    two.marks.put_needle(
        visit_id,
        NeedleSite("gluteus_medius", Side.RIGHT, View.POSTERIOR, 140.0, 410.0),
        expected=None,
    )
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert panel.marks.finding("gluteus_medius", Side.RIGHT) == glut
    assert len(panel.marks.needles) == 1
    assert window.statusBar().currentMessage() == (
        "Body map updated from another workstation: 1 shortened muscle added, 1 needle site added."
    )

    marked = MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED, "taut band")
    two.marks.put_finding(visit_id, marked, expected=glut)  # this screen still shows mild
    panel.run(intents.cycle_finding(visit_id, panel.marks, "gluteus_medius", Side.RIGHT))
    assert panel.banner.isVisible()
    assert (
        "was changed at another workstation meanwhile (now severity 3, marked; note: taut band)"
        in (panel.banner.text())
    )
    assert panel.marks.finding("gluteus_medius", Side.RIGHT) == marked  # read again
    assert two.marks.marks(visit_id).findings == (marked,)
    panel.grab().save(str(SCREENSHOTS / "edit-conflict-body-map.png"))


def test_a_conflict_met_while_locking_waits_behind_the_lock_for_the_user(qtbot, rooms):
    window, two = rooms
    plan = window.visit_page.notes.notes["plan"]
    plan.setFocus()
    qtbot.keyClicks(plan, MINE)  # not saved yet: locking saves it, and meets room two's
    room_two_saves(window, two, "plan", THEIRS)
    seen: dict[str, object] = {}

    def at_the_lock(dialog: SignInDialog) -> None:
        qtbot.wait(100)  # the conflict's own turn of the event loop comes and goes
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen["conflict shown while locked"] = any(isinstance(w, EditConflictDialog) for w in shown)
        qtbot.keyClicks(dialog.ui.password, DEMO_PASSWORD)
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def keep_mine(dialog: EditConflictDialog) -> None:
        seen["theirs"] = dialog.rows["plan"].theirs.toPlainText()
        dialog.rows["plan"].keep_mine.click()
        press_save(qtbot, dialog)

    with_modal(qtbot, SignInDialog, at_the_lock)
    assert window.lock()
    failures = handled(qtbot, keep_mine)
    qtbot.waitUntil(lambda: bool(failures) or saved(window).plan == MINE, timeout=5000)
    assert not failures, failures
    assert seen == {"conflict shown while locked": False, "theirs": THEIRS}
    assert plan.toPlainText() == MINE


def test_quitting_at_the_lock_names_the_unsaved_field_but_shows_neither_version(qtbot, rooms):
    window, two = rooms
    plan = window.visit_page.notes.notes["plan"]
    plan.setFocus()
    qtbot.keyClicks(plan, MINE)
    room_two_saves(window, two, "plan", THEIRS)
    asked: list[str] = []

    def quit_at_the_lock(dialog: SignInDialog) -> None:
        with_modal(qtbot, QMessageBox, answer)
        dialog.reject()  # Quit imsdesk

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        if len(asked) == 1:  # No: back to the lock, still covered
            with_modal(qtbot, SignInDialog, quit_at_the_lock)
            box.button(QMessageBox.StandardButton.No).click()
        else:
            box.button(QMessageBox.StandardButton.Yes).click()

    with_modal(qtbot, SignInDialog, quit_at_the_lock)
    assert not window.lock()
    assert len(asked) == 2 and "typed in the plan" in asked[0] and "Quit anyway?" in asked[0]
    assert MINE not in asked[0] and THEIRS not in asked[0]
    assert not window.isVisible()
    assert saved(window).plan == THEIRS  # what the other workstation saved stays
