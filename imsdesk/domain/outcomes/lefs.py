"""Lower Extremity Functional Scale: 20 items scored 0–4, summed to 0–80 (80 no difficulty)."""

from __future__ import annotations

from ._core import (
    Answers,
    Direction,
    Instrument,
    InstrumentKey,
    ScoreResult,
    checked_answers,
    require_answered,
)


def _score(instrument: Instrument, answers: Answers) -> ScoreResult:
    given, used = checked_answers(instrument, answers)
    # No published proration rule was found, so an incomplete form is refused rather than
    # given a guessed score; the therapist can ask for the blank items.
    require_answered(instrument, len(used))
    total = sum(used)
    return ScoreResult(
        instrument=instrument.key,
        score=float(total),
        answers=given,
        answered=len(used),
        missing=0,
        raw_sum=total,
    )


LEFS = Instrument(
    key=InstrumentKey.LEFS,
    short_name="LEFS",
    name="Lower Extremity Functional Scale",
    item_count=20,
    min_answered=20,
    item_min=0,
    item_max=4,
    score_min=0,
    score_max=80,
    direction=Direction.HIGHER_IS_BETTER,
    units="points (0–80)",
    item_noun="item",
    missing_item_rule="All 20 items must be answered; the score is their sum.",
    scoring_source=(
        "Binkley JM et al., Phys Ther 1999;79(4):371–83; the form as reprinted with the "
        "APTA's permission: 20 items 0–4, 'Please provide an answer for each activity', "
        "'submit the sum of responses', score /80 [checked]. unchecked: a rule for missing "
        "items; none was found in the form or the abstract, so an incomplete LEFS is not "
        "scored."
    ),
    scorer=_score,
)
