"""Drawing from the scale clinic's one random stream: weights, picks, course lengths, times."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import Any


def weighted(rng: random.Random, cumulative: tuple[float, ...]) -> int:
    """An index drawn by cumulative weights (random.choices without its list building)."""
    target = rng.random() * cumulative[-1]
    for index, bound in enumerate(cumulative):
        if target < bound:
            return index
    return len(cumulative) - 1


def pick(rng: random.Random, options: tuple[Any, ...]) -> Any:
    return options[int(rng.random() * len(options))]


def course_length(rng: random.Random) -> int:
    """Visits planned for an episode: 1 to 15, about seven the most common."""
    while True:
        planned = round(rng.lognormvariate(1.9, 0.55))
        if 1 <= planned <= 15:
            return planned


def at(day: date, minute: int) -> datetime:
    """A wall-clock time on ``day`` in this workstation's zone, as an aware instant."""
    return datetime.combine(day, time(minute // 60, minute % 60)).astimezone()
