"""What signing says when a draft's findings changed since the signer's screen read them."""

from __future__ import annotations

from imsdesk.domain.anatomy import Region, Side, SpinalLevel
from imsdesk.domain.draft_findings import DraftFindings, OutcomeEntry, findings_changes
from imsdesk.domain.outcomes import InstrumentKey
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.segments import ExamSign, SignKind

L5_LEFT = (SpinalLevel.L5, Side.LEFT)
TENDER = ExamSign(*L5_LEFT, SignKind.TENDER_MOTOR_POINT)
TAUT = ExamSign(*L5_LEFT, SignKind.TAUT_BAND)
C6_RIGHT_HAIR = ExamSign(SpinalLevel.C6, Side.RIGHT, SignKind.HAIR_LOSS)
ODI = OutcomeEntry(7, InstrumentKey.ODI, 32.0)
QUICKDASH = OutcomeEntry(8, InstrumentKey.QUICKDASH, 40.9)


def test_the_same_findings_in_any_order_are_no_change():
    one = DraftFindings.of([PainArea(Region.BACK, Side.LEFT)], [TENDER, TAUT], [ODI])
    other = DraftFindings.of([PainArea(Region.BACK, Side.LEFT)], [TAUT, TENDER], [ODI])
    assert findings_changes(one, other) == ()


def test_each_change_in_plain_words_head_to_foot():
    seen = DraftFindings.of([PainArea(Region.HIP, Side.RIGHT)], [TAUT], [QUICKDASH])
    saved = DraftFindings.of(
        [PainArea(Region.BACK, Side.MIDLINE), PainArea(Region.FOOT, Side.LEFT)],
        [TENDER, TAUT, C6_RIGHT_HAIR],
        [ODI],
    )
    assert findings_changes(seen, saved) == (
        "an exam sign was added at C6 right: localised hair loss",
        "an exam sign was added at L5 left: tender motor point",
        "2 areas of pain were added: midline back, left foot",
        "an outcome measure was added: ODI 32",
        "an area of pain was removed: right hip and buttock",
        "an outcome measure was removed: QuickDASH 40.9",
    )


def test_signs_at_one_level_are_named_together():
    saved = DraftFindings.of([], [TAUT, TENDER], [])
    assert findings_changes(DraftFindings(), saved) == (
        "2 exam signs were added at L5 left: tender motor point, taut band",
    )
    assert findings_changes(saved, DraftFindings()) == (
        "2 exam signs were removed at L5 left: tender motor point, taut band",
    )
