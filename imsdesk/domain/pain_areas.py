"""Areas of pain: a body region of the map's atlas, on the patient's side.

The regions are the atlas's own (every muscle names one), so an area of pain and the
muscles marked on the map speak of the same parts of the body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imsdesk.domain.anatomy import Atlas, Region, Side

REGION_LABELS: dict[Region, str] = {
    Region.HEAD_NECK: "Head and neck",
    Region.SHOULDER: "Shoulder",
    Region.ARM: "Upper arm",
    Region.FOREARM: "Forearm",
    Region.HAND: "Hand",
    Region.THORAX: "Chest",
    Region.ABDOMEN: "Abdomen",
    Region.BACK: "Back",
    Region.HIP: "Hip and buttock",
    Region.THIGH: "Thigh",
    Region.LEG: "Lower leg",
    Region.FOOT: "Foot",
}
# Pain down the middle of the spine, chest or belly belongs to neither side.
AXIAL_REGIONS = frozenset({Region.HEAD_NECK, Region.THORAX, Region.ABDOMEN, Region.BACK})
SIDE_ORDER = (Side.LEFT, Side.MIDLINE, Side.RIGHT)


@dataclass(frozen=True)
class PainArea:
    region: Region
    side: Side

    @property
    def label(self) -> str:
        """'Back, left'."""
        return f"{REGION_LABELS[self.region]}, {self.side.value}"


def sides_for(region: Region) -> tuple[Side, ...]:
    """The sides an area of pain in ``region`` can be on, left to right."""
    return SIDE_ORDER if region in AXIAL_REGIONS else (Side.LEFT, Side.RIGHT)


def pain_regions(atlas: Atlas) -> tuple[Region, ...]:
    """The regions the atlas's muscles belong to, head to foot."""
    used = {muscle.region for muscle in atlas}
    return tuple(region for region in Region if region in used)


def pain_area_problem(region: str, side: str) -> str | None:
    """Why (region, side) is not an area of pain that can be recorded, or None."""
    try:
        known = Region(region)
    except ValueError:
        return f"'{region}' is not a body region of the map."
    allowed = sides_for(known)
    if side not in {s.value for s in allowed}:
        words = " or ".join(s.value for s in allowed)
        return f"{REGION_LABELS[known]} pain is recorded on the {words} side, not '{side}'."
    return None


def in_body_order(areas: Iterable[PainArea]) -> tuple[PainArea, ...]:
    """Head to foot, and left, midline, right within a region."""
    regions, sides = list(Region), list(SIDE_ORDER)
    return tuple(sorted(set(areas), key=lambda a: (regions.index(a.region), sides.index(a.side))))


def describe_areas(areas: Iterable[PainArea]) -> str:
    """One line: 'Back: left and midline; Hip and buttock: right' (empty when none)."""
    by_region: dict[Region, list[str]] = {}
    for area in in_body_order(areas):
        by_region.setdefault(area.region, []).append(area.side.value)
    parts = []
    for region, sides in by_region.items():
        words = sides[0] if len(sides) == 1 else ", ".join(sides[:-1]) + " and " + sides[-1]
        parts.append(f"{REGION_LABELS[region]}: {words}")
    return "; ".join(parts)


def area_targets(areas: Iterable[PainArea], atlas: Atlas) -> frozenset[tuple[str, Side]]:
    """The map's muscles in these areas (a midline area takes both sides), to outline."""
    targets = set()
    for area in areas:
        for muscle in atlas.by_region(area.region):
            for side in muscle.sides:
                if area.side in (side, Side.MIDLINE):
                    targets.add((muscle.key, side))
    return frozenset(targets)
