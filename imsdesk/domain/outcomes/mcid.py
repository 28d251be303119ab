"""Minimal clinically important differences, and whether a change between two scores meets one.

Every threshold is stored in the instrument's own score units (NDI: points out of 50), with
the figure as the source published it kept beside it for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._core import Direction, Instrument, InstrumentKey, ScoreResult, ScoringError
from .registry import INSTRUMENTS, get_instrument

# Scores are means and ratios; 0.3 × 20 is 6.000000000000001 in floating point, and a change
# of exactly the threshold must count.
_TOLERANCE = 1e-9


class Population(StrEnum):
    LOW_BACK_PAIN = "low_back_pain"
    MECHANICAL_NECK_PAIN = "mechanical_neck_pain"
    CERVICAL_RADICULOPATHY = "cervical_radiculopathy"
    HAND_WRIST = "hand_wrist"
    SHOULDER = "shoulder"
    LOWER_EXTREMITY = "lower_extremity"

    @property
    def label(self) -> str:
        return {"hand_wrist": "Hand and wrist"}.get(
            self.value, self.value.replace("_", " ").capitalize()
        )


class McidRule(StrEnum):
    ABSOLUTE = "absolute"  # a change of at least `threshold` points
    PERCENT_OF_BASELINE = "percent_of_baseline"  # an improvement of at least 30 % of baseline

    @property
    def label(self) -> str:
        return "points" if self is McidRule.ABSOLUTE else "% of baseline"


@dataclass(frozen=True)
class Mcid:
    instrument: InstrumentKey
    population: Population
    threshold: float  # in the instrument's score units
    as_published: str
    citation: str
    # Fraction of the baseline score that an improvement must reach, where the source gives
    # such a rule (Ostelo 2008: 30 %, low back pain, lower-is-better measures only).
    percent_of_baseline: float | None = None
    default: bool = False  # used when the caller names no population
    note: str = ""


_CHILDS_2005 = (
    "Childs JD, Piva SR, Fritz JM. Responsiveness of the numeric pain rating scale in "
    "patients with low back pain. Spine 2005;30(11):1331–4."
)
_OSTELO_2008 = (
    "Ostelo RW, Deyo RA, Stratford P, et al. Interpreting change scores for pain and "
    "functional status in low back pain: towards international consensus regarding minimal "
    "important change. Spine 2008;33(1):90–4."
)
_CLELAND_2006 = (
    "Cleland JA, Fritz JM, Whitman JM, Palmer JA. The reliability and construct validity of "
    "the Neck Disability Index and Patient Specific Functional Scale in patients with "
    "cervical radiculopathy. Spine 2006;31(5):598–602."
)
_CLELAND_2008 = (
    "Cleland JA, Childs JD, Whitman JM. Psychometric properties of the Neck Disability Index "
    "and Numeric Pain Rating Scale in patients with mechanical neck pain. Arch Phys Med "
    "Rehabil 2008;89(1):69–74."
)

MCID_TABLE: tuple[Mcid, ...] = (
    Mcid(
        InstrumentKey.NPRS,
        Population.LOW_BACK_PAIN,
        threshold=2,
        as_published="2 points, or a 30 % improvement",
        citation=f"{_CHILDS_2005} {_OSTELO_2008}",
        percent_of_baseline=0.30,
        default=True,
    ),
    Mcid(
        InstrumentKey.NPRS,
        Population.MECHANICAL_NECK_PAIN,
        threshold=1.3,
        as_published="1.3 points",
        citation=_CLELAND_2008,
    ),
    Mcid(
        InstrumentKey.ODI,
        Population.LOW_BACK_PAIN,
        threshold=10,
        as_published="10 points, or a 30 % improvement",
        citation=_OSTELO_2008,
        percent_of_baseline=0.30,
        default=True,
    ),
    Mcid(
        InstrumentKey.NDI,
        Population.CERVICAL_RADICULOPATHY,
        threshold=7,
        as_published="7.0 points",
        citation=_CLELAND_2006,
        note=(
            "Read as points on the 0–50 scale; the abstract does not name the scale (its "
            "minimal detectable change, 10.2, fits the 0–50 scale)."
        ),
    ),
    Mcid(
        InstrumentKey.NDI,
        Population.MECHANICAL_NECK_PAIN,
        threshold=19 / 2,
        as_published="19 percentage points (9.5 points on the 0–50 scale)",
        citation=_CLELAND_2008,
    ),
    Mcid(
        InstrumentKey.PSFS,
        Population.CERVICAL_RADICULOPATHY,
        threshold=2,
        as_published="2.0 points on the mean",
        citation=_CLELAND_2006,
        default=True,
        note="Derived in cervical radiculopathy; the only PSFS figure held, so the default.",
    ),
    Mcid(
        InstrumentKey.QUICKDASH,
        Population.HAND_WRIST,
        threshold=14,
        as_published="14 points (95 % CI 9–20)",
        citation=(
            "Sorensen AA, Howard D, Tan WH, Ketchersid J, Calfee RP. Minimal clinically "
            "important differences of 3 patient-rated outcomes instruments. J Hand Surg Am "
            "2013;38(4):641–9."
        ),
    ),
    Mcid(
        InstrumentKey.QUICKDASH,
        Population.SHOULDER,
        threshold=13.6,
        as_published="10.8–13.6 points, depending on the method",
        citation=(
            "Rysstad T, Grotle M, Klokk LP, Tveter AT. Responsiveness and minimal important "
            "change of the QuickDASH and PSFS when used among patients with shoulder pain. "
            "BMC Musculoskelet Disord 2020;21:328."
        ),
        note="The upper end of the published range is used so a change is not overstated.",
    ),
    Mcid(
        InstrumentKey.LEFS,
        Population.LOWER_EXTREMITY,
        threshold=9,
        as_published="9 points",
        citation=(
            "Binkley JM, Stratford PW, Lott SA, Riddle DL. The Lower Extremity Functional "
            "Scale (LEFS): scale development, measurement properties, and clinical "
            "application. Phys Ther 1999;79(4):371–83."
        ),
        default=True,
    ),
)


def mcids_for(instrument: str | Instrument) -> tuple[Mcid, ...]:
    key = get_instrument(instrument).key
    return tuple(e for e in MCID_TABLE if e.instrument is key)


def find_mcid(instrument: str | Instrument, population: str | None = None) -> Mcid:
    """The MCID for this population, else the instrument's default one.

    Raises ScoringError when the instrument's MCID depends on the population (NDI,
    QuickDASH) and no matching population was given.
    """
    found = get_instrument(instrument)
    entries = mcids_for(found)
    if population is not None:
        try:
            wanted = Population(population)
        except ValueError:
            known = ", ".join(Population)
            raise ScoringError(f"Unknown population {population!r}; known: {known}.") from None
        for entry in entries:
            if entry.population is wanted:
                return entry
    for entry in entries:
        if entry.default:
            return entry
    known = " or ".join(e.population.label.lower() for e in entries)
    asked = "no population was given" if population is None else f"not for {population!r}"
    raise ScoringError(f"The {found.short_name} MCID depends on the population ({known}); {asked}.")


class ChangeDirection(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ChangeAssessment:
    instrument: InstrumentKey
    baseline: float
    latest: float
    change: float  # latest − baseline, in score units; its sign alone says nothing of better
    direction: ChangeDirection
    meets_mcid: bool  # the change, either way, is at least the MCID
    threshold: float  # the bar that decided, in score units (see `rule`)
    rule: McidRule
    mcid: Mcid
    population_matched: bool  # False when the default MCID stood in for the one asked for

    @property
    def is_improvement(self) -> bool:
        return self.direction is ChangeDirection.IMPROVED

    @property
    def is_important_improvement(self) -> bool:
        return self.is_improvement and self.meets_mcid

    @property
    def is_important_worsening(self) -> bool:
        return self.direction is ChangeDirection.WORSENED and self.meets_mcid


def _as_score(instrument: Instrument, value: float | ScoreResult, which: str) -> float:
    if isinstance(value, ScoreResult):
        if value.instrument is not instrument.key:
            other = INSTRUMENTS[value.instrument].short_name
            raise ScoringError(
                f"The {which} score is from the {other}, not the {instrument.short_name}."
            )
        return value.score
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScoringError(f"The {which} {instrument.short_name} score must be a number.")
    if not instrument.in_score_range(value):  # also refuses NaN
        raise ScoringError(
            f"The {which} {instrument.short_name} score is {value}; scores run from "
            f"{instrument.score_min:g} to {instrument.score_max:g}."
        )
    return float(value)


def change_is_clinically_important(
    instrument: str | Instrument,
    baseline: float | ScoreResult,
    latest: float | ScoreResult,
    population: str | None = None,
) -> ChangeAssessment:
    """Judge the change from `baseline` to `latest` against the instrument's MCID.

    The absolute threshold applies to a change in either direction. The 30 %-of-baseline
    alternative applies only to improvements, as the source (Ostelo 2008) defines it.
    """
    found = get_instrument(instrument)
    mcid = find_mcid(found, population)
    start = _as_score(found, baseline, "baseline")
    end = _as_score(found, latest, "latest")
    change = end - start
    # Positive benefit = the patient is better off, whichever way the scale runs.
    benefit = change if found.direction is Direction.HIGHER_IS_BETTER else -change
    if abs(benefit) <= _TOLERANCE:
        direction = ChangeDirection.UNCHANGED
    elif benefit > 0:
        direction = ChangeDirection.IMPROVED
    else:
        direction = ChangeDirection.WORSENED

    size = abs(benefit) if direction is not ChangeDirection.UNCHANGED else 0.0
    meets_absolute = size > 0 and size >= mcid.threshold - _TOLERANCE
    relative_bar: float | None = None
    if (
        mcid.percent_of_baseline is not None
        and direction is ChangeDirection.IMPROVED
        and start > found.score_min
    ):
        relative_bar = mcid.percent_of_baseline * (start - found.score_min)
    meets_relative = relative_bar is not None and size >= relative_bar - _TOLERANCE

    if meets_absolute:
        threshold, rule = float(mcid.threshold), McidRule.ABSOLUTE
    elif meets_relative or (relative_bar is not None and relative_bar < mcid.threshold):
        # Met by the 30 % rule, or not met but that was the nearer bar.
        threshold, rule = float(relative_bar), McidRule.PERCENT_OF_BASELINE
    else:
        threshold, rule = float(mcid.threshold), McidRule.ABSOLUTE

    return ChangeAssessment(
        instrument=found.key,
        baseline=start,
        latest=end,
        change=change,
        direction=direction,
        meets_mcid=meets_absolute or meets_relative,
        threshold=threshold,
        rule=rule,
        mcid=mcid,
        population_matched=population is None or mcid.population.value == population,
    )
