"""Patient-Specific Functional Scale: activities the patient names, each rated 0–10.

0 means unable to perform the activity, 10 able to perform it at the level before the
problem. Which activities were named is stored by the form layer; comparing two PSFS
scores only makes sense when the same activities were rated.
"""

from __future__ import annotations

from ._core import (
    Answers,
    Direction,
    Instrument,
    InstrumentKey,
    ScoreResult,
    ScoringError,
    checked_answers,
)

MAX_ACTIVITIES = 5
# The published form asks for "up to three" activities and leaves room for five, so one
# rated activity is already a valid PSFS; raise this to 3 if the clinic wants a floor.
MIN_ACTIVITIES = 1


def _score(instrument: Instrument, answers: Answers) -> ScoreResult:
    given, used = checked_answers(instrument, answers, fixed_length=False)
    if len(used) < instrument.min_answered:
        raise ScoringError(
            f"PSFS needs at least {instrument.min_answered} rated "
            f"{'activity' if instrument.min_answered == 1 else 'activities'}; "
            f"{len(used)} {'was' if len(used) == 1 else 'were'} rated."
        )
    total = sum(used)
    return ScoreResult(
        instrument=instrument.key,
        score=total / len(used),
        answers=given,
        answered=len(used),
        missing=0,  # an activity not named is not a missing answer
        raw_sum=total,
    )


PSFS = Instrument(
    key=InstrumentKey.PSFS,
    short_name="PSFS",
    name="Patient-Specific Functional Scale",
    item_count=MAX_ACTIVITIES,
    min_answered=MIN_ACTIVITIES,
    item_min=0,
    item_max=10,
    score_min=0,
    score_max=10,
    direction=Direction.HIGHER_IS_BETTER,
    units="points (mean, 0–10)",
    item_noun="activity",
    missing_item_rule=(
        f"Score = mean of the activities rated ({MIN_ACTIVITIES} to {MAX_ACTIVITIES}); "
        "unused activity slots are left out."
    ),
    scoring_source=(
        "Stratford P, Gill C, Westaway M, Binkley J. Physiotherapy Canada 1995;47:258–63; the "
        "form reproduced with the authors' permission (e.g. precisionphysio.com.au): 'Total "
        "score = sum of the activity scores / number of activities', patient identifies 'up "
        "to three' activities, room for five [checked]."
    ),
    scorer=_score,
)
