"""Dermatome key sensory points: every level of the spine strip has one (or says why not),
each lies on the body in the views that show it, and a broken file is refused with a
message naming the bad entry."""

from __future__ import annotations

import re

import pytest

from imsdesk.domain.anatomy import SPINAL_LEVELS, Side, SpinalLevel, View
from imsdesk.domain.artwork import contains, flatten, load_view
from imsdesk.domain.dermatomes import (
    DERMATOME_LEVELS,
    DermatomeError,
    load_dermatomes,
    parse_dermatomes,
)
from imsdesk.resources import read_text

SHIPPED = read_text("atlas", "dermatomes.toml")


def test_every_level_of_the_spine_strip_has_a_key_point_or_says_why_not():
    dermatomes = load_dermatomes()
    for level in SPINAL_LEVELS:
        dermatome = dermatomes.get(level)
        if dermatome is None:
            assert dermatomes.why_absent(level), f"{level}: no overlay and no reason given"
        else:
            assert dermatome.key_point.strip()
            assert dermatomes.views_showing(level), f"{level}: shown on no view"
    assert dermatomes.get("C1") is None
    assert "C2" in dermatomes.why_absent("C1")
    # ISNCSCI's sacral points below the strip are there too.
    assert dermatomes.get("S3") is not None
    assert dermatomes.get("s4-5") is not None


def test_the_data_names_its_sources_and_the_caution_shown_with_it():
    dermatomes = load_dermatomes()
    assert "International Standards for Neurological Classification" in dermatomes.source
    assert "Lee MWL, McPhee RW, Stringer MD" in dermatomes.source
    assert "vary between individuals and between sources" in dermatomes.variability


def test_views_are_drawn_as_the_artwork_draws_them():
    for view, frame in load_dermatomes().frames.items():
        (panel,) = load_view(view).panels
        assert (panel.mirror_x, panel.viewer_left) == (frame.mirror_x, frame.viewer_left)


@pytest.mark.parametrize("view", [View.ANTERIOR, View.POSTERIOR])
def test_every_key_point_lies_on_the_body_on_the_patients_own_side(view):
    dermatomes = load_dermatomes()
    art = load_view(view)
    body = flatten(art.outline)
    frame = dermatomes.frames[view]
    for dermatome in dermatomes.dermatomes:
        for side in (Side.LEFT, Side.RIGHT):
            at = dermatomes.position(dermatome.level, side, view)
            if at is None:
                continue
            x, y = at
            # Well inside the outline, not on its edge.
            for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
                assert contains(body, x + dx, y + dy), f"{dermatome.level} {side} off the body"
            on_viewer_left = x <= frame.mirror_x
            assert on_viewer_left == (side is frame.viewer_left), f"{dermatome.level} {side}"


def test_the_sides_mirror_each_other_and_the_landmarks_run_head_to_tail():
    dermatomes = load_dermatomes()
    right = dermatomes.position("C6", Side.RIGHT, View.POSTERIOR)
    left = dermatomes.position("C6", Side.LEFT, View.POSTERIOR)
    assert right is not None and left is not None
    assert right[1] == left[1] and right[0] + left[0] == 400
    # The thumb's dorsum faces the back view; the dorsum of the foot the front view.
    assert dermatomes.views_showing("C6") == (View.POSTERIOR,)
    assert dermatomes.views_showing("L5") == (View.ANTERIOR,)
    assert dermatomes.position("T10", Side.LEFT, View.POSTERIOR) is None
    chest = [
        dermatomes.position(level, Side.RIGHT, View.ANTERIOR)
        for level in SpinalLevel.range("T3", "T11")
    ]
    heights = [point[1] for point in chest if point is not None]
    assert len(heights) == 9 and heights == sorted(heights)
    # T3 to T11 lie on one line: the midclavicular line.
    assert len({point[0] for point in chest if point is not None}) == 1


def test_levels_are_read_as_typed():
    dermatomes = load_dermatomes()
    assert dermatomes.get(" l5 ") == dermatomes.get(SpinalLevel.L5)
    with pytest.raises(ValueError, match="unknown spinal level"):
        dermatomes.get("X9")


def _broken(old: str, new: str) -> str:
    assert old in SHIPPED, old
    return SHIPPED.replace(old, new, 1)


BAD_FILES = {
    "not toml": ("version = 1", "version = = 1", "not valid TOML"),
    "unknown level": ('level = "C7"', 'level = "C9"', "dermatomes entry #6: level 'C9'"),
    "level twice": ('level = "C7"', 'level = "C6"', "dermatome C6: listed twice"),
    "no key point": (
        'key_point = "Lateral heel (calcaneus)"',
        'key_point = " "',
        "dermatome S1: key_point",
    ),
    "point off its half": ("posterior = [43, 515]", "posterior = [243, 515]", "dermatome C6"),
    "point not a pair": ("anterior = [171, 875]", "anterior = [171]", "dermatome L5, anterior"),
    "unknown field": (
        "anterior = [171, 875]",
        "front = [171, 875]",
        "dermatome L5: unknown field 'front'",
    ),
    "view not framed": ("[views.posterior]", "[views.hand]", "dermatome C2: view 'posterior'"),
    "bad viewer side": (
        'viewer_left = "left"',
        'viewer_left = "midline"',
        "dermatome view 'posterior': viewer_left must be",
    ),
    "absent without reason": (
        'reason = "ISNCSCI has no C1',
        'why = "ISNCSCI has no C1',
        "absent dermatome C1: unknown field 'why'",
    ),
    "no source": ("source = ", "sources = ", "missing the top-level field 'source'"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_broken_file_is_refused_naming_the_entry(name):
    old, new, message = BAD_FILES[name]
    with pytest.raises(DermatomeError, match=re.escape(message)):
        parse_dermatomes(_broken(old, new))


def test_a_level_neither_drawn_nor_explained_is_refused():
    text = _broken(
        '[[absent]]\nlevel = "C1"\nreason = "ISNCSCI has no C1 key sensory point: its sensory '
        'examination starts at C2."\n',
        "",
    )
    with pytest.raises(DermatomeError, match=r"dermatome C1: neither a key point nor a reason"):
        parse_dermatomes(text)


def test_levels_out_of_order_are_refused():
    moved = _broken('level = "C3"', 'level = "C3x"').replace('level = "C2"', 'level = "C3"')
    moved = moved.replace('level = "C3x"', 'level = "C2"')
    with pytest.raises(DermatomeError, match="head to tail"):
        parse_dermatomes(moved)


def test_the_known_level_list_runs_from_c1_to_the_perianal_level():
    assert DERMATOME_LEVELS[0] == "C1" and DERMATOME_LEVELS[-1] == "S4-5"
    assert DERMATOME_LEVELS[: len(SPINAL_LEVELS)] == SPINAL_LEVELS
