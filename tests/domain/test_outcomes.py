"""Outcome-measure scoring and MCID decisions, as a therapist would check them by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from imsdesk.domain.outcomes import (
    INSTRUMENTS,
    MCID_TABLE,
    NDI,
    ODI,
    PSFS,
    ChangeDirection,
    Direction,
    InstrumentKey,
    McidRule,
    Population,
    ScoringError,
    change_is_clinically_important,
    find_mcid,
    get_instrument,
    mcids_for,
    score,
)

FIXED_LENGTH = [i for i in INSTRUMENTS.values() if i is not PSFS]


def answers_for(instrument, *, missing_allowed=True):
    """Valid answer lists: in range, with no more gaps than the manual allows."""
    item = st.integers(instrument.item_min, instrument.item_max)
    max_missing = instrument.max_missing if missing_allowed else 0

    @st.composite
    def build(draw):
        values = draw(
            st.lists(item, min_size=instrument.item_count, max_size=instrument.item_count)
        )
        gaps = draw(st.sets(st.integers(0, instrument.item_count - 1), max_size=max_missing))
        return [None if i in gaps else v for i, v in enumerate(values)]

    return build()


# --- NPRS -------------------------------------------------------------------------------


def test_nprs_score_is_the_rating():
    result = score("nprs", [7])
    assert result.score == 7
    assert result.answered == 1


def test_nprs_blank_is_refused():
    with pytest.raises(ScoringError, match="NPRS needs its one rating answered"):
        score("nprs", [None])


def test_nprs_above_ten_is_refused():
    with pytest.raises(ScoringError, match="NPRS rating is 11; answers run from 0 to 10"):
        score("nprs", [11])


# --- ODI --------------------------------------------------------------------------------


def test_odi_complete_is_total_over_fifty():
    # The manual's own example: 16 of a possible 50 is 32 %.
    result = score("odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    assert result.score == 32.0
    assert result.percent == 32.0
    assert result.raw_sum == 16
    assert result.answered == 10
    assert result.missing == 0


def test_odi_one_missing_section_divides_by_45():
    # The manual's own example: 16 of a possible 45 is 35.5 %.
    result = score("odi", [2, 1, 3, 2, 1, 2, 1, None, 2, 2])
    assert result.score == pytest.approx(16 / 45 * 100)
    assert result.raw_sum == 16
    assert result.answered == 9
    assert result.missing == 1
    assert result.used_answers == (2, 1, 3, 2, 1, 2, 1, 2, 2)


def test_odi_two_missing_sections_are_refused():
    with pytest.raises(
        ScoringError, match="ODI needs at least 9 of 10 sections answered; 8 were answered"
    ):
        score("odi", [2, 1, 3, 2, 1, 2, None, None, 2, 2])


def test_odi_out_of_range_section_names_the_section():
    with pytest.raises(ScoringError, match="ODI section 4 is 6; answers run from 0 to 5"):
        score("odi", [0, 0, 0, 6, 0, 0, 0, 0, 0, 0])


def test_odi_wrong_number_of_answers_is_refused():
    with pytest.raises(ScoringError, match="ODI expects 10 answers, one per section"):
        score("odi", [1] * 9)


@pytest.mark.parametrize("bad", [2.5, "3", True])
def test_odi_non_whole_number_answer_is_refused(bad):
    answers = [1] * 10
    answers[2] = bad
    with pytest.raises(ScoringError, match="ODI section 3 must be a whole number from 0 to 5"):
        score("odi", answers)


# --- NDI --------------------------------------------------------------------------------


def test_ndi_complete_is_points_out_of_fifty_and_doubled_for_percent():
    result = score("ndi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])
    assert result.score == 16
    assert result.percent == 32


def test_ndi_missing_item_takes_the_average_of_the_others():
    # 14 over 9 answered items: average 14/9 stands in for the blank one.
    result = score("ndi", [2, 1, 3, 2, 1, 2, 1, 0, 2, None])
    assert result.score == pytest.approx(14 + 14 / 9)
    assert result.percent == pytest.approx(14 / 45 * 100)
    assert result.raw_sum == 14
    assert result.missing == 1


def test_ndi_two_missing_items_are_refused():
    with pytest.raises(
        ScoringError, match="NDI needs at least 9 of 10 items answered; 8 were answered"
    ):
        score("ndi", [None, 1, 3, 2, 1, 2, 1, 0, 2, None])


# --- PSFS -------------------------------------------------------------------------------


def test_psfs_is_the_mean_of_the_rated_activities():
    assert score("psfs", [3, 5, 7]).score == 5.0
    assert score("psfs", [3, 5, 7, 2, 8]).score == 5.0


def test_psfs_ignores_unused_activity_slots():
    result = score("psfs", [4, None, 8, None, None])
    assert result.score == 6.0
    assert result.answered == 2
    assert result.missing == 0


def test_psfs_accepts_fewer_than_three_activities_as_the_form_allows():
    assert score("psfs", [6]).score == 6.0


def test_psfs_with_nothing_rated_is_refused():
    with pytest.raises(ScoringError, match="PSFS needs at least 1 rated activity; 0 were rated"):
        score("psfs", [None, None, None])


def test_psfs_more_than_five_activities_is_refused():
    with pytest.raises(ScoringError, match="PSFS takes at most 5 answers; got 6"):
        score("psfs", [5] * 6)


def test_psfs_rating_above_ten_is_refused():
    with pytest.raises(ScoringError, match="PSFS activity 2 is 11; answers run from 0 to 10"):
        score("psfs", [5, 11, 5])


# --- QuickDASH --------------------------------------------------------------------------


def test_quickdash_complete():
    result = score("quickdash", [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1])
    assert result.score == pytest.approx((31 / 11 - 1) * 25)
    assert result.raw_sum == 31


def test_quickdash_all_middle_answers_score_fifty():
    assert score("quickdash", [3] * 11).score == 50.0


def test_quickdash_one_missing_item_uses_the_ten_answered():
    result = score("quickdash", [2] * 10 + [None])
    assert result.score == 25.0
    assert result.answered == 10


def test_quickdash_two_missing_items_are_refused():
    with pytest.raises(
        ScoringError, match="QuickDASH needs at least 10 of 11 items answered; 9 were answered"
    ):
        score("quickdash", [2] * 9 + [None, None])


def test_quickdash_zero_is_out_of_range():
    with pytest.raises(ScoringError, match="QuickDASH item 1 is 0; answers run from 1 to 5"):
        score("quickdash", [0] + [1] * 10)


# --- LEFS -------------------------------------------------------------------------------


def test_lefs_is_the_sum_of_twenty_items():
    assert score("lefs", [3] * 20).score == 60
    assert score("lefs", [4] * 20).score == 80
    assert score("lefs", [0] * 20).score == 0


def test_lefs_with_a_blank_item_is_refused():
    with pytest.raises(ScoringError, match="LEFS needs all 20 items answered; 19 were answered"):
        score("lefs", [4] * 19 + [None])


def test_lefs_five_is_out_of_range():
    with pytest.raises(ScoringError, match="LEFS item 20 is 5; answers run from 0 to 4"):
        score("lefs", [4] * 19 + [5])


# --- definitions and registry -----------------------------------------------------------


def test_registry_holds_the_six_instruments_with_their_shapes():
    shapes = {
        key: (i.item_count, i.item_min, i.item_max, i.score_min, i.score_max)
        for key, i in INSTRUMENTS.items()
    }
    assert shapes == {
        InstrumentKey.NPRS: (1, 0, 10, 0, 10),
        InstrumentKey.ODI: (10, 0, 5, 0, 100),
        InstrumentKey.NDI: (10, 0, 5, 0, 50),
        InstrumentKey.PSFS: (5, 0, 10, 0, 10),
        InstrumentKey.QUICKDASH: (11, 1, 5, 0, 100),
        InstrumentKey.LEFS: (20, 0, 4, 0, 80),
    }


def test_directions():
    better_high = {k for k, i in INSTRUMENTS.items() if i.direction is Direction.HIGHER_IS_BETTER}
    assert better_high == {InstrumentKey.PSFS, InstrumentKey.LEFS}


def test_every_instrument_names_the_source_of_its_scoring_rule():
    for instrument in INSTRUMENTS.values():
        assert instrument.scoring_source.strip()
        assert instrument.missing_item_rule.strip()


def test_unknown_instrument_is_refused():
    with pytest.raises(ScoringError, match="Unknown outcome measure 'womac'"):
        get_instrument("womac")


def test_instrument_objects_and_keys_are_interchangeable():
    assert get_instrument(ODI) is ODI
    assert get_instrument(InstrumentKey.ODI) is ODI
    assert ODI.score([1] * 10) == score("odi", [1] * 10)


# --- scoring properties -----------------------------------------------------------------


@pytest.mark.parametrize("instrument", FIXED_LENGTH, ids=lambda i: i.short_name)
@given(data=st.data())
def test_score_always_within_the_instrument_range(instrument, data):
    result = instrument.score(data.draw(answers_for(instrument)))
    assert instrument.score_min <= result.score <= instrument.score_max
    if result.percent is not None:
        assert 0 <= result.percent <= 100


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=5))
def test_psfs_score_within_range_or_refused(answers):
    assume(any(a is not None for a in answers))
    assert 0 <= score("psfs", answers).score <= 10


@pytest.mark.parametrize("instrument", FIXED_LENGTH, ids=lambda i: i.short_name)
@given(data=st.data())
def test_raising_one_answer_never_moves_the_score_the_wrong_way(instrument, data):
    answers = data.draw(answers_for(instrument))
    answered = [i for i, a in enumerate(answers) if a is not None and a < instrument.item_max]
    assume(answered)
    position = data.draw(st.sampled_from(answered))
    raised = list(answers)
    raised[position] = data.draw(st.integers(answers[position] + 1, instrument.item_max))
    # Every item runs the same way as its total, so more on one item never means less overall.
    assert instrument.score(raised).score >= instrument.score(answers).score


@pytest.mark.parametrize("instrument", FIXED_LENGTH, ids=lambda i: i.short_name)
@given(data=st.data())
def test_too_many_blanks_are_always_refused(instrument, data):
    values = data.draw(answers_for(instrument, missing_allowed=False))
    blanks = data.draw(
        st.sets(
            st.integers(0, instrument.item_count - 1),
            min_size=instrument.max_missing + 1,
        )
    )
    with pytest.raises(ScoringError, match="answered"):
        instrument.score([None if i in blanks else v for i, v in enumerate(values)])


@pytest.mark.parametrize("instrument", [*INSTRUMENTS.values()], ids=lambda i: i.short_name)
@given(data=st.data())
def test_out_of_range_answers_are_always_refused(instrument, data):
    bad = data.draw(
        st.one_of(
            st.integers(max_value=instrument.item_min - 1),
            st.integers(min_value=instrument.item_max + 1),
        )
    )
    answers = [instrument.item_min] * instrument.item_count
    answers[data.draw(st.integers(0, instrument.item_count - 1))] = bad
    with pytest.raises(ScoringError, match=f"{bad}; answers run from"):
        instrument.score(answers)


@given(answers_for(ODI))
def test_ndi_percent_equals_the_odi_formula_for_the_same_answers(answers):
    # Vernon's average-substitution and Fairbank's smaller denominator agree.
    assert NDI.score(answers).percent == pytest.approx(ODI.score(answers).score)


@given(st.integers(1, 5))
def test_quickdash_uniform_answers(value):
    assert score("quickdash", [value] * 11).score == (value - 1) * 25


# --- MCID table -------------------------------------------------------------------------


def test_mcid_table_figures():
    figures = {(e.instrument, e.population): e.threshold for e in MCID_TABLE}
    assert figures == {
        (InstrumentKey.NPRS, Population.LOW_BACK_PAIN): 2,
        (InstrumentKey.NPRS, Population.MECHANICAL_NECK_PAIN): 1.3,
        (InstrumentKey.ODI, Population.LOW_BACK_PAIN): 10,
        (InstrumentKey.NDI, Population.CERVICAL_RADICULOPATHY): 7,
        (InstrumentKey.NDI, Population.MECHANICAL_NECK_PAIN): 9.5,  # 19 percentage points
        (InstrumentKey.PSFS, Population.CERVICAL_RADICULOPATHY): 2,
        (InstrumentKey.QUICKDASH, Population.HAND_WRIST): 14,
        (InstrumentKey.QUICKDASH, Population.SHOULDER): 13.6,
        (InstrumentKey.LEFS, Population.LOWER_EXTREMITY): 9,
    }


def test_every_mcid_has_a_citation_and_every_instrument_an_mcid():
    for entry in MCID_TABLE:
        assert entry.citation.strip()
    for instrument in INSTRUMENTS.values():
        assert mcids_for(instrument)


def test_thirty_percent_rule_only_where_the_source_gives_it():
    with_rule = {(e.instrument, e.population) for e in MCID_TABLE if e.percent_of_baseline}
    assert with_rule == {
        (InstrumentKey.NPRS, Population.LOW_BACK_PAIN),
        (InstrumentKey.ODI, Population.LOW_BACK_PAIN),
    }
    # Measured from baseline towards 0: meaningful only where lower is better.
    for entry in MCID_TABLE:
        if entry.percent_of_baseline is not None:
            assert INSTRUMENTS[entry.instrument].direction is Direction.HIGHER_IS_WORSE


def test_at_most_one_default_mcid_per_instrument():
    for key in INSTRUMENTS:
        assert sum(e.default for e in mcids_for(key)) <= 1


def test_mcid_thresholds_lie_inside_the_score_range():
    for entry in MCID_TABLE:
        instrument = INSTRUMENTS[entry.instrument]
        assert 0 < entry.threshold < instrument.score_max - instrument.score_min


def test_population_dependent_mcid_needs_a_population():
    with pytest.raises(ScoringError, match="The NDI MCID depends on the population"):
        find_mcid("ndi")
    with pytest.raises(ScoringError, match="QuickDASH MCID depends on the population"):
        change_is_clinically_important("quickdash", 50, 30)


def test_unknown_population_is_refused():
    with pytest.raises(ScoringError, match="Unknown population 'knee'"):
        find_mcid("odi", "knee")


# --- change decisions: lower is better --------------------------------------------------


def test_odi_drop_of_twelve_is_an_important_improvement():
    result = change_is_clinically_important("odi", 40, 28)
    assert result.change == -12
    assert result.direction is ChangeDirection.IMPROVED
    assert result.is_improvement
    assert result.meets_mcid
    assert result.is_important_improvement
    assert (result.threshold, result.rule) == (10, McidRule.ABSOLUTE)


def test_odi_small_drop_from_a_low_baseline_meets_the_thirty_percent_rule():
    # 20 → 14 is 6 points: under 10, but exactly 30 % of the baseline.
    result = change_is_clinically_important("odi", 20, 14)
    assert result.is_important_improvement
    assert result.rule is McidRule.PERCENT_OF_BASELINE
    assert result.threshold == pytest.approx(6)


def test_odi_drop_below_both_bars_is_not_important_and_reports_the_nearer_bar():
    result = change_is_clinically_important("odi", 20, 15)
    assert result.is_improvement
    assert not result.meets_mcid
    assert result.rule is McidRule.PERCENT_OF_BASELINE
    assert result.threshold == pytest.approx(6)


def test_odi_rise_of_twelve_is_an_important_worsening():
    result = change_is_clinically_important("odi", 28, 40)
    assert result.direction is ChangeDirection.WORSENED
    assert not result.is_improvement
    assert result.meets_mcid
    assert result.is_important_worsening
    assert not result.is_important_improvement


def test_thirty_percent_rule_does_not_apply_to_worsening():
    # 20 → 27 is a 35 % rise but only 7 points.
    result = change_is_clinically_important("odi", 20, 27)
    assert result.direction is ChangeDirection.WORSENED
    assert not result.meets_mcid
    assert (result.threshold, result.rule) == (10, McidRule.ABSOLUTE)


def test_no_change_is_neither_better_nor_important():
    result = change_is_clinically_important("odi", 30, 30)
    assert result.direction is ChangeDirection.UNCHANGED
    assert not result.meets_mcid
    assert not result.is_improvement


def test_nprs_low_back_pain_two_points():
    assert change_is_clinically_important("nprs", 8, 6).is_important_improvement
    # From 5, one point is 20 %: neither bar.
    assert not change_is_clinically_important("nprs", 5, 4).meets_mcid
    # From 3, one point is 33 %: the 30 % rule is met.
    assert change_is_clinically_important("nprs", 3, 2).is_important_improvement


def test_nprs_mechanical_neck_pain_uses_1_3_and_no_percent_rule():
    assert not change_is_clinically_important("nprs", 3, 2, "mechanical_neck_pain").meets_mcid
    result = change_is_clinically_important("nprs", 6, 4, Population.MECHANICAL_NECK_PAIN)
    assert result.is_important_improvement
    assert result.threshold == 1.3
    assert result.mcid.population is Population.MECHANICAL_NECK_PAIN


def test_ndi_thresholds_per_population_in_points_out_of_fifty():
    assert change_is_clinically_important(
        "ndi", 20, 13, "cervical_radiculopathy"
    ).is_important_improvement
    assert not change_is_clinically_important("ndi", 20, 11, "mechanical_neck_pain").meets_mcid
    assert change_is_clinically_important(
        "ndi", 20, 10.5, "mechanical_neck_pain"
    ).is_important_improvement


def test_quickdash_thresholds_per_population():
    assert change_is_clinically_important("quickdash", 50, 36, "hand_wrist").meets_mcid
    assert not change_is_clinically_important("quickdash", 50, 38, "shoulder").meets_mcid
    assert change_is_clinically_important("quickdash", 50, 36.4, "shoulder").meets_mcid


# --- change decisions: higher is better -------------------------------------------------


def test_lefs_rise_of_nine_is_an_important_improvement():
    result = change_is_clinically_important("lefs", 40, 49)
    assert result.change == 9
    assert result.is_important_improvement
    assert result.mcid.citation.startswith("Binkley")


def test_lefs_fall_of_nine_is_an_important_worsening():
    result = change_is_clinically_important("lefs", 49, 40)
    assert result.direction is ChangeDirection.WORSENED
    assert result.is_important_worsening


def test_lefs_rise_of_eight_is_not_important():
    result = change_is_clinically_important("lefs", 40, 48)
    assert result.is_improvement
    assert not result.meets_mcid
    assert (result.threshold, result.rule) == (9, McidRule.ABSOLUTE)


def test_psfs_rise_of_two_on_the_mean_is_important():
    assert change_is_clinically_important("psfs", 3, 5).is_important_improvement
    assert change_is_clinically_important("psfs", 5, 3).is_important_worsening
    assert not change_is_clinically_important("psfs", 3, 4.5).meets_mcid


# --- change decisions: inputs -----------------------------------------------------------


def test_score_results_can_be_compared_directly():
    before = score("odi", [4] * 10)  # 80 %
    after = score("odi", [2] * 10)  # 40 %
    result = change_is_clinically_important("odi", before, after)
    assert (result.baseline, result.latest) == (80, 40)
    assert result.is_important_improvement


def test_a_score_from_another_instrument_is_refused():
    with pytest.raises(ScoringError, match="baseline score is from the NDI, not the ODI"):
        change_is_clinically_important("odi", score("ndi", [1] * 10), 20)


@pytest.mark.parametrize("bad", [-1, 101, math.nan])
def test_scores_outside_the_range_are_refused(bad):
    with pytest.raises(ScoringError, match="latest ODI score"):
        change_is_clinically_important("odi", 50, bad)


def test_population_without_its_own_mcid_falls_back_to_the_default_and_says_so():
    result = change_is_clinically_important("lefs", 40, 49, "low_back_pain")
    assert result.mcid.population is Population.LOWER_EXTREMITY
    assert not result.population_matched
    assert change_is_clinically_important("lefs", 40, 49).population_matched


# --- change decisions: properties -------------------------------------------------------

_PAIRS = [
    ("nprs", None),
    ("odi", None),
    ("ndi", "cervical_radiculopathy"),
    ("ndi", "mechanical_neck_pain"),
    ("psfs", None),
    ("quickdash", "hand_wrist"),
    ("quickdash", "shoulder"),
    ("lefs", None),
]


@pytest.mark.parametrize(("key", "population"), _PAIRS)
@given(data=st.data())
def test_direction_follows_the_scale(key, population, data):
    instrument = INSTRUMENTS[InstrumentKey(key)]
    bounds = st.floats(instrument.score_min, instrument.score_max, allow_nan=False)
    baseline, latest = data.draw(bounds), data.draw(bounds)
    assume(abs(latest - baseline) > 1e-6)
    result = change_is_clinically_important(key, baseline, latest, population)
    went_down = latest < baseline
    lower_is_better = instrument.direction is Direction.HIGHER_IS_WORSE
    assert result.is_improvement == (went_down == lower_is_better)


@pytest.mark.parametrize(("key", "population"), _PAIRS)
@given(data=st.data())
def test_absolute_threshold_decides_both_ways(key, population, data):
    instrument = INSTRUMENTS[InstrumentKey(key)]
    bounds = st.floats(instrument.score_min, instrument.score_max, allow_nan=False)
    baseline, latest = data.draw(bounds), data.draw(bounds)
    result = change_is_clinically_important(key, baseline, latest, population)
    reverse = change_is_clinically_important(key, latest, baseline, population)
    big = abs(latest - baseline) >= result.mcid.threshold + 1e-6
    if big:
        assert result.meets_mcid and reverse.meets_mcid
        assert result.is_improvement != reverse.is_improvement
    # A worsening is judged on points alone, never on a percentage.
    for judged in (result, reverse):
        if judged.direction is ChangeDirection.WORSENED:
            assert judged.meets_mcid == (abs(judged.change) >= judged.mcid.threshold - 1e-9)
