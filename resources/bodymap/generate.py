"""Draw the body-map SVGs from the control points in ``shapes.toml``.

Run ``python -m imsdesk.resources.bodymap.generate`` after editing ``shapes.toml`` (or after
the atlas changes a muscle's layer); it rewrites ``<view>.svg`` beside this file. The output
is deterministic, so ``tests/domain/test_bodymap_artwork.py`` can check that the committed
SVGs are what the data says.

How a drawing is made (the file format is described at the top of ``shapes.toml``):

* Every outline is a closed centripetal Catmull-Rom spline through a few control points,
  sampled finely into a polygon. Centripetal splines never loop or overshoot between
  unevenly spaced points, so a muscle stays where its points put it.
* Each view is made of panels (one body, or a pair of insets). A panel is drawn once, on
  the viewer's left of its mirror line, and mirrored (x' = 2 * mirror_x - x) for the other
  side, so both sides are always exactly symmetric.
* Muscles are clipped to the panel's silhouette, and within one layer (superficial or
  deep) a shape listed earlier wins where two overlap: later shapes are cut back to the
  earlier shape's border, so neighbours share one edge with no gap and no overlap. A
  "compartment" is one outline split into named muscles by cut lines.
* Deep muscles are drawn above the superficial ones, pale and dashed, so they read as
  lying underneath while staying clickable.

Shapely is needed to regenerate (and by the artwork tests); the app itself only reads the
SVGs.
"""

from __future__ import annotations

import math
import sys
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import shapely
from shapely import affinity
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import split, unary_union

from imsdesk.domain.anatomy import PARASPINAL_LEVELS, Atlas, Layer, Side, load_atlas

HERE = Path(__file__).resolve().parent
SPEC_FILE = HERE / "shapes.toml"

GRID = 0.1  # every coordinate is rounded to this, so the text output is stable
SLIVER = 0.04  # a piece left after cutting smaller than this share of the largest is dropped

Point2 = tuple[float, float]

# Soft, warm muscle tones; neighbours get different ones (greedy colouring below).
PALETTE: tuple[str, ...] = (
    "#eeb0a3",
    "#f3c8a8",
    "#e6a6b4",
    "#f6d4bd",
    "#dcaec8",
    "#efbf95",
    "#e49a92",
    "#f1cbc6",
)
OUTLINE_FILL = "#fbf5ef"
OUTLINE_STROKE = "#8c7b70"
TENDON_FILL = "#f1ede4"
TENDON_STROKE = "#b9ab98"
DETAIL_STROKE = "#a08b7e"
FIBRE_STROKE = "#8d4a41"
LABEL_FILL = "#4f4039"


class SpecError(ValueError):
    """shapes.toml is inconsistent; the message names the view and the entry."""


# ---------------------------------------------------------------------------
# Curves
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Knot:
    x: float
    y: float
    corner: bool = False

    @property
    def xy(self) -> Point2:
        return (self.x, self.y)

    def mirrored(self, mirror_x: float) -> Knot:
        return Knot(2 * mirror_x - self.x, self.y, self.corner)


def parse_knots(text: str) -> list[Knot]:
    """Read "x,y x,y* ..." (a trailing * marks a sharp corner)."""
    knots = []
    for token in text.split():
        corner = token.endswith("*")
        try:
            x, y = token.rstrip("*").split(",")
            knots.append(Knot(float(x), float(y), corner))
        except ValueError:
            raise SpecError(f"bad control point {token!r} (write x,y or x,y*)") from None
    return knots


def _segment(p0: Point2, p1: Point2, p2: Point2, p3: Point2, step: float) -> list[Point2]:
    """Points on the centripetal Catmull-Rom segment p1 -> p2, p2 itself excluded."""

    def knot_gap(a: Point2, b: Point2) -> float:
        return max(math.dist(a, b), 1e-6) ** 0.5

    t1 = knot_gap(p0, p1)
    t2 = t1 + knot_gap(p1, p2)
    t3 = t2 + knot_gap(p2, p3)
    count = max(2, math.ceil(math.dist(p1, p2) / step))

    def lerp(a: Point2, b: Point2, ta: float, tb: float, t: float) -> Point2:
        w = (t - ta) / (tb - ta)
        return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)

    out = []
    for i in range(count):
        t = t1 + (t2 - t1) * i / count
        a1 = lerp(p0, p1, 0.0, t1, t)
        a2 = lerp(p1, p2, t1, t2, t)
        a3 = lerp(p2, p3, t2, t3, t)
        b1 = lerp(a1, a2, 0.0, t2, t)
        b2 = lerp(a2, a3, t1, t3, t)
        out.append(lerp(b1, b2, t1, t2, t))
    return out


def open_curve(knots: Sequence[Knot], step: float) -> list[Point2]:
    """A smooth curve through the knots, ends included; interior corners stay sharp."""
    if len(knots) < 2:
        raise SpecError("a curve needs at least two control points")
    runs: list[list[Point2]] = [[knots[0].xy]]
    for knot in knots[1:-1]:
        runs[-1].append(knot.xy)
        if knot.corner:
            runs.append([knot.xy])
    runs[-1].append(knots[-1].xy)
    points: list[Point2] = []
    for run in runs:
        # Phantom end points continue the first and last chords, so a run starts and
        # ends heading straight at its neighbour and corners between runs stay sharp.
        first, last = run[0], run[-1]
        padded = [
            (2 * first[0] - run[1][0], 2 * first[1] - run[1][1]),
            *run,
            (2 * last[0] - run[-2][0], 2 * last[1] - run[-2][1]),
        ]
        for i in range(1, len(padded) - 2):
            points.extend(_segment(padded[i - 1], padded[i], padded[i + 1], padded[i + 2], step))
    points.append(knots[-1].xy)
    return points


def closed_curve(knots: Sequence[Knot], step: float) -> list[Point2]:
    """A closed smooth curve through the knots (the ring is not repeated at the end)."""
    if len(knots) < 3:
        raise SpecError("a closed outline needs at least three control points")
    corners = [i for i, knot in enumerate(knots) if knot.corner]
    if not corners:
        count = len(knots)
        points: list[Point2] = []
        for i in range(count):
            points.extend(
                _segment(
                    knots[i - 1].xy,
                    knots[i].xy,
                    knots[(i + 1) % count].xy,
                    knots[(i + 2) % count].xy,
                    step,
                )
            )
        return points
    start = corners[0]
    ring = [*knots[start:], *knots[:start], knots[start]]
    return open_curve(ring, step)[:-1]


def polygon_from(knots: Sequence[Knot], step: float) -> BaseGeometry:
    shape = shapely.make_valid(Polygon(closed_curve(knots, step)))
    return _polygons_only(shape)


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------


def _polygons_only(geometry: BaseGeometry) -> BaseGeometry:
    """Keep the areas of a geometry (boolean operations can leave stray lines or points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    if isinstance(geometry, GeometryCollection):
        parts = [g for g in geometry.geoms if isinstance(g, Polygon | MultiPolygon)]
        return unary_union(parts) if parts else Polygon()
    return Polygon()


def polygons(geometry: BaseGeometry) -> list[Polygon]:
    """The polygons in a geometry, one by one (touching pieces are not merged)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    if isinstance(geometry, MultiPolygon | GeometryCollection):
        return [p for g in geometry.geoms for p in polygons(g)]
    return []


def drop_slivers(geometry: BaseGeometry, keep_all: bool = False) -> BaseGeometry:
    """Remove crumbs that cutting leaves behind, so each region is one clean shape."""
    parts = polygons(geometry)
    if not parts:
        return Polygon()
    largest = max(p.area for p in parts)
    floor = 0.5 if keep_all else max(0.5, largest * SLIVER)
    kept = [p for p in parts if p.area >= floor]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def snap(geometry: BaseGeometry) -> BaseGeometry:
    """Round to the output grid; set_precision keeps the result a valid polygon."""
    return _polygons_only(shapely.set_precision(geometry, GRID))


def mirror(geometry: BaseGeometry, mirror_x: float) -> BaseGeometry:
    return affinity.scale(geometry, xfact=-1.0, yfact=1.0, origin=(mirror_x, 0.0))


def _num(value: float) -> str:
    text = f"{round(value / GRID) * GRID:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _ring_path(coords: Sequence[Point2]) -> str:
    points = list(coords)
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    head, *rest = points
    body = " ".join(f"{_num(x)},{_num(y)}" for x, y in rest)
    return f"M{_num(head[0])},{_num(head[1])} L{body} Z"


def path_data(geometry: BaseGeometry) -> str:
    """SVG path data for polygons: exteriors anticlockwise, holes clockwise (non-zero)."""
    rings = []
    for polygon in polygons(geometry):
        polygon = orient(polygon, sign=1.0)
        rings.append(_ring_path(polygon.exterior.coords))
        rings.extend(_ring_path(hole.coords) for hole in polygon.interiors)
    return " ".join(rings)


def line_data(lines: Iterable[LineString]) -> str:
    parts = []
    for line in lines:
        head, *rest = line.coords
        body = " ".join(f"{_num(x)},{_num(y)}" for x, y in rest)
        parts.append(f"M{_num(head[0])},{_num(head[1])} L{body}")
    return " ".join(parts)


# ---------------------------------------------------------------------------
# Fibre strokes: a few light lines showing which way a muscle pulls
# ---------------------------------------------------------------------------


def _clip_lines(
    lines: Iterable[LineString], area: BaseGeometry, shortest: float
) -> list[LineString]:
    out = []
    for line in lines:
        piece = line.intersection(area)
        for part in getattr(piece, "geoms", [piece]):
            if isinstance(part, LineString) and part.length >= shortest:
                # Trim both ends so strokes fade short of the border instead of touching it.
                trim = part.length * 0.12
                out.append(shapely.ops.substring(part, trim, part.length - trim))
    return out


def _long_axis_angle(shape: BaseGeometry) -> float:
    rectangle = shape.minimum_rotated_rectangle
    coords = list(rectangle.exterior.coords)
    edges = [(coords[i], coords[i + 1]) for i in range(2)]
    (x0, y0), (x1, y1) = max(edges, key=lambda e: math.dist(*e))
    return math.atan2(y1 - y0, x1 - x0)


def fibre_strokes(shape: BaseGeometry, spec: Any, spacing: float) -> list[LineString]:
    """Fibre lines for ``spec``: "long" (along the long axis), an angle in degrees
    (0 = to the right, 90 = down), [x, y] (fanning out from that point) or "none"."""
    if spec == "none" or shape.is_empty:
        return []
    inner = shape.buffer(-spacing * 0.35)
    if inner.is_empty or inner.area < spacing * spacing * 2:
        return []
    reach = math.dist(*((b[0], b[1]) for b in (shape.bounds[:2], shape.bounds[2:]))) + 10
    centre = shape.centroid
    if isinstance(spec, list):
        ax, ay = float(spec[0]), float(spec[1])
        coords = [c for p in polygons(inner) for c in p.exterior.coords]
        angles = [math.atan2(y - ay, x - ax) for x, y in coords]
        middle = math.atan2(centre.y - ay, centre.x - ax)
        offsets = [math.remainder(a - middle, math.tau) for a in angles]
        radius = max(math.dist((ax, ay), (centre.x, centre.y)), spacing)
        step = spacing / radius
        low, high = min(offsets), max(offsets)
        count = max(1, int((high - low) / step))
        start = low + (high - low - (count - 1) * step) / 2
        rays = []
        for i in range(count):
            a = middle + start + i * step
            far = (ax + (radius + reach) * math.cos(a), ay + (radius + reach) * math.sin(a))
            rays.append(LineString([(ax, ay), far]))
        return _clip_lines(rays, inner, spacing * 1.5)
    angle = _long_axis_angle(shape) if spec == "long" else math.radians(float(spec))
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    coords = [c for p in polygons(inner) for c in p.exterior.coords]
    across = [x * nx + y * ny for x, y in coords]
    low, high = min(across), max(across)
    count = max(1, int((high - low) / spacing))
    start = low + (high - low - (count - 1) * spacing) / 2
    along = centre.x * dx + centre.y * dy
    lines = []
    for i in range(count):
        o = start + i * spacing
        mx, my = o * nx + along * dx, o * ny + along * dy
        lines.append(
            LineString([(mx - reach * dx, my - reach * dy), (mx + reach * dx, my + reach * dy)])
        )
    return _clip_lines(lines, inner, spacing * 1.5)


# ---------------------------------------------------------------------------
# The model of one view
# ---------------------------------------------------------------------------


@dataclass
class Region:
    key: str
    side: Side
    layer: Layer
    geometry: BaseGeometry
    colour: int
    fibres: list[LineString]


@dataclass
class Detail:
    kind: str  # "tendon" (filled, under the muscles) or "line" (a stroke over them)
    geometry: BaseGeometry  # a polygon for a tendon, a LineString for a line


@dataclass
class Label:
    text: str
    x: float
    y: float
    css_class: str
    size: float
    anchor: str = "middle"


@dataclass
class PanelArt:
    panel_id: str
    mirror_x: float
    viewer_left: Side
    regions: list[Region] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


@dataclass
class ViewArt:
    name: str
    title: str
    width: float
    height: float
    stroke: float  # line-width unit for this view's scale
    deep_opacity: float  # how much of a deep muscle's pale fill covers what lies above it
    deep_lighten: float  # how far toward white a deep muscle's colour is paled (0 to 1)
    outline: BaseGeometry
    panels: list[PanelArt]


@dataclass
class _Drawn:
    """A muscle drawn on the viewer's-left half, before mirroring."""

    key: str
    layer: Layer
    geometry: BaseGeometry
    fibres: Any


def _other(side: Side) -> Side:
    return Side.LEFT if side is Side.RIGHT else Side.RIGHT


def _outline_geometry(spec: dict[str, Any], mirror_x: float, step: float) -> BaseGeometry:
    knots = parse_knots(spec["pts"])
    kind = spec.get("kind", "half")
    if kind == "half":
        # Drawn from the mirror line round the viewer's-left half back to the mirror line.
        for end in (knots[0], knots[-1]):
            if abs(end.x - mirror_x) > 1e-9:
                raise SpecError(f"a half outline must start and end on x={mirror_x}")
        ring = [*knots, *(k.mirrored(mirror_x) for k in reversed(knots[1:-1]))]
        return polygon_from(ring, step)
    if kind == "closed":
        drawn = polygon_from(knots, step)
        return unary_union([drawn, mirror(drawn, mirror_x)])
    raise SpecError(f"unknown outline kind {kind!r}")


def _shape_geometry(pts: str | list[str], step: float) -> BaseGeometry:
    texts = [pts] if isinstance(pts, str) else pts
    return unary_union([polygon_from(parse_knots(t), step) for t in texts])


def _compartment_pieces(
    entry: dict[str, Any], area: BaseGeometry, step: float, strict: bool = True
) -> list[tuple[str, BaseGeometry]]:
    """Split a compartment along its cut lines and name each piece by the seed inside it
    (not strict: a part whose seed falls outside the area is skipped)."""
    pieces = polygons(_shape_geometry(entry["pts"], step).intersection(area))
    for cut in entry.get("cuts", []):
        line = LineString(open_curve(parse_knots(cut), step))
        next_pieces = []
        for piece in pieces:
            next_pieces.extend(polygons(split(piece, line)))
        pieces = next_pieces
    named: list[tuple[str, BaseGeometry]] = []
    owner: dict[int, str] = {}
    for key, seed in entry["parts"].items():
        point = Point(float(seed[0]), float(seed[1]))
        hits = [i for i, p in enumerate(pieces) if p.contains(point)]
        if not hits:
            if not strict:
                continue
            raise SpecError(f"compartment part {key!r}: its seed {seed} lies in no piece")
        if hits[0] in owner:
            raise SpecError(
                f"compartment parts {owner[hits[0]]!r} and {key!r} fall in one piece: "
                "a cut line does not cross the compartment"
            )
        owner[hits[0]] = key
        named.append((key, pieces[hits[0]]))
    return named


@dataclass(frozen=True)
class _Frame:
    """Where a panel's own drawing units land in the view: (p - origin) * scale + offset."""

    origin: Point2 = (0.0, 0.0)
    scale: float = 1.0
    offset: Point2 = (0.0, 0.0)

    @classmethod
    def of(cls, panel: dict[str, Any]) -> _Frame:
        ox, oy = panel.get("origin", (0.0, 0.0))
        dx, dy = panel.get("offset", (0.0, 0.0))
        return cls((float(ox), float(oy)), float(panel.get("scale", 1.0)), (float(dx), float(dy)))

    def place(self, geometry: BaseGeometry) -> BaseGeometry:
        s = self.scale
        scaled = affinity.scale(geometry, xfact=s, yfact=s, origin=(0.0, 0.0))
        return affinity.translate(
            scaled, self.offset[0] - s * self.origin[0], self.offset[1] - s * self.origin[1]
        )

    def x(self, x: float) -> float:
        return (x - self.origin[0]) * self.scale + self.offset[0]


def _entries(
    spec: dict[str, Any], view_name: str, panel: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(kind, entry, borrowed) for the panel: its view's ladders and shapes, then those of
    the first panel of the view named in ``include`` (drawn in the same units)."""
    view = spec["views"][view_name]
    first = view["panels"][0]["id"]
    for kind in ("ladders", "shapes"):
        for entry in view.get(kind, []):
            if entry.get("panel", first) == panel["id"]:
                yield kind, entry, False
    if "include" in panel:
        source = spec["views"][panel["include"]]
        source_first = source["panels"][0]["id"]
        for kind in ("ladders", "shapes"):
            for entry in source.get(kind, []):
                if entry.get("panel", source_first) == source_first:
                    yield kind, entry, True


def _panel_items(
    kind: str, entry: dict[str, Any], half: BaseGeometry, step: float, borrowed: bool
) -> tuple[list[tuple[str, BaseGeometry]], dict[str, Any]]:
    if kind == "ladders":
        return _ladder_pieces(entry), {}
    if "parts" in entry:
        pieces = _compartment_pieces(entry, half, step, strict=not borrowed)
        return pieces, entry.get("fibres", {})
    return [(entry["key"], _shape_geometry(entry["pts"], step))], {
        entry["key"]: entry.get("fibres")
    }


def _panel_art(
    spec: dict[str, Any],
    view_name: str,
    panel: dict[str, Any],
    atlas: Atlas,
    elsewhere: set[str],
) -> tuple[PanelArt, BaseGeometry]:
    """Draw one panel; ``elsewhere`` holds the muscles earlier panels of the view drew (a
    region id appears once per SVG, so a borrowed muscle already drawn is skipped)."""
    view = spec["views"][view_name]
    frame = _Frame.of(panel)
    panel_id = panel["id"]
    mirror_x = float(panel["mirror_x"])
    step = float(view.get("step", 1.5)) / frame.scale
    x0, y0, x1, y1 = (float(v) for v in panel["bounds"])
    where = f"view {view_name!r}, panel {panel_id!r}"
    # An outline drawn about another mirror line (a zoomed-in part of the body) is cut to
    # the panel's drawn half and mirrored about the panel's own line.
    outline_mirror = float(panel.get("outline_mirror_x", mirror_x))
    body = unary_union(
        [_outline_geometry(spec["outlines"][n], outline_mirror, step) for n in panel["outlines"]]
    )
    half = body.intersection(box(x0, y0, min(x1, mirror_x), y1))
    if "clip" in panel:  # a polygon cutting a part out of a larger outline
        half = half.intersection(polygon_from(parse_knots(panel["clip"]), step))
    silhouette = unary_union([half, mirror(half, mirror_x)])

    drawn: list[_Drawn] = []
    taken: dict[Layer, BaseGeometry] = {Layer.SUPERFICIAL: Polygon(), Layer.DEEP: Polygon()}
    ladder_labels: list[Label] = []
    vertebrae: list[BaseGeometry] = []
    for kind, entry, borrowed in _entries(spec, view_name, panel):
        items, fibre_specs = _panel_items(kind, entry, half, step, borrowed)
        if kind == "ladders" and not borrowed:
            ladder_labels.extend(_ladder_labels(entry, mirror_x, frame))
            vertebrae.extend(_vertebrae(entry, mirror_x))
        for key, geometry in items:
            muscle = atlas.get(key)
            if muscle is None:
                raise SpecError(f"{where}: {key!r} is not in the atlas")
            if key in elsewhere:
                if borrowed:
                    continue
                raise SpecError(f"{where}: {key!r} is already drawn in another panel")
            if borrowed and view_name not in muscle.views:
                continue  # a borrowed drawing keeps only the muscles this view lists
            clipped = drop_slivers(
                geometry.intersection(half).difference(taken[muscle.layer]),
                keep_all=isinstance(entry.get("pts"), list),
            )
            if clipped.is_empty:
                if borrowed:
                    continue
                raise SpecError(f"{where}: {key!r} is hidden entirely by earlier shapes")
            taken[muscle.layer] = unary_union([taken[muscle.layer], clipped])
            default = "long" if muscle.layer is Layer.SUPERFICIAL else "none"
            spec_ = fibre_specs.get(key) or default
            if isinstance(spec_, list):  # a fan's apex is a point in the panel's units
                apex = frame.place(Point(float(spec_[0]), float(spec_[1])))
                spec_ = [apex.x, apex.y]
            placed = drop_slivers(snap(frame.place(clipped)), keep_all=True)
            drawn.append(_Drawn(key, muscle.layer, placed, spec_))

    elsewhere.update(item.key for item in drawn)
    art = PanelArt(panel_id, frame.x(mirror_x), Side(panel["viewer_left"]))
    _add_regions(art, drawn, atlas, float(view.get("fibre_spacing", 4.0)))
    for kind_, details in (("own", view.get("details", [])), ("borrowed", _borrowed(spec, panel))):
        for detail in details:
            if kind_ == "own" and detail.get("panel", view["panels"][0]["id"]) != panel_id:
                continue
            for item in _details(detail, mirror_x, step, half, silhouette):
                art.details.append(Detail(item.kind, snap_any(frame.place(item.geometry))))
    art.details.extend(Detail("tendon", snap(frame.place(v))) for v in vertebrae)
    art.labels.extend(_panel_labels(panel, float(view.get("label_size", 14))))
    art.labels.extend(ladder_labels)
    return art, snap(frame.place(silhouette))


def _borrowed(spec: dict[str, Any], panel: dict[str, Any]) -> list[dict[str, Any]]:
    if "include" not in panel:
        return []
    source = spec["views"][panel["include"]]
    first = source["panels"][0]["id"]
    return [d for d in source.get("details", []) if d.get("panel", first) == first]


def snap_any(geometry: BaseGeometry) -> BaseGeometry:
    """Round lines as well as areas to the output grid."""
    if isinstance(geometry, LineString):
        return shapely.set_precision(geometry, GRID)
    return snap(geometry)


def _add_regions(art: PanelArt, drawn: Sequence[_Drawn], atlas: Atlas, spacing: float) -> None:
    """Colour the drawn half, then add each muscle with its mirror image for the other side."""
    colours = _colour(drawn)
    mirror_x = art.mirror_x
    for item, colour in zip(drawn, colours, strict=True):
        muscle = atlas[item.key]
        fibres = fibre_strokes(item.geometry, item.fibres, spacing)
        mirrored_fibres = [mirror(f, mirror_x) for f in fibres]
        if Side.MIDLINE in muscle.sides:
            whole = snap(unary_union([item.geometry, mirror(item.geometry, mirror_x)]))
            art.regions.append(
                Region(item.key, Side.MIDLINE, item.layer, whole, colour, fibres + mirrored_fibres)
            )
            continue
        other = _other(art.viewer_left)
        art.regions.append(
            Region(item.key, art.viewer_left, item.layer, item.geometry, colour, fibres)
        )
        art.regions.append(
            Region(
                item.key,
                other,
                item.layer,
                mirror(item.geometry, mirror_x),
                colour,
                mirrored_fibres,
            )
        )


def _details(
    spec: dict[str, Any], mirror_x: float, step: float, half: BaseGeometry, whole: BaseGeometry
) -> list[Detail]:
    """Decoration in the panel's units. A mirrored detail is cut to the drawn half first,
    one drawn across the mirror line (mirror = false) to the whole body."""
    knots = parse_knots(spec["pts"])
    kind = spec.get("kind", "line")
    both = spec.get("mirror", True)
    area = half if both else whole
    if kind == "tendon":
        found: BaseGeometry = polygon_from(knots, step).intersection(area)
    elif kind in ("line", "ring"):
        points = open_curve(knots, step) if kind == "line" else closed_curve(knots, step)
        if kind == "ring":
            points = [*points, knots[0].xy]
        found = LineString(points).intersection(area.buffer(1.0))
    else:
        raise SpecError(f"unknown detail kind {kind!r}")
    pieces = [
        g
        for g in getattr(found, "geoms", [found])
        if isinstance(g, Polygon | LineString) and not g.is_empty
    ]
    kind = "tendon" if kind == "tendon" else "line"
    out = [Detail(kind, g) for g in pieces]
    if both:
        out += [Detail(kind, mirror(g, mirror_x)) for g in pieces]
    return out


def _panel_labels(panel: dict[str, Any], size: float) -> Iterator[Label]:
    """Side letters and captions, placed in the view's units."""
    left_side = Side(panel["viewer_left"])
    (lx, ly), (rx, ry) = panel["side_labels_at"]
    yield Label(left_side.short, float(lx), float(ly), "side-label", size)
    yield Label(_other(left_side).short, float(rx), float(ry), "side-label", size)
    for caption in panel.get("captions", []):
        text, x, y = caption
        yield Label(str(text), float(x), float(y), "view-label", size * 0.72)


def _ladder_rows(entry: dict[str, Any]) -> Iterator[tuple[str, float, float]]:
    """(level, top, bottom) for each paraspinal level, C1 first; each spinal region's span
    (spans.C = [top, bottom], ...) is shared equally among its levels."""
    for letter, (top, bottom) in entry["spans"].items():
        levels = [lv.value for lv in PARASPINAL_LEVELS if lv.value.startswith(letter)]
        height = (float(bottom) - float(top)) / len(levels)
        for i, level in enumerate(levels):
            yield level, float(top) + i * height, float(top) + (i + 1) * height


def _ladder_pieces(entry: dict[str, Any]) -> list[tuple[str, BaseGeometry]]:
    """One block per level between outer_x (per spinal region) and inner_x, beside the
    spine; blocks are kept simple on purpose so the ladder reads as a ladder."""
    gap = float(entry.get("gap", 0.0))
    radius = float(entry.get("round", 0.0))
    inner = float(entry["inner_x"])
    pieces = []
    for level, top, bottom in _ladder_rows(entry):
        outer = float(entry["outer_x"][level[0]])
        block = box(min(outer, inner), top + gap / 2, max(outer, inner), bottom - gap / 2)
        if radius:
            block = block.buffer(-radius).buffer(radius, quad_segs=2)
        pieces.append((f"paraspinal_{level.lower()}", block))
    return pieces


def _vertebrae(entry: dict[str, Any], mirror_x: float) -> list[BaseGeometry]:
    """A pale block on the mirror line for each level (vertebra_half_width = {C = w, ...}),
    so the ladder reads as a spine with its targets beside it."""
    if "vertebra_half_width" not in entry:
        return []
    gap = float(entry.get("gap", 0.0))
    blocks = []
    for level, top, bottom in _ladder_rows(entry):
        w = float(entry["vertebra_half_width"][level[0]])
        block = box(mirror_x - w, top + gap, mirror_x + w, bottom - gap)
        blocks.append(block.buffer(-w * 0.3).buffer(w * 0.3, quad_segs=3))
    return blocks


def _ladder_labels(entry: dict[str, Any], mirror_x: float, frame: _Frame) -> Iterator[Label]:
    """A level name beside each block on both sides, in the view's units."""
    if "label_x" not in entry:
        return
    size = float(entry.get("label_size", 8))
    x = float(entry["label_x"])
    for level, top, bottom in _ladder_rows(entry):
        for lx in (x, 2 * mirror_x - x):
            at = frame.place(Point(lx, (top + bottom) / 2))
            yield Label(level, at.x, at.y + size * 0.36, "level-label", size)


def _colour(drawn: Sequence[_Drawn]) -> list[int]:
    """Greedy colouring in drawing order: touching muscles get different tones."""
    chosen: list[int] = []
    for i, item in enumerate(drawn):
        near = item.geometry.buffer(0.8)
        used = {
            chosen[j]
            for j in range(i)
            if drawn[j].layer is item.layer and near.intersects(drawn[j].geometry)
        }
        colour = next((c for c in range(len(PALETTE)) if c not in used), i % len(PALETTE))
        chosen.append(colour)
    return chosen


def build_view(name: str, spec: dict[str, Any], atlas: Atlas) -> ViewArt:
    view = spec["views"][name]
    panels, silhouettes = [], []
    drawn: set[str] = set()
    for panel in view["panels"]:
        art, silhouette = _panel_art(spec, name, panel, atlas, drawn)
        panels.append(art)
        silhouettes.append(silhouette)
    return ViewArt(
        name=name,
        title=view["title"],
        width=float(view["size"][0]),
        height=float(view["size"][1]),
        stroke=float(view.get("stroke", 1.0)),
        deep_opacity=float(view.get("deep_opacity", 0.5)),
        deep_lighten=float(view.get("deep_lighten", 0.55)),
        outline=snap(unary_union(silhouettes)),
        panels=panels,
    )


# ---------------------------------------------------------------------------
# SVG text
# ---------------------------------------------------------------------------


def _shade(colour: str, factor: float) -> str:
    """Darken (factor < 1) or lighten toward white (factor > 1) a #rrggbb colour."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    if factor <= 1:
        rgb = [round(c * factor) for c in rgb]
    else:
        rgb = [round(c + (255 - c) * (factor - 1)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _region_element(region: Region, deep_lighten: float) -> str:
    region_id = f"{region.key}.{region.side.value}"
    base = PALETTE[region.colour]
    if region.layer is Layer.DEEP:
        fill, stroke = _shade(base, 1.0 + deep_lighten), _shade(base, 0.5)
    else:
        fill, stroke = base, _shade(base, 0.62)
    return (
        f'<path id="{region_id}" class="muscle {region.layer.value}" '
        f'data-muscle="{region.key}" data-side="{region.side.value}" '
        f'data-layer="{region.layer.value}" fill="{fill}" stroke="{stroke}" '
        f'd="{path_data(region.geometry)}"/>'
    )


def _label_element(label: Label) -> str:
    weight = ' font-weight="bold"' if label.css_class == "side-label" else ""
    return (
        f'<text class="{label.css_class}" x="{_num(label.x)}" y="{_num(label.y)}" '
        f'text-anchor="{label.anchor}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="{_num(label.size)}"{weight} fill="{LABEL_FILL}">{escape(label.text)}</text>'
    )


def _panel_elements(panel: PanelArt, view: ViewArt) -> Iterator[str]:
    stroke = view.stroke
    pid = panel.panel_id
    yield (
        f'<g id="panel-{pid}" class="panel" data-mirror-x="{_num(panel.mirror_x)}" '
        f'data-viewer-left="{panel.viewer_left.value}">'
    )
    tendons = [d for d in panel.details if d.kind == "tendon"]
    lines = [d for d in panel.details if d.kind == "line"]
    if tendons:
        yield (
            f'<g id="{pid}-tendons" class="tendons" fill="{TENDON_FILL}" '
            f'stroke="{TENDON_STROKE}" stroke-width="{_num(stroke * 0.5)}">'
        )
        yield from (f'<path d="{path_data(d.geometry)}"/>' for d in tendons)
        yield "</g>"
    for layer in (Layer.SUPERFICIAL, Layer.DEEP):
        regions = [r for r in panel.regions if r.layer is layer]
        if regions:
            yield from _layer_elements(pid, layer, regions, view)
        if layer is Layer.SUPERFICIAL and lines:
            # Landmark lines (tendinous intersections, patella, spine) sit over the
            # superficial muscles but under the pale deep layer.
            yield (
                f'<g id="{pid}-details" class="details" fill="none" stroke="{DETAIL_STROKE}" '
                f'stroke-width="{_num(stroke * 0.6)}" stroke-linecap="round">'
            )
            yield from (f'<path d="{line_data([d.geometry])}"/>' for d in lines)
            yield "</g>"
    yield f'<g id="{pid}-labels" class="labels">'
    yield from (_label_element(label) for label in panel.labels)
    yield "</g>"
    yield "</g>"


def _layer_elements(
    pid: str, layer: Layer, regions: Sequence[Region], view: ViewArt
) -> Iterator[str]:
    stroke = view.stroke
    style = f'stroke-width="{_num(stroke * 0.55)}" stroke-linejoin="round"'
    if layer is Layer.DEEP:
        # Deep muscles lie under others: pale, see-through and dashed, but still on top
        # so they can be clicked.
        dash = f"{_num(stroke * 2.2)},{_num(stroke * 1.4)}"
        style += f' fill-opacity="{view.deep_opacity:g}" stroke-dasharray="{dash}"'
    yield f'<g id="{pid}-{layer.value}" class="layer {layer.value}" {style}>'
    yield from (_region_element(r, view.deep_lighten) for r in regions)
    yield "</g>"
    fibred = [r for r in regions if r.fibres]
    if fibred:
        yield (
            f'<g id="{pid}-{layer.value}-fibres" class="fibres" fill="none" '
            f'stroke="{FIBRE_STROKE}" stroke-opacity="0.28" '
            f'stroke-width="{_num(stroke * 0.4)}" stroke-linecap="round">'
        )
        yield from (f'<path d="{line_data(r.fibres)}"/>' for r in fibred)
        yield "</g>"


def render_svg(view: ViewArt) -> str:
    w, h = _num(view.width), _num(view.height)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}">',
        f"<title>{escape(view.title)}</title>",
        "<desc>imsdesk body map, generated by resources/bodymap/generate.py from "
        "shapes.toml: edit the data, not this file. Region ids are muscle_key.side; the "
        "side is always the patient's.</desc>",
        f'<path id="outline" fill="{OUTLINE_FILL}" stroke="{OUTLINE_STROKE}" '
        f'stroke-width="{_num(view.stroke)}" stroke-linejoin="round" '
        f"d={quoteattr(path_data(view.outline))}/>",
    ]
    for panel in view.panels:
        lines.extend(_panel_elements(panel, view))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def load_spec(text: str | None = None) -> dict[str, Any]:
    return tomllib.loads(SPEC_FILE.read_text(encoding="utf-8") if text is None else text)


def build_views(spec: dict[str, Any] | None = None) -> dict[str, ViewArt]:
    spec = load_spec() if spec is None else spec
    atlas = load_atlas()
    return {name: build_view(name, spec, atlas) for name in spec["views"]}


def generate(spec: dict[str, Any] | None = None) -> dict[str, str]:
    """Every SVG the data describes, as {file name: SVG text}."""
    return {f"{name}.svg": render_svg(view) for name, view in build_views(spec).items()}


def main(argv: Sequence[str] | None = None) -> int:
    del argv  # no options: the data file and the output folder are fixed
    for filename, text in generate().items():
        target = HERE / filename
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
