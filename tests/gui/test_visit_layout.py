"""The visit screen on a laptop and on a desktop screen: the map gets the width, nothing is
cut off, and the layout the therapist leaves is the one the next start shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.gui.main_window import MainWindow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def open_visit_at(make_main_window, width: int, height: int) -> MainWindow:
    window = make_main_window(demo_patients=1)
    window.resize(width, height)
    patient = window.services.patients.search("Doe")
    if patient:
        patient_id = patient[0].id
    else:
        patient_id = window.services.patients.create(
            PatientDetails("77", "Doe", "Jane", date(1968, 4, 23))
        ).id
    window.open_patient(patient_id)
    window.start_visit(patient_id)
    QApplication.processEvents()
    return window


def inside_window(window: MainWindow, widget) -> bool:
    corner = widget.mapTo(window, QPoint(widget.width() - 1, widget.height() - 1))
    return widget.isVisible() and window.rect().contains(corner)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_map_gets_most_of_the_width_and_nothing_is_cut_off(
    qtbot, make_main_window, width, height
):
    window = open_visit_at(make_main_window, width, height)
    page = window.visit_page
    map_view = page.map_panel.view
    assert map_view.viewport().width() >= 0.55 * width
    assert not window.visit_scroll.horizontalScrollBar().isVisible()  # nothing off the side
    for button in (page.sign_button, page.back_button, page.segments.notes_check):
        assert inside_window(window, button)
    # The strip's suggestions are shown where there is room for them beside the map.
    assert (page.upper.sizes()[2] > 0) is (width >= 1600)
    assert page.segments.notes_check.isChecked() is (width >= 1600)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / f"visit-screen-{width}x{height}.png"))


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768), (1920, 1080)])
def test_no_word_of_the_maps_key_is_cut(qtbot, make_main_window, width, height):
    # The key's lines wrap where the column beside the map is narrower than them.
    window = open_visit_at(make_main_window, width, height)
    legend = window.visit_page.map_panel.legend
    labels = [label for label in legend.findChildren(QLabel) if label.text()]
    assert {"2 moderate", "3 marked", "not recorded"} <= {label.text() for label in labels}
    for label in labels:
        assert label.width() >= label.sizeHint().width(), label.text()
        assert inside_window(window, label), label.text()


def test_the_suggestions_open_for_a_level_clicked_and_the_choice_is_remembered(
    qtbot, make_main_window
):
    window = open_visit_at(make_main_window, 1366, 768)
    page = window.visit_page
    strip = page.segments.strip
    assert page.upper.sizes()[2] == 0
    qtbot.mouseClick(
        strip, Qt.MouseButton.LeftButton, pos=strip.cell_center(SpinalLevel.L5, Side.RIGHT)
    )
    assert page.upper.sizes()[2] > 0 and page.segments.notes_check.isChecked()
    assert page.segments.explanation.text().startswith("L5 right")
    page.segments.notes_check.setChecked(False)  # folded away again: the map takes it back
    assert page.upper.sizes()[2] == 0
    page.segments.notes_check.setChecked(True)
    map_width = page.map_panel.view.viewport().width()
    window.close()

    again = open_visit_at(make_main_window, 1366, 768)
    assert again.visit_page.upper.sizes()[2] > 0  # as the therapist left it
    assert again.visit_page.segments.notes_check.isChecked()
    assert abs(again.visit_page.map_panel.view.viewport().width() - map_width) <= 2


# A neck and shoulder visit: the longest short names a list shows side by side.
CHARTED_MUSCLES = (
    "trapezius_upper",
    "trapezius_middle",
    "trapezius_lower",
    "deltoid_posterior",
    "scalenus_posterior",
    "gastrocnemius_medial_head",
)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768)])
def test_the_marks_list_shows_each_muscles_name_whole_on_a_laptop(
    qtbot, make_main_window, width, height
):
    # "Trapezius, u…" and "Trapezius, lo…" could be any of three: the name is read whole.
    window = open_visit_at(make_main_window, width, height)
    page = window.visit_page
    visit_id = page.record.visit.id
    marks = window.services.marks
    for key in CHARTED_MUSCLES:
        marks.put_finding(visit_id, MuscleFinding(key, Side.LEFT, Severity.MODERATE))
    marks.put_needle(
        visit_id,
        NeedleSite("trapezius_middle", Side.LEFT, View.POSTERIOR, 120, 200, 44.5, response=None),
    )
    page.refresh()  # as saved from another workstation
    listed = page.map_panel.list
    tree = listed.tree
    groups = (listed.findings_group, listed.needles_group)
    rows = lambda: [group.child(i) for group in groups for i in range(group.childCount())]  # noqa: E731
    qtbot.waitUntil(lambda: len(rows()) == len(CHARTED_MUSCLES) + 1)
    metrics = tree.fontMetrics()
    for row in rows():
        cell = tree.visualRect(tree.indexFromItem(row, 1))
        assert metrics.horizontalAdvance(row.text(1)) + 8 <= cell.width(), row.text(1)


def test_a_signed_visits_map_says_so_in_full_on_a_laptop(qtbot, make_main_window):
    # The bar keeps nothing that only changes a draft, so "signed, read-only" is not cut.
    window = make_main_window(demo_patients=1)
    window.resize(1280, 800)
    patient = window.services.patients.search("")[0]
    visits = window.services.visits.list_for_patient(patient.id)
    signed = next(visit for visit in visits if visit.status is VisitStatus.SIGNED)
    window.open_patient(patient.id)
    window.open_visit(signed.id)
    QApplication.processEvents()
    caption = window.visit_page.map_panel.caption
    assert caption.full_text() == (
        "Patient's right on your left — Front (anterior)  ·  signed, read-only"
    )
    assert caption.text() == caption.full_text()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768)])
def test_a_narrow_map_bar_never_cuts_which_side_is_which(qtbot, make_main_window, width, height):
    # A draft's bar is full (modes, undo, redo, previous, copy forward): what is cut, if
    # anything, is the view's name, which its tab shows too.
    window = open_visit_at(make_main_window, width, height)
    caption = window.visit_page.map_panel.caption
    assert caption.text().startswith("Patient's right on your left")
    assert caption.isVisible()


def test_the_spines_level_names_are_readable_on_a_laptop(qtbot, make_main_window):
    # 27 levels in the map's height: each name as large as its level allows, not 6 px.
    window = open_visit_at(make_main_window, 1366, 768)
    panel = window.visit_page.map_panel
    panel.show_view(View.PARASPINAL)
    QApplication.processEvents()
    scene = panel.view.body_scene()
    scale = panel.view.transform().m11()
    levels = [item for item in scene.captions if item.text in {"C1", "T12", "S2"}]
    assert len(levels) == 6  # both sides
    for item in levels:
        assert item.size * scale >= 8, f"{item.text}: {item.size * scale:.1f} px"
