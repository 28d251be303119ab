"""QuickDASH: 11 items scored 1–5, transformed to 0–100 (0 no disability)."""

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
    require_answered(instrument, len(used))
    total = sum(used)
    return ScoreResult(
        instrument=instrument.key,
        score=(total / len(used) - 1) * 25,
        answers=given,
        answered=len(used),
        missing=len(given) - len(used),
        raw_sum=total,
    )


QUICKDASH = Instrument(
    key=InstrumentKey.QUICKDASH,
    short_name="QuickDASH",
    name="Quick Disabilities of the Arm, Shoulder and Hand",
    item_count=11,
    min_answered=10,
    item_min=1,
    item_max=5,
    score_min=0,
    score_max=100,
    direction=Direction.HIGHER_IS_WORSE,
    units="points (0–100)",
    item_noun="item",
    missing_item_rule=(
        "At least 10 of 11 items answered; score = (sum of n answers / n − 1) × 25."
    ),
    scoring_source=(
        "Institute for Work & Health, 'Scoring the DASH' (formula [(sum of n responses)/n − 1]"
        " × 25, n = items completed) [checked, scribd copy]; Gummesson C et al., BMC "
        "Musculoskelet Disord 2006;7:44: 'at least 10 of the 11 items must be completed' "
        "[checked]; Physiopedia DASH page: QuickDASH cannot be computed if more than 1 item "
        "is missing [checked]."
    ),
    scorer=_score,
)
