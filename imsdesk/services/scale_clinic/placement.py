"""Where the scale clinic's needle sites go: each atlas target placed inside its outline.

Placing every target inside its drawn outline takes seconds, so it is done once per
process; each condition's candidate muscles and the paraspinal target of each level
and side are worked out alongside.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from imsdesk.domain.anatomy import Atlas, SpinalLevel, View, load_atlas
from imsdesk.domain.artwork import available_views, interior_point, load_view
from imsdesk.domain.safety import has_thorax_precaution
from imsdesk.services.scale_clinic.conditions import CONDITIONS


@functools.cache
def targets() -> Targets:
    """Placing every target inside its outline takes seconds: once per process."""
    return Targets.from_atlas(load_atlas())


@dataclass(frozen=True)
class Placement:
    view: str
    x: float
    y: float


@dataclass(frozen=True)
class Targets:
    """Where each atlas target is drawn, and each condition's candidate muscles."""

    places: dict[tuple[str, str], Placement]
    limb: dict[str, tuple[tuple[str, str], ...]]  # condition name -> (key, side) to mark
    levels: dict[str, tuple[SpinalLevel, ...]]  # condition name -> its levels
    paraspinal: dict[tuple[SpinalLevel, str], str]  # (level, side) -> paraspinal key
    thorax: frozenset[str]  # keys with the lung precaution

    @classmethod
    def from_atlas(cls, atlas: Atlas) -> Targets:
        drawn: dict[tuple[str, str, View], Placement] = {}
        for view in available_views():
            for region in load_view(view).regions:
                x, y = interior_point(region)
                drawn[(region.muscle_key, region.side.value, view)] = Placement(
                    view.value, round(x, 2), round(y, 2)
                )
        places: dict[tuple[str, str], Placement] = {}
        for muscle, side in atlas.targets():
            # A site goes where the map shows the muscle first (its first view drawn).
            shown = [
                drawn[(muscle.key, side.value, v)]
                for v in muscle.views
                if (muscle.key, side.value, v) in drawn
            ]
            if shown:
                places[(muscle.key, side.value)] = shown[0]
        limb, levels = {}, {}
        for condition in CONDITIONS:
            span = SpinalLevel.range(*condition.levels)
            levels[condition.name] = span
            limb[condition.name] = tuple(
                (muscle.key, side.value)
                for muscle in atlas
                if not muscle.is_paraspinal
                and muscle.region in condition.regions
                and set(muscle.principal_roots) & set(span)
                for side in muscle.sides
                if (muscle.key, side.value) in places
            )
        paraspinal = {
            (muscle.paraspinal_level, side.value): muscle.key
            for muscle in atlas.paraspinals()
            for side in muscle.sides
            if (muscle.key, side.value) in places and muscle.paraspinal_level is not None
        }
        thorax = frozenset(m.key for m in atlas if has_thorax_precaution(m))
        return cls(places, limb, levels, paraspinal, thorax)
