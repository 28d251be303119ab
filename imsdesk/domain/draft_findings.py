"""What a draft holds beside its record and body map, as one screen last read it.

Areas of pain, exam signs per level and side, and outcome scores are each added or taken
away whole, never edited in place, so two workstations never write over each other's.
A signature still vouches for all of them: signing compares the findings the signer's
screen shows with those saved, as it does the record and the map, and says in plain
words what changed. Adverse events are not part of this: they are recorded against a
visit before or after it is signed, and a signature does not vouch for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imsdesk.domain.anatomy import Side, SpinalLevel
from imsdesk.domain.outcomes import InstrumentKey, get_instrument
from imsdesk.domain.pain_areas import REGION_LABELS, PainArea, in_body_order
from imsdesk.domain.segments import ExamSign, SignKind


@dataclass(frozen=True)
class OutcomeEntry:
    """One stored questionnaire score: its row, what it measured and what it scored."""

    id: int
    instrument: InstrumentKey
    score: float

    @property
    def label(self) -> str:
        """'ODI 32'."""
        return f"{get_instrument(self.instrument).short_name} {self.score:g}"


@dataclass(frozen=True)
class DraftFindings:
    pain_areas: frozenset[PainArea] = frozenset()
    exam_signs: frozenset[ExamSign] = frozenset()
    outcome_scores: frozenset[OutcomeEntry] = frozenset()

    @classmethod
    def of(
        cls,
        pain_areas: Iterable[PainArea],
        exam_signs: Iterable[ExamSign],
        outcome_scores: Iterable[OutcomeEntry],
    ) -> DraftFindings:
        return cls(frozenset(pain_areas), frozenset(exam_signs), frozenset(outcome_scores))


def findings_changes(seen: DraftFindings, saved: DraftFindings) -> tuple[str, ...]:
    """How the saved findings differ from those shown, one phrase per kind and place
    ('an exam sign was added at L5 left: tender motor point'); empty when the same."""
    words: list[str] = []
    for change, before, after in (("added", seen, saved), ("removed", saved, seen)):
        signs: dict[tuple[SpinalLevel, Side], list[str]] = {}
        for sign in sorted(after.exam_signs - before.exam_signs, key=_sign_order):
            signs.setdefault((sign.level, sign.side), []).append(sign.kind.label.lower())
        for (level, side), kinds in signs.items():
            at = f"at {level} {side.label.lower()}"
            words.append(_phrase(kinds, "an exam sign", "exam signs", f"{change} {at}"))
        areas = in_body_order(after.pain_areas - before.pain_areas)
        names = [f"{area.side.value} {REGION_LABELS[area.region].lower()}" for area in areas]
        if names:
            words.append(_phrase(names, "an area of pain", "areas of pain", change))
        scores = sorted(after.outcome_scores - before.outcome_scores, key=lambda s: s.id)
        if scores:
            labels = [score.label for score in scores]
            words.append(_phrase(labels, "an outcome measure", "outcome measures", change))
    return tuple(words)


def _phrase(items: list[str], one: str, many: str, done: str) -> str:
    """'an area of pain was added: left back'; '2 areas of pain were removed: …'."""
    counted = f"{one} was" if len(items) == 1 else f"{len(items)} {many} were"
    return f"{counted} {done}: {', '.join(items)}"


_KIND_ORDER = {kind: n for n, kind in enumerate(SignKind)}  # as the strip's menu lists them


def _sign_order(sign: ExamSign) -> tuple[int, str, int]:
    return (sign.level.ordinal, sign.side.value, _KIND_ORDER[sign.kind])
