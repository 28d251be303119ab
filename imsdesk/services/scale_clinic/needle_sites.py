"""Each visit's needle sites: the paraspinals at the involved levels, then the shortened muscles.

A site lies where the body map draws its muscle (near the centre of the outline, as
a click would put it), with a depth, needle length, gauge and response a therapist
would record.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from imsdesk.domain.anatomy import SpinalLevel
from imsdesk.services.scale_clinic.placement import Targets


def needle_sites(
    rng: random.Random,
    places: Targets,
    visit_id: int,
    levels: tuple[SpinalLevel, ...],
    sides: tuple[str, ...],
    muscles: list[tuple[str, str]],
    started: datetime,
) -> list[tuple[Any, ...]]:
    """5–20 sites: the paraspinals at the involved levels, then the shortened muscles."""
    count = 5 + min(15, int(16 * rng.betavariate(3.2, 1.0)))
    targets = [
        (places.paraspinal[(level, side)], side)
        for level in levels
        for side in sides
        if (level, side) in places.paraspinal
    ]
    muscles = muscles or targets  # a condition without limb muscles: paraspinals only
    while len(targets) < count:
        targets.append(muscles[int(rng.random() * len(muscles))])
    sites = []
    for index, (key, side) in enumerate(targets[:count]):
        place = places.places[(key, side)]
        depth = round(10 + rng.random() * 40, 1)
        length = 30 if depth < 20 else 40 if depth < 30 else 50 if depth < 40 else 60
        roll = rng.random()
        sites.append(
            (
                f"{visit_id:010x}{index:02x}{rng.getrandbits(80):020x}",
                visit_id,
                key,
                side,
                place.view,
                place.x + rng.random() - 0.5,  # where it was clicked, near the centre
                place.y + rng.random() - 0.5,
                depth,
                length,
                "0.25 mm" if roll < 0.7 else "0.30 mm",
                "grasp" if roll < 0.55 else "twitch" if roll < 0.8 else "none",
                "",
                started,
                started,
            )
        )
    return sites
