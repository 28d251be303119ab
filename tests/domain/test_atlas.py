"""The muscle atlas: the shipped data is complete and sourced, and a broken file is refused
with a message that says which entry is wrong and why."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from imsdesk.domain.anatomy import (
    PARASPINAL_LEVELS,
    SPINAL_LEVELS,
    AtlasError,
    Region,
    Side,
    SpinalLevel,
    SpinalRegion,
    View,
    load_atlas,
    parse_atlas,
)
from imsdesk.resources import read_text
from tests.support.anatomy import THORAX_RISK_KEYS

# Muscles body charts usually miss but an IMS therapist needles; all must be clickable.
REQUIRED_BY_AREA = {
    "neck": (
        "sternocleidomastoid",
        "scalenus_anterior",
        "scalenus_medius",
        "scalenus_posterior",
        "levator_scapulae",
        "splenius_capitis",
        "splenius_cervicis",
        "semispinalis_capitis",
        "suboccipitals",
    ),
    "shoulder": ("supraspinatus", "infraspinatus", "teres_minor", "subscapularis"),
    "trapezius": ("trapezius_upper", "trapezius_middle", "trapezius_lower"),
    "deltoid": ("deltoid_anterior", "deltoid_middle", "deltoid_posterior"),
    "arm": ("biceps_brachii", "brachialis", "triceps_brachii", "coracobrachialis"),
    "forearm flexors": (
        "flexor_carpi_radialis",
        "flexor_carpi_ulnaris",
        "flexor_digitorum_superficialis",
        "flexor_digitorum_profundus",
        "pronator_teres",
    ),
    "forearm extensors": (
        "extensor_carpi_radialis_longus",
        "extensor_carpi_radialis_brevis",
        "extensor_digitorum",
        "extensor_carpi_ulnaris",
        "supinator",
        "brachioradialis",
    ),
    "hand": ("thenar_muscles", "hypothenar_muscles", "dorsal_interossei_hand", "palmar_interossei"),
    "deep hip": (
        "piriformis",
        "gemellus_superior",
        "gemellus_inferior",
        "obturator_internus",
        "quadratus_femoris",
        "quadratus_lumborum",
        "psoas_major",
        "iliacus",
    ),
    "gluteal": ("gluteus_maximus", "gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae"),
    "hamstrings": (
        "biceps_femoris_long_head",
        "biceps_femoris_short_head",
        "semitendinosus",
        "semimembranosus",
    ),
    "quadriceps": ("rectus_femoris", "vastus_lateralis", "vastus_medialis", "vastus_intermedius"),
    "adductors": ("adductor_longus", "adductor_brevis", "adductor_magnus", "gracilis"),
    "calf": (
        "gastrocnemius_medial_head",
        "gastrocnemius_lateral_head",
        "soleus",
        "tibialis_posterior",
        "flexor_digitorum_longus",
        "flexor_hallucis_longus",
        "popliteus",
    ),
    "shin": (
        "tibialis_anterior",
        "extensor_hallucis_longus",
        "extensor_digitorum_longus",
        "peroneus_longus",
        "peroneus_brevis",
        "peroneus_tertius",
    ),
    "foot": ("abductor_hallucis", "flexor_digitorum_brevis", "extensor_digitorum_brevis"),
    "trunk front": (
        "rectus_abdominis",
        "external_oblique",
        "internal_oblique",
        "transversus_abdominis",
        "intercostals",
        "serratus_anterior",
        "pectoralis_major_clavicular",
        "pectoralis_major_sternal",
        "pectoralis_minor",
    ),
    "trunk back": (
        "rhomboid_major",
        "rhomboid_minor",
        "latissimus_dorsi",
        "iliocostalis_lumborum",
        "longissimus_thoracis",
    ),
}


SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def raw_entries() -> list[dict[str, Any]]:
    data = json.loads(read_text("atlas", "muscles.json"))
    return data["muscles"] + data["paraspinal_levels"]


# --- the shipped atlas ---------------------------------------------------------------------


def test_shipped_atlas_loads_with_version_and_note(atlas):
    assert atlas.version >= 1
    assert atlas.source_note.strip()


def test_offers_at_least_85_paired_muscles_besides_the_paraspinal_ladder(atlas):
    paired = [m for m in atlas if m.is_paired and not m.is_paraspinal]
    assert len(paired) >= 85


@pytest.mark.parametrize("area", REQUIRED_BY_AREA)
def test_every_required_muscle_is_present(atlas, area):
    missing = [key for key in REQUIRED_BY_AREA[area] if key not in atlas]
    assert missing == []


def test_every_region_has_muscles(atlas):
    assert [r for r in Region if not atlas.by_region(r)] == []


@pytest.mark.parametrize("level", PARASPINAL_LEVELS, ids=str)
def test_paraspinal_ladder_has_every_level_on_both_sides(atlas, level):
    target = atlas.paraspinal(level)
    assert target.key == f"paraspinal_{level.lower()}"
    assert target.roots == (level,)
    assert target.sides == (Side.LEFT, Side.RIGHT)
    assert {View.POSTERIOR, View.PARASPINAL} <= set(target.views)
    assert target.over_thorax == (level.region is SpinalRegion.THORACIC)
    assert target.nerve.endswith(f"ramus of {level}") or "ramus of C1" in target.nerve


def test_paraspinal_ladder_runs_c1_to_s2(atlas):
    ladder = atlas.paraspinals()
    assert [m.paraspinal_level for m in ladder] == list(PARASPINAL_LEVELS)
    assert (ladder[0].key, ladder[-1].key) == ("paraspinal_c1", "paraspinal_s2")
    assert set(atlas.in_view("paraspinal")) == set(ladder)


def test_keys_are_unique_and_snake_case(raw_entries):
    keys = [entry["key"] for entry in raw_entries]
    assert len(keys) == len(set(keys))
    assert [k for k in keys if not SNAKE_CASE.match(k)] == []


def test_roots_are_valid_levels_and_principal_roots_are_a_subset(raw_entries):
    names = {level.value for level in SPINAL_LEVELS}
    for entry in raw_entries:
        assert set(entry["roots"]) <= names, entry["key"]
        assert set(entry["principal_roots"]) <= set(entry["roots"]), entry["key"]


def test_every_entry_has_a_source_that_is_a_page_or_says_unchecked(atlas):
    for muscle in atlas:
        assert muscle.source, muscle.key
        assert "http" in muscle.source or not muscle.is_source_checked, muscle.key


def test_l5_myotome_includes_gluteus_medius_and_tibialis_anterior(atlas):
    keys = {m.key for m in atlas.muscles_for_root("L5")}
    assert {"gluteus_medius", "tibialis_anterior", "paraspinal_l5"} <= keys
    assert "deltoid_middle" not in keys


def test_c5_myotome_includes_the_deltoid(atlas):
    keys = {m.key for m in atlas.muscles_for_root("c5")}  # typed lower-case
    assert {"deltoid_anterior", "deltoid_middle", "deltoid_posterior"} <= keys


def test_spot_checked_values_match_their_sources(atlas):
    gluteus_medius = atlas["gluteus_medius"]
    assert gluteus_medius.nerve == "Superior gluteal nerve"
    assert gluteus_medius.roots == ("L4", "L5", "S1")
    assert atlas["psoas_major"].principal_roots == ("L2",)
    assert atlas["piriformis"].roots == ("S1", "S2")


def test_thorax_risk_sites_carry_the_precaution(atlas):
    assert [k for k in THORAX_RISK_KEYS if not atlas[k].over_thorax] == []
    thoracic = [atlas.paraspinal(level) for level in SpinalLevel.range("T1", "T12")]
    assert all(m.over_thorax for m in thoracic)


def test_limb_and_lumbar_sites_carry_no_thorax_precaution(atlas):
    for key in ("gluteus_medius", "tibialis_anterior", "biceps_brachii", "paraspinal_l4"):
        assert not atlas[key].over_thorax, key


def test_targets_cover_each_side_of_each_muscle(atlas):
    targets = list(atlas.targets())
    assert len(targets) == sum(len(m.sides) for m in atlas)
    assert (atlas["soleus"], Side.LEFT) in targets
    assert (atlas["soleus"], Side.RIGHT) in targets


def test_views_and_regions_group_muscles_for_the_map(atlas):
    assert atlas["piriformis"] in atlas.in_view("hip_deep")
    assert atlas["extensor_carpi_radialis_brevis"] in atlas.in_view(View.FOREARM)
    assert atlas["soleus"] in atlas.by_region("leg")
    with pytest.raises(ValueError, match="unknown region 'buttock'"):
        atlas.by_region("buttock")
    with pytest.raises(ValueError, match="unknown view 'lateral'"):
        atlas.in_view("lateral")


def test_lookup_of_an_unknown_key_names_the_key(atlas):
    assert atlas.get("no_such_muscle") is None
    with pytest.raises(KeyError, match="no_such_muscle"):
        atlas["no_such_muscle"]


# --- spinal levels and sides ---------------------------------------------------------------


def test_spinal_levels_run_c1_to_s2_in_order():
    assert [str(level) for level in SPINAL_LEVELS] == (
        [f"C{i}" for i in range(1, 9)]
        + [f"T{i}" for i in range(1, 13)]
        + [f"L{i}" for i in range(1, 6)]
        + ["S1", "S2"]
    )
    assert sorted(["T1", "L4", "C8", "C2", "S1"], key=SpinalLevel.parse) == [
        "C2",
        "C8",
        "T1",
        "L4",
        "S1",
    ]
    assert SpinalLevel.C8 < SpinalLevel.T1 < "T10" < SpinalLevel.L1


@pytest.mark.parametrize("text", ["l4", "L4", " L4 ", "l4\n"])
def test_spinal_level_parses_what_a_therapist_types(text):
    assert SpinalLevel.parse(text) is SpinalLevel.L4


@pytest.mark.parametrize("text", ["L9", "T13", "C0", "S3", "", "lumbar"])
def test_spinal_level_rejects_a_level_that_does_not_exist(text):
    with pytest.raises(ValueError, match="unknown spinal level"):
        SpinalLevel.parse(text)


def test_spinal_range_is_inclusive_and_ordered_for_every_pair():
    # The domain is small, so check every pair rather than sample it.
    for start in SPINAL_LEVELS:
        for stop in SPINAL_LEVELS[start.ordinal :]:
            levels = SpinalLevel.range(start.lower(), stop)
            assert levels[0] is start and levels[-1] is stop
            assert len(levels) == stop.ordinal - start.ordinal + 1
            assert list(levels) == sorted(levels)
    assert SpinalLevel.range("L4", "S1") == ("L4", "L5", "S1")
    with pytest.raises(ValueError, match="head to tail"):
        SpinalLevel.range("S1", "L4")


def test_spinal_level_regions():
    assert SpinalLevel.C8.region is SpinalRegion.CERVICAL
    assert SpinalLevel.T12.region is SpinalRegion.THORACIC
    assert SpinalLevel.L1.region is SpinalRegion.LUMBAR
    assert SpinalLevel.S2.region is SpinalRegion.SACRAL


def test_side_labels():
    assert [(s.label, s.short) for s in Side] == [
        ("Left", "L"),
        ("Right", "R"),
        ("Midline", "M"),
    ]


# --- validation of a broken atlas file -----------------------------------------------------


def _muscle(**changes: Any) -> dict[str, Any]:
    entry = {
        "key": "gluteus_medius",
        "name": "Gluteus medius",
        "region": "hip",
        "nerve": "Superior gluteal nerve",
        "roots": ["L4", "L5", "S1"],
        "principal_roots": ["L5"],
        "layer": "superficial",
        "views": ["posterior"],
        "sides": ["left", "right"],
        "over_thorax": False,
        "source": "https://example.org/gluteus-medius",
    }
    entry.update(changes)
    return entry


def _paraspinal(level: SpinalLevel) -> dict[str, Any]:
    return _muscle(
        key=f"paraspinal_{level.lower()}",
        name=f"Paraspinal (multifidus) {level}",
        region="back",
        nerve=f"Dorsal (posterior) ramus of {level}",
        roots=[level.value],
        principal_roots=[level.value],
        layer="deep",
        views=["posterior", "paraspinal"],
        over_thorax=level.region is SpinalRegion.THORACIC,
    )


def _document() -> dict[str, Any]:
    return {
        "version": 1,
        "source_note": "test atlas",
        "muscles": [_muscle(), _muscle(key="piriformis", roots=["S1", "S2"], principal_roots=[])],
        "paraspinal_levels": [_paraspinal(level) for level in PARASPINAL_LEVELS],
    }


def _valid_document() -> dict[str, Any]:
    doc = _document()
    doc["muscles"][1]["principal_roots"] = ["S1", "S2"]
    return doc


def _set(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["muscles"][0][field] = value

    return change


def _drop(field: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        del doc["muscles"][0][field]

    return change


def _duplicate(doc: dict[str, Any]) -> None:
    doc["muscles"].append(copy.deepcopy(doc["muscles"][0]))


def _drop_ladder_level(doc: dict[str, Any]) -> None:
    doc["paraspinal_levels"] = [e for e in doc["paraspinal_levels"] if e["roots"] != ["T7"]]


def _misname_ladder_level(doc: dict[str, Any]) -> None:
    doc["paraspinal_levels"][0]["key"] = "paraspinal_first"


def test_the_valid_test_document_parses():
    atlas = parse_atlas(json.dumps(_valid_document()))
    assert atlas["gluteus_medius"].principal_roots == ("L5",)
    assert len(atlas.paraspinals()) == len(PARASPINAL_LEVELS)


BROKEN = [
    (_duplicate, "atlas entry 'gluteus_medius': duplicate key"),
    (
        _set("key", "Gluteus Medius"),
        "atlas entry #1: bad key 'Gluteus Medius' (use lower-case snake_case, "
        "e.g. 'gluteus_medius')",
    ),
    (_drop("key"), "atlas entry #1: missing field 'key'"),
    (_set("roots", ["L4", "L9"]), "atlas entry 'gluteus_medius': unknown root 'L9'"),
    (_set("roots", ["l4"]), "atlas entry 'gluteus_medius': unknown root 'l4'"),
    (_set("roots", []), "atlas entry 'gluteus_medius': roots must be a non-empty list"),
    (_set("roots", ["L5", "L5"]), "atlas entry 'gluteus_medius': root 'L5' listed twice"),
    (_set("region", "buttock"), "atlas entry 'gluteus_medius': unknown region 'buttock'"),
    (_set("views", ["lateral"]), "atlas entry 'gluteus_medius': unknown view 'lateral'"),
    (_set("layer", "middle"), "atlas entry 'gluteus_medius': unknown layer 'middle'"),
    (_set("sides", ["both"]), "atlas entry 'gluteus_medius': unknown side 'both'"),
    (
        _set("sides", ["left", "midline"]),
        "atlas entry 'gluteus_medius': sides must be ['left', 'right'] or ['midline']",
    ),
    (
        _set("principal_roots", ["S2"]),
        "atlas entry 'gluteus_medius': principal root 'S2' is not among its roots",
    ),
    (_set("source", "  "), "atlas entry 'gluteus_medius': empty source"),
    (_drop("nerve"), "atlas entry 'gluteus_medius': missing field 'nerve'"),
    (_set("over_torax", True), "atlas entry 'gluteus_medius': unknown field 'over_torax'"),
    (_set("over_thorax", "no"), "atlas entry 'gluteus_medius': over_thorax must be true or false"),
    (
        _set("snomed", {"code": "78333006"}),
        "atlas entry 'gluteus_medius': snomed must be an object with 'code', 'display' and "
        "'source'",
    ),
    (
        _set("snomed", {"code": "22823001", "display": "x", "source": "y"}),
        "atlas entry 'gluteus_medius': snomed code '22823001' fails its check digit "
        "(a typing error?)",
    ),
    (
        _set("snomed", {"code": "7771-000", "display": "x", "source": "y"}),
        "atlas entry 'gluteus_medius': snomed code '7771-000' is not a SNOMED CT concept id",
    ),
    (_drop_ladder_level, "atlas paraspinal ladder is missing level 'T7'"),
    (
        _misname_ladder_level,
        "atlas entry 'paraspinal_first': paraspinal key should be 'paraspinal_c1'",
    ),
]


@pytest.mark.parametrize(("break_it", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_a_broken_entry_is_refused_with_a_one_line_message_naming_it(break_it, message):
    doc = _valid_document()
    break_it(doc)
    with pytest.raises(AtlasError) as caught:
        parse_atlas(json.dumps(doc))
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_an_empty_principal_root_list_is_refused():
    with pytest.raises(AtlasError, match="'piriformis': principal roots must be a non-empty"):
        parse_atlas(json.dumps(_document()))


def test_text_that_is_not_json_is_refused_as_such():
    with pytest.raises(AtlasError, match=r"^atlas is not valid JSON"):
        parse_atlas('{"muscles": [')


def test_an_atlas_error_is_a_value_error():
    assert issubclass(AtlasError, ValueError)


def test_snomed_codes_are_optional_and_each_is_in_dicoms_muscle_table(atlas):
    """Every code the atlas holds is checked against DICOM PS3.16 (CID 6116, as pydicom
    ships it): the code is there, as a body structure whose term matches the display."""
    from pydicom.sr._concepts_dict import concepts as dicom_concepts

    concepts = dicom_concepts["SCT"]
    terms: dict[str, set[str]] = {}
    for meanings in concepts.values():
        for code, (meaning, _cids) in meanings.items():
            terms.setdefault(code, set()).add(meaning)
    coded = [m for m in atlas if m.snomed is not None]
    assert len(coded) >= 20
    assert any(m.snomed is None for m in atlas)  # the rest export their name as text
    for muscle in coded:
        assert muscle.snomed is not None
        assert f"{muscle.snomed.display} (body structure)" in terms[muscle.snomed.code], muscle.key
        assert "CID 6116" in muscle.snomed.source and muscle.snomed.code in muscle.snomed.source
