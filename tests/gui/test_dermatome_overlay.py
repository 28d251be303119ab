"""The dermatome overlay: a level chosen on the spine strip, with "Show dermatome" ticked,
marks that level's key sensory point on the patient's own side of the map, labelled, with
the caution that dermatome maps vary; screenshots of it are saved for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPathItem

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.marks import MuscleFinding
from imsdesk.services.mark_commands import SetFinding

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def choose(qtbot, page, level: SpinalLevel, side: Side) -> None:
    strip = page.segments.strip
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=strip.cell_center(level, side))


def markers(page) -> list[QGraphicsPathItem]:
    scene = page.map_panel.view.body_scene()
    return page.dermatome.items(scene)


def tag_text(marker) -> str:
    return marker.toolTip().split(":")[0]


def test_ticking_show_dermatome_marks_the_key_point_on_the_patients_side(qtbot, draft_visit_page):
    page = draft_visit_page
    panel = page.map_panel
    choose(qtbot, page, SpinalLevel.L5, Side.RIGHT)
    assert panel.current_view() is View.ANTERIOR
    assert markers(page) == []  # nothing until asked for
    page.segments.dermatome_check.click()

    (marker,) = markers(page)
    # The front view draws the patient's right on the viewer's left: the right foot.
    assert (marker.pos().x(), marker.pos().y()) == (171, 875)
    assert tag_text(marker) == "L5 right"
    note = page.dermatome.note
    assert note.isVisible()
    assert "L5 right dermatome" in note.text()
    assert "dorsum of the foot at the third metatarsophalangeal joint" in note.text()
    assert "vary between individuals and between sources" in note.text()
    assert "International Standards for Neurological Classification" in note.toolTip()

    # C6 is tested on the back of the thumb: the map turns to the back view to show it.
    choose(qtbot, page, SpinalLevel.C6, Side.LEFT)
    assert panel.current_view() is View.POSTERIOR
    (marker,) = markers(page)
    assert marker.pos().x() < 200  # the back view draws the patient's left on the left
    assert tag_text(marker) == "C6 left"
    assert "back (posterior) view" in page.window().statusBar().currentMessage()

    # Shown on the front view, the note says where the point is instead.
    panel.show_view(View.ANTERIOR)
    assert markers(page) == []
    assert "not on this view; marked on the back (posterior) view" in note.text()

    page.segments.dermatome_check.click()  # off: nothing left on any view
    assert not note.isVisible()
    for view in (View.ANTERIOR, View.POSTERIOR):
        assert page.dermatome.items(panel.scene_for(view)) == []


def test_c1_has_no_overlay_and_says_why(qtbot, draft_visit_page):
    page = draft_visit_page
    page.segments.dermatome_check.click()
    assert "Click a level" in page.window().statusBar().currentMessage()
    choose(qtbot, page, SpinalLevel.C1, Side.RIGHT)
    assert markers(page) == []
    assert "no overlay" in page.dermatome.note.text()
    assert "starts at C2" in page.dermatome.note.text()


def test_marking_a_muscle_leaves_the_view_the_therapist_chose(qtbot, draft_visit_page):
    page = draft_visit_page
    panel = page.map_panel
    page.segments.dermatome_check.click()
    choose(qtbot, page, SpinalLevel.C6, Side.RIGHT)
    assert panel.current_view() is View.POSTERIOR
    panel.show_view(View.ANTERIOR)
    visit_id = page.record.visit.id
    key = "biceps_brachii"
    panel.run(SetFinding(visit_id, key, Side.RIGHT, None, MuscleFinding(key, Side.RIGHT)))
    assert panel.current_view() is View.ANTERIOR


@pytest.mark.parametrize(
    ("level", "side"),
    [
        (SpinalLevel.C6, Side.RIGHT),
        (SpinalLevel.T10, Side.RIGHT),
        (SpinalLevel.L5, Side.LEFT),
        (SpinalLevel.S1, Side.RIGHT),
    ],
)
def test_screenshots_of_the_overlay_on_both_main_views(qtbot, draft_visit_page, level, side):
    page = draft_visit_page
    page.segments.dermatome_check.click()
    choose(qtbot, page, level, side)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for view in (View.ANTERIOR, View.POSTERIOR):
        page.map_panel.show_view(view)
        qtbot.wait(20)
        shown = page.dermatome.views_showing()
        assert bool(markers(page)) == (view in shown)
        path = SCREENSHOTS / f"dermatome-{level.value.lower()}-{side.value}-{view.value}.png"
        assert page.grab().save(str(path))
