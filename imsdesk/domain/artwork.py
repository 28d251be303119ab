"""The body-map artwork as plain data: one view's SVG read into outlines, regions and labels.

The drawings in ``resources/bodymap/<view>.svg`` are made for imsdesk (see
``resources/bodymap/generate.py``). This module reads one of them with the standard
library only, so the GUI, the PDF renderer and the tests all see the same shapes:

* the ``viewBox`` (stored needle x/y are in these units),
* the silhouette, ``<path id="outline">``,
* one region per clickable muscle and side, ``<path id="<key>.<side>" data-muscle=..
  data-side=.. data-layer=..>``,
* the ``side-label`` texts (the patient's R and L) and other captions,
* everything else that is drawn (tendons, fibre strokes, landmark lines) as decoration.

Every path is normalised into four absolute commands (move, line, cubic, close): relative
commands become absolute, H/V become lines, quadratics are raised to cubics, S/T
reflections are resolved and elliptical arcs are converted to cubics. Group transforms
are applied. A file that breaks the agreed format is refused with an :class:`ArtworkError`
naming the element.
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from imsdesk.domain.anatomy import Layer, Side, View
from imsdesk.resources import read_text

__all__ = [
    "ArtRegion",
    "ArtworkError",
    "ClosePath",
    "CubicTo",
    "LineTo",
    "MoveTo",
    "Paint",
    "Panel",
    "PathCommand",
    "Shape",
    "TextLabel",
    "ViewArtwork",
    "ViewBox",
    "available_views",
    "contains",
    "flatten",
    "interior_point",
    "load_view",
    "parse_path",
    "parse_view",
    "polygon_area",
]

OUTLINE_ID = "outline"
SIDE_LABEL_CLASS = "side-label"


class ArtworkError(ValueError):
    """A body-map SVG breaks the agreed format; the message names the file and element."""


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


class MoveTo(NamedTuple):
    x: float
    y: float


class LineTo(NamedTuple):
    x: float
    y: float


class CubicTo(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    x: float
    y: float


class ClosePath(NamedTuple):
    pass


PathCommand = MoveTo | LineTo | CubicTo | ClosePath
Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True, slots=True)
class ViewBox:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Paint:
    """How the artist painted a shape, after inheriting from its groups (SVG defaults)."""

    fill: str | None = "#000000"
    stroke: str | None = None
    stroke_width: float = 1.0
    dash: tuple[float, ...] = ()
    opacity: float = 1.0
    fill_opacity: float = 1.0
    stroke_opacity: float = 1.0


@dataclass(frozen=True, slots=True)
class Shape:
    """Something drawn but not clickable: the outline, a tendon, fibre strokes, a landmark."""

    path: tuple[PathCommand, ...]
    paint: Paint
    kind: str  # the class of the element or its nearest classed group, e.g. "fibres"
    order: int  # position in the document: later is drawn on top


@dataclass(frozen=True, slots=True)
class ArtRegion:
    """One clickable muscle on one side of the patient."""

    id: str
    muscle_key: str
    side: Side
    layer: Layer
    path: tuple[PathCommand, ...]
    paint: Paint
    order: int
    panel: str | None = None


@dataclass(frozen=True, slots=True)
class TextLabel:
    text: str
    x: float
    y: float  # the baseline, as in SVG
    size: float
    anchor: str  # "start", "middle" or "end"
    bold: bool
    kind: str  # "side-label" for the patient's R/L, else the text's class
    fill: str
    order: int


@dataclass(frozen=True, slots=True)
class Panel:
    """One drawing within a view (a view may hold a pair of insets)."""

    id: str
    mirror_x: float | None
    viewer_left: Side | None  # the patient's side drawn on the viewer's left


@dataclass(frozen=True)
class ViewArtwork:
    view: View
    title: str
    view_box: ViewBox
    outline: Shape
    regions: tuple[ArtRegion, ...]
    decorations: tuple[Shape, ...]
    side_labels: tuple[TextLabel, ...]
    captions: tuple[TextLabel, ...]
    panels: tuple[Panel, ...]

    def region(self, muscle_key: str, side: Side) -> ArtRegion | None:
        return self._by_target.get((muscle_key, side))

    @functools.cached_property
    def _by_target(self) -> dict[tuple[str, Side], ArtRegion]:
        return {(r.muscle_key, r.side): r for r in self.regions}

    def viewer_left(self) -> Side | None:
        """The patient's side on the viewer's left, if the whole view agrees on one."""
        sides = {p.viewer_left for p in self.panels if p.viewer_left is not None}
        if not sides:
            sides = _viewer_left_from_labels(self.side_labels)
        return sides.pop() if len(sides) == 1 else None


def _viewer_left_from_labels(labels: Sequence[TextLabel]) -> set[Side]:
    by_letter = {Side.LEFT.short: Side.LEFT, Side.RIGHT.short: Side.RIGHT}
    placed = [(label.x, by_letter[label.text]) for label in labels if label.text in by_letter]
    if len({side for _, side in placed}) != 2:
        return set()
    return {min(placed)[1]}


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _resource_name(view: View) -> str:
    return f"{View(view).value}.svg"


@functools.cache
def load_view(view: View) -> ViewArtwork:
    """The shipped artwork for ``view``, read once per process.

    Raises :class:`FileNotFoundError` while a view has not been drawn yet.
    """
    text = read_text("bodymap", _resource_name(view))
    return parse_view(text, View(view), source=f"bodymap/{_resource_name(view)}")


def available_views() -> tuple[View, ...]:
    """The views whose artwork ships with this build, in :class:`View` order."""
    from imsdesk.resources import resource_path

    return tuple(v for v in View if resource_path("bodymap", _resource_name(v)).is_file())


def parse_view(text: str, view: View, *, source: str = "<svg>") -> ViewArtwork:
    """Read one view's SVG text, or raise :class:`ArtworkError`."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ArtworkError(f"{source}: not well-formed XML ({error})") from None
    if _local(root.tag) != "svg":
        raise ArtworkError(f"{source}: the root element is <{_local(root.tag)}>, not <svg>")
    view_box = _view_box(root, source)
    reader = _Reader(source)
    reader.walk(root, Paint(), _IDENTITY, kind="", panel=None)
    if reader.outline is None:
        raise ArtworkError(f'{source}: no <path id="{OUTLINE_ID}"> silhouette')
    title = next((el.text or "" for el in root if _local(el.tag) == "title"), "").strip()
    return ViewArtwork(
        view=View(view),
        title=title,
        view_box=view_box,
        outline=reader.outline,
        regions=tuple(reader.regions),
        decorations=tuple(reader.decorations),
        side_labels=tuple(t for t in reader.texts if t.kind == SIDE_LABEL_CLASS),
        captions=tuple(t for t in reader.texts if t.kind != SIDE_LABEL_CLASS),
        panels=tuple(reader.panels),
    )


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _view_box(root: ET.Element, source: str) -> ViewBox:
    raw = root.get("viewBox")
    if raw is None:
        raise ArtworkError(f"{source}: the <svg> element has no viewBox")
    try:
        x, y, width, height = (float(v) for v in raw.replace(",", " ").split())
    except ValueError:
        raise ArtworkError(f"{source}: viewBox {raw!r} is not four numbers") from None
    if width <= 0 or height <= 0:
        raise ArtworkError(f"{source}: viewBox {raw!r} has no area")
    return ViewBox(x, y, width, height)


# An affine transform (a, b, c, d, e, f) as in SVG's matrix(): x' = a x + c y + e.
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SHAPES = {"path", "polygon", "polyline", "line", "rect", "circle", "ellipse"}
_SKIPPED = {"title", "desc", "metadata", "defs", "style", "clipPath", "mask", "symbol"}


class _Reader:
    """Walks the SVG tree once, inheriting paint and transforms down the groups."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.outline: Shape | None = None
        self.regions: list[ArtRegion] = []
        self.decorations: list[Shape] = []
        self.texts: list[TextLabel] = []
        self.panels: list[Panel] = []
        self._order = 0
        self._ids: set[str] = set()

    def walk(
        self, element: ET.Element, paint: Paint, matrix: Matrix, *, kind: str, panel: str | None
    ) -> None:
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                continue
            tag = _local(child.tag)
            if tag in _SKIPPED:
                continue
            child_paint = _inherit(paint, child, self._where(child))
            child_matrix = _compose(matrix, _transform(child.get("transform"), self._where(child)))
            child_kind = (child.get("class") or "").split()[0:1]
            kind_here = child_kind[0] if child_kind else kind
            if tag == "g":
                panel_here = self._panel(child) or panel
                self.walk(child, child_paint, child_matrix, kind=kind_here, panel=panel_here)
            elif tag in _SHAPES:
                self._shape(child, tag, child_paint, child_matrix, kind_here, panel)
            elif tag == "text":
                self._text(child, child_paint, child_matrix)
            elif tag == "use":
                raise ArtworkError(f"{self._where(child)}: <use> is not supported; draw a path")

    def _where(self, element: ET.Element) -> str:
        ident = element.get("id")
        label = f"<{_local(element.tag)} id={ident!r}>" if ident else f"<{_local(element.tag)}>"
        return f"{self.source}: {label}"

    def _next_order(self) -> int:
        self._order += 1
        return self._order

    def _panel(self, group: ET.Element) -> str | None:
        if "panel" not in (group.get("class") or "").split():
            return None
        ident = group.get("id") or f"panel-{len(self.panels) + 1}"
        mirror = group.get("data-mirror-x")
        viewer_left = group.get("data-viewer-left")
        try:
            side = Side(viewer_left) if viewer_left else None
            mirror_x = float(mirror) if mirror else None
        except ValueError:
            raise ArtworkError(
                f"{self._where(group)}: bad data-mirror-x or data-viewer-left"
            ) from None
        self.panels.append(Panel(ident, mirror_x, side))
        return ident

    def _shape(
        self,
        element: ET.Element,
        tag: str,
        paint: Paint,
        matrix: Matrix,
        kind: str,
        panel: str | None,
    ) -> None:
        where = self._where(element)
        try:
            path = _transformed(_element_path(element, tag), matrix)
        except ValueError as error:
            raise ArtworkError(f"{where}: {error}") from None
        ident = element.get("id")
        if ident is not None:
            if ident in self._ids:
                raise ArtworkError(f"{where}: the id is used twice")
            self._ids.add(ident)
        if ident == OUTLINE_ID:
            self.outline = Shape(path, paint, "outline", self._next_order())
        elif element.get("data-muscle") is not None:
            self.regions.append(self._region(element, where, path, paint, panel))
        elif path:
            self.decorations.append(Shape(path, paint, kind, self._next_order()))

    def _region(
        self,
        element: ET.Element,
        where: str,
        path: tuple[PathCommand, ...],
        paint: Paint,
        panel: str | None,
    ) -> ArtRegion:
        key = element.get("data-muscle") or ""
        try:
            side = Side(element.get("data-side"))
        except ValueError:
            raise ArtworkError(f"{where}: data-side must be left, right or midline") from None
        try:
            layer = Layer(element.get("data-layer"))
        except ValueError:
            raise ArtworkError(f"{where}: data-layer must be superficial or deep") from None
        expected = f"{key}.{side.value}"
        if element.get("id") != expected:
            raise ArtworkError(f"{where}: a region's id must be {expected!r}")
        if not any(isinstance(c, MoveTo) for c in path):
            raise ArtworkError(f"{where}: the region has no outline")
        return ArtRegion(expected, key, side, layer, path, paint, self._next_order(), panel)

    def _text(self, element: ET.Element, paint: Paint, matrix: Matrix) -> None:
        text = "".join(element.itertext()).strip()
        if not text:
            return
        where = self._where(element)
        x, y = _apply(matrix, _length(element.get("x"), where), _length(element.get("y"), where))
        size = _length(element.get("font-size") or _style(element).get("font-size") or "16", where)
        weight = element.get("font-weight") or _style(element).get("font-weight") or ""
        classes = (element.get("class") or "").split()
        kind = SIDE_LABEL_CLASS if SIDE_LABEL_CLASS in classes else (classes or ["text"])[0]
        self.texts.append(
            TextLabel(
                text=text,
                x=x,
                y=y,
                size=size * _scale_of(matrix),
                anchor=element.get("text-anchor") or "start",
                bold=weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600),
                kind=kind,
                fill=paint.fill or "#000000",
                order=self._next_order(),
            )
        )


# ---------------------------------------------------------------------------
# Presentation attributes
# ---------------------------------------------------------------------------


def _style(element: ET.Element) -> dict[str, str]:
    """Declarations from an inline ``style="a: b; c: d"`` attribute."""
    out = {}
    for declaration in (element.get("style") or "").split(";"):
        name, _, value = declaration.partition(":")
        if value.strip():
            out[name.strip()] = value.strip()
    return out


def _inherit(parent: Paint, element: ET.Element, where: str) -> Paint:
    props = {**{k: v for k, v in element.attrib.items()}, **_style(element)}

    def colour(name: str, current: str | None) -> str | None:
        value = props.get(name)
        if value is None or value == "inherit":
            return current
        return None if value == "none" else value

    def number(name: str, current: float) -> float:
        value = props.get(name)
        return current if value is None or value == "inherit" else _length(value, where)

    dash = parent.dash
    if "stroke-dasharray" in props:
        raw = props["stroke-dasharray"]
        dash = () if raw == "none" else tuple(_numbers(raw, where))
    return Paint(
        fill=colour("fill", parent.fill),
        stroke=colour("stroke", parent.stroke),
        stroke_width=number("stroke-width", parent.stroke_width),
        dash=dash,
        # Group opacity multiplies down the tree; fill/stroke opacity are inherited.
        opacity=parent.opacity * number("opacity", 1.0),
        fill_opacity=number("fill-opacity", parent.fill_opacity),
        stroke_opacity=number("stroke-opacity", parent.stroke_opacity),
    )


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _numbers(text: str, where: str) -> list[float]:
    values = [float(v) for v in _NUMBER.findall(text)]
    if not values and text.strip():
        raise ArtworkError(f"{where}: expected numbers, found {text!r}")
    return values


def _length(text: str | None, where: str) -> float:
    if text is None:
        return 0.0
    match = _NUMBER.match(text.strip())
    if match is None:
        raise ArtworkError(f"{where}: {text!r} is not a number")
    return float(match.group())


# ---------------------------------------------------------------------------
# Transforms
# ---------------------------------------------------------------------------

_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")


def _transform(text: str | None, where: str) -> Matrix:
    if not text or not text.strip():
        return _IDENTITY
    matrix = _IDENTITY
    consumed = 0
    for match in _TRANSFORM.finditer(text):
        if text[consumed : match.start()].strip(" ,\t\n"):
            break
        consumed = match.end()
        name, args = match.group(1), _numbers(match.group(2), where)
        matrix = _compose(matrix, _one_transform(name, args, where))
    if text[consumed:].strip(" ,\t\n"):
        raise ArtworkError(f"{where}: cannot read transform {text!r}")
    return matrix


def _one_transform(name: str, args: list[float], where: str) -> Matrix:
    counts = {
        "matrix": (6,),
        "translate": (1, 2),
        "scale": (1, 2),
        "rotate": (1, 3),
        "skewX": (1,),
        "skewY": (1,),
    }
    if len(args) not in counts[name]:
        raise ArtworkError(f"{where}: {name}() takes {counts[name]} numbers, not {len(args)}")
    if name == "matrix":
        return (args[0], args[1], args[2], args[3], args[4], args[5])
    if name == "translate":
        return (1.0, 0.0, 0.0, 1.0, args[0], args[1] if len(args) > 1 else 0.0)
    if name == "scale":
        sy = args[1] if len(args) > 1 else args[0]
        return (args[0], 0.0, 0.0, sy, 0.0, 0.0)
    if name == "rotate":
        a = math.radians(args[0])
        cos, sin = math.cos(a), math.sin(a)
        rotation: Matrix = (cos, sin, -sin, cos, 0.0, 0.0)
        if len(args) == 3:
            cx, cy = args[1], args[2]
            to_centre: Matrix = (1.0, 0.0, 0.0, 1.0, cx, cy)
            back: Matrix = (1.0, 0.0, 0.0, 1.0, -cx, -cy)
            return _compose(_compose(to_centre, rotation), back)
        return rotation
    tangent = math.tan(math.radians(args[0]))
    return (
        (1.0, 0.0, tangent, 1.0, 0.0, 0.0)
        if name == "skewX"
        else (1.0, tangent, 0.0, 1.0, 0.0, 0.0)
    )


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The transform that applies ``inner`` first, then ``outer``."""
    a1, b1, c1, d1, e1, f1 = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a1 * a2 + c1 * b2,
        b1 * a2 + d1 * b2,
        a1 * c2 + c1 * d2,
        b1 * c2 + d1 * d2,
        a1 * e2 + c1 * f2 + e1,
        b1 * e2 + d1 * f2 + f1,
    )


def _apply(m: Matrix, x: float, y: float) -> Point:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _scale_of(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _transformed(path: tuple[PathCommand, ...], m: Matrix) -> tuple[PathCommand, ...]:
    if m == _IDENTITY:
        return path
    out: list[PathCommand] = []
    for c in path:
        if isinstance(c, MoveTo):
            out.append(MoveTo(*_apply(m, c.x, c.y)))
        elif isinstance(c, LineTo):
            out.append(LineTo(*_apply(m, c.x, c.y)))
        elif isinstance(c, CubicTo):
            out.append(
                CubicTo(*_apply(m, c.x1, c.y1), *_apply(m, c.x2, c.y2), *_apply(m, c.x, c.y))
            )
        else:
            out.append(c)
    return tuple(out)


# ---------------------------------------------------------------------------
# Path data
# ---------------------------------------------------------------------------


def _element_path(element: ET.Element, tag: str) -> tuple[PathCommand, ...]:
    get = element.get
    if tag == "path":
        return parse_path(get("d") or "")
    if tag in ("polygon", "polyline"):
        values = [float(v) for v in _NUMBER.findall(get("points") or "")]
        if len(values) % 2:
            raise ValueError("points has an odd count of numbers")
        points = list(zip(values[::2], values[1::2], strict=True))
        if not points:
            return ()
        path: list[PathCommand] = [MoveTo(*points[0]), *(LineTo(*p) for p in points[1:])]
        return (*path, ClosePath()) if tag == "polygon" else tuple(path)

    def num(name: str) -> float:
        match = _NUMBER.match((get(name) or "0").strip())
        if match is None:
            raise ValueError(f"{name}={get(name)!r} is not a number")
        return float(match.group())

    if tag == "line":
        return (MoveTo(num("x1"), num("y1")), LineTo(num("x2"), num("y2")))
    if tag == "rect":
        x, y, w, h = num("x"), num("y"), num("width"), num("height")
        return (MoveTo(x, y), LineTo(x + w, y), LineTo(x + w, y + h), LineTo(x, y + h), ClosePath())
    if tag == "circle":
        r = num("r")
        return _ellipse(num("cx"), num("cy"), r, r)
    return _ellipse(num("cx"), num("cy"), num("rx"), num("ry"))


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> tuple[PathCommand, ...]:
    path: list[PathCommand] = [MoveTo(cx + rx, cy)]
    for quarter in range(4):
        start = quarter * math.pi / 2
        path.extend(_arc_cubics(cx, cy, rx, ry, 0.0, start, math.pi / 2))
    path.append(ClosePath())
    return tuple(path)


_COMMANDS = frozenset("MLHVCSQTAZ")
_SEPARATORS = str.maketrans("", "", " \t\r\n\f,")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class _Tokens:
    """Path data split into command letters and numbers, read front to back.

    One regular expression splits the whole string (a scanner calling re per number was
    three times slower on the real artwork). Arc flags may be written without spaces
    ("a5 5 0 011 1"); :meth:`flag` splits such a run.
    """

    __slots__ = ("i", "items")

    def __init__(self, d: str) -> None:
        self.items = _PATH_TOKEN.findall(d)
        self.i = 0
        # Every character must be a separator or part of a token; counting is cheaper
        # than searching for the leftovers, which is only done to name them.
        if sum(map(len, self.items)) != len(d.translate(_SEPARATORS)):
            leftover = _PATH_TOKEN.sub(" ", d).translate(_SEPARATORS)
            raise ValueError(f"cannot read {leftover[:12]!r} in the path data")

    def more(self) -> bool:
        return self.i < len(self.items)

    def at_number(self) -> bool:
        return self.i < len(self.items) and not self.items[self.i].isalpha()

    def command(self) -> str | None:
        token = self.items[self.i]
        if not token.isalpha():
            return None
        if token.upper() not in _COMMANDS:
            raise ValueError(f"unknown path command {token!r}")
        self.i += 1
        return token

    def number(self) -> float:
        try:
            value = float(self.items[self.i])
        except (IndexError, ValueError):
            raise ValueError(f"expected a number at {self.here()}") from None
        self.i += 1
        return value

    def flag(self) -> bool:
        token = self.items[self.i] if self.i < len(self.items) else ""
        if token[:1] not in ("0", "1"):
            raise ValueError(f"expected an arc flag (0 or 1) at {self.here()}")
        if len(token) > 1 and token[1] != ".":
            self.items[self.i] = token[1:]  # "011": this flag, then the rest
        else:
            self.i += 1
        return token[0] == "1"

    def here(self) -> str:
        if self.i >= len(self.items):
            return "the end of the path data"
        return f"token {self.i + 1} ({self.items[self.i]!r})"


def parse_path(d: str) -> tuple[PathCommand, ...]:
    """SVG path data as absolute move/line/cubic/close commands.

    Handles M L H V C S Q T A Z in absolute and relative form, implicit repeats (extra
    coordinate pairs after M are lines) and the reflected control points of S and T.
    Raises ValueError naming the place it could not read.
    """
    tokens = _Tokens(d)
    number = tokens.number
    out: list[PathCommand] = []
    x = y = 0.0  # current point
    start_x = start_y = 0.0  # start of the current subpath, where Z returns
    # The last control point, for S (cubic) and T (quadratic) reflections.
    last_cubic: Point | None = None
    last_quad: Point | None = None
    command: str | None = None
    while tokens.more():
        letter = tokens.command()
        if letter is None:
            if command is None:
                raise ValueError(f"expected a path command at {tokens.here()}")
            letter = command  # an implicit repeat of the previous command
        elif letter not in "Zz" and not tokens.at_number():
            raise ValueError(f"{letter} needs numbers at {tokens.here()}")
        relative = letter.islower()
        op = letter.upper()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        cubic_ctrl: Point | None = None
        quad_ctrl: Point | None = None
        if op == "Z":
            out.append(ClosePath())
            x, y = start_x, start_y
            command = None
        elif op == "M":
            x, y = number() + dx, number() + dy
            start_x, start_y = x, y
            out.append(MoveTo(x, y))
            # Further pairs after a moveto are linetos, relative if the m was.
            command = "l" if relative else "L"
        elif op == "L":
            # Generated artwork is almost all long polylines: read the whole run here.
            x, y = _line_run(tokens, out, x, y, relative)
            command = letter
            last_cubic = last_quad = None
            continue
        elif op == "H":
            x = number() + dx
            out.append(LineTo(x, y))
        elif op == "V":
            y = number() + dy
            out.append(LineTo(x, y))
        elif op in ("C", "S"):
            if op == "C":
                x1, y1 = number() + dx, number() + dy
            else:
                x1, y1 = (2 * x - last_cubic[0], 2 * y - last_cubic[1]) if last_cubic else (x, y)
            x2, y2 = number() + dx, number() + dy
            x, y = number() + dx, number() + dy
            out.append(CubicTo(x1, y1, x2, y2, x, y))
            cubic_ctrl = (x2, y2)
        elif op in ("Q", "T"):
            if op == "Q":
                qx, qy = number() + dx, number() + dy
            else:
                qx, qy = (2 * x - last_quad[0], 2 * y - last_quad[1]) if last_quad else (x, y)
            ex, ey = number() + dx, number() + dy
            # A quadratic is exactly the cubic with controls 2/3 of the way to its control.
            out.append(
                CubicTo(
                    x + 2 / 3 * (qx - x),
                    y + 2 / 3 * (qy - y),
                    ex + 2 / 3 * (qx - ex),
                    ey + 2 / 3 * (qy - ey),
                    ex,
                    ey,
                )
            )
            x, y = ex, ey
            quad_ctrl = (qx, qy)
        else:  # "A"
            rx, ry, rotation = abs(number()), abs(number()), number()
            large, sweep = tokens.flag(), tokens.flag()
            ex, ey = number() + dx, number() + dy
            out.extend(_arc(x, y, rx, ry, rotation, large, sweep, ex, ey))
            x, y = ex, ey
        if op not in ("M", "Z"):
            command = letter
        last_cubic, last_quad = cubic_ctrl, quad_ctrl
    if out and not isinstance(out[0], MoveTo):
        raise ValueError("path data must start with a moveto (M or m)")
    return tuple(out)


def _line_run(
    tokens: _Tokens, out: list[PathCommand], x: float, y: float, relative: bool
) -> tuple[float, float]:
    """Read coordinate pairs of an L/l run until the next command letter."""
    items, i, count = tokens.items, tokens.i, len(tokens.items)
    try:
        while i < count and not items[i].isalpha():
            if relative:
                x, y = x + float(items[i]), y + float(items[i + 1])
            else:
                x, y = float(items[i]), float(items[i + 1])
            out.append(LineTo(x, y))
            i += 2
    except (IndexError, ValueError):
        tokens.i = i
        raise ValueError(f"expected a coordinate pair at {tokens.here()}") from None
    tokens.i = i
    return x, y


def _arc(
    x1: float,
    y1: float,
    rx: float,
    ry: float,
    rotation_deg: float,
    large: bool,
    sweep: bool,
    x2: float,
    y2: float,
) -> list[PathCommand]:
    """An SVG elliptical arc as cubics (the endpoint-to-centre conversion of SVG 1.1 F.6)."""
    if (x1, y1) == (x2, y2):
        return []
    if rx == 0 or ry == 0:
        return [LineTo(x2, y2)]
    phi = math.radians(rotation_deg % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cos * hx + sin * hy, -sin * hx + cos * hy
    # Radii too small to reach the end point are scaled up (F.6.6).
    scale = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    factor = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        factor = -factor
    cxp, cyp = factor * rx * y1p / ry, -factor * ry * x1p / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    start = angle(1.0, 0.0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and delta > 0:
        delta -= math.tau
    elif sweep and delta < 0:
        delta += math.tau
    out = list(_arc_cubics(cx, cy, rx, ry, phi, start, delta))
    # Land exactly on the end point the file gave, not a rounding error away from it.
    last = out[-1]
    out[-1] = CubicTo(last.x1, last.y1, last.x2, last.y2, x2, y2)
    return out


def _arc_cubics(
    cx: float, cy: float, rx: float, ry: float, phi: float, start: float, delta: float
) -> Iterator[CubicTo]:
    """Cubics for an elliptical arc, one per quarter turn or less (error < 0.03 %)."""
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    k = 4 / 3 * math.tan(step / 4)
    cos, sin = math.cos(phi), math.sin(phi)

    def point(t: float, dx: float = 0.0, dy: float = 0.0) -> Point:
        ex, ey = rx * (math.cos(t) + dx), ry * (math.sin(t) + dy)
        return (cx + cos * ex - sin * ey, cy + sin * ex + cos * ey)

    for i in range(pieces):
        a, b = start + i * step, start + (i + 1) * step
        c1 = point(a, -k * math.sin(a), k * math.cos(a))
        c2 = point(b, k * math.sin(b), -k * math.cos(b))
        yield CubicTo(*c1, *c2, *point(b))


# ---------------------------------------------------------------------------
# Geometry helpers (for tests and the PDF renderer; the GUI lets Qt do hit tests)
# ---------------------------------------------------------------------------


def flatten(
    shape: ArtRegion | Shape | Iterable[PathCommand], tolerance: float = 0.25
) -> list[Ring]:
    """Each subpath as a polygon (list of points), curves split until within ``tolerance``.

    Rings are returned open (the first point is not repeated at the end).
    """
    commands = shape.path if isinstance(shape, ArtRegion | Shape) else tuple(shape)
    if tolerance <= 0:
        raise ValueError("tolerance must be more than 0")
    rings: list[Ring] = []
    ring: Ring = []
    for c in commands:
        if isinstance(c, MoveTo):
            if len(ring) > 1:
                rings.append(ring)
            ring = [(c.x, c.y)]
        elif isinstance(c, LineTo):
            ring.append((c.x, c.y))
        elif isinstance(c, CubicTo):
            ring.extend(_flatten_cubic(ring[-1], c, tolerance))
        elif len(ring) > 1:  # ClosePath: the ring closes itself; a new one starts here
            rings.append(ring)
            ring = [ring[0]]
    if len(ring) > 1:
        rings.append(ring)
    return [_open(r) for r in rings]


def _open(ring: Ring) -> Ring:
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


def _flatten_cubic(p0: Point, c: CubicTo, tolerance: float) -> list[Point]:
    # Wang's formula: this many equal steps in t keep every chord within tolerance.
    ddx = max(abs(p0[0] - 2 * c.x1 + c.x2), abs(c.x1 - 2 * c.x2 + c.x))
    ddy = max(abs(p0[1] - 2 * c.y1 + c.y2), abs(c.y1 - 2 * c.y2 + c.y))
    steps = max(1, math.ceil(math.sqrt(0.75 * math.hypot(ddx, ddy) / tolerance)))
    points = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        a, b, cc, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append(
            (
                a * p0[0] + b * c.x1 + cc * c.x2 + d * c.x,
                a * p0[1] + b * c.y1 + cc * c.y2 + d * c.y,
            )
        )
    return points


def polygon_area(ring: Sequence[Point]) -> float:
    """Signed area by the shoelace formula; the sign gives the winding, abs() the size."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2


def contains(rings: Sequence[Sequence[Point]], x: float, y: float) -> bool:
    """Whether (x, y) is inside under the non-zero rule, as Qt's WindingFill decides."""
    winding = 0
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if y0 <= y < y1 and (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0) > 0:
                winding += 1
            elif y1 <= y < y0 and (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0) < 0:
                winding -= 1
    return winding != 0


@functools.lru_cache(maxsize=4096)
def interior_point(region: ArtRegion, tolerance: float = 0.25) -> Point:
    """A point well inside the region: where a label, a badge or a test click can go.

    The centroid when it lies inside and clear of the border; otherwise the middle of the
    widest inside stretch along a few horizontal lines, whichever is farthest from every
    edge (a concave muscle's centroid can fall outside it, or graze its border).
    """
    rings = flatten(region, tolerance)
    if not rings:
        raise ValueError(f"region {region.id!r} has no area")
    edges = [(p, q) for ring in rings for p, q in zip(ring, [*ring[1:], ring[0]], strict=True)]
    ys = [p[1] for ring in rings for p in ring]
    xs = [p[0] for ring in rings for p in ring]
    size = max(max(xs) - min(xs), max(ys) - min(ys))

    # Each edge as its start and direction, worked out once for every candidate measured.
    segments = [(p[0], p[1], q[0] - p[0], q[1] - p[1]) for p, q in edges]

    def clearance(point: Point, beaten: float = 0.0) -> float:
        """The distance from ``point`` to the nearest edge (one loop, no calls: a
        muscle's outline has hundreds of edges and several candidates are measured).
        Measuring stops once it is surely less than ``beaten``: what is returned then
        is less than ``beaten`` too, which is all the caller needs to know."""
        x, y = point
        nearest = math.inf
        enough = beaten * beaten * (1 - 1e-9)  # clear of rounding in the square root
        for px, py, vx, vy in segments:
            dx, dy = x - px, y - py
            length2 = vx * vx + vy * vy
            if length2:
                t = (dx * vx + dy * vy) / length2
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                dx, dy = dx - t * vx, dy - t * vy
            squared = dx * dx + dy * dy
            if squared < nearest:
                nearest = squared
                if nearest < enough:
                    break
        return math.sqrt(nearest)

    centre = _centroid(rings)
    if contains(rings, *centre) and clearance(centre, size * 0.2) > size * 0.2:
        return centre
    rows, low, high = 32, min(ys), max(ys)
    lines = [low + (high - low) * i / rows for i in range(1, rows)]
    stretches = _inside_stretches(edges, lines)
    # The widest stretches are the likeliest to be far from every edge; measure only those.
    stretches.sort(reverse=True)
    candidates = [point for _, point in stretches[:6]]
    if contains(rings, *centre):
        candidates.append(centre)
    if not candidates:  # a sliver thinner than the scan: its centroid is the best we have
        return centre
    # The first of those farthest from every edge; one surely nearer is not measured out.
    best, farthest = candidates[0], clearance(candidates[0])
    for point in candidates[1:]:
        distance = clearance(point, farthest)
        if distance > farthest:
            best, farthest = point, distance
    return best


def _inside_stretches(
    edges: Sequence[tuple[Point, Point]], lines: Sequence[float]
) -> list[tuple[float, Point]]:
    """(width, midpoint) of each stretch of each line (evenly spaced heights, ascending)
    that is inside the edges (non-zero rule), line by line.

    One pass over the edges: a flattened outline has hundreds of short edges, each
    crossing a line or two, so each edge is tried only against the lines near it.
    """
    if len(lines) < 2 or lines[-1] <= lines[0]:
        return [s for y in lines for s in _stretches(_crossings(edges, y), y)]
    first, step = lines[0], (lines[-1] - lines[0]) / (len(lines) - 1)
    found: list[list[tuple[float, int]]] = [[] for _ in lines]
    for (x0, y0), (x1, y1) in edges:
        low, high = (y0, y1) if y0 < y1 else (y1, y0)
        # From just below the first line the edge can reach (the same test decides).
        for i in range(max(0, int((low - first) / step) - 1), len(lines)):
            y = lines[i]
            if y >= high:
                break
            if low <= y:
                found[i].append((x0 + (y - y0) * (x1 - x0) / (y1 - y0), 1 if y1 > y0 else -1))
    return [s for y, crossings in zip(lines, found, strict=True) for s in _stretches(crossings, y)]


def _crossings(edges: Sequence[tuple[Point, Point]], y: float) -> list[tuple[float, int]]:
    """Where the line at ``y`` crosses the edges, and which way each edge goes."""
    crossings = []
    for (x0, y0), (x1, y1) in edges:
        if (y0 <= y < y1) or (y1 <= y < y0):
            x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            crossings.append((x, 1 if y1 > y0 else -1))
    return crossings


def _stretches(crossings: list[tuple[float, int]], y: float) -> list[tuple[float, Point]]:
    """(width, midpoint) of each stretch of the line at ``y`` between ``crossings`` that is
    inside (non-zero rule)."""
    crossings.sort()
    out: list[tuple[float, Point]] = []
    winding, start = 0, 0.0
    for x, direction in crossings:
        before = winding
        winding += direction
        if before == 0 and winding != 0:
            start = x
        elif before != 0 and winding == 0 and x > start:
            out.append((x - start, ((start + x) / 2, y)))
    return out


def _centroid(rings: Sequence[Ring]) -> Point:
    area = cx = cy = 0.0
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        points = [p for ring in rings for p in ring]
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    return (cx / (3 * area), cy / (3 * area))
