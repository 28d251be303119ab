"""The body-map artwork read into plain data: paths normalised to absolute move/line/cubic/
close commands, regions keyed by muscle and the patient's side, and the shipped drawings
checked against the atlas."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from imsdesk.domain.anatomy import Layer, Side, View, load_atlas
from imsdesk.domain.artwork import (
    ArtworkError,
    ClosePath,
    CubicTo,
    LineTo,
    MoveTo,
    ViewArtwork,
    available_views,
    contains,
    flatten,
    interior_point,
    load_view,
    parse_path,
    parse_view,
    polygon_area,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bodymap" / "posterior.svg"


@pytest.fixture(scope="module")
def fixture_art() -> ViewArtwork:
    return parse_view(FIXTURE.read_text(encoding="utf-8"), View.POSTERIOR, source=FIXTURE.name)


def close_to(a: tuple[float, ...], b: tuple[float, ...], eps: float = 1e-9) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= eps for x, y in zip(a, b, strict=True))


def cubic_at(p0: tuple[float, float], c: CubicTo, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u**3 * p0[0] + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t**3 * c.x,
        u**3 * p0[1] + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t**3 * c.y,
    )


def segment_distance(point: tuple[float, float], p: tuple[float, float], q: tuple[float, float]):
    vx, vy = q[0] - p[0], q[1] - p[1]
    t = ((point[0] - p[0]) * vx + (point[1] - p[1]) * vy) / (vx * vx + vy * vy)
    t = max(0.0, min(1.0, t))
    return math.dist(point, (p[0] + t * vx, p[1] + t * vy))


def svg(body: str, view_box: str = "0 0 100 100") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">'
        f'<path id="outline" d="M0 0 H100 V100 H0 Z"/>{body}</svg>'
    )


# ---------------------------------------------------------------------------
# Path data
# ---------------------------------------------------------------------------


def test_relative_commands_become_the_right_absolute_points():
    assert parse_path("m10 20 l5 0 h5 v5 l-10 0 z") == (
        MoveTo(10, 20),
        LineTo(15, 20),
        LineTo(20, 20),
        LineTo(20, 25),
        LineTo(10, 25),
        ClosePath(),
    )


def test_absolute_h_and_v_keep_the_other_coordinate():
    assert parse_path("M1 2 H7 V9 H3") == (MoveTo(1, 2), LineTo(7, 2), LineTo(7, 9), LineTo(3, 9))


def test_extra_pairs_after_a_move_are_lines_relative_if_the_move_was():
    assert parse_path("m1 1 2 2 3 3") == (MoveTo(1, 1), LineTo(3, 3), LineTo(6, 6))
    assert parse_path("M1 1 2 2 3 3") == (MoveTo(1, 1), LineTo(2, 2), LineTo(3, 3))


def test_implicit_repeats_of_curves_and_compact_numbers():
    # "-" and a second "." both start a new number; commas and no spaces are allowed.
    assert parse_path("M0,0L1-1.5.5,2e1") == (MoveTo(0, 0), LineTo(1, -1.5), LineTo(0.5, 20))
    assert parse_path("M0 0 c1 1 2 2 3 3 1 1 2 2 3 3") == (
        MoveTo(0, 0),
        CubicTo(1, 1, 2, 2, 3, 3),
        CubicTo(4, 4, 5, 5, 6, 6),
    )


def test_relative_cubic_and_smooth_reflection():
    path = parse_path("M10 10 c0 -10 20 -10 20 0 s20 10 20 0")
    assert path[1] == CubicTo(10, 0, 30, 0, 30, 10)
    # S reflects the previous second control point (30, 0) about the current point (30, 10).
    assert path[2] == CubicTo(30, 20, 50, 20, 50, 10)


def test_smooth_curve_without_a_previous_cubic_starts_at_the_current_point():
    assert parse_path("M5 5 S10 0 15 5")[1] == CubicTo(5, 5, 10, 0, 15, 5)


def test_quadratics_are_raised_to_the_same_curve_as_cubics():
    _, cubic = parse_path("M0 0 Q10 20 20 0")
    assert close_to(tuple(cubic), (20 / 3, 40 / 3, 40 / 3, 40 / 3, 20, 0))
    # The quadratic's midpoint (t = 1/2) is 1/4 p0 + 1/2 q + 1/4 p2 = (10, 10).
    assert close_to(cubic_at((0, 0), cubic, 0.5), (10, 10))


def test_smooth_quadratic_reflects_the_previous_control_point():
    *_, second = parse_path("M0 0 q10 20 20 0 t20 0")
    # The implied control is (30, -20): the reflection of (10, 20) about (20, 0).
    assert close_to(tuple(second), (20 + 2 / 3 * 10, -40 / 3, 40 - 2 / 3 * 10, -40 / 3, 40, 0))


def test_a_half_circle_arc_passes_through_the_right_points():
    path = parse_path("M0 50 A50 50 0 0 1 100 50")
    assert isinstance(path[-1], CubicTo) and (path[-1].x, path[-1].y) == (100, 50)
    ring = flatten(path, tolerance=0.01)[0]
    # sweep = 1 runs with increasing angle: in SVG's y-down frame that passes over the top.
    assert min(y for _, y in ring) == pytest.approx(0, abs=0.02)
    for x, y in ring:
        assert math.hypot(x - 50, y - 50) == pytest.approx(50, abs=0.05)


def test_relative_arc_with_compact_flags_and_sweep_the_other_way():
    path = parse_path("M0 50 a50 50 0 0050 50")  # "0050" reads as flags 0, 0 and then 50
    end = path[-1]
    assert (end.x, end.y) == (50, 100)
    ring = flatten(path, tolerance=0.01)[0]
    # Large-arc 0, sweep 0 from (0, 50) to (50, 100): the quarter round the centre (50, 50).
    for x, y in ring:
        assert math.hypot(x - 50, y - 50) == pytest.approx(50, abs=0.05)


def test_an_arc_too_small_to_reach_its_end_is_scaled_up():
    ring = flatten(parse_path("M0 0 A1 1 0 0 1 10 0"), tolerance=0.01)[0]
    # Radius 1 cannot span 10 units: it grows to 5, a half circle over the top.
    assert min(y for _, y in ring) == pytest.approx(-5, abs=0.05)
    assert all(math.hypot(x - 5, y) == pytest.approx(5, abs=0.05) for x, y in ring)


def test_a_close_returns_to_the_subpath_start_for_the_next_relative_move():
    assert parse_path("M10 10 l5 0 z m1 1 l1 0") == (
        MoveTo(10, 10),
        LineTo(15, 10),
        ClosePath(),
        MoveTo(11, 11),
        LineTo(12, 11),
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("L1 1", "must start with a moveto"),
        ("M1 1 X2 2", "unknown path command 'X'"),
        ("M1 1 L2", "expected a coordinate pair"),
        ("M1 1 C1 2 3", "expected a number"),
        ("M1 1 A5 5 0 2 0 3 3", "arc flag"),
        ("M1 1 L2 2 #", "cannot read '#'"),
        ("M1 1 Z 4 4", "expected a path command"),
    ],
)
def test_unreadable_path_data_is_refused_with_the_place(data: str, words: str):
    with pytest.raises(ValueError, match=words):
        parse_path(data)


# ---------------------------------------------------------------------------
# Flattening and geometry helpers
# ---------------------------------------------------------------------------


def test_flatten_keeps_curves_within_tolerance():
    path = parse_path("M0 0 C0 80 100 80 100 0 Z")
    start, cubic = (0.0, 0.0), path[1]
    for tolerance in (1.0, 0.1):
        ring = flatten(path, tolerance)[0]
        chords = list(zip(ring, [*ring[1:], ring[0]], strict=True))
        for i in range(201):
            point = cubic_at(start, cubic, i / 200)
            assert min(segment_distance(point, p, q) for p, q in chords) <= tolerance


def test_flatten_splits_subpaths_into_rings_without_repeating_the_first_point():
    rings = flatten(parse_path("M0 0 H10 V10 H0 Z M20 20 h5 v5 z"))
    assert rings == [[(0, 0), (10, 0), (10, 10), (0, 10)], [(20, 20), (25, 20), (25, 25)]]


def test_area_and_containment_follow_the_nonzero_rule():
    outer = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0)]
    hole = [(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)]  # the other way round
    assert abs(polygon_area(outer)) == 100
    assert polygon_area(outer) == -polygon_area(outer[::-1])
    assert contains([outer, hole], 1, 1)
    assert not contains([outer, hole], 5, 5)
    assert not contains([outer], 11, 5)
    assert contains([outer, outer], 5, 5)  # same direction twice: winding 2, still inside


def test_interior_point_lies_inside_a_concave_region(fixture_art: ViewArtwork):
    text = svg(
        '<path id="u.left" data-muscle="u" data-side="left" data-layer="deep" '
        'd="M0 0 H30 V30 H20 V10 H10 V30 H0 Z"/>'
    )
    (region,) = parse_view(text, View.POSTERIOR).regions
    x, y = interior_point(region)
    assert contains(flatten(region), x, y)
    for region in fixture_art.regions:
        assert contains(flatten(region), *interior_point(region)), region.id


# ---------------------------------------------------------------------------
# One view's SVG
# ---------------------------------------------------------------------------


def test_fixture_view_reads_into_regions_labels_and_decoration(fixture_art: ViewArtwork):
    art = fixture_art
    assert art.view is View.POSTERIOR
    assert (art.view_box.width, art.view_box.height) == (200, 300)
    assert isinstance(art.outline.path[0], MoveTo)
    assert {r.id for r in art.regions} == {
        f"{key}.{side}"
        for key in (
            "trapezius_lower",
            "gluteus_medius",
            "gluteus_maximus",
            "piriformis",
            "paraspinal_l4",
        )
        for side in ("left", "right")
    }
    glute = art.region("gluteus_medius", Side.LEFT)
    assert glute.layer is Layer.SUPERFICIAL and glute.panel == "panel-body"
    assert glute.path[:3] == (MoveTo(40, 150), CubicTo(50, 142, 80, 142, 90, 150), LineTo(90, 175))
    assert isinstance(glute.path[-1], ClosePath)
    piriformis = art.region("piriformis", Side.RIGHT)
    # Paint inherits from the layer group: deep muscles are dashed and translucent.
    assert piriformis.layer is Layer.DEEP
    assert piriformis.paint.dash == (2.2, 1.4)
    assert piriformis.paint.fill_opacity == 0.72
    assert piriformis.paint.stroke_width == 0.55
    assert glute.paint.dash == () and glute.paint.fill == "#f3c8a8"
    assert sorted(d.kind for d in art.decorations) == ["fibres", "tendons"]
    assert [(t.text, t.x) for t in art.side_labels] == [("L", 15), ("R", 185)]
    assert art.side_labels[0].bold and art.side_labels[0].anchor == "middle"
    assert [t.text for t in art.captions] == ["Posterior"]
    assert art.viewer_left() is Side.LEFT
    assert art.title == "Posterior view (test fixture)"


def test_drawing_order_follows_the_document(fixture_art: ViewArtwork):
    tendons = next(d for d in fixture_art.decorations if d.kind == "tendons")
    fibres = next(d for d in fixture_art.decorations if d.kind == "fibres")
    superficial = fixture_art.region("gluteus_maximus", Side.LEFT)
    deep = fixture_art.region("piriformis", Side.LEFT)
    assert fixture_art.outline.order < tendons.order < superficial.order < fibres.order
    assert fibres.order < deep.order


def test_viewer_left_falls_back_to_the_side_labels():
    text = svg(
        '<text class="side-label" x="90" y="10">L</text>'
        '<text class="side-label" x="5" y="10">R</text>'
    )
    assert parse_view(text, View.ANTERIOR).viewer_left() is Side.RIGHT


def test_group_transforms_and_inline_styles_are_applied():
    text = svg(
        '<g transform="translate(10 5) scale(2)" style="fill: #123456; stroke-width: 0.5">'
        '<path id="soleus.left" data-muscle="soleus" data-side="left" data-layer="superficial" '
        'd="M1 1 L2 1 C3 3 3 3 4 4 Z"/>'
        '<text class="side-label" x="1" y="2" font-size="7">L</text></g>'
    )
    art = parse_view(text, View.POSTERIOR)
    (region,) = art.regions
    assert region.path[:3] == (MoveTo(12, 7), LineTo(14, 7), CubicTo(16, 11, 16, 11, 18, 13))
    assert region.paint.fill == "#123456" and region.paint.stroke_width == 0.5
    label = art.side_labels[0]
    assert (label.x, label.y, label.size) == (12, 9, 14)


def test_rotation_about_a_point_and_other_shape_elements_as_decoration():
    text = svg(
        '<g class="details" transform="rotate(90 50 50)"><line x1="50" y1="50" x2="60" y2="50"/>'
        '<rect x="0" y="0" width="2" height="2"/><circle cx="10" cy="10" r="5"/></g>'
    )
    line, rect, circle = parse_view(text, View.ANTERIOR).decorations
    assert all(d.kind == "details" for d in (line, rect, circle))
    assert close_to(tuple(line.path[1]), (50, 60))
    assert len(rect.path) == 5
    ring = flatten(circle, 0.01)[0]
    centre = (90, 10)  # (10, 10) turned a quarter about (50, 50)
    assert all(math.dist(p, centre) == pytest.approx(5, abs=0.01) for p in ring)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<path d="M0 0 H100 V100 Z"/>', 'no <path id="outline">'),
        ("", "has no viewBox"),
        (
            '<path id="outline" d="M0 0 H1 V1 Z"/><path id="soleus.left" data-muscle="soleus" '
            'data-side="port" data-layer="deep" d="M0 0 H1 V1 Z"/>',
            "data-side must be",
        ),
        (
            '<path id="outline" d="M0 0 H1 V1 Z"/><path id="soleus.right" data-muscle="soleus" '
            'data-side="left" data-layer="deep" d="M0 0 H1 V1 Z"/>',
            "id must be 'soleus.left'",
        ),
        (
            '<path id="outline" d="M0 0 H1 V1 Z"/><path id="soleus.left" data-muscle="soleus" '
            'data-side="left" data-layer="middle" d="M0 0 H1 V1 Z"/>',
            "data-layer must be",
        ),
        (
            '<path id="outline" d="M0 0 H1 V1 Z"/><path id="soleus.left" data-muscle="soleus" '
            'data-side="left" data-layer="deep" d="M0 0 H1 Q1"/>',
            "soleus.left.*expected a number",
        ),
        ('<path id="outline" d="M0 0 H1 V1 Z"/><path id="outline" d="M0 0 H1 V1 Z"/>', "twice"),
    ],
)
def test_a_file_breaking_the_format_is_refused_naming_the_element(body: str, words: str):
    view_box = "" if words == "has no viewBox" else ' viewBox="0 0 10 10"'
    text = f'<svg xmlns="http://www.w3.org/2000/svg"{view_box}>{body}</svg>'
    with pytest.raises(ArtworkError, match=words):
        parse_view(text, View.FOOT, source="foot.svg")


def test_not_xml_is_refused():
    with pytest.raises(ArtworkError, match="not well-formed"):
        parse_view("<svg", View.FOOT)


# ---------------------------------------------------------------------------
# The shipped drawings (whichever have landed)
# ---------------------------------------------------------------------------

SHIPPED = available_views()


def test_anterior_and_posterior_artwork_has_landed():
    # The two whole-body views are what the map opens on; the insets may follow.
    assert {View.ANTERIOR, View.POSTERIOR} <= set(SHIPPED)


@pytest.mark.parametrize("view", SHIPPED, ids=str)
def test_every_shipped_region_is_an_atlas_target_drawn_where_the_atlas_says(view: View):
    atlas = load_atlas()
    art = load_view(view)
    assert art.regions, f"{view}: no clickable regions"
    for region in art.regions:
        muscle = atlas.get(region.muscle_key)
        assert muscle is not None, f"{view}: {region.id} is not in the atlas"
        assert region.side in muscle.sides, f"{view}: {region.id} has no such side"
        assert view in muscle.views, f"{view}: the atlas does not list {view} for {region.id}"
        assert region.layer is muscle.layer, f"{view}: {region.id} layer {region.layer}"


@pytest.mark.parametrize("view", SHIPPED, ids=str)
def test_every_atlas_target_of_a_shipped_view_has_its_region(view: View):
    art = load_view(view)
    drawn = {(r.muscle_key, r.side) for r in art.regions}
    missing = [
        f"{m.key}.{side}"
        for m, side in load_atlas().targets()
        if view in m.views and (m.key, side) not in drawn
    ]
    assert not missing, f"{view}: no region for {missing[:8]}"


@pytest.mark.parametrize("view", SHIPPED, ids=str)
def test_shipped_paths_are_well_formed_closed_and_inside_the_view_box(view: View):
    art = load_view(view)
    box = art.view_box
    for shape in (art.outline, *art.regions):
        commands = shape.path
        assert isinstance(commands[0], MoveTo)
        for command in commands:
            assert all(math.isfinite(v) for v in command)
        # Every region subpath is closed, so a hit test has an inside.
        subpaths = sum(isinstance(c, MoveTo) for c in commands)
        assert sum(isinstance(c, ClosePath) for c in commands) == subpaths
        for ring in flatten(shape, 0.5):
            for x, y in ring:
                assert box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height


@pytest.mark.parametrize("view", SHIPPED, ids=str)
def test_shipped_views_label_the_patients_sides_and_draw_them_where_they_say(view: View):
    art = load_view(view)
    assert sorted(t.text for t in art.side_labels).count("L") >= 1
    assert sorted(t.text for t in art.side_labels).count("R") >= 1
    panels = {p.id: p for p in art.panels}
    for region in art.regions:
        panel = panels.get(region.panel or "")
        if panel is None or panel.mirror_x is None or region.side is Side.MIDLINE:
            continue
        x, _ = interior_point(region)
        on_viewer_left = x < panel.mirror_x
        assert on_viewer_left == (region.side is panel.viewer_left), region.id
    if view in (View.ANTERIOR, View.POSTERIOR):
        expected = Side.RIGHT if view is View.ANTERIOR else Side.LEFT
        assert art.viewer_left() is expected


def test_load_view_is_cached_per_process():
    assert load_view(View.POSTERIOR) is load_view(View.POSTERIOR)
