"""The body-map panel driven with the mouse and keyboard on real muscle outlines; what is
checked is what the MarkService stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QToolTip

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import ViewArtwork, parse_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity, VisitMarks
from imsdesk.gui.bodymap.view import Mode
from imsdesk.services.marks import MarkService
from tests.gui.bodymap.conftest import (
    artwork_loader,
    caught_up,
    click,
    click_muscle,
    visible_point,
)
from tests.support.qt import with_modal


def findings(marks: MarkService, visit_id: int) -> list[tuple[str, Side, int, str]]:
    return [(f.muscle_key, f.side, int(f.severity), f.note) for f in marks.marks(visit_id).findings]


def right_click(panel, pos: QPoint) -> None:
    """What the window system sends for a right-click (QTest's click does not make it)."""
    viewport = panel.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)


def right_click_muscle(panel, view: View, muscle_key: str, side: Side) -> None:
    panel.show_view(view)
    right_click(panel, visible_point(panel.view, muscle_key, side))


def menu_action(panel, starts_with: str):
    menu = panel.context_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    return next(a for a in menu.actions() if a.text().startswith(starts_with))


# -- marking -------------------------------------------------------------------------------


def test_a_click_on_the_left_gluteus_medius_in_the_posterior_view_records_side_left(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    pos = click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    assert findings(marks, visit_id) == [("gluteus_medius", Side.LEFT, 1, "")]
    # The posterior view shows the patient's left on the viewer's left.
    assert pos.x() < panel.view.mapFromScene(panel.view.body_scene().sceneRect().center()).x()
    assert panel.caption.full_text().startswith("Patient's left on your left")


def test_the_anterior_view_has_the_patients_right_on_the_viewers_left(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    pos = click_muscle(qtbot, panel, View.ANTERIOR, "tibialis_anterior", Side.RIGHT)
    assert findings(marks, visit_id) == [("tibialis_anterior", Side.RIGHT, 1, "")]
    assert pos.x() < panel.view.mapFromScene(panel.view.body_scene().sceneRect().center()).x()
    assert panel.caption.full_text().startswith("Patient's right on your left")


def test_a_second_click_raises_severity_up_to_three_and_no_further(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    pos = visible_point(panel.view, "gluteus_medius", Side.RIGHT)
    seen = []
    for _ in range(4):
        click(qtbot, panel, pos)
        seen.append(findings(marks, visit_id))
    assert [s[0][2] for s in seen] == [1, 2, 3, 3]
    assert panel.undo_stack.count() == 3  # the fourth click changed nothing
    item = panel.view.body_scene().region_item("gluteus_medius", Side.RIGHT)
    assert item.finding.severity is Severity.MARKED
    assert panel.view.body_scene().badge("gluteus_medius", Side.RIGHT).severity == 3


def test_right_click_menu_sets_severity_writes_a_note_and_clears(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    right_click_muscle(panel, View.POSTERIOR, "gluteus_maximus", Side.LEFT)
    assert findings(marks, visit_id) == []  # a right-click alone marks nothing
    assert menu_action(panel, "Left gluteus maximus") is not None  # titled with the muscle
    assert not menu_action(panel, "Clear").isEnabled()
    menu_action(panel, "Severity 3").trigger()
    assert findings(marks, visit_id) == [("gluteus_maximus", Side.LEFT, 3, "")]

    right_click_muscle(panel, View.POSTERIOR, "gluteus_maximus", Side.LEFT)
    assert menu_action(panel, "Severity 3").isChecked()

    def write(dialog: QInputDialog) -> None:
        dialog.setTextValue("taut band, jump sign")
        dialog.accept()

    with_modal(qtbot, QInputDialog, write)
    menu_action(panel, "Note").trigger()
    assert findings(marks, visit_id) == [("gluteus_maximus", Side.LEFT, 3, "taut band, jump sign")]

    right_click_muscle(panel, View.POSTERIOR, "gluteus_maximus", Side.LEFT)
    menu_action(panel, "Clear").trigger()
    assert findings(marks, visit_id) == []


def test_keys_switch_modes_set_severity_on_the_hovered_muscle_and_delete_clears(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    qtbot.keyClick(panel.view, Qt.Key.Key_N)
    assert panel.mode() is Mode.NEEDLE
    qtbot.keyClick(panel.view, Qt.Key.Key_V)
    assert panel.mode() is Mode.SELECT
    qtbot.keyClick(panel.view, Qt.Key.Key_S)
    assert panel.mode() is Mode.SHORTENED

    pos = visible_point(panel.view, "piriformis", Side.LEFT)
    qtbot.mouseMove(panel.view.viewport(), pos)
    assert panel.view.hovered_target == ("piriformis", Side.LEFT)
    qtbot.keyClick(panel.view, Qt.Key.Key_2)
    assert findings(marks, visit_id) == [("piriformis", Side.LEFT, 2, "")]
    qtbot.keyClick(panel.view, Qt.Key.Key_3)
    assert findings(marks, visit_id) == [("piriformis", Side.LEFT, 3, "")]
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)  # the key acted on, so it is selected
    assert findings(marks, visit_id) == []


# -- needles ---------------------------------------------------------------------------------


def test_needle_mode_stores_the_clicked_point_in_the_drawings_units(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.set_mode(Mode.NEEDLE)
    pos = click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    (site,) = marks.marks(visit_id).needles
    assert (site.muscle_key, site.side, site.view) == ("gluteus_medius", Side.LEFT, View.POSTERIOR)
    clicked = panel.view.mapToScene(pos)
    assert site.x == pytest.approx(clicked.x(), abs=1e-6)
    assert site.y == pytest.approx(clicked.y(), abs=1e-6)
    # ... and that is where the muscle is in the SVG, within one screen pixel.
    pixel = 1 / panel.view.transform().m11()
    item = panel.view.body_scene().region_item("gluteus_medius", Side.LEFT)
    assert item.path().contains(QPointF(site.x, site.y))
    assert panel.view.mapFromScene(QPointF(site.x, site.y)) == pos
    assert pixel < 2  # the drawing fills the view: a pixel is less than two SVG units
    marker = panel.view.body_scene().needle_marker(site.uid)
    assert marker.pos() == QPointF(site.x, site.y)
    assert panel.selection == ("needle", site.uid)  # ready for its details


def test_a_needle_click_outside_every_muscle_stores_nothing_and_says_so(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    panel.set_mode(Mode.NEEDLE)
    box = panel.view.sceneRect()
    outside = panel.view.mapFromScene(QPointF(box.left() + 3, box.bottom() - 3))
    assert panel.view.region_at(outside) is None
    with qtbot.waitSignal(panel.status_message) as said:
        click(qtbot, panel, outside)
    assert marks.marks(visit_id).needles == ()
    assert "No muscle there" in said.args[0]


def test_needle_details_are_edited_in_the_list_and_by_right_click(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.set_mode(Mode.NEEDLE)
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    (site,) = marks.marks(visit_id).needles
    editor = panel.list.editor
    assert editor.currentIndex() == 2  # the needle page, for the placed needle
    twitch = editor.response_buttons.button(list(Response).index(Response.TWITCH))
    qtbot.mouseClick(twitch, Qt.MouseButton.LeftButton)
    editor.depth.setValue(35)
    editor.depth.editingFinished.emit()
    editor.length.setCurrentIndex(editor.length.findData(50))
    editor.length.activated.emit(editor.length.currentIndex())
    editor.gauge.setCurrentText("0.30 mm")
    editor.gauge.lineEdit().editingFinished.emit()
    editor.needle_note.setText("deep ache reproduced")
    editor.needle_note.editingFinished.emit()
    stored = marks.marks(visit_id).needle(site.uid)
    assert (stored.response, stored.depth_mm, stored.length_mm, stored.gauge, stored.note) == (
        Response.TWITCH,
        35.0,
        50,
        "0.30 mm",
        "deep ache reproduced",
    )
    assert (stored.x, stored.y) == (site.x, site.y)
    assert caught_up(qtbot, panel).list.row_texts()[-1] == ("L", "Gluteus medius", "twitch · 35 mm")

    # Right-click on the marker, in any mode: its own menu.
    panel.set_mode(Mode.SHORTENED)
    marker_pos = panel.view.mapFromScene(QPointF(site.x, site.y))
    right_click(panel, marker_pos)
    assert menu_action(panel, "Needle in left gluteus medius") is not None
    menu_action(panel, "Response: grasp").trigger()
    assert marks.marks(visit_id).needle(site.uid).response is Response.GRASP
    right_click(panel, marker_pos)
    menu_action(panel, "Remove needle").trigger()
    assert marks.marks(visit_id).needles == ()


# -- undo, reopen, read-only ---------------------------------------------------------------------


def test_undo_and_redo_round_trip_the_database(qtbot, make_panel, marks, visit_id):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    pos = visible_point(panel.view, "soleus", Side.LEFT)
    click(qtbot, panel, pos)
    click(qtbot, panel, pos)
    panel.set_mode(Mode.NEEDLE)
    click(qtbot, panel, pos)
    after = marks.marks(visit_id)
    assert findings(marks, visit_id) == [("soleus", Side.LEFT, 2, "")] and len(after.needles) == 1

    def undo() -> None:
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def redo() -> None:
        qtbot.keyClick(panel.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)

    undo()
    assert marks.marks(visit_id).needles == ()
    assert panel.view.body_scene().needle_markers() == []
    undo()
    assert findings(marks, visit_id) == [("soleus", Side.LEFT, 1, "")]
    undo()
    assert marks.marks(visit_id) == VisitMarks()
    assert caught_up(qtbot, panel).list.row_count() == 0
    redo()
    redo()
    redo()
    assert marks.marks(visit_id) == after  # the same needle (uid) came back, not a look-alike
    assert panel.undo_action.toolTip() == "Undo: Needle placed in left soleus (Ctrl+Z)"


def test_marks_survive_closing_and_rebuilding_the_panel(qtbot, make_panel, marks, visit_id):
    panel = make_panel()
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    panel.set_mode(Mode.NEEDLE)
    click_muscle(qtbot, panel, View.POSTERIOR, "piriformis", Side.RIGHT)
    saved = marks.marks(visit_id)
    panel.close()

    again = make_panel()
    assert again.marks == saved
    again.show_view(View.POSTERIOR)
    scene = again.view.body_scene()
    assert scene.region_item("gluteus_medius", Side.LEFT).finding.severity is Severity.MODERATE
    (marker,) = scene.needle_markers()
    assert (marker.site.x, marker.site.y) == (saved.needles[0].x, saved.needles[0].y)
    assert again.list.row_texts() == [
        ("L", "Gluteus medius", "2 moderate"),
        ("R", "Piriformis", "not recorded"),
    ]
    # A muscle drawn in two views is marked in both (gluteus medius: back and deep hip).
    again.show_view(View.HIP_DEEP)
    hip = again.view.body_scene()
    assert hip.region_item("gluteus_medius", Side.LEFT).finding.severity is Severity.MODERATE
    assert hip.needle_markers() == []  # the needle belongs to the posterior view
    assert again.tabs.tabText(1) == "Back (2)"


def test_a_read_only_panel_refuses_every_edit_but_still_shows_and_selects(
    qtbot, make_panel, marks, visit_id, sign
):
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT, Severity.MODERATE))
    sign(visit_id)
    panel = make_panel(read_only=True)
    assert panel.mode() is Mode.SELECT
    assert "read-only" in panel.caption.full_text()
    qtbot.keyClick(panel.view, Qt.Key.Key_S)
    qtbot.keyClick(panel.view, Qt.Key.Key_N)
    assert panel.mode() is Mode.SELECT
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    assert panel.selection == ("finding", "gluteus_medius", Side.LEFT)  # selecting works
    qtbot.keyClick(panel.view, Qt.Key.Key_3)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    right_click_muscle(panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    assert all(not a.isEnabled() for a in panel.context_menu.actions())
    assert not any(b.isEnabled() for b in panel.list.editor.severity_buttons.buttons())
    assert not panel.undo_button.isVisible()
    assert not panel.copy_forward_action.isEnabled()
    assert findings(marks, visit_id) == [("gluteus_medius", Side.LEFT, 2, "")]


def test_a_visit_signed_elsewhere_refuses_the_click_once_and_the_map_shows_only_what_is_saved(
    qtbot, make_panel, marks, visit_id, sign
):
    panel = make_panel()
    click_muscle(qtbot, panel, View.POSTERIOR, "soleus", Side.RIGHT)
    sign(visit_id)
    click_muscle(qtbot, panel, View.POSTERIOR, "soleus", Side.RIGHT)
    assert panel.banner.isVisible()
    assert panel.banner.text().startswith(
        "Not saved: This visit is signed; its marks can no longer"
    )
    assert panel.read_only and panel.mode() is Mode.SELECT
    scene = panel.view.body_scene()
    assert scene.region_item("soleus", Side.RIGHT).finding.severity is Severity.MILD
    assert findings(marks, visit_id) == [("soleus", Side.RIGHT, 1, "")]
    assert panel.undo_stack.count() == 0


def test_a_refused_mark_is_reported_and_not_drawn(qtbot, make_panel, marks, visit_id):
    def misfiled(view: View) -> ViewArtwork:
        # The posterior drawing offered as the anterior view: its needle sites are refused
        # by the service ("not drawn in the anterior view").
        art = artwork_loader(View.POSTERIOR)
        return ViewArtwork(
            View.ANTERIOR,
            art.title,
            art.view_box,
            art.outline,
            art.regions,
            art.decorations,
            art.side_labels,
            art.captions,
            art.panels,
        )

    panel = make_panel(loader=misfiled)
    panel.set_mode(Mode.NEEDLE)
    pos = visible_point(panel.view, "soleus", Side.LEFT)
    click(qtbot, panel, pos)
    assert panel.banner.isVisible() and "not drawn in the anterior view" in panel.banner.text()
    assert marks.marks(visit_id).needles == ()
    assert panel.view.body_scene().needle_markers() == []
    assert panel.undo_stack.count() == 0
    panel.set_mode(Mode.SHORTENED)
    click(qtbot, panel, pos)  # the next saved edit clears the banner
    assert not panel.banner.isVisible()


# -- list and map in sync ----------------------------------------------------------------------


def test_the_list_and_the_map_select_each_other(qtbot, make_panel, marks, visit_id):
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT))
    marks.put_finding(visit_id, MuscleFinding("trapezius_upper", Side.RIGHT, Severity.MARKED))
    site = marks.put_needle(
        visit_id,
        NeedleSite("tibialis_anterior", Side.RIGHT, View.ANTERIOR, 150.0, 700.0),
    )
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    assert panel.list.row_texts() == [
        ("L", "Gluteus medius", "1 mild"),
        ("R", "⚠ Trapezius, upper", "3 marked"),
        ("R", "Tibialis anterior", "not recorded"),
    ]
    rows = panel.list._rows()

    # List -> map: the row's muscle is outlined as selected.
    panel.list.tree.setCurrentItem(rows[1])
    scene = panel.view.body_scene()
    assert scene.selected_target == ("trapezius_upper", Side.RIGHT)
    assert scene.selection_outline.isVisible()
    assert scene.selection_outline.path() == scene.region_item("trapezius_upper", Side.RIGHT).path()
    assert panel.list.editor.finding_warning.isVisibleTo(panel.list.editor)

    # A needle row opens the needle's own view and rings its marker.
    panel.list.tree.setCurrentItem(rows[2])
    assert panel.current_view() is View.ANTERIOR
    scene = panel.view.body_scene()
    assert scene.selection_ring.isVisible()
    assert scene.selection_ring.pos() == scene.needle_marker(site.uid).pos()

    # Map -> list: a click in Select mode selects the muscle's row.
    panel.set_mode(Mode.SELECT)
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    assert panel.list.selected_key() == ("finding", "gluteus_medius", Side.LEFT)
    assert findings(marks, visit_id)[0] == ("gluteus_medius", Side.LEFT, 1, "")  # unchanged

    # ... and the editor beside it changes the map.
    qtbot.mouseClick(panel.list.editor.severity_buttons.button(3), Qt.MouseButton.LeftButton)
    assert panel.view.body_scene().region_item("gluteus_medius", Side.LEFT).finding.severity == 3
    assert caught_up(qtbot, panel).list.row_texts()[0] == ("L", "Gluteus medius", "3 marked")


def test_hover_highlights_and_the_tooltip_names_side_nerve_and_roots(qtbot, make_panel):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    pos = visible_point(panel.view, "gluteus_medius", Side.LEFT)
    qtbot.mouseMove(panel.view.viewport(), pos)
    scene = panel.view.body_scene()
    assert scene.hovered == ("gluteus_medius", Side.LEFT)
    assert scene.hover_outline.isVisible()
    viewport = panel.view.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Left gluteus medius — superior gluteal nerve, L4 L5 S1"
    QToolTip.hideText()

    pos = visible_point(panel.view, "trapezius_lower", Side.RIGHT)
    top = next(i for i in panel.view.items(pos) if i.toolTip())
    assert top.toolTip().splitlines() == [
        "Right trapezius, lower fibres — accessory nerve (CN XI) with ventral rami C3-C4, C3 C4",
        "⚠ Lung below: needle with care",
    ]


# -- zoom ------------------------------------------------------------------------------------


def device_size(panel, item) -> tuple[float, float]:
    rect = item.deviceTransform(panel.view.viewportTransform()).mapRect(item.boundingRect())
    return rect.width(), rect.height()


def test_zoom_keeps_needle_markers_the_same_pixel_size_and_the_point_under_the_mouse(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.set_mode(Mode.NEEDLE)
    pos = click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    scene = panel.view.body_scene()
    (marker,) = scene.needle_markers()
    region = scene.region_item("gluteus_medius", Side.LEFT)
    before_marker, before_muscle = device_size(panel, marker), device_size(panel, region)
    under_mouse = panel.view.mapToScene(pos)
    panel.view.zoom_by(3.0, QPointF(pos))
    assert panel.view.zoom() == pytest.approx(3.0)
    assert device_size(panel, marker) == pytest.approx(before_marker)
    assert device_size(panel, region)[0] == pytest.approx(before_muscle[0] * 3, rel=0.02)
    after = panel.view.mapFromScene(under_mouse)
    assert abs(after.x() - pos.x()) <= 1 and abs(after.y() - pos.y()) <= 1
    # A click after zooming still lands on the same point of the drawing.
    click(qtbot, panel, after)
    stored = marks.marks(visit_id).needles[-1]
    assert abs(stored.x - under_mouse.x()) < 1 and abs(stored.y - under_mouse.y()) < 1

    panel.view.fit()
    assert panel.view.zoom() == pytest.approx(1.0)


def test_the_wheel_zooms_and_fit_follows_the_window(qtbot, make_panel):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    view = panel.view
    centre = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.0015**240)
    view.fit()
    scale = view.transform().m11()
    panel.resize(900, 600)
    qtbot.waitUntil(lambda: view.transform().m11() < scale)
    assert view.zoom() == pytest.approx(1.0)


# -- previous visit, copy forward, views not drawn ----------------------------------------------


def test_the_previous_visit_is_drawn_faded_on_request_and_copy_forward_is_asked_for(
    qtbot, make_panel
):
    previous = VisitMarks(
        (MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MODERATE),),
        (NeedleSite("gluteus_medius", Side.RIGHT, View.POSTERIOR, 250.0, 400.0, uid="p1"),),
    )
    panel = make_panel(previous=previous)
    panel.show_view(View.POSTERIOR)
    scene = panel.view.body_scene()
    assert scene.previous_items() == []
    panel.previous_action.trigger()
    kinds = sorted(type(i).__name__ for i in scene.previous_items())
    assert kinds == ["NeedleMarker", "PreviousOverlay", "SeverityBadge"]
    assert all(getattr(i, "faded", True) for i in scene.previous_items())
    # Faded marks are looked through: the click reaches the muscle.
    assert panel.view.region_at(panel.view.mapFromScene(QPointF(250, 400))) is not None
    with qtbot.waitSignal(panel.copy_forward_requested):
        panel.copy_forward_action.trigger()
    panel.previous_action.trigger()
    assert scene.previous_items() == []


def test_a_view_without_artwork_says_so(qtbot, make_panel):
    def no_foot(view: View) -> ViewArtwork:
        if view is View.FOOT:
            raise FileNotFoundError("foot.svg")
        if view is View.HAND:
            parse_view("<svg/>", View.HAND, source="bodymap/hand.svg")
        return artwork_loader(view)

    panel = make_panel(loader=no_foot)
    panel.show_view(View.FOOT)
    assert panel.canvas.currentWidget() is panel.missing
    assert "not been drawn yet" in panel.missing.text()
    panel.show_view(View.HAND)
    assert panel.missing.text() == (
        "This view cannot be shown: bodymap/hand.svg: the <svg> element has no viewBox"
    )
    panel.show_view(View.POSTERIOR)
    assert panel.canvas.currentWidget() is panel.view


def test_every_view_opens_with_its_caption_and_side_labels(qtbot, make_panel):
    panel = make_panel()
    for view in View:
        panel.show_view(view)
        scene = panel.view.body_scene()
        assert scene is not None and scene.view_id is view
        assert {label.text for label in scene.side_labels} >= {"L", "R"}
        assert " — " in panel.caption.full_text()


def test_clicks_on_every_region_of_a_view_hit_that_region(qtbot, make_panel):
    # Hit testing follows each muscle's outline: the interior point of every visible region
    # of the posterior view picks that region, never a neighbour's bounding box.
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    scene = panel.view.body_scene()
    misses = []
    for item in scene.region_items():
        pos = visible_point(panel.view, *item.target)
        if panel.view.region_at(pos) is not item:
            misses.append(item.region.id)
    assert misses == []


def test_middle_drag_and_space_drag_pan_without_marking(qtbot, make_panel, marks, visit_id):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    view = panel.view
    view.zoom_by(4.0, QPointF(view.viewport().rect().center()))
    start = view.viewport().rect().center()
    anchor = view.mapToScene(start)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(60, 40))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=start + QPoint(60, 40))
    moved = view.mapFromScene(anchor)
    assert (moved.x() - start.x(), moved.y() - start.y()) == (60, 40)

    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(-30, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(-30, 0))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapFromScene(anchor).x() - start.x() == 30
    assert marks.marks(visit_id) == VisitMarks()  # panning never marks


def test_a_trackpad_pinch_zooms_about_the_fingers(qtbot, make_panel):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    view = panel.view
    where = QPointF(view.viewport().width() / 3, view.viewport().height() / 2)
    under = view.mapToScene(where.toPoint())
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        where,
        where,
        QPointF(view.viewport().mapToGlobal(where.toPoint())),
        0.5,
        QPointF(0, 0),
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.5)
    after = view.mapFromScene(under)
    assert abs(after.x() - where.x()) <= 1 and abs(after.y() - where.y()) <= 1
