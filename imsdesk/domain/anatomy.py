"""The muscle atlas: every target the body map offers, with its nerve and spinal roots.

The data lives in ``resources/atlas/muscles.json``; this module loads it, refuses a
malformed file with a one-line message naming the bad entry, and answers the questions
the rest of the app asks (which muscles does L5 supply, what is on the posterior view,
which paraspinal target sits at T4). Muscle keys are stored in patient charts, so they
are permanent: the file may gain entries but never rename one.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from imsdesk.resources import read_text

__all__ = [
    "PARASPINAL_LEVELS",
    "SPINAL_LEVELS",
    "Atlas",
    "AtlasError",
    "Layer",
    "Muscle",
    "Region",
    "Side",
    "SnomedCode",
    "SpinalLevel",
    "SpinalRegion",
    "View",
    "load_atlas",
    "parse_atlas",
]


class Side(StrEnum):
    """The patient's side (never the viewer's)."""

    LEFT = "left"
    RIGHT = "right"
    MIDLINE = "midline"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def short(self) -> str:
        return self.value[0].upper()


class SpinalRegion(StrEnum):
    CERVICAL = "cervical"
    THORACIC = "thoracic"
    LUMBAR = "lumbar"
    SACRAL = "sacral"


_REGION_BY_LETTER = {
    "C": SpinalRegion.CERVICAL,
    "T": SpinalRegion.THORACIC,
    "L": SpinalRegion.LUMBAR,
    "S": SpinalRegion.SACRAL,
}


class SpinalLevel(StrEnum):
    """A spinal nerve level, C1 to S2, ordered head to tail.

    Members are strings ("L4" == SpinalLevel.L4), so they read and serialise as plain
    level names, but ``<`` compares anatomically (C8 < T1), not alphabetically.
    """

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"
    C6 = "C6"
    C7 = "C7"
    C8 = "C8"
    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    T4 = "T4"
    T5 = "T5"
    T6 = "T6"
    T7 = "T7"
    T8 = "T8"
    T9 = "T9"
    T10 = "T10"
    T11 = "T11"
    T12 = "T12"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    L4 = "L4"
    L5 = "L5"
    S1 = "S1"
    S2 = "S2"

    @classmethod
    def parse(cls, text: str) -> SpinalLevel:
        """Read a level as a therapist types it: "l4", " L4 ", "L4"."""
        try:
            return cls(str(text).strip().upper())
        except ValueError:
            raise ValueError(f"unknown spinal level {text!r}") from None

    @classmethod
    def range(cls, first: str, last: str) -> tuple[SpinalLevel, ...]:
        """Levels from ``first`` to ``last`` inclusive, e.g. range("L4", "S1")."""
        start, stop = cls.parse(first), cls.parse(last)
        if stop.ordinal < start.ordinal:
            raise ValueError(f"spinal range {start}-{stop} runs upwards; give it head to tail")
        return SPINAL_LEVELS[start.ordinal : stop.ordinal + 1]

    @property
    def ordinal(self) -> int:
        """Position from the head, C1 = 0 (named so as not to shadow ``str.index``)."""
        return _ORDINALS[self]

    @property
    def region(self) -> SpinalRegion:
        return _REGION_BY_LETTER[self.value[0]]

    # Anatomical order; a plain string on the other side is parsed first.
    def __lt__(self, other: object) -> bool:
        return self.ordinal < _as_level(other).ordinal

    def __le__(self, other: object) -> bool:
        return self.ordinal <= _as_level(other).ordinal

    def __gt__(self, other: object) -> bool:
        return self.ordinal > _as_level(other).ordinal

    def __ge__(self, other: object) -> bool:
        return self.ordinal >= _as_level(other).ordinal


def _as_level(value: object) -> SpinalLevel:
    if isinstance(value, SpinalLevel):
        return value
    if isinstance(value, str):
        return SpinalLevel.parse(value)
    raise TypeError(f"cannot compare a spinal level with {type(value).__name__}")


SPINAL_LEVELS: tuple[SpinalLevel, ...] = tuple(SpinalLevel)
_ORDINALS = {level: i for i, level in enumerate(SPINAL_LEVELS)}
# One paraspinal (multifidus) target per level, C1 to S2, on each side.
PARASPINAL_LEVELS: tuple[SpinalLevel, ...] = SPINAL_LEVELS


class Region(StrEnum):
    HEAD_NECK = "head_neck"
    SHOULDER = "shoulder"
    ARM = "arm"
    FOREARM = "forearm"
    HAND = "hand"
    THORAX = "thorax"
    ABDOMEN = "abdomen"
    BACK = "back"
    HIP = "hip"
    THIGH = "thigh"
    LEG = "leg"
    FOOT = "foot"


class View(StrEnum):
    """Where the body map draws a muscle: the two main views, then the insets."""

    ANTERIOR = "anterior"
    POSTERIOR = "posterior"
    NECK_LATERAL = "neck_lateral"
    SHOULDER_DEEP = "shoulder_deep"
    FOREARM = "forearm"
    HAND = "hand"
    HIP_DEEP = "hip_deep"
    CALF_DEEP = "calf_deep"
    FOOT = "foot"
    PARASPINAL = "paraspinal"


class Layer(StrEnum):
    SUPERFICIAL = "superficial"
    DEEP = "deep"


UNCHECKED_PREFIX = "unchecked:"


@dataclass(frozen=True, slots=True)
class SnomedCode:
    """A SNOMED CT body-structure concept for a muscle, with where it was checked.

    ``display`` is the concept's own term, which may be broader than the atlas entry
    (the trapezius for its upper fibres); exports give the entry's name as the text.
    """

    code: str
    display: str
    source: str


@dataclass(frozen=True, slots=True)
class Muscle:
    """One clickable target; findings and needle sites store its ``key`` with a side."""

    key: str
    name: str
    region: Region
    nerve: str
    roots: tuple[SpinalLevel, ...]
    principal_roots: tuple[SpinalLevel, ...]
    layer: Layer
    views: tuple[View, ...]
    sides: tuple[Side, ...]
    over_thorax: bool
    source: str
    paraspinal_level: SpinalLevel | None = None
    snomed: SnomedCode | None = None  # only where the code was checked against a source

    @property
    def is_paired(self) -> bool:
        return Side.MIDLINE not in self.sides

    @property
    def is_paraspinal(self) -> bool:
        return self.paraspinal_level is not None

    @property
    def is_source_checked(self) -> bool:
        """False where the root data still awaits confirmation against a cited page."""
        return not self.source.lower().startswith(UNCHECKED_PREFIX)


class AtlasError(ValueError):
    """The atlas file is malformed; the message names the entry and the problem."""


class Atlas:
    """All atlas targets in file order, looked up by key, root, region or view."""

    def __init__(self, muscles: Iterable[Muscle], *, version: int = 0, source_note: str = ""):
        by_key: dict[str, Muscle] = {}
        for muscle in muscles:
            if muscle.key in by_key:
                raise AtlasError(f"atlas entry {muscle.key!r}: duplicate key")
            by_key[muscle.key] = muscle
        self._by_key = by_key
        self._paraspinal = {
            m.paraspinal_level: m for m in by_key.values() if m.paraspinal_level is not None
        }
        self.muscles: Mapping[str, Muscle] = MappingProxyType(by_key)
        self.version = version
        self.source_note = source_note

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[Muscle]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Muscle:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"no muscle with key {key!r} in the atlas") from None

    def get(self, key: str) -> Muscle | None:
        return self._by_key.get(key)

    def targets(self) -> Iterator[tuple[Muscle, Side]]:
        """Every (muscle, side) the map can mark, in atlas order."""
        for muscle in self._by_key.values():
            for side in muscle.sides:
                yield muscle, side

    def muscles_for_root(self, level: str) -> tuple[Muscle, ...]:
        """Muscles with ``level`` among their roots (the myotome), paraspinal included."""
        wanted = SpinalLevel.parse(level)
        return tuple(m for m in self._by_key.values() if wanted in m.roots)

    def paraspinal(self, level: str) -> Muscle:
        wanted = SpinalLevel.parse(level)
        try:
            return self._paraspinal[wanted]
        except KeyError:
            raise KeyError(f"no paraspinal target at {wanted} in the atlas") from None

    def paraspinals(self) -> tuple[Muscle, ...]:
        """The paraspinal ladder, head to tail."""
        return tuple(self._paraspinal[level] for level in sorted(self._paraspinal))

    def by_region(self, region: str) -> tuple[Muscle, ...]:
        wanted = _enum_value(Region, region, "region")
        return tuple(m for m in self._by_key.values() if m.region is wanted)

    def in_view(self, view: str) -> tuple[Muscle, ...]:
        wanted = _enum_value(View, view, "view")
        return tuple(m for m in self._by_key.values() if wanted in m.views)


_E = TypeVar("_E", bound=StrEnum)


def _enum_value(enum: type[_E], value: str, what: str) -> _E:
    try:
        return enum(value)
    except ValueError:
        raise ValueError(f"unknown {what} {value!r}") from None


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------

ATLAS_RESOURCE = ("atlas", "muscles.json")
_KEY = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_FIELDS = (
    "key",
    "name",
    "region",
    "nerve",
    "roots",
    "principal_roots",
    "layer",
    "views",
    "sides",
    "over_thorax",
    "source",
)
_OPTIONAL_FIELDS = ("snomed",)
_SCTID = re.compile(r"^[1-9][0-9]{5,17}$")
_PAIRED = (Side.LEFT, Side.RIGHT)
_Fail = Callable[[str], AtlasError]


@functools.cache
def load_atlas() -> Atlas:
    """The atlas shipped with imsdesk, read and checked once per process."""
    return parse_atlas(read_text(*ATLAS_RESOURCE))


def parse_atlas(text: str) -> Atlas:
    """Build an :class:`Atlas` from the JSON text, or raise :class:`AtlasError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AtlasError(f"atlas is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise AtlasError("atlas must be a JSON object with 'muscles' and 'paraspinal_levels'")
    for name in ("version", "source_note", "muscles", "paraspinal_levels"):
        if name not in data:
            raise AtlasError(f"atlas is missing the top-level field {name!r}")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise AtlasError("atlas 'version' must be a whole number")
    if not isinstance(data["source_note"], str) or not data["source_note"].strip():
        raise AtlasError("atlas 'source_note' must be a non-empty string")

    muscles = [_parse_entry(raw, i) for i, raw in enumerate(_entry_list(data, "muscles"), start=1)]
    paraspinals = [
        _parse_paraspinal(raw, i)
        for i, raw in enumerate(_entry_list(data, "paraspinal_levels"), start=1)
    ]
    _check_ladder(paraspinals)
    return Atlas(muscles + paraspinals, version=version, source_note=data["source_note"])


def _entry_list(data: dict[str, Any], name: str) -> list[Any]:
    entries = data[name]
    if not isinstance(entries, list):
        raise AtlasError(f"atlas {name!r} must be a list of entries")
    return entries


def _parse_entry(raw: Any, number: int) -> Muscle:
    if not isinstance(raw, dict):
        raise AtlasError(f"atlas entry #{number}: must be an object")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        label = f"atlas entry #{number}"
        if "key" not in raw:
            raise AtlasError(f"{label}: missing field 'key'")
        raise AtlasError(
            f"{label}: bad key {key!r} (use lower-case snake_case, e.g. 'gluteus_medius')"
        )

    def fail(problem: str) -> AtlasError:
        return AtlasError(f"atlas entry {key!r}: {problem}")

    for name in _FIELDS:
        if name not in raw:
            raise fail(f"missing field {name!r}")
    extra = sorted(set(raw) - set(_FIELDS) - set(_OPTIONAL_FIELDS))
    if extra:
        raise fail(f"unknown field {extra[0]!r}")

    for name in ("name", "nerve", "source"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise fail(f"empty {name}")
    roots = _levels(raw["roots"], "root", fail)
    principal = _levels(raw["principal_roots"], "principal root", fail)
    outside = [level for level in principal if level not in roots]
    if outside:
        raise fail(f"principal root {outside[0].value!r} is not among its roots")
    sides = _members(Side, raw["sides"], "side", fail)
    if sides not in (_PAIRED, (Side.MIDLINE,)):
        raise fail("sides must be ['left', 'right'] or ['midline']")
    if not isinstance(raw["over_thorax"], bool):
        raise fail("over_thorax must be true or false")
    return Muscle(
        key=key,
        name=raw["name"].strip(),
        region=_member(Region, raw["region"], "region", fail),
        nerve=raw["nerve"].strip(),
        roots=roots,
        principal_roots=principal,
        layer=_member(Layer, raw["layer"], "layer", fail),
        views=_members(View, raw["views"], "view", fail),
        sides=sides,
        over_thorax=raw["over_thorax"],
        source=raw["source"].strip(),
        snomed=_snomed(raw["snomed"], fail) if "snomed" in raw else None,
    )


def _snomed(value: Any, fail: _Fail) -> SnomedCode:
    """A checked concept id: digits, a concept partition and a valid Verhoeff check digit."""
    if not isinstance(value, dict) or set(value) != {"code", "display", "source"}:
        raise fail("snomed must be an object with 'code', 'display' and 'source'")
    code, display, source = value["code"], value["display"], value["source"]
    if not all(isinstance(v, str) and v.strip() for v in (code, display, source)):
        raise fail("snomed code, display and source must be non-empty strings")
    if not _SCTID.match(code) or code[-3:-1] not in ("00", "10"):
        raise fail(f"snomed code {code!r} is not a SNOMED CT concept id")
    if not verhoeff_valid(code):
        raise fail(f"snomed code {code!r} fails its check digit (a typing error?)")
    return SnomedCode(code, display.strip(), source.strip())


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def verhoeff_valid(digits: str) -> bool:
    """SNOMED CT ids end in a Verhoeff check digit, which catches any single typo."""
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def _parse_paraspinal(raw: Any, number: int) -> Muscle:
    muscle = _parse_entry(raw, number)
    if len(muscle.roots) != 1:
        raise AtlasError(f"atlas entry {muscle.key!r}: a paraspinal target has exactly one root")
    level = muscle.roots[0]
    expected = f"paraspinal_{level.value.lower()}"
    if muscle.key != expected:
        raise AtlasError(f"atlas entry {muscle.key!r}: paraspinal key should be {expected!r}")
    if View.PARASPINAL not in muscle.views:
        raise AtlasError(f"atlas entry {muscle.key!r}: paraspinal target needs view 'paraspinal'")
    return replace(muscle, paraspinal_level=level)


def _check_ladder(paraspinals: list[Muscle]) -> None:
    present = {m.paraspinal_level for m in paraspinals}
    missing = [level for level in PARASPINAL_LEVELS if level not in present]
    if missing:
        raise AtlasError(f"atlas paraspinal ladder is missing level {missing[0].value!r}")


def _levels(value: Any, what: str, fail: _Fail) -> tuple[SpinalLevel, ...]:
    if not isinstance(value, list) or not value:
        raise fail(f"{what}s must be a non-empty list")
    levels = []
    for item in value:
        # The file spells levels exactly ("L4"); parse() leniency is for typed input.
        if not isinstance(item, str) or item not in SpinalLevel.__members__:
            raise fail(f"unknown {what} {item!r}")
        level = SpinalLevel(item)
        if level in levels:
            raise fail(f"{what} {item!r} listed twice")
        levels.append(level)
    return tuple(sorted(levels))


def _member(enum: type[_E], value: Any, what: str, fail: _Fail) -> _E:
    if not isinstance(value, str) or value not in {m.value for m in enum}:
        raise fail(f"unknown {what} {value!r}")
    return enum(value)


def _members(enum: type[_E], value: Any, what: str, fail: _Fail) -> tuple[_E, ...]:
    if not isinstance(value, list) or not value:
        raise fail(f"{what}s must be a non-empty list")
    members = tuple(_member(enum, item, what, fail) for item in value)
    if len(set(members)) != len(members):
        raise fail(f"a {what} is listed twice")
    return members
