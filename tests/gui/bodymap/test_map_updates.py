"""After each edit only the changed mark's items and list row change: what is drawn and
listed must still match what is saved, on every view and after undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QPointF, QRectF

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity, VisitMarks
from imsdesk.gui.bodymap.items import RegionItem
from imsdesk.gui.bodymap.panel import BodyMapPanel
from imsdesk.gui.bodymap.view import Mode
from tests.gui.bodymap.conftest import caught_up, click, click_muscle, visible_point


def finding_rows(panel) -> list[str]:
    group = panel.list.findings_group
    return [group.child(i).text(1) for i in range(group.childCount())]


def test_an_edited_mark_changes_its_own_list_row_in_place(qtbot, make_panel, marks, visit_id):
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT))
    marks.put_finding(visit_id, MuscleFinding("piriformis", Side.RIGHT, Severity.MODERATE))
    marks.put_needle(visit_id, NeedleSite("gluteus_medius", Side.LEFT, View.POSTERIOR, 1.0, 1.0))
    panel = make_panel()
    rows = panel.list._rows()

    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    assert panel.list._rows() == rows  # the same rows, in the same places
    assert panel.list.row_texts()[:2] == [
        ("L", "Gluteus medius", "2 moderate"),
        ("R", "Piriformis", "2 moderate"),
    ]

    # Cleared, its row goes; marked again, it comes last, as the service lists it.
    panel.delete_selected()
    assert finding_rows(caught_up(qtbot, panel)) == ["Piriformis"]
    assert panel.list.findings_group.text(0) == "Shortened muscles (1)"
    panel.undo_stack.undo()
    assert finding_rows(caught_up(qtbot, panel)) == ["Piriformis", "Gluteus medius"]
    assert panel.list.row_texts()[1] == ("L", "Gluteus medius", "2 moderate")
    assert [(f.muscle_key, int(f.severity)) for f in marks.marks(visit_id).findings] == [
        ("piriformis", 2),
        ("gluteus_medius", 2),
    ]
    assert panel.list.findings_group.text(0) == "Shortened muscles (2)"


def test_a_view_shown_before_follows_marks_made_on_another_view(qtbot, make_panel, marks, visit_id):
    panel = make_panel()
    front = panel.view.body_scene()
    assert front is not None and front.view_id is View.ANTERIOR

    # The upper trapezius is drawn front and back: marked at the back ...
    click_muscle(qtbot, panel, View.POSTERIOR, "trapezius_upper", Side.RIGHT)
    back = panel.view.body_scene()
    panel.show_view(View.ANTERIOR)
    region = front.region_item("trapezius_upper", Side.RIGHT)
    assert region.finding == MuscleFinding("trapezius_upper", Side.RIGHT)
    assert front.badge("trapezius_upper", Side.RIGHT).severity == 1
    assert panel.tabs.tabText(0).endswith("(1)") and panel.tabs.tabText(1).endswith("(1)")

    # ... raised at the front, and undone from either.
    click(qtbot, panel, visible_point(panel.view, "trapezius_upper", Side.RIGHT))
    assert back.badge("trapezius_upper", Side.RIGHT).severity == 2
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    for scene in (front, back):
        assert scene.region_item("trapezius_upper", Side.RIGHT).finding is None
        assert scene.badge("trapezius_upper", Side.RIGHT) is None
    assert marks.marks(visit_id).findings == ()

    # A needle belongs to its own view only; a view opened later draws what is saved.
    panel.show_view(View.POSTERIOR)
    panel.set_mode(Mode.NEEDLE)
    click(qtbot, panel, visible_point(panel.view, "gluteus_medius", Side.LEFT))
    (site,) = marks.marks(visit_id).needles
    assert back.needle_marker(site.uid) is not None
    assert front.needle_marker(site.uid) is None
    panel.set_mode(Mode.SHORTENED)
    click(qtbot, panel, visible_point(panel.view, "gluteus_medius", Side.LEFT))
    panel.show_view(View.HIP_DEEP)
    assert panel.view.body_scene().region_item("gluteus_medius", Side.LEFT).finding is not None


def test_a_muscles_whole_border_lies_inside_what_is_repainted(qtbot, make_panel, marks, visit_id):
    """Qt repaints (and caches) an item within its bounding rectangle: a border sticking out
    of it would be cut off, plain or marked, deep (dashed) or not."""
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    scene = panel.view.body_scene()

    def border_box(item: RegionItem) -> QRectF:
        half = item.pen().widthF() / 2
        return item.path().controlPointRect().adjusted(-half, -half, half, half)

    for item in scene.region_items():
        assert item.boundingRect().contains(border_box(item)), item.target
    for item in scene.region_items():
        marks.put_finding(visit_id, MuscleFinding(*item.target, Severity.MARKED))
    panel.reload()
    for item in scene.region_items():
        assert item.finding is not None
        assert item.boundingRect().contains(border_box(item)), item.target
        # Hit testing stays on the muscle's own outline, not that rectangle.
        assert item.shape() == item.path()


def test_badges_and_needle_markers_keep_their_size_and_follow_the_screens_pixels(
    qtbot, make_panel, marks, visit_id
):
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT, Severity.MARKED))
    site = marks.put_needle(
        visit_id, NeedleSite("gluteus_medius", Side.LEFT, View.POSTERIOR, 140.0, 410.0)
    )
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    scene = panel.view.body_scene()
    marks_drawn = [scene.badge("gluteus_medius", Side.LEFT), scene.needle_marker(site.uid)]
    sizes = [mark.boundingRect().size() for mark in marks_drawn]

    scene.set_pixel_ratio(2.0)  # as on a high-DPI screen: twice the pixels, the same size
    for mark, size in zip(marks_drawn, sizes, strict=True):
        assert mark.pixmap().devicePixelRatio() == 2.0
        assert abs(mark.boundingRect().width() - size.width()) <= 1  # whole pixels
        assert abs(mark.boundingRect().height() - size.height()) <= 1

    panel.view.viewport().repaint()  # painted on this screen: its own pixels again
    assert scene.pixel_ratio == panel.view.devicePixelRatioF()
    for mark in marks_drawn:
        assert mark.pixmap().devicePixelRatio() == panel.view.devicePixelRatioF()


def test_needles_on_one_spot_are_each_drawn_and_clicked_and_stay_where_they_were_placed(
    qtbot, make_panel, marks, visit_id
):
    panel = make_panel()
    panel.show_view(View.POSTERIOR)
    panel.set_mode(Mode.NEEDLE)
    spot = visible_point(panel.view, "gluteus_medius", Side.LEFT)
    click(qtbot, panel, spot)  # the first needle ...
    (first,) = marks.marks(visit_id).needles
    scene = panel.view.body_scene()
    panel.set_mode(Mode.SELECT)  # ... and a second one put on the very same point
    second = marks.put_needle(visit_id, replace(first, uid="second-needle"))
    panel.reload()
    qtbot.waitUntil(lambda: scene.needle_marker(second.uid) is not None)
    scene.spread_marks()

    markers = [scene.needle_marker(first.uid), scene.needle_marker(second.uid)]
    drawn = [panel.view.mapFromScene(m.pos()) + QPoint(*map(round, m.shift)) for m in markers]
    assert (drawn[0] - drawn[1]).manhattanLength() >= 2 * markers[0].radius  # side by side
    for marker, where in zip(markers, drawn, strict=True):
        assert marker.pos() == QPointF(first.x, first.y)  # drawn apart, stored as placed
        click(qtbot, panel, where)
        assert panel.selection == ("needle", marker.uid)  # each one is clicked on its own
    stored = marks.marks(visit_id).needles
    assert {(n.x, n.y) for n in stored} == {(first.x, first.y)}
    panel.view.zoom_by(8.0)  # zoomed in, the two points are still one: still drawn apart
    qtbot.waitUntil(lambda: scene.view_scale() == panel.view.transform().m11())
    assert markers[0].shift != (0.0, 0.0) and markers[1].shift != (0.0, 0.0)


def test_a_map_made_ready_before_any_visit_shows_a_visit_exactly_as_one_built_for_it(
    qtbot, make_panel, marks, visit_id
):
    """The visit screen builds its map before a visit is opened: same pixels after."""
    for key, side, severity in (
        ("gluteus_medius", Side.LEFT, Severity.MARKED),
        ("piriformis", Side.RIGHT, Severity.MILD),  # deep: drawn dashed
        ("tibialis_anterior", Side.RIGHT, Severity.MODERATE),
        ("pectoralis_major_sternal", Side.LEFT, Severity.MARKED),  # with the lung warning
    ):
        marks.put_finding(visit_id, MuscleFinding(key, side, severity))
    for view, key, side in (
        (View.POSTERIOR, "gluteus_medius", Side.LEFT),
        (View.ANTERIOR, "tibialis_anterior", Side.RIGHT),
    ):
        x, y = interior_point(load_view(view).region(key, side))
        marks.put_needle(visit_id, NeedleSite(key, side, view, x, y))
    previous = VisitMarks(
        (MuscleFinding("gluteus_maximus", Side.RIGHT, Severity.MODERATE),),
        (NeedleSite("gluteus_maximus", Side.RIGHT, View.POSTERIOR, 250.0, 440.0),),
    )

    ready = BodyMapPanel(marks, None)  # as the visit screen makes it, out of sight
    qtbot.addWidget(ready)
    assert ready.read_only and not ready.marks.findings and ready.visit_id is None
    ready.resize(1280, 860)
    ready.show()
    qtbot.waitExposed(ready)
    ready.show_visit(visit_id, previous=previous)
    built = make_panel(previous=previous)
    assert not ready.read_only and ready.marks == built.marks

    for panel in (ready, built):
        panel.previous_action.setChecked(True)  # the previous visit's marks, faded
    for view in (View.ANTERIOR, View.POSTERIOR):
        pictures = []
        for panel in (ready, built):
            panel.show_view(view)
            caught_up(qtbot, panel)
            panel.view.body_scene().spread_marks()  # marks drawn apart, as the next turn does
            pictures.append(panel.view.viewport().grab().toImage())
        assert pictures[0] == pictures[1], view
    assert ready.list.row_texts() == built.list.row_texts()
    assert [ready.tabs.tabText(i) for i in range(ready.tabs.count())] == [
        built.tabs.tabText(i) for i in range(built.tabs.count())
    ]
    ready.close()
