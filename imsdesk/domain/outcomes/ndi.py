"""Neck Disability Index: 10 items scored 0–5; 0–50 points, ×2 for a percentage."""

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
    missing = len(given) - len(used)
    # Vernon: the average of the answered items stands in for each unanswered one.
    points = total + missing * (total / len(used))
    return ScoreResult(
        instrument=instrument.key,
        score=points,
        answers=given,
        answered=len(used),
        missing=missing,
        raw_sum=total,
        percent=points * 2,
    )


NDI = Instrument(
    key=InstrumentKey.NDI,
    short_name="NDI",
    name="Neck Disability Index",
    item_count=10,
    min_answered=9,
    item_min=0,
    item_max=5,
    score_min=0,
    score_max=50,
    direction=Direction.HIGHER_IS_WORSE,
    units="points (0–50); percent = points × 2",
    item_noun="item",
    missing_item_rule=(
        "An unanswered item is replaced by the average of the answered items (same result as "
        "total / (5 × answered) for the percentage). At most one item may be missing."
    ),
    scoring_source=(
        "Vernon H, the NDI's author, scoring note (chiro.org/forms/NDI_Explain.shtml; same "
        "text on physiotutors.com): items 0–5, maximum 50, ×2 for a percentage; 'the average "
        "of all other items is then added' for an uncompleted item [checked]. The NDI form's "
        "scoring footer gives the equivalent one-missing example 16/45 × 100 = 35.5 % "
        "[checked, noterro.com scoring guide]. unchecked: how many items may be missing; "
        "Vernon's note does not say, so the app allows one, as the form's example does."
    ),
    scorer=_score,
)
