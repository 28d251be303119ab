"""Areas of pain on the visit screen: ticked from the map's regions, read out in one line,
outlined on the map on request, copied forward, and fixed once the visit is signed."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QToolButton

from imsdesk.domain.anatomy import Region, Side
from imsdesk.domain.marks import MuscleFinding
from imsdesk.domain.pain_areas import PainArea
from imsdesk.gui.main_window import MainWindow

LOW_BACK_LEFT = PainArea(Region.BACK, Side.LEFT)
BUTTOCK_RIGHT = PainArea(Region.HIP, Side.RIGHT)
NECK_MIDLINE = PainArea(Region.HEAD_NECK, Side.MIDLINE)


@pytest.fixture
def window(with_last_week) -> MainWindow:
    """Today's draft for a patient whose visit last week had pain areas and a finding."""
    window, patient, last_week = with_last_week
    services, clinician = window.services, window.clinician
    services.pain_areas.set_area(last_week, LOW_BACK_LEFT, True)
    services.pain_areas.set_area(last_week, BUTTOCK_RIGHT, True)
    services.marks.put_finding(last_week, MuscleFinding("gluteus_medius", Side.RIGHT))
    for field in ("needles_used", "needles_removed"):
        services.records.save_field(last_week, field, 0)
    services.records.sign(last_week, clinician.id)
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    return window


def click(qtbot, widget) -> None:
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=centre)


def box(window: MainWindow, area: PainArea) -> QCheckBox:
    return window.visit_page.pain_areas.popup.boxes[area]


def stored(window: MainWindow) -> tuple[PainArea, ...]:
    return window.services.pain_areas.areas(window.visit_page.record.visit.id)


def test_areas_are_ticked_in_a_list_of_the_maps_regions_and_read_out_in_one_line(qtbot, window):
    picker = window.visit_page.pain_areas
    assert picker.readout.full_text() == "none recorded"
    click(qtbot, picker.button)
    assert picker.popup.isVisible()
    # Ready for the keyboard: the first box has the focus (Tab moves, Space ticks, Esc closes).
    assert picker.popup.focusWidget() is box(window, PainArea(Region.HEAD_NECK, Side.LEFT))
    click(qtbot, box(window, LOW_BACK_LEFT))
    click(qtbot, box(window, BUTTOCK_RIGHT))
    qtbot.keyClick(box(window, NECK_MIDLINE), Qt.Key.Key_Space)
    assert stored(window) == (NECK_MIDLINE, LOW_BACK_LEFT, BUTTOCK_RIGHT)
    assert window.statusBar().currentMessage() == "Added area of pain: Head and neck, midline."
    qtbot.keyClick(picker.popup, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible()
    assert picker.readout.full_text() == (
        "Head and neck: midline; Back: left; Hip and buttock: right"
    )
    # A limb has no midline box; the back does.
    assert PainArea(Region.THIGH, Side.MIDLINE) not in picker.popup.boxes
    assert PainArea(Region.BACK, Side.MIDLINE) in picker.popup.boxes


def test_outline_on_map_shows_the_muscles_of_the_ticked_areas(qtbot, window):
    page = window.visit_page
    window.services.pain_areas.set_area(page.record.visit.id, BUTTOCK_RIGHT, True)
    page.pain_areas.reload()
    click(qtbot, page.pain_areas.button)
    click(qtbot, page.pain_areas.popup.outline_button)
    assert ("gluteus_medius", Side.RIGHT) in page.map_panel.highlighted
    assert ("gluteus_medius", Side.LEFT) not in page.map_panel.highlighted
    assert window.statusBar().currentMessage().startswith("Outlined on the map")


def test_copy_forward_brings_last_weeks_areas_with_the_marks(qtbot, window):
    page = window.visit_page
    click(qtbot, page.map_panel.findChild(QToolButton, "bodymap_copy_forward"))
    assert stored(window) == (LOW_BACK_LEFT, BUTTOCK_RIGHT)
    assert page.pain_areas.readout.full_text() == "Back: left; Hip and buttock: right"
    assert [f.muscle_key for f in page.map_panel.marks.findings] == ["gluteus_medius"]
    assert "areas of pain" in window.statusBar().currentMessage()


def test_a_signed_visits_areas_are_shown_but_cannot_be_ticked(qtbot, window):
    page = window.visit_page
    box(window, LOW_BACK_LEFT).setChecked(True)  # ticked here: what is signed was seen
    for field in ("needles_used", "needles_removed"):
        page.notes.numbers[field].setText("0")
        page.notes._number_changed(field, "0")
    page.sign()
    assert not page.record.visit.is_editable
    click(qtbot, page.pain_areas.button)
    assert box(window, LOW_BACK_LEFT).isChecked()
    assert not box(window, LOW_BACK_LEFT).isEnabled()
    assert page.pain_areas.readout.full_text() == "Back: left"
