"""A typical follow-up visit charted with the keyboard and mouse, counting every click and
keystroke: 8 shortened muscles, 12 needle sites, pain before and after, a short note,
signed. The therapist starts at the patient list and ends with the visit signed.

Keys go to whichever widget has the focus, so the flow also proves the tab order; map
clicks land on real muscle outlines, as the body-map tests do.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from imsdesk.domain.anatomy import Region, Side, View
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.visits import VisitStatus
from imsdesk.gui.main_window import MainWindow
from tests.gui.bodymap.conftest import visible_point

TYPICAL_VISIT_BUDGET = 40
FINDINGS = (
    "gluteus_medius",
    "gluteus_maximus",
    "piriformis",
    "paraspinal_l4",
    "paraspinal_l5",
    "biceps_femoris_long_head",
    "gastrocnemius_lateral_head",
    "soleus",
)
NEEDLED = (
    *FINDINGS,
    "gluteus_medius",
    "paraspinal_s1",
    "semitendinosus",
    "gastrocnemius_medial_head",
)
NOTE = "Better this week."


class Counted:
    """Drives the window as a person would and counts each click and keystroke."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        self.count += 1
        centre = pos if pos is not None else widget.rect().center()
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=centre)

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(focused(), key, modifier)

    def type(self, text: str) -> None:
        self.count += len(text)  # every character is a keystroke
        self.qtbot.keyClicks(focused(), text)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


@pytest.fixture
def window(with_last_week) -> MainWindow:
    """Jane Doe, screened, whose visit last week marked 8 muscles and placed 12 needles."""
    window, _, last_week = with_last_week
    services, clinician = window.services, window.clinician
    art = load_view(View.POSTERIOR)
    for key in FINDINGS:
        services.marks.put_finding(last_week, MuscleFinding(key, Side.RIGHT))
    for number, key in enumerate(NEEDLED):
        x, y = interior_point(art.region(key, Side.RIGHT))
        site = NeedleSite(
            key, Side.RIGHT, View.POSTERIOR, x + number % 2, y, response=Response.GRASP
        )
        services.marks.put_needle(last_week, site)
    services.pain_areas.set_area(last_week, PainArea(Region.BACK, Side.RIGHT), True)
    services.pain_areas.set_area(last_week, PainArea(Region.HIP, Side.RIGHT), True)
    for field, value in (("plan", "IMS weekly; review in 7 days."), ("needles_used", 12)):
        services.records.save_field(last_week, field, value)
    services.records.save_field(last_week, "needles_removed", 12)
    assert services.records.precautions_to_acknowledge(last_week) == ""  # no lung nearby
    services.records.sign(last_week, clinician.id)
    window.list_page.refresh()
    window.list_page.focus_search()
    return window


def test_a_typical_follow_up_visit_takes_at_most_40_clicks_and_keystrokes(qtbot, window):
    person = Counted(qtbot)
    # Find the patient and start today's visit.
    assert focused() is window.list_page.search
    person.type("77")
    person.key(Qt.Key.Key_Return)
    assert window.current_page() is window.patient_page
    person.key(
        Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    page = window.visit_page
    assert window.current_page() is page and page.record.visit.number == 2

    # Last week's marks, areas of pain and plan as today's starting point.
    panel = page.map_panel
    person.click(panel.findChild(QToolButton, "bodymap_copy_forward"))
    assert len(panel.marks.findings) == 8 and len(panel.marks.needles) == 12

    # Today the right gluteus medius is worse: the back view, one click raises its severity.
    back = next(i for i in range(panel.tabs.count()) if panel.tabs.tabData(i) == "posterior")
    person.click(panel.tabs, panel.tabs.tabRect(back).center())
    person.click(panel.view.viewport(), visible_point(panel.view, "gluteus_medius", Side.RIGHT))

    # Pain before and after, then the needle count, with Tab between the boxes.
    person.click(page.notes.numbers["pain_before"])
    person.type("6")
    person.key(Qt.Key.Key_Tab)
    assert focused() is page.notes.numbers["pain_after"]
    person.type("3")
    person.key(Qt.Key.Key_Tab)
    assert focused() is page.pain_areas.button  # areas of pain next, already copied forward
    person.key(Qt.Key.Key_Tab)
    assert focused() is page.notes.numbers["needles_used"]
    person.type("12")
    person.key(Qt.Key.Key_Tab)
    person.type("12")

    # A short note, then sign.
    person.click(page.notes.notes["subjective"])
    person.type(NOTE)
    person.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    record = window.services.records.record(page.record.visit.id)
    assert record.visit.status is VisitStatus.SIGNED, window.statusBar().currentMessage()
    assert (record.pain_before, record.pain_after) == (6, 3)
    assert (record.needles_used, record.needles_removed) == (12, 12)
    assert record.subjective == NOTE and record.plan == "IMS weekly; review in 7 days."
    marks = window.services.marks.marks(record.visit.id)
    assert len(marks.findings) == 8 and len(marks.needles) == 12
    assert marks.finding("gluteus_medius", Side.RIGHT).severity is Severity.MODERATE
    assert window.services.pain_areas.areas(record.visit.id) == (
        PainArea(Region.BACK, Side.RIGHT),
        PainArea(Region.HIP, Side.RIGHT),
    )
    print(f"typical follow-up visit: {person.count} clicks and keystrokes")
    assert person.count <= TYPICAL_VISIT_BUDGET


def test_the_charted_visit_fits_a_1366_by_768_screen_without_scrolling(qtbot, window):
    from pathlib import Path

    patient_id = window.services.patients.search("77")[0].id
    window.start_visit(patient_id)
    window.resize(1366, 768)
    page = window.visit_page
    page.copy_forward()
    notes = page.notes
    for field, value in (("pain_before", "6"), ("pain_after", "3"), ("needles_used", "12")):
        notes.numbers[field].setText(value)
        notes._number_changed(field, value)
    notes.notes["subjective"].setPlainText(NOTE)
    page.map_panel.show_view(View.POSTERIOR)
    qtbot.waitUntil(lambda: window.visit_scroll.viewport().height() > 600, timeout=3000)
    QApplication.processEvents()

    scroll = window.visit_scroll
    assert not scroll.verticalScrollBar().isVisible()
    assert not scroll.horizontalScrollBar().isVisible()
    readout = page.pain_areas.readout
    assert readout.text() == readout.full_text() == "Back: right; Hip and buttock: right"
    assert page.map_panel.view.viewport().height() >= 300  # the figure is not squeezed
    shots = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(shots / "05-visit-charted-1366x768.png"))
