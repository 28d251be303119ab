"""Numeric Pain Rating Scale: one 0–10 rating, 0 no pain, 10 worst imaginable."""

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
    return ScoreResult(
        instrument=instrument.key,
        score=float(used[0]),
        answers=given,
        answered=1,
        missing=0,
        raw_sum=used[0],
    )


NPRS = Instrument(
    key=InstrumentKey.NPRS,
    short_name="NPRS",
    name="Numeric Pain Rating Scale",
    item_count=1,
    min_answered=1,
    item_min=0,
    item_max=10,
    score_min=0,
    score_max=10,
    direction=Direction.HIGHER_IS_WORSE,
    units="points (0–10)",
    item_noun="rating",
    missing_item_rule="One rating; a blank rating cannot be scored.",
    scoring_source=(
        "The score is the 0–10 rating itself (single item, so no missing-item rule exists); "
        "as used in Childs JD et al., Spine 2005;30(11):1331–4 (abstract checked)."
    ),
    scorer=_score,
)
