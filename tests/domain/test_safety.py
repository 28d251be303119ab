"""Lung and pleura precautions: the thorax targets DOMAIN.md names are flagged, a visit's
needle sites list one precaution per muscle and side, and the wording stays factual."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imsdesk.domain.anatomy import SPINAL_LEVELS, Side, SpinalRegion, View, load_atlas
from imsdesk.domain.marks import NeedleSite
from imsdesk.domain.safety import (
    PATIENT_ADVICE,
    PNEUMOTHORAX_NOTE,
    PrecautionKind,
    PrecautionReason,
    acknowledgement_text,
    has_thorax_precaution,
    thorax_reason,
    thorax_targets,
    visit_precautions,
)
from tests.support.anatomy import THORAX_RISK_KEYS

ATLAS = load_atlas()
LEFT, RIGHT = Side.LEFT, Side.RIGHT


def site(key: str, side: Side = RIGHT) -> NeedleSite:
    return NeedleSite(key, side, ATLAS[key].views[0], 10.0, 20.0)


@pytest.mark.parametrize("key", THORAX_RISK_KEYS)
def test_the_domain_notes_higher_risk_targets_carry_the_precaution(key: str):
    assert thorax_reason(ATLAS[key]) is PrecautionReason.OVER_THORAX


@pytest.mark.parametrize("level", SPINAL_LEVELS)
def test_exactly_the_thoracic_paraspinals_carry_the_paraspinal_precaution(level):
    paraspinal = ATLAS.paraspinal(level)
    thoracic = level.region is SpinalRegion.THORACIC
    assert has_thorax_precaution(paraspinal) is thoracic
    if thoracic:
        assert thorax_reason(paraspinal) is PrecautionReason.THORACIC_PARASPINAL


def test_thoracic_paraspinals_are_flagged_even_if_the_atlas_forgets():
    forgotten = replace(ATLAS.paraspinal("T6"), over_thorax=False)
    assert thorax_reason(forgotten) is PrecautionReason.THORACIC_PARASPINAL


@pytest.mark.parametrize("key", ["gluteus_medius", "tibialis_anterior", "deltoid_middle"])
def test_limb_muscles_carry_no_precaution(key: str):
    assert thorax_reason(ATLAS[key]) is None


def test_thorax_targets_are_the_flagged_atlas_entries_in_atlas_order():
    targets = thorax_targets()
    assert [m.key for m in targets] == [
        m.key for m in ATLAS if m.over_thorax or m.key in {f"paraspinal_t{n}" for n in range(1, 13)}
    ]
    assert set(THORAX_RISK_KEYS) <= {m.key for m in targets}


def test_a_visit_lists_one_precaution_per_muscle_and_side_in_the_order_first_needled():
    needles = [
        site("gluteus_medius"),
        site("rhomboid_major", LEFT),
        site("trapezius_upper", RIGHT),
        site("rhomboid_major", LEFT),
        site("rhomboid_major", RIGHT),
        site("paraspinal_t4", LEFT),
        site("paraspinal_l4", LEFT),
    ]
    precautions = visit_precautions(needles)
    assert [(p.muscle_key, p.side, p.site_count) for p in precautions] == [
        ("rhomboid_major", LEFT, 2),
        ("trapezius_upper", RIGHT, 1),
        ("rhomboid_major", RIGHT, 1),
        ("paraspinal_t4", LEFT, 1),
    ]
    assert all(p.kind is PrecautionKind.LUNG_PLEURA for p in precautions)
    assert precautions[0].title == "Rhomboid major, left"
    assert "pleura" in precautions[0].why
    assert "thoracic" in precautions[-1].why


def test_the_acknowledgement_lists_each_site_and_the_pneumothorax_note():
    text = acknowledgement_text(visit_precautions([site("intercostals"), site("intercostals")]))
    assert text.splitlines()[1].startswith("- Intercostal muscles, right (2 sites). ")
    assert text.endswith(PNEUMOTHORAX_NOTE)
    assert acknowledgement_text(visit_precautions([site("soleus")])) == ""


def test_the_wording_is_factual_and_names_delayed_onset():
    assert "most serious documented complication" in PNEUMOTHORAX_NOTE
    assert "two days" in PNEUMOTHORAX_NOTE
    for symptom in ("short of breath", "chest pain", "dry cough"):
        assert symptom in PATIENT_ADVICE


def test_an_unknown_needle_site_is_refused_rather_than_passed_as_safe():
    with pytest.raises(KeyError, match="no_such_muscle"):
        visit_precautions([NeedleSite("no_such_muscle", RIGHT, View.POSTERIOR, 0.0, 0.0)])


@given(st.lists(st.sampled_from([(m, s) for m, s in ATLAS.targets()]), max_size=30))
def test_precautions_are_exactly_the_flagged_distinct_targets(targets):
    needles = [site(m.key, s) for m, s in targets]
    listed = visit_precautions(needles)
    expected = list(dict.fromkeys((m.key, s) for m, s in targets if has_thorax_precaution(m)))
    assert [(p.muscle_key, p.side) for p in listed] == expected
    assert sum(p.site_count for p in listed) == sum(
        1 for m, _ in targets if has_thorax_precaution(m)
    )
