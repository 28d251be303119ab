"""Dermatomes for the map overlay: each level's ISNCSCI key sensory point, placed on the views.

The data lives in ``resources/atlas/dermatomes.toml`` (its header says where every number
comes from). This module loads it, refuses a malformed file with a one-line message naming
the bad entry, and answers what the overlay asks: where is the C6 key sensory point of the
patient's right side on the posterior view, which views show it, and why C1 has none.

    >>> dermatomes = load_dermatomes()
    >>> dermatomes.position("C6", Side.RIGHT, View.POSTERIOR)
    (357.0, 515.0)
    >>> dermatomes.views_showing("T10")
    (<View.ANTERIOR: 'anterior'>,)
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from imsdesk.domain.anatomy import SPINAL_LEVELS, Side, SpinalLevel, View
from imsdesk.resources import read_text

__all__ = [
    "DERMATOME_LEVELS",
    "Dermatome",
    "DermatomeError",
    "DermatomeMap",
    "ViewFrame",
    "load_dermatomes",
    "parse_dermatomes",
]

DERMATOME_RESOURCE = ("atlas", "dermatomes.toml")
# Every level the file must account for, head to tail: the spine strip's C1–S2, then the
# sacral dermatomes ISNCSCI tests below them (S4 and S5 as one level).
DERMATOME_LEVELS: tuple[str, ...] = (*SPINAL_LEVELS, "S3", "S4-5")
_ORDER = {level: i for i, level in enumerate(DERMATOME_LEVELS)}
_VIEW_FIELDS = ("mirror_x", "viewer_left")
_ENTRY_FIELDS = ("level", "key_point")
_ABSENT_FIELDS = ("level", "reason")


class DermatomeError(ValueError):
    """The dermatome file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class ViewFrame:
    """How a view is drawn: its mirror line and the patient's side on the viewer's left."""

    view: View
    mirror_x: float
    viewer_left: Side


@dataclass(frozen=True)
class Dermatome:
    level: str  # "C6", "S4-5"
    key_point: str  # the landmark in words
    points: Mapping[View, tuple[float, float]]  # on the viewer's left half of each view


class DermatomeMap:
    """Key sensory points by level, with the source and the caution the screen shows."""

    def __init__(
        self,
        dermatomes: tuple[Dermatome, ...],
        absent: Mapping[str, str],
        frames: Mapping[View, ViewFrame],
        *,
        source: str,
        variability: str,
    ) -> None:
        self.dermatomes = dermatomes
        self._by_level = {d.level: d for d in dermatomes}
        self.absent = MappingProxyType(dict(absent))
        self.frames = MappingProxyType(dict(frames))
        self.source = source
        self.variability = variability

    def get(self, level: str) -> Dermatome | None:
        """The level's dermatome, or None where it has none (see :meth:`why_absent`)."""
        return self._by_level.get(_level_name(level))

    def why_absent(self, level: str) -> str:
        name = _level_name(level)
        if name in self._by_level:
            return ""
        return self.absent.get(name, f"No dermatome overlay is recorded for {name}.")

    def views_showing(self, level: str) -> tuple[View, ...]:
        dermatome = self.get(level)
        return tuple(dermatome.points) if dermatome else ()

    def position(self, level: str, side: Side, view: View) -> tuple[float, float] | None:
        """Where the key point of ``side`` lies in ``view``, or None if the view lacks it."""
        dermatome = self.get(level)
        frame = self.frames.get(View(view))
        if dermatome is None or frame is None or frame.view not in dermatome.points:
            return None
        x, y = dermatome.points[frame.view]
        if Side(side) is frame.viewer_left:
            return (x, y)
        return (2 * frame.mirror_x - x, y)


def _level_name(level: str) -> str:
    text = str(level).strip().upper()
    return text if text in _ORDER else str(SpinalLevel.parse(text))


@functools.cache
def load_dermatomes() -> DermatomeMap:
    """The dermatome data shipped with imsdesk, read and checked once per process."""
    return parse_dermatomes(read_text(*DERMATOME_RESOURCE))


def parse_dermatomes(text: str) -> DermatomeMap:
    """Build a :class:`DermatomeMap` from the TOML text, or raise :class:`DermatomeError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DermatomeError(f"dermatome file is not valid TOML: {error}") from None
    for name in ("version", "source", "variability", "views", "dermatomes"):
        if name not in data:
            raise DermatomeError(f"dermatome file is missing the top-level field {name!r}")
    for name in ("source", "variability"):
        if not isinstance(data[name], str) or not data[name].strip():
            raise DermatomeError(f"dermatome file: {name!r} must be a non-empty string")
    frames = _frames(data["views"])
    dermatomes = tuple(
        _dermatome(raw, number, frames)
        for number, raw in enumerate(_tables(data, "dermatomes"), start=1)
    )
    absent = {
        level: reason
        for level, reason in (
            _absent(raw, number) for number, raw in enumerate(_tables(data, "absent"), start=1)
        )
    }
    _check_levels([d.level for d in dermatomes], list(absent))
    return DermatomeMap(
        dermatomes,
        absent,
        frames,
        source=" ".join(data["source"].split()),
        variability=" ".join(data["variability"].split()),
    )


def _tables(data: Mapping[str, Any], name: str) -> list[Any]:
    tables = data.get(name, [])
    if not isinstance(tables, list):
        raise DermatomeError(f"dermatome file: {name!r} must be a list of [[{name}]] tables")
    return tables


def _frames(raw: Any) -> dict[View, ViewFrame]:
    if not isinstance(raw, dict) or not raw:
        raise DermatomeError("dermatome file: 'views' must name at least one view")
    frames = {}
    for name, table in raw.items():
        where = f"dermatome view {name!r}"
        view = _view(name, f"{where}: not a body-map view")
        if not isinstance(table, dict) or sorted(table) != sorted(_VIEW_FIELDS):
            raise DermatomeError(f"{where}: give exactly {' and '.join(_VIEW_FIELDS)}")
        mirror = table["mirror_x"]
        if not _is_number(mirror) or mirror <= 0:
            raise DermatomeError(f"{where}: mirror_x must be a positive number")
        side = table["viewer_left"]
        if side not in (Side.LEFT.value, Side.RIGHT.value):
            raise DermatomeError(f"{where}: viewer_left must be 'left' or 'right'")
        frames[view] = ViewFrame(view, float(mirror), Side(side))
    return frames


def _dermatome(raw: Any, number: int, frames: Mapping[View, ViewFrame]) -> Dermatome:
    level = _entry_level(raw, number, "dermatomes")
    where = f"dermatome {level}"
    points: dict[View, tuple[float, float]] = {}
    for name, value in raw.items():
        if name in _ENTRY_FIELDS:
            continue
        view = _view(
            name, f"{where}: unknown field {name!r} (level, key_point, or a view such as anterior)"
        )
        frame = frames.get(view)
        if frame is None:
            raise DermatomeError(f"{where}: view {name!r} is not described under [views]")
        points[view] = _point(value, frame, f"{where}, {name}")
    key_point = raw.get("key_point")
    if not isinstance(key_point, str) or not key_point.strip():
        raise DermatomeError(f"{where}: key_point must describe the landmark in words")
    if not points:
        raise DermatomeError(f"{where}: no view shows its key point (add e.g. anterior = [x, y])")
    return Dermatome(level, key_point.strip(), MappingProxyType(points))


def _absent(raw: Any, number: int) -> tuple[str, str]:
    level = _entry_level(raw, number, "absent")
    extra = sorted(set(raw) - set(_ABSENT_FIELDS))
    if extra:
        raise DermatomeError(f"absent dermatome {level}: unknown field {extra[0]!r}")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise DermatomeError(f"absent dermatome {level}: say why it has no overlay (reason)")
    return level, reason.strip()


def _entry_level(raw: Any, number: int, table: str) -> str:
    if not isinstance(raw, dict):
        raise DermatomeError(f"{table} entry #{number}: must be a table")
    level = raw.get("level")
    if level not in _ORDER:
        shown = "missing" if level is None else repr(level)
        raise DermatomeError(
            f"{table} entry #{number}: level {shown} is not one of C1 ... S3, 'S4-5'"
        )
    return str(level)


def _point(value: Any, frame: ViewFrame, where: str) -> tuple[float, float]:
    if not (isinstance(value, list) and len(value) == 2 and all(map(_is_number, value))):
        raise DermatomeError(f"{where}: give the point as [x, y]")
    x, y = float(value[0]), float(value[1])
    if not 0 <= x <= frame.mirror_x or y < 0:
        raise DermatomeError(
            f"{where}: [{x:g}, {y:g}] is not on the viewer's left half (0 <= x <= "
            f"{frame.mirror_x:g}, y >= 0)"
        )
    return (x, y)


def _check_levels(present: list[str], absent: list[str]) -> None:
    seen: set[str] = set()
    for level in present + absent:
        if level in seen:
            raise DermatomeError(f"dermatome {level}: listed twice")
        seen.add(level)
    if present != sorted(present, key=_ORDER.__getitem__):
        raise DermatomeError("dermatomes must be listed head to tail (C2, C3, ... S4-5)")
    missing = [level for level in DERMATOME_LEVELS if level not in seen]
    if missing:
        raise DermatomeError(
            f"dermatome {missing[0]}: neither a key point nor a reason under [[absent]]"
        )


def _view(name: str, problem: str) -> View:
    try:
        return View(name)
    except ValueError:
        raise DermatomeError(problem) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
