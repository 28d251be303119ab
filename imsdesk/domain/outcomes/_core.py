"""Types shared by every outcome instrument: the definition, the result, the error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

Answers = Sequence[int | None]
"""One entry per item, in questionnaire order; None means the item was left unanswered."""


class ScoringError(ValueError):
    """Answers that cannot be scored, or a change that cannot be judged.

    The message is one plain sentence meant to be shown to the therapist as is.
    """


class InstrumentKey(StrEnum):
    """Stable identifiers: safe to store in the database and to put in file names."""

    NPRS = "nprs"
    ODI = "odi"
    NDI = "ndi"
    PSFS = "psfs"
    QUICKDASH = "quickdash"
    LEFS = "lefs"


class Direction(StrEnum):
    HIGHER_IS_WORSE = "higher_is_worse"
    HIGHER_IS_BETTER = "higher_is_better"

    @property
    def label(self) -> str:
        return "higher is worse" if self is Direction.HIGHER_IS_WORSE else "higher is better"


@dataclass(frozen=True)
class ScoreResult:
    instrument: InstrumentKey
    score: float  # on the instrument's own scale (see Instrument.score_min/score_max/units)
    answers: tuple[int | None, ...]  # as given, None where unanswered
    answered: int
    missing: int  # items the missing-item rule had to cover (0 when complete)
    raw_sum: int  # plain sum of the answered items
    percent: float | None = None  # ODI and NDI only: the 0–100 % form of the score

    @property
    def used_answers(self) -> tuple[int, ...]:
        """The answers that went into the score."""
        return tuple(a for a in self.answers if a is not None)


@dataclass(frozen=True)
class Instrument:
    key: InstrumentKey
    short_name: str  # what messages and charts show: "ODI"
    name: str
    item_count: int  # for the PSFS: the most activities a patient may rate
    min_answered: int  # fewest answered items the manual allows a score from
    item_min: int
    item_max: int
    score_min: float
    score_max: float
    direction: Direction
    units: str
    item_noun: str  # "item", "section" or "activity", for messages
    missing_item_rule: str
    scoring_source: str  # where the scoring and missing-item rules were checked
    scorer: Callable[[Instrument, Answers], ScoreResult] = field(repr=False, compare=False)

    def score(self, answers: Answers) -> ScoreResult:
        """Score one completed questionnaire; raise ScoringError if the manual forbids it."""
        return self.scorer(self, answers)

    @property
    def max_missing(self) -> int:
        return self.item_count - self.min_answered

    def in_score_range(self, value: float) -> bool:
        return self.score_min <= value <= self.score_max


def checked_answers(
    instrument: Instrument, answers: Answers, *, fixed_length: bool = True
) -> tuple[tuple[int | None, ...], list[int]]:
    """Validate types, count and range; return the answers as a tuple and the answered values.

    Only whole numbers are accepted: every instrument here is answered by ticking a box.
    """
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ScoringError(f"{instrument.short_name} answers must be a list, one per item.")
    given = tuple(answers)
    count = instrument.item_count
    if fixed_length and len(given) != count:
        raise ScoringError(
            f"{instrument.short_name} expects {count} answers, one per {instrument.item_noun} "
            f"(None where unanswered); got {len(given)}."
        )
    if not fixed_length and len(given) > count:
        raise ScoringError(
            f"{instrument.short_name} takes at most {count} answers; got {len(given)}."
        )
    low, high = instrument.item_min, instrument.item_max
    for position, answer in enumerate(given, start=1):
        if answer is None:
            continue
        where = f"{instrument.short_name} {instrument.item_noun}"
        if count > 1:
            where += f" {position}"
        # bool is an int subclass; a stray True must not score as 1.
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise ScoringError(
                f"{where} must be a whole number from {low} to {high}; got {answer!r}."
            )
        if not low <= answer <= high:
            raise ScoringError(f"{where} is {answer}; answers run from {low} to {high}.")
    return given, [a for a in given if a is not None]


def require_answered(instrument: Instrument, answered: int) -> None:
    """Refuse a questionnaire with more gaps than the instrument's manual allows."""
    if answered >= instrument.min_answered:
        return
    noun = instrument.item_noun
    plural = "activities" if noun == "activity" else f"{noun}s"
    were = "was" if answered == 1 else "were"
    name = instrument.short_name
    if instrument.item_count == 1:
        message = f"{name} needs its one {noun} answered; it was left blank."
    elif instrument.min_answered == instrument.item_count:
        message = (
            f"{name} needs all {instrument.item_count} {plural} answered; "
            f"{answered} {were} answered."
        )
    else:
        message = (
            f"{name} needs at least {instrument.min_answered} of {instrument.item_count} "
            f"{plural} answered; {answered} {were} answered."
        )
    raise ScoringError(message)
