"""The adverse-event dialog: the kind, what happened and the action taken, kept for good."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from imsdesk.domain.adverse_events import AdverseEventKind
from imsdesk.domain.safety import PNEUMOTHORAX_NOTE
from imsdesk.gui.adverse_event_dialog import AdverseEventDialog
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.visit_record import VisitRecordService
from tests.support.charting import record_clear_screen
from tests.support.qt import press_save


@pytest.fixture
def events(chart) -> AdverseEventService:
    return AdverseEventService(chart[0])


def open_dialog(qtbot, events, chart) -> AdverseEventDialog:
    _, _, therapist, visit = chart
    dialog = AdverseEventDialog(lambda event: events.record(visit.id, therapist.id, event))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_nothing_is_assumed_and_what_is_missing_is_said_beside_it(qtbot, events, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, events, chart)
    assert dialog.ui.kind.currentIndex() == -1 and dialog.chosen_kind() is None
    qtbot.keyClicks(dialog.ui.description, "Light-headed after L5 paraspinal")
    press_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.saved is None
    assert dialog.ui.kind_error.text() == "Choose the kind of event (Other if none fits)."
    assert not dialog.ui.description_error.isVisible()
    assert dialog.ui.action_taken_error.text() == (
        "Record the action taken (even 'observed, settled')."
    )
    assert dialog.ui.description.toPlainText() == "Light-headed after L5 paraspinal"
    assert dialog.focusWidget() is dialog.ui.kind
    assert events.for_visit(visit.id) == []


def test_suspected_pneumothorax_shows_the_guidance(qtbot, events, chart):
    dialog = open_dialog(qtbot, events, chart)
    assert not dialog.ui.guidance.isVisible()
    qtbot.keyClicks(dialog.ui.kind, "S")  # typing jumps to "Suspected pneumothorax"
    assert dialog.chosen_kind() is AdverseEventKind.SUSPECTED_PNEUMOTHORAX
    assert dialog.ui.guidance.isVisible()
    assert PNEUMOTHORAX_NOTE in dialog.ui.guidance_text.text()
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not "SF"
    qtbot.keyClicks(dialog.ui.kind, "F")
    assert dialog.chosen_kind() is AdverseEventKind.FAINTING
    assert not dialog.ui.guidance.isVisible()


def test_kinds_are_listed_by_their_labels(qtbot, events, chart):
    dialog = open_dialog(qtbot, events, chart)
    combo = dialog.ui.kind
    assert [combo.itemText(i) for i in range(combo.count())] == [k.label for k in AdverseEventKind]


def test_an_event_is_recorded_with_the_keyboard_and_read_back(qtbot, events, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, events, chart)
    qtbot.keyClicks(dialog.ui.kind, "F")
    qtbot.keyClick(dialog.ui.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ui.description
    qtbot.keyClicks(dialog.ui.description, "Light-headed and pale after L5 paraspinal")
    qtbot.keyClick(dialog.ui.description, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Needles out, supine, water; settled in 10 min")
    press_save(qtbot, dialog)

    assert not dialog.isVisible()
    [event] = events.for_visit(visit.id)
    assert dialog.saved == [event]
    assert event.kind is AdverseEventKind.FAINTING
    assert event.description == "Light-headed and pale after L5 paraspinal"
    assert event.action_taken == "Needles out, supine, water; settled in 10 min"
    assert event.recorded_by_name == "Alex Morgan"


def test_a_late_event_is_added_under_a_signed_visit(qtbot, events, chart):
    db, patient, therapist, visit = chart
    record_clear_screen(db, patient.id, therapist.id)
    records = VisitRecordService(db)
    for field in ("needles_used", "needles_removed"):
        records.save_field(visit.id, field, 6)
    records.sign(visit.id, therapist.id)
    dialog = open_dialog(qtbot, events, chart)
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData("suspected_pneumothorax"))
    qtbot.keyClicks(dialog.ui.description, "Phoned day 2: breathless, chest pain")
    qtbot.keyClicks(dialog.ui.action_taken, "Advised emergency department; GP informed")
    press_save(qtbot, dialog)
    assert [e.kind for e in events.for_visit(visit.id)] == [AdverseEventKind.SUSPECTED_PNEUMOTHORAX]
