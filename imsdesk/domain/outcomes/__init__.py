"""Outcome measures: scoring rules and minimal clinically important differences.

Six instruments (NPRS, ODI, NDI, PSFS, QuickDASH, LEFS), each scored by the rules of its
own manual, with the source of each rule in `Instrument.scoring_source`. Item wording is
deliberately absent (copyright varies): only item counts and ranges live here.

    >>> result = score("odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    >>> result.score
    32.0
    >>> change_is_clinically_important("odi", 40, 28).is_important_improvement
    True
"""

from ._core import (
    Answers,
    Direction,
    Instrument,
    InstrumentKey,
    ScoreResult,
    ScoringError,
)
from .lefs import LEFS
from .mcid import (
    MCID_TABLE,
    ChangeAssessment,
    ChangeDirection,
    Mcid,
    McidRule,
    Population,
    change_is_clinically_important,
    find_mcid,
    mcids_for,
)
from .ndi import NDI
from .nprs import NPRS
from .odi import ODI
from .psfs import PSFS
from .quickdash import QUICKDASH
from .registry import INSTRUMENTS, get_instrument, score

__all__ = [
    "INSTRUMENTS",
    "LEFS",
    "MCID_TABLE",
    "NDI",
    "NPRS",
    "ODI",
    "PSFS",
    "QUICKDASH",
    "Answers",
    "ChangeAssessment",
    "ChangeDirection",
    "Direction",
    "Instrument",
    "InstrumentKey",
    "Mcid",
    "McidRule",
    "Population",
    "ScoreResult",
    "ScoringError",
    "change_is_clinically_important",
    "find_mcid",
    "get_instrument",
    "mcids_for",
    "score",
]
