"""Charting a visit's record in the window: autosave, bad input, the needle count, signing."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.gui.amend_dialog import AmendDialog
from imsdesk.gui.main_window import MainWindow
from tests.support.charting import clear_screen
from tests.support.qt import next_message_box, with_modal


@pytest.fixture
def window(qtbot, make_main_window) -> MainWindow:
    window = make_main_window(demo_patients=1)
    patient = window.services.patients.create(
        PatientDetails("77", "Doe", "Jane", date(1968, 4, 23))
    )
    window.services.screening.record(patient.id, window.clinician.id, clear_screen())
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    return window


def record(window: MainWindow):
    return window.services.records.record(window.visit_page.record.visit.id)


def test_typed_notes_are_saved_without_pressing_anything(qtbot, window):
    notes = window.visit_page.notes
    qtbot.keyClicks(notes.notes["subjective"], "Low back pain, worse sitting")
    qtbot.keyClicks(notes.numbers["pain_before"], "6")
    qtbot.waitUntil(
        lambda: record(window).subjective == "Low back pain, worse sitting", timeout=3000
    )
    assert record(window).pain_before == 6
    assert window.statusBar().currentMessage().startswith("Saved")


def test_pain_outside_the_scale_is_explained_and_kept_as_typed(qtbot, window):
    notes = window.visit_page.notes
    qtbot.keyClicks(notes.numbers["pain_after"], "11")
    assert notes.numbers["pain_after"].text() == "11"
    assert notes.error_line.isVisible()
    assert "0 (no pain) to 10" in notes.error_line.text()
    notes.flush()
    assert record(window).pain_after is None
    notes.numbers["pain_after"].clear()
    qtbot.keyClicks(notes.numbers["pain_after"], "3")
    assert not notes.error_line.isVisible()
    notes.flush()
    assert record(window).pain_after == 3


def test_a_needle_count_mismatch_blocks_signing_then_signing_locks_the_visit(qtbot, window):
    page = window.visit_page
    qtbot.keyClicks(page.notes.numbers["needles_used"], "12")
    qtbot.keyClicks(page.notes.numbers["needles_removed"], "11")
    assert "does not match" in page.notes.count_status.text()
    seen = next_message_box(qtbot)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen and "12 used, 11 removed" in seen[0]
    assert record(window).visit.status is VisitStatus.DRAFT

    page.notes.numbers["needles_removed"].clear()
    qtbot.keyClicks(page.notes.numbers["needles_removed"], "12")
    assert "all 12 needles accounted for" in page.notes.count_status.text()
    page.sign_button.click()
    assert record(window).visit.status is VisitStatus.SIGNED
    assert page.notes.notes["plan"].isReadOnly()
    assert not page.sign_button.isVisible() and page.amend_button.isVisible()
    assert "Signed by Alex Morgan" in page.facts.text()

    def amend(dialog: AmendDialog) -> None:
        qtbot.keyClicks(dialog.ui.reason, "Late entry")
        dialog.ui.text.setPlainText("Patient phoned: soreness settled next day.")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(qtbot, AmendDialog, amend)
    page.amend_button.click()
    assert "Late entry" in page.amendments.text()
    assert record(window).amendments[0].text == "Patient phoned: soreness settled next day."


def test_needling_over_the_lung_must_be_acknowledged_before_signing(qtbot, window):
    from imsdesk.domain.anatomy import Side, View
    from imsdesk.domain.marks import NeedleSite, Response
    from imsdesk.services.mark_commands import SetNeedle
    from tests.gui.bodymap.conftest import caught_up

    page = window.visit_page
    visit_id = page.record.visit.id
    assert not page.precaution_row.isVisible()
    site = NeedleSite("paraspinal_t5", Side.LEFT, View.PARASPINAL, 80, 300, response=Response.GRASP)
    page.map_panel.run(SetNeedle(visit_id, None, site))
    caught_up(qtbot, page.map_panel)  # the banner follows the map on the next turn
    assert page.precaution_row.isVisible()
    assert "lung and pleura precaution" in page.precaution.full_text()
    for field in ("needles_used", "needles_removed"):
        page.notes.numbers[field].setText("1")
        page.notes._number_changed(field, "1")
    page.notes.flush()
    seen = next_message_box(qtbot)
    page.sign_button.click()
    assert seen and "precaution acknowledged" in seen[0]
    page.acknowledge_button.click()
    assert page.precaution.full_text().startswith("✓ Acknowledged")
    page.sign_button.click()
    assert record(window).visit.status is VisitStatus.SIGNED
    assert "paraspinal" in record(window).precautions_acknowledged.lower()


@pytest.mark.parametrize(
    ("pasted", "words"),
    [
        ("Patient reports\x07 less pain", "control characters"),
        ("x" * 100_000, "100,000 characters; the limit is 20,000"),
    ],
    ids=["control-character", "100000-characters"],
)
def test_pasted_text_that_cannot_be_stored_is_explained_kept_and_blocks_signing(
    qtbot, window, pasted, words
):
    from PySide6.QtWidgets import QApplication

    page = window.visit_page
    plan = page.notes.notes["plan"]
    QApplication.clipboard().setText(pasted)
    plan.setFocus()
    qtbot.keyClick(plan, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.notes.flush() is False
    assert plan.toPlainText() == pasted  # kept as pasted, to be corrected
    assert page.notes.error_line.isVisible() and words in page.notes.error_line.text()
    assert record(window).plan == ""  # nothing invalid reached the database
    for field in ("needles_used", "needles_removed"):
        page.notes.numbers[field].setText("0")
        page.notes._number_changed(field, "0")
    seen = next_message_box(qtbot)
    page.sign_button.click()
    assert seen and "could not be saved" in seen[0]
    assert record(window).visit.status is VisitStatus.DRAFT

    plan.setPlainText("IMS weekly.")
    qtbot.waitUntil(lambda: record(window).plan == "IMS weekly.", timeout=3000)
    assert not page.notes.error_line.isVisible()


def test_the_next_visit_opens_on_the_same_map_with_only_its_own_marks(qtbot, window):
    from imsdesk.domain.anatomy import Side, View
    from imsdesk.domain.marks import MuscleFinding, NeedleSite
    from tests.gui.bodymap.conftest import caught_up, click_muscle

    page = window.visit_page
    first = page.record.visit
    panel = page.map_panel
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    back = panel.view.body_scene()
    marks = window.services.marks
    second = window.services.visits.start_draft(first.patient_id, window.clinician.id)
    marks.put_finding(second.id, MuscleFinding("piriformis", Side.RIGHT))
    site = marks.put_needle(
        second.id, NeedleSite("piriformis", Side.RIGHT, View.POSTERIOR, 250.0, 430.0)
    )

    window.open_visit(second.id)
    assert page.map_panel is panel  # kept, with the views it had drawn
    assert panel.view.body_scene() is back  # and the view the therapist was on
    assert back.region_item("gluteus_medius", Side.LEFT).finding is None
    assert back.region_item("piriformis", Side.RIGHT).finding is not None
    assert [m.uid for m in back.needle_markers()] == [site.uid]
    assert not panel.undo_stack.canUndo()  # the first visit's click is not undone here
    assert caught_up(qtbot, panel).list.row_texts() == [
        ("R", "Piriformis", "1 mild"),
        ("R", "Piriformis", "not recorded"),
    ]
    assert panel.tabs.tabText(1) == "Back (2)"

    window.open_visit(first.id)  # and back: the first visit's mark, nothing of the second
    assert back.region_item("gluteus_medius", Side.LEFT).finding is not None
    assert back.region_item("piriformis", Side.RIGHT).finding is None
    assert back.needle_markers() == []


def test_another_patients_visit_never_shows_the_marks_of_the_one_before(qtbot, window):
    """The marks list fills on the event loop's next turn; until then it is blank."""
    from imsdesk.domain.anatomy import Side, View
    from imsdesk.domain.marks import MuscleFinding
    from tests.gui.bodymap.conftest import caught_up, click_muscle

    page = window.visit_page
    panel = page.map_panel
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    panel.select(("finding", "gluteus_medius", Side.LEFT))
    caught_up(qtbot, panel)
    assert panel.list.row_texts() == [("L", "Gluteus medius", "1 mild")]
    assert panel.list.editor.currentIndex() == 1  # the selected mark, to edit
    services = window.services
    other = services.patients.create(PatientDetails("78", "Roe", "Richard", date(1971, 2, 3)))
    visit = services.visits.start_draft(other.id, window.clinician.id)
    services.marks.put_finding(visit.id, MuscleFinding("piriformis", Side.RIGHT))

    window.open_visit(visit.id)
    assert panel.list.row_texts() == []  # not Jane Doe's gluteus medius, even for a moment
    assert panel.list.editor.currentIndex() == 0
    assert panel.list.findings_group.text(0) == "Shortened muscles (0)"
    assert panel.tabs.tabText(1) == "Back (1)"
    assert caught_up(qtbot, panel).list.row_texts() == [("R", "Piriformis", "1 mild")]
    assert panel.list.findings_group.text(0) == "Shortened muscles (1)"


def test_a_visit_opened_again_shows_what_another_workstation_saved_meanwhile(qtbot, window):
    # Back to the chart and into the same visit: the map and the strip are read again, as
    # the notes are, so signing states what is really on screen.
    from imsdesk.domain.anatomy import Side, SpinalLevel
    from imsdesk.domain.marks import MuscleFinding
    from imsdesk.domain.segments import ExamSign, SignKind

    page = window.visit_page
    visit = page.record.visit
    window.return_to_patient(visit.patient_id)
    window.services.marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.RIGHT))
    sign = ExamSign(SpinalLevel.L5, Side.RIGHT, next(iter(SignKind)))
    window.services.exam_signs.set_sign(visit.id, sign, True)

    window.open_visit(visit.id)
    panel = page.map_panel
    assert panel.marks.finding("gluteus_medius", Side.RIGHT) is not None
    assert page.segments.exam_signs == [sign]
    assert page.segments.marks == panel.marks
