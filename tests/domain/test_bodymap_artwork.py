"""The body-map artwork: the committed SVGs are what shapes.toml says, every shape is a clean
polygon inside its silhouette, neighbours do not overlap, left and right mirror each other
on the patient's side of each view, and the regions and the atlas name the same targets.

Pure Python (shapely and svgelements, no Qt), so it runs wherever the domain tests run.
"""

from __future__ import annotations

import functools
import itertools
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import shapely
import svgelements
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from imsdesk.domain.anatomy import PARASPINAL_LEVELS, Side, View, load_atlas
from imsdesk.resources.bodymap import generate

ART = Path(generate.__file__).resolve().parent
SVG = "{http://www.w3.org/2000/svg}"
VIEWS = tuple(view.value for view in View)
# "A hair": shapes are rounded to 0.1 units, so shared edges may differ by that much.
HAIR_AREA = 0.6  # square units
HAIR = 0.3  # units
MAX_TOTAL_BYTES = 1_500_000

# Muscles the atlas lists for a view that the artwork deliberately leaves out of it, with
# the reason; each still appears in another view. Keep this empty unless there is no way.
NOT_DRAWN_IN_LISTED_VIEW: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Shape:
    view: str
    panel: str
    mirror_x: float
    viewer_left: Side
    region_id: str
    muscle: str
    side: Side
    layer: str
    geometry: BaseGeometry


def rings_of(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """(points, closed) for each subpath, read by svgelements as any SVG reader would."""
    rings: list[tuple[list[tuple[float, float]], bool]] = []
    for segment in svgelements.Path(d):
        if isinstance(segment, svgelements.Move):
            rings.append(([(segment.end.x, segment.end.y)], False))
        elif isinstance(segment, svgelements.Close):
            rings[-1] = (rings[-1][0], True)
        elif isinstance(segment, svgelements.Line):
            rings[-1][0].append((segment.end.x, segment.end.y))
        else:
            raise AssertionError(f"unexpected {type(segment).__name__} segment in {d[:40]}…")
    return rings


def polygon_of(d: str) -> BaseGeometry:
    """The area a closed path encloses (holes are drawn as rings inside the outer ring)."""
    geometry: BaseGeometry = Polygon()
    for points, _closed in rings_of(d):
        geometry = geometry.symmetric_difference(Polygon(points))
    return geometry


@functools.cache
def document(view: str) -> ET.Element:
    return ET.parse(ART / f"{view}.svg").getroot()


@functools.cache
def outline(view: str) -> BaseGeometry:
    paths = [p for p in document(view).iter(f"{SVG}path") if p.get("id") == "outline"]
    assert len(paths) == 1, f"{view}.svg needs exactly one <path id='outline'>"
    return polygon_of(paths[0].get("d", ""))


@functools.cache
def shapes(view: str) -> tuple[Shape, ...]:
    found = []
    for panel in document(view).iter(f"{SVG}g"):
        if panel.get("class") != "panel":
            continue
        for path in panel.iter(f"{SVG}path"):
            if path.get("data-muscle") is None:
                continue
            found.append(
                Shape(
                    view=view,
                    panel=panel.get("id", ""),
                    mirror_x=float(panel.get("data-mirror-x", "nan")),
                    viewer_left=Side(panel.get("data-viewer-left")),
                    region_id=path.get("id", ""),
                    muscle=path.get("data-muscle", ""),
                    side=Side(path.get("data-side")),
                    layer=path.get("data-layer", ""),
                    geometry=polygon_of(path.get("d", "")),
                )
            )
    return tuple(found)


def all_shapes() -> list[Shape]:
    return [shape for view in VIEWS for shape in shapes(view)]


def mirrored(geometry: BaseGeometry, mirror_x: float) -> BaseGeometry:
    return affinity.scale(geometry, xfact=-1.0, yfact=1.0, origin=(mirror_x, 0.0))


# ---------------------------------------------------------------------------


def test_the_committed_svgs_are_what_the_data_draws():
    expected = generate.generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in ART.glob("*.svg")}
    assert sorted(committed) == sorted(expected), "run python -m imsdesk.resources.bodymap.generate"
    stale = [name for name in expected if committed[name] != expected[name]]
    assert not stale, f"stale {stale}: run python -m imsdesk.resources.bodymap.generate"


def test_there_is_one_svg_per_view_and_they_stay_small():
    assert sorted(p.stem for p in ART.glob("*.svg")) == sorted(VIEWS)
    total = sum(p.stat().st_size for p in ART.glob("*.svg"))
    assert total < MAX_TOTAL_BYTES, f"{total} bytes of SVG"


@pytest.mark.parametrize("view", VIEWS)
def test_svgelements_reads_each_file_and_finds_every_region(view: str):
    svg = svgelements.SVG.parse(str(ART / f"{view}.svg"))
    ids = {element.id for element in svg.elements() if isinstance(element, svgelements.Path)}
    assert {shape.region_id for shape in shapes(view)} <= ids
    assert "outline" in ids


@pytest.mark.parametrize("view", VIEWS)
def test_every_clickable_path_is_closed_and_a_valid_polygon(view: str):
    paths = [
        p
        for p in document(view).iter(f"{SVG}path")
        if p.get("id") == "outline" or p.get("data-muscle") is not None
    ]
    assert paths
    for path in paths:
        name = path.get("id")
        for points, closed in rings_of(path.get("d", "")):
            assert closed, f"{view}: {name} has an open subpath"
            ring = Polygon(points)
            assert len(points) >= 3 and ring.is_valid, (
                f"{view}: {name}: {shapely.is_valid_reason(ring)}"
            )
        geometry = polygon_of(path.get("d", ""))
        assert geometry.is_valid and geometry.area > 1.0, f"{view}: {name} is not a clean area"


@pytest.mark.parametrize("view", VIEWS)
def test_region_ids_and_attributes_agree_with_the_atlas(view: str):
    atlas = load_atlas()
    ids = [shape.region_id for shape in shapes(view)]
    assert len(ids) == len(set(ids)), f"{view}: duplicate region ids"
    for shape in shapes(view):
        assert shape.region_id == f"{shape.muscle}.{shape.side.value}"
        muscle = atlas.get(shape.muscle)
        assert muscle is not None, f"{view}: {shape.region_id} is not in the atlas"
        assert shape.side in muscle.sides, f"{view}: {shape.region_id}: side not in the atlas"
        assert shape.layer == muscle.layer.value, f"{view}: {shape.region_id}: layer"


@pytest.mark.parametrize("view", VIEWS)
def test_every_muscle_lies_inside_its_silhouette(view: str):
    body = outline(view).buffer(HAIR)
    for shape in shapes(view):
        outside = shape.geometry.difference(body).area
        assert outside < HAIR_AREA, f"{view}: {shape.region_id} pokes {outside:.2f} outside"


@pytest.mark.parametrize("view", VIEWS)
def test_neighbours_in_one_layer_overlap_by_no_more_than_a_hair(view: str):
    by_layer: dict[tuple[str, str], list[Shape]] = defaultdict(list)
    for shape in shapes(view):
        by_layer[(shape.panel, shape.layer)].append(shape)
    for group in by_layer.values():
        tree = STRtree([s.geometry for s in group])
        for i, shape in enumerate(group):
            for j in tree.query(shape.geometry):
                if j <= i:
                    continue
                other = group[int(j)]
                overlap = shape.geometry.intersection(other.geometry).area
                assert overlap < HAIR_AREA, (
                    f"{view}: {shape.region_id} and {other.region_id} overlap by {overlap:.2f}"
                )


@pytest.mark.parametrize("view", VIEWS)
def test_each_left_shape_has_its_mirrored_right(view: str):
    by_id = {(s.panel, s.region_id): s for s in shapes(view)}
    for (panel, region_id), shape in by_id.items():
        if shape.side is not Side.LEFT:
            continue
        partner = by_id.get((panel, f"{shape.muscle}.right"))
        assert partner is not None, f"{view}: {region_id} has no right partner"
        mismatch = mirrored(shape.geometry, shape.mirror_x).symmetric_difference(partner.geometry)
        assert mismatch.area < HAIR_AREA + 0.01 * shape.geometry.area, (
            f"{view}: {shape.muscle} left and right are not mirror images"
        )


@pytest.mark.parametrize("view", VIEWS)
def test_each_side_is_drawn_where_the_panel_says_the_patient_s_side_is(view: str):
    for shape in shapes(view):
        if shape.side is Side.MIDLINE:
            continue
        on_viewer_left = shape.geometry.centroid.x < shape.mirror_x
        assert on_viewer_left == (shape.side is shape.viewer_left), (
            f"{view}: {shape.region_id} is on the wrong side of x={shape.mirror_x}"
        )


def test_the_front_shows_the_patient_s_right_on_the_viewer_s_left():
    right = [s for s in shapes("anterior") if s.side is Side.RIGHT]
    assert right
    assert all(s.geometry.centroid.x < 200 for s in right)
    assert {s.viewer_left for s in shapes("anterior")} == {Side.RIGHT}


def test_the_back_shows_the_patient_s_left_on_the_viewer_s_left():
    left = [s for s in shapes("posterior") if s.side is Side.LEFT]
    assert left
    assert all(s.geometry.centroid.x < 200 for s in left)
    assert {s.viewer_left for s in shapes("posterior")} == {Side.LEFT}


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_labels_the_patient_s_sides(view: str):
    root = document(view)
    for panel in root.iter(f"{SVG}g"):
        if panel.get("class") != "panel":
            continue
        mirror_x = float(panel.get("data-mirror-x", "nan"))
        labels = {
            (t.text, float(t.get("x", "nan")) < mirror_x)
            for t in panel.iter(f"{SVG}text")
            if t.get("class") == "side-label"
        }
        left_is = Side(panel.get("data-viewer-left"))
        right_is = Side.LEFT if left_is is Side.RIGHT else Side.RIGHT
        assert labels == {(left_is.short, True), (right_is.short, False)}, panel.get("id")


def test_every_atlas_target_has_a_region():
    drawn = {(s.muscle, s.side) for s in all_shapes()}
    missing = [
        f"{muscle.key}.{side.value}"
        for muscle, side in load_atlas().targets()
        if (muscle.key, side) not in drawn
    ]
    assert not missing, f"no region for {missing}"


def test_every_region_is_an_atlas_target():
    targets = {(muscle.key, side) for muscle, side in load_atlas().targets()}
    unknown = sorted({s.region_id for s in all_shapes() if (s.muscle, s.side) not in targets})
    assert not unknown, f"regions without an atlas target: {unknown}"


def test_muscles_are_drawn_in_the_views_the_atlas_lists_and_only_there():
    atlas = load_atlas()
    drawn = {(s.view, s.muscle) for s in all_shapes()}
    for muscle in atlas:
        for view in muscle.views:
            if (muscle.key, view.value) in NOT_DRAWN_IN_LISTED_VIEW:
                continue
            assert (view.value, muscle.key) in drawn, f"{muscle.key} missing from {view.value}"
    for view, key in drawn:
        assert View(view) in atlas[key].views, f"{key} is drawn in {view}, not listed there"


def test_the_paraspinal_ladder_runs_c1_to_s2_head_to_tail_on_both_sides():
    by_id = {s.region_id: s for s in shapes("paraspinal")}
    for side in (Side.LEFT, Side.RIGHT):
        heights = []
        for level in PARASPINAL_LEVELS:
            shape = by_id.get(f"paraspinal_{level.value.lower()}.{side.value}")
            assert shape is not None, f"ladder has no {level.value} on the {side.value}"
            heights.append(shape.geometry.centroid.y)
        assert heights == sorted(heights) and len(set(heights)) == len(heights), side
    texts = {t.text for t in document("paraspinal").iter(f"{SVG}text")}
    assert {level.value for level in PARASPINAL_LEVELS} <= texts, "each level is labelled"


def test_the_paraspinal_targets_on_the_back_also_run_head_to_tail():
    by_id = {s.region_id: s for s in shapes("posterior")}
    for side in (Side.LEFT, Side.RIGHT):
        heights = [
            by_id[f"paraspinal_{level.value.lower()}.{side.value}"].geometry.centroid.y
            for level in PARASPINAL_LEVELS
        ]
        assert heights == sorted(heights), side


def test_shapes_are_polygons_not_boxes():
    # A rectangle drawn by hand has four corners; the artwork is drawn as smooth outlines.
    # The paraspinal targets are the exception: they are deliberately simple blocks.
    for shape in all_shapes():
        if shape.muscle.startswith("paraspinal_"):
            continue
        for polygon in getattr(shape.geometry, "geoms", [shape.geometry]):
            assert len(polygon.exterior.coords) > 8, f"{shape.view}: {shape.region_id}"


def test_left_and_right_pairs_are_distinct_regions_in_each_view():
    for view in VIEWS:
        pairs = defaultdict(set)
        for shape in shapes(view):
            pairs[(shape.panel, shape.muscle)].add(shape.side)
        for (panel, muscle), sides in pairs.items():
            assert sides in ({Side.LEFT, Side.RIGHT}, {Side.MIDLINE}), (view, panel, muscle)


def test_no_two_panels_of_a_view_overlap():
    for view in VIEWS:
        hulls = defaultdict(list)
        for shape in shapes(view):
            hulls[shape.panel].append(shape.geometry)
        merged = [shapely.union_all(g).convex_hull for g in hulls.values()]
        for a, b in itertools.combinations(merged, 2):
            assert a.intersection(b).area < HAIR_AREA, view
