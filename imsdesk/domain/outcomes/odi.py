"""Oswestry Disability Index: 10 sections scored 0–5, reported as 0–100 %."""

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
    # A missed or not-applicable section drops out of the denominator: total / (5 × answered).
    percent = total / (instrument.item_max * len(used)) * 100
    return ScoreResult(
        instrument=instrument.key,
        score=percent,
        answers=given,
        answered=len(used),
        missing=len(given) - len(used),
        raw_sum=total,
        percent=percent,
    )


ODI = Instrument(
    key=InstrumentKey.ODI,
    short_name="ODI",
    name="Oswestry Disability Index",
    item_count=10,
    min_answered=9,
    item_min=0,
    item_max=5,
    score_min=0,
    score_max=100,
    direction=Direction.HIGHER_IS_WORSE,
    units="% (0–100)",
    item_noun="section",
    missing_item_rule=(
        "One section may be missed or not applicable: score = total / (5 × sections answered)"
        " × 100. Two or more missing: not scored."
    ),
    scoring_source=(
        "Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine 2000;25(22):2940–52: "
        "scoring instructions as printed with the questionnaire (all 10 answered: 16/50 × 100 "
        "= 32 %; one section missed or not applicable: 16/45 × 100 = 35.5 %) [checked, "
        "reproduced copies of the form]. Limit of one missing section: AO Clinical "
        "Investigation and Documentation ODI scoring program for ODI v1.0/2.0/2.1a, citing "
        "Fairbank & Pynsent 2000 ('limit of 1 missing section'), and Awell Score's ODI "
        "calculation [checked, secondary]; the 2000 paper's own wording on a limit was not "
        "seen."
    ),
    scorer=_score,
)
