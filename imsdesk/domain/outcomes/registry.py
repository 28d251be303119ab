"""Every instrument imsdesk can score, by key."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._core import Answers, Instrument, InstrumentKey, ScoreResult, ScoringError
from .lefs import LEFS
from .ndi import NDI
from .nprs import NPRS
from .odi import ODI
from .psfs import PSFS
from .quickdash import QUICKDASH

INSTRUMENTS: Mapping[InstrumentKey, Instrument] = MappingProxyType(
    {i.key: i for i in (NPRS, ODI, NDI, PSFS, QUICKDASH, LEFS)}
)


def get_instrument(instrument: str | Instrument) -> Instrument:
    """Accept an Instrument, an InstrumentKey or its stored string ("odi")."""
    if isinstance(instrument, Instrument):
        return instrument
    try:
        return INSTRUMENTS[InstrumentKey(instrument)]
    except ValueError:
        known = ", ".join(INSTRUMENTS)
        raise ScoringError(f"Unknown outcome measure {instrument!r}; known: {known}.") from None


def score(instrument: str | Instrument, answers: Answers) -> ScoreResult:
    return get_instrument(instrument).score(answers)
