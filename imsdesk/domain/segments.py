"""Segmental analysis: from shortened muscles and exam signs to the spinal levels to consider.

In Gunn's model irritation at a nerve root sensitises every muscle its root supplies, so a
level whose muscles are marked as shortened is a level to look at, and its paraspinal
(multifidus) target a place to consider needling. This module scores each level C1–S2 on
each side from a visit's findings and exam signs, keeps every contribution behind every
number so the therapist can see why a level is high, turns the scores into suggestions
(plain data, never applied to the chart) and lines scores up across visits.

All weights are the named constants below; the arithmetic is exact (fractions), so an
explanation always adds up to its score.

    >>> from imsdesk.domain.marks import MuscleFinding
    >>> right = Side.RIGHT
    >>> analysis = analyse_segments(
    ...     [MuscleFinding("gluteus_medius", right), MuscleFinding("tibialis_anterior", right)]
    ... )
    >>> analysis.score("L5", right).explain()
    'L5 right 0.83 = tibialis anterior 0.5 (mild 1 × 0.5) + gluteus medius 0.33 (mild 1 × 1/3)'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from imsdesk.domain.anatomy import SPINAL_LEVELS, Atlas, Muscle, Side, SpinalLevel, load_atlas
from imsdesk.domain.marks import MuscleFinding, Severity

__all__ = [
    "ANALYSED_SIDES",
    "IMPLICATED_MIN_SCORE",
    "IMPLICATED_SHARE_OF_TOP",
    "MAX_PARASPINAL_SUGGESTIONS",
    "OTHER_ROOT_SHARES",
    "PARASPINAL_WEIGHT",
    "PRINCIPAL_ROOT_SHARES",
    "SCORE_RULE",
    "SIGN_WEIGHTS",
    "Contribution",
    "ContributionKind",
    "ExamSign",
    "LevelSeries",
    "MyotomeSuggestion",
    "ParaspinalSuggestion",
    "RootWeight",
    "ScoreHistory",
    "ScorePoint",
    "SegmentAnalysis",
    "SegmentScore",
    "SignKind",
    "Suggestions",
    "analyse_segments",
    "change_sentence",
    "implicated_levels",
    "myotome_sentence",
    "paraspinal_sentence",
    "root_weights",
    "score_history",
    "sentence_name",
    "suggest",
    "suggest_myotome_checks",
    "suggest_paraspinal_levels",
]


# ---------------------------------------------------------------------------
# Exam signs (a later issue stores them; here they are plain values)
# ---------------------------------------------------------------------------


class SignKind(StrEnum):
    """Examination signs charted at a level and side (iSTOP "Clinical Signs", DOMAIN.md)."""

    TENDER_MOTOR_POINT = "tender_motor_point"
    TAUT_BAND = "taut_band"
    RESTRICTED_ROM = "restricted_rom"
    PILOMOTOR = "pilomotor"
    TROPHEDEMA = "trophedema"
    SUDOMOTOR = "sudomotor"
    VASOMOTOR = "vasomotor"
    HAIR_LOSS = "hair_loss"
    DERMATOMAL_HYPERALGESIA = "dermatomal_hyperalgesia"
    PARASPINAL_TENDERNESS = "paraspinal_tenderness"

    @property
    def label(self) -> str:
        return _SIGN_LABELS[self]


_SIGN_LABELS = {
    SignKind.TENDER_MOTOR_POINT: "Tender motor point",
    SignKind.TAUT_BAND: "Taut band",
    SignKind.RESTRICTED_ROM: "Restricted range of motion",
    SignKind.PILOMOTOR: "Pilomotor reaction (goose-bumps)",
    SignKind.TROPHEDEMA: "Trophedema (peau d'orange)",
    SignKind.SUDOMOTOR: "Sudomotor change (sweating)",
    SignKind.VASOMOTOR: "Vasomotor change (colder part)",
    SignKind.HAIR_LOSS: "Localised hair loss",
    SignKind.DERMATOMAL_HYPERALGESIA: "Dermatomal hyperalgesia",
    SignKind.PARASPINAL_TENDERNESS: "Paraspinal tenderness",
}


@dataclass(frozen=True)
class ExamSign:
    """One sign the therapist attributed to a level on a side (midline: both sides)."""

    level: SpinalLevel
    side: Side
    kind: SignKind


# ---------------------------------------------------------------------------
# Weights: every number the analysis uses, in one place
# ---------------------------------------------------------------------------

# A marked muscle's severity (1–3) is shared among its roots: one muscle adds exactly its
# severity to the whole spine, so a muscle supplied by one root says more about that root
# than a five-root muscle says about each of its five. A principal root takes two shares
# and a minor root one, because the atlas names principal roots where a source says which
# level carries most of the supply.
PRINCIPAL_ROOT_SHARES = 2
OTHER_ROOT_SHARES = 1

# A paraspinal (multifidus) target is supplied by the posterior ramus of its own level only,
# the most segment-specific finding there is, so each severity point counts 1.5 at that level
# (a single-root limb muscle counts 1).
PARASPINAL_WEIGHT = Fraction(3, 2)

# Signs carry no severity, so each kind adds a fixed amount once per level and side. Half a
# mild single-root muscle: signs alone rarely outrank shortened muscles, the motor finding
# DOMAIN.md calls the most important. Paraspinal tenderness counts a whole point because it
# lies in the level's own posterior-ramus territory, like a paraspinal finding.
_SIGN_WEIGHT = Fraction(1, 2)
SIGN_WEIGHTS: Mapping[SignKind, Fraction] = MappingProxyType(
    {
        kind: Fraction(1) if kind is SignKind.PARASPINAL_TENDERNESS else _SIGN_WEIGHT
        for kind in SignKind
    }
)

# A level is "implicated" on a side when its score reaches one mild single-root finding
# (less is only a share of a multi-root muscle) and at least half that side's top score
# (so one strong level does not drag every weak neighbour into the suggestions).
IMPLICATED_MIN_SCORE = Fraction(1)
IMPLICATED_SHARE_OF_TOP = Fraction(1, 2)
# Paraspinal suggestions per side: the few highest levels, short enough to read at a glance.
MAX_PARASPINAL_SUGGESTIONS = 3

# How a score is made, in words: the screen's tooltip and the printed table's key.
SCORE_RULE = (
    "Each marked muscle shares its severity (1–3) among its spinal roots, a principal root "
    f"taking {PRINCIPAL_ROOT_SHARES} shares and any other root {OTHER_ROOT_SHARES}; a "
    f"paraspinal finding counts {float(PARASPINAL_WEIGHT):g} per severity point at its own "
    f"level; an exam sign adds {float(_SIGN_WEIGHT):g} at its level (paraspinal tenderness "
    f"{float(SIGN_WEIGHTS[SignKind.PARASPINAL_TENDERNESS]):g})."
)

# The spine strip has a left and a right column; midline marks count in both.
ANALYSED_SIDES: tuple[Side, ...] = (Side.LEFT, Side.RIGHT)


@dataclass(frozen=True)
class RootWeight:
    """How much one severity point of ``muscle`` counts at ``level``."""

    level: SpinalLevel
    weight: Fraction
    principal: bool


@functools.cache
def root_weights(muscle: Muscle) -> tuple[RootWeight, ...]:
    """The per-severity weight of a marked muscle at each of its roots, head to tail."""
    if muscle.paraspinal_level is not None:
        return (RootWeight(muscle.paraspinal_level, PARASPINAL_WEIGHT, True),)
    shares = [
        PRINCIPAL_ROOT_SHARES if level in muscle.principal_roots else OTHER_ROOT_SHARES
        for level in muscle.roots
    ]
    total = sum(shares)
    return tuple(
        RootWeight(level, Fraction(share, total), level in muscle.principal_roots)
        for level, share in zip(muscle.roots, shares, strict=True)
    )


# ---------------------------------------------------------------------------
# Scores with their explanation
# ---------------------------------------------------------------------------


class ContributionKind(StrEnum):
    MUSCLE = "muscle"
    PARASPINAL = "paraspinal"
    SIGN = "sign"


@dataclass(frozen=True)
class Contribution:
    """One term of a level's score: a marked muscle or an exam sign, and what it adds."""

    kind: ContributionKind
    key: str  # the muscle key, or the sign kind's value
    label: str  # the atlas name or the sign label, as written there
    recorded_side: Side  # as charted; a midline mark shows up on both sides
    severity: Severity | None  # None for an exam sign
    weight: Fraction  # per severity point (for a sign: the fixed amount)
    principal_root: bool = False  # not for signs: the level is a principal root of the muscle

    @functools.cached_property  # the fields are frozen, so work it out once
    def amount(self) -> Fraction:
        return self.weight if self.severity is None else self.weight * int(self.severity)

    @property
    def phrase(self) -> str:
        """The label as it reads inside a sentence: "trapezius (upper fibres)"."""
        return sentence_name(self.label)

    def describe(self) -> str:
        """ "gluteus medius 0.33 (mild 1 × 1/3)", "taut band 0.5 (exam sign)"."""
        if self.severity is None:
            detail = "exam sign"
        else:
            severity = Severity(self.severity)
            detail = f"{severity.label.lower()} {int(severity)} × {_weight_text(self.weight)}"
        if self.recorded_side is Side.MIDLINE:
            detail += ", midline"
        return f"{self.phrase} {_number(self.amount)} ({detail})"


@dataclass(frozen=True)
class SegmentScore:
    """A level on one side, with every contribution; the score is exactly their sum."""

    level: SpinalLevel
    side: Side
    contributions: tuple[Contribution, ...] = ()

    @functools.cached_property
    def exact_score(self) -> Fraction:
        return sum((c.amount for c in self.contributions), Fraction(0))

    @property
    def score(self) -> float:
        return float(self.exact_score)

    @property
    def title(self) -> str:
        return f"{self.level} {self.side.value}"

    def ranked_contributions(self) -> tuple[Contribution, ...]:
        """Largest first; equal amounts keep the order they were charted in."""
        return tuple(sorted(self.contributions, key=lambda c: -c.amount))

    def explain(self) -> str:
        """ "L5 right 0.83 = tibialis anterior 0.5 (mild 1 × 0.5) + gluteus medius ..."."""
        if not self.contributions:
            return f"{self.title} 0: nothing charted at this level"
        terms = " + ".join(c.describe() for c in self.ranked_contributions())
        return f"{self.title} {_number(self.exact_score)} = {terms}"


@dataclass(frozen=True)
class SegmentAnalysis:
    """Scores for every level C1–S2 on the left and the right, plus what was already charted."""

    scores: tuple[SegmentScore, ...]  # head to tail, left before right at each level
    marked: frozenset[tuple[str, Side]] = frozenset()  # (muscle key, left/right) with a finding
    examined: frozenset[tuple[str, Side]] = frozenset()  # checked and found unremarkable

    def __post_init__(self) -> None:
        expected = [(level, side) for level in SPINAL_LEVELS for side in ANALYSED_SIDES]
        if [(s.level, s.side) for s in self.scores] != expected:
            raise ValueError("a segment analysis holds every level C1–S2, left then right")

    def score(self, level: str, side: Side) -> SegmentScore:
        return self.scores[SpinalLevel.parse(level).ordinal * 2 + _side_index(side)]

    def side(self, side: Side) -> tuple[SegmentScore, ...]:
        """One column of the spine strip, head to tail."""
        return self.scores[_side_index(side) :: 2]

    def ranked(self, side: Side) -> tuple[SegmentScore, ...]:
        """Levels scoring above zero on ``side``, highest first, ties head to tail."""
        return self._ranked[_side_index(side)]

    def top_score(self, side: Side) -> Fraction:
        ranked = self.ranked(side)
        return ranked[0].exact_score if ranked else Fraction(0)

    @functools.cached_property
    def _ranked(self) -> tuple[tuple[SegmentScore, ...], ...]:
        # Asked for again and again by the suggestions: sort each side once.
        return tuple(
            tuple(sorted((s for s in self.side(side) if s.contributions), key=_minus_score))
            for side in ANALYSED_SIDES
        )

    def is_marked(self, muscle_key: str, side: Side) -> bool:
        return (muscle_key, side) in self.marked

    @property
    def is_empty(self) -> bool:
        return not any(s.contributions for s in self.scores)


def analyse_segments(
    findings: Iterable[MuscleFinding],
    signs: Iterable[ExamSign] = (),
    *,
    examined: Iterable[tuple[str, Side]] = (),
    atlas: Atlas | None = None,
) -> SegmentAnalysis:
    """Score every level and side from a visit's findings and exam signs.

    A muscle marked twice on a side counts once, at its highest severity; each kind of
    sign counts once per level and side. A key missing from the atlas raises KeyError.
    """
    atlas = load_atlas() if atlas is None else atlas
    terms: dict[tuple[SpinalLevel, Side], list[Contribution]] = {}
    strongest = _strongest_findings(findings)
    for (key, side), finding in strongest.items():
        for term_level, term in _muscle_terms(atlas[key], finding):
            terms.setdefault((term_level, side), []).append(term)
    for (level, side, _kind), sign in _distinct_signs(signs).items():
        terms.setdefault((level, side), []).append(_sign_term(sign))
    scores = tuple(
        SegmentScore(level, side, tuple(terms.get((level, side), ())))
        for level in SPINAL_LEVELS
        for side in ANALYSED_SIDES
    )
    seen = frozenset((key, s) for key, side in examined for s in _analysed(side))
    return SegmentAnalysis(scores, marked=frozenset(strongest), examined=seen)


def _strongest_findings(
    findings: Iterable[MuscleFinding],
) -> dict[tuple[str, Side], MuscleFinding]:
    strongest: dict[tuple[str, Side], MuscleFinding] = {}
    for finding in findings:
        severity = Severity(finding.severity)  # refuses anything outside 1–3
        for side in _analysed(finding.side):
            held = strongest.get((finding.muscle_key, side))
            if held is None or severity > held.severity:
                strongest[(finding.muscle_key, side)] = finding
    return strongest


def _distinct_signs(
    signs: Iterable[ExamSign],
) -> dict[tuple[SpinalLevel, Side, SignKind], ExamSign]:
    distinct: dict[tuple[SpinalLevel, Side, SignKind], ExamSign] = {}
    for sign in signs:
        level, kind = SpinalLevel.parse(sign.level), SignKind(sign.kind)
        for side in _analysed(sign.side):
            held = distinct.get((level, side, kind))
            # A sign charted on the side itself is named in preference to a midline one.
            if held is None or held.side is Side.MIDLINE:
                distinct[(level, side, kind)] = ExamSign(level, Side(sign.side), kind)
    return distinct


def _muscle_terms(
    muscle: Muscle, finding: MuscleFinding
) -> Iterable[tuple[SpinalLevel, Contribution]]:
    kind = ContributionKind.PARASPINAL if muscle.is_paraspinal else ContributionKind.MUSCLE
    for root in root_weights(muscle):
        yield (
            root.level,
            Contribution(
                kind=kind,
                key=muscle.key,
                label=muscle.name,
                recorded_side=Side(finding.side),
                severity=Severity(finding.severity),
                weight=root.weight,
                principal_root=root.principal,
            ),
        )


def _sign_term(sign: ExamSign) -> Contribution:
    return Contribution(
        kind=ContributionKind.SIGN,
        key=sign.kind.value,
        label=sign.kind.label,
        recorded_side=sign.side,
        severity=None,
        weight=SIGN_WEIGHTS[sign.kind],
    )


def _analysed(side: Side) -> tuple[Side, ...]:
    """The spine-strip columns a mark on ``side`` counts in."""
    side = Side(side)
    return ANALYSED_SIDES if side is Side.MIDLINE else (side,)


def _minus_score(score: SegmentScore) -> Fraction:
    return -score.exact_score


def _side_index(side: Side) -> int:
    try:
        return ANALYSED_SIDES.index(Side(side))
    except ValueError:
        raise ValueError("scores are per left or right side; midline marks count in both") from None


# ---------------------------------------------------------------------------
# Suggestions: plain data for the therapist to accept or ignore
# ---------------------------------------------------------------------------


def implicated_levels(analysis: SegmentAnalysis, side: Side) -> tuple[SegmentScore, ...]:
    """Levels on ``side`` that reach IMPLICATED_MIN_SCORE and half the side's top, highest first."""
    floor = max(IMPLICATED_MIN_SCORE, analysis.top_score(side) * IMPLICATED_SHARE_OF_TOP)
    return tuple(s for s in analysis.ranked(side) if s.exact_score >= floor)


@dataclass(frozen=True)
class ParaspinalSuggestion:
    """A paraspinal level to consider needling; never placed on the chart without a click."""

    level: SpinalLevel
    side: Side
    score: Fraction
    muscle_key: str  # the atlas paraspinal target at this level
    already_marked: bool  # a finding is already charted on this paraspinal target
    scoring_neighbours: tuple[SpinalLevel, ...]  # adjacent levels with a score above zero


@dataclass(frozen=True)
class MyotomeSuggestion:
    """An implicated level, what implicates it, and the rest of its myotome to examine."""

    level: SpinalLevel
    side: Side
    score: Fraction
    implicated_by: tuple[Contribution, ...]  # largest first
    also_check: tuple[Muscle, ...]  # same-root muscles not yet marked or examined on this side


@dataclass(frozen=True)
class Suggestions:
    paraspinal: tuple[ParaspinalSuggestion, ...]
    myotome: tuple[MyotomeSuggestion, ...]

    def sentences(self) -> tuple[str, ...]:
        return tuple(map(paraspinal_sentence, self.paraspinal)) + tuple(
            map(myotome_sentence, self.myotome)
        )


def suggest(analysis: SegmentAnalysis, *, atlas: Atlas | None = None) -> Suggestions:
    return Suggestions(
        paraspinal=suggest_paraspinal_levels(analysis, atlas=atlas),
        myotome=suggest_myotome_checks(analysis, atlas=atlas),
    )


def suggest_paraspinal_levels(
    analysis: SegmentAnalysis, *, atlas: Atlas | None = None
) -> tuple[ParaspinalSuggestion, ...]:
    """Per side (left, then right), the highest implicated levels, at most MAX per side."""
    atlas = load_atlas() if atlas is None else atlas
    suggestions = []
    for side in ANALYSED_SIDES:
        for score in implicated_levels(analysis, side)[:MAX_PARASPINAL_SUGGESTIONS]:
            target = atlas.paraspinal(score.level)
            suggestions.append(
                ParaspinalSuggestion(
                    level=score.level,
                    side=side,
                    score=score.exact_score,
                    muscle_key=target.key,
                    already_marked=analysis.is_marked(target.key, side),
                    scoring_neighbours=_scoring_neighbours(analysis, score.level, side),
                )
            )
    return tuple(suggestions)


def _scoring_neighbours(
    analysis: SegmentAnalysis, level: SpinalLevel, side: Side
) -> tuple[SpinalLevel, ...]:
    near = SPINAL_LEVELS[max(level.ordinal - 1, 0) : level.ordinal + 2]
    return tuple(n for n in near if n != level and analysis.score(n, side).contributions)


def suggest_myotome_checks(
    analysis: SegmentAnalysis, *, atlas: Atlas | None = None
) -> tuple[MyotomeSuggestion, ...]:
    """Per side (left, then right), each implicated level and its unexamined myotome."""
    atlas = load_atlas() if atlas is None else atlas
    return tuple(
        MyotomeSuggestion(
            level=score.level,
            side=side,
            score=score.exact_score,
            implicated_by=score.ranked_contributions(),
            also_check=_unexamined_myotome(analysis, atlas, score.level, side),
        )
        for side in ANALYSED_SIDES
        for score in implicated_levels(analysis, side)
    )


def _unexamined_myotome(
    analysis: SegmentAnalysis, atlas: Atlas, level: SpinalLevel, side: Side
) -> tuple[Muscle, ...]:
    """Same-root muscles still to look at: principal root first, then the most specific.

    Paraspinal targets are left out: they are suggested on their own.
    """
    return tuple(
        m
        for m in _myotome_by_relevance(atlas, level)
        if (m.key, side) not in analysis.marked and (m.key, side) not in analysis.examined
    )


@functools.cache
def _myotome_by_relevance(atlas: Atlas, level: SpinalLevel) -> tuple[Muscle, ...]:
    """A level's non-paraspinal muscles: principal root first, then the largest weight there.

    Depends on the atlas alone, so it is worked out once per level.
    """

    def relevance(muscle: Muscle) -> tuple[bool, Fraction]:
        at_level = next(r for r in root_weights(muscle) if r.level == level)
        return (not at_level.principal, -at_level.weight)

    muscles = [m for m in atlas.muscles_for_root(level) if not m.is_paraspinal]
    return tuple(sorted(muscles, key=relevance))  # stable: atlas order breaks ties


def paraspinal_sentence(suggestion: ParaspinalSuggestion) -> str:
    """ "Consider the L5 right paraspinal (score 1.17); neighbouring L4 also scores."."""
    text = (
        f"Consider the {suggestion.level} {suggestion.side.value} paraspinal "
        f"(score {_number(suggestion.score)})"
    )
    if suggestion.already_marked:
        text += ", already marked"
    if suggestion.scoring_neighbours:
        levels = _join([str(n) for n in suggestion.scoring_neighbours])
        verb = "scores" if len(suggestion.scoring_neighbours) == 1 else "score"
        text += f"; neighbouring {levels} also {verb}"
    return text + "."


def myotome_sentence(suggestion: MyotomeSuggestion, *, limit: int = 4) -> str:
    """ "L5 right is implicated by gluteus medius and tibialis anterior; also check ..."."""
    names = _join(_unique(c.phrase for c in suggestion.implicated_by))
    text = f"{suggestion.level} {suggestion.side.value} is implicated by {names}"
    shown = [sentence_name(m.name) for m in suggestion.also_check[:limit]]
    hidden = len(suggestion.also_check) - len(shown)
    if hidden > 0:
        shown.append(f"{hidden} other{'s' if hidden > 1 else ''} of this myotome")
    if shown:
        return f"{text}; also check {_join(shown)}."
    return f"{text}; every other muscle of this myotome in the atlas is already charted."


# ---------------------------------------------------------------------------
# Across visits
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorePoint:
    visit_date: date
    score: Fraction


@dataclass(frozen=True)
class LevelSeries:
    """One level and side over the episode, oldest visit first."""

    level: SpinalLevel
    side: Side
    points: tuple[ScorePoint, ...]

    @property
    def peak(self) -> Fraction:
        return max((p.score for p in self.points), default=Fraction(0))

    @property
    def change(self) -> Fraction:
        """Last visit minus first (negative: the level settled)."""
        return self.points[-1].score - self.points[0].score if self.points else Fraction(0)


@dataclass(frozen=True)
class ScoreHistory:
    dates: tuple[date, ...]  # oldest first; two visits on one day keep their given order
    series: tuple[LevelSeries, ...]  # head to tail, left before right at each level

    def of(self, level: str, side: Side) -> LevelSeries:
        return self.series[SpinalLevel.parse(level).ordinal * 2 + _side_index(side)]

    def scoring(self) -> tuple[LevelSeries, ...]:
        """The series that scored above zero at some visit: the rows a report shows."""
        return tuple(s for s in self.series if s.peak > 0)

    def most_implicated(self, count: int) -> tuple[LevelSeries, ...]:
        """The ``count`` scoring series with the highest peak (ties: head to tail): the rows
        a printed table has room for, one side after the other (left, then right, as on
        the spine strip), head to tail within each."""
        chosen = {id(s) for s in sorted(self.scoring(), key=_minus_peak)[:count]}
        return tuple(
            s for side in ANALYSED_SIDES for s in self.series if s.side is side and id(s) in chosen
        )


def _minus_peak(series: LevelSeries) -> Fraction:
    return -series.peak


def score_history(visits: Iterable[tuple[date, SegmentAnalysis]]) -> ScoreHistory:
    """Line up each level's score across visits, in date order."""
    ordered = sorted(visits, key=lambda visit: visit[0])
    dates = tuple(day for day, _ in ordered)
    series = tuple(
        LevelSeries(
            level,
            side,
            tuple(ScorePoint(day, a.score(level, side).exact_score) for day, a in ordered),
        )
        for level in SPINAL_LEVELS
        for side in ANALYSED_SIDES
    )
    return ScoreHistory(dates, series)


def change_sentence(series: Sequence[LevelSeries], *, limit: int = 3) -> str:
    """The change in the highest-peaking levels, first visit to latest, in one line:
    "L5 right 2.3 → 0.5, L4 right 1.2 → 0 and S1 right 0.7 → 0.3 (first → latest visit)."
    One decimal, as the spine strip shows scores."""
    shown = sorted(series, key=_minus_peak)[:limit]
    if not shown:
        return "No spinal level scored at any visit."
    if len(shown[0].points) < 2:
        return "One visit only: no change to show yet."
    parts = [
        f"{s.level} {s.side.value} {_tenths(s.points[0].score)} → {_tenths(s.points[-1].score)}"
        for s in shown
    ]
    return f"{_join(parts)} (first → latest visit)."


def _tenths(value: Fraction) -> str:
    return f"{float(value):.1f}".removesuffix(".0")


# ---------------------------------------------------------------------------
# Wording helpers
# ---------------------------------------------------------------------------


def sentence_name(name: str) -> str:
    """An atlas name as it reads mid-sentence: "Trapezius, upper fibres" → "trapezius (upper
    fibres)", so names stay whole inside a comma-separated list."""
    head, comma, rest = name.partition(", ")
    if comma and "(" not in head:
        name = f"{head} ({rest})"
    return name[:1].lower() + name[1:]


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _number(value: Fraction) -> str:
    """At most two decimals, no trailing zeros: 1.17, 0.5, 2."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _weight_text(weight: Fraction) -> str:
    """A weight as a decimal when that is exact (0.5, 1.5), else as a fraction (1/3)."""
    return _number(weight) if (weight * 100).denominator == 1 else str(weight)
