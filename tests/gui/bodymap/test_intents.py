"""What clicks and keys mean, without Qt: the rules behind the panel's one-line slots, and
the panel's local copy of the marks matching what the service stored after every step."""

from __future__ import annotations

import random

from imsdesk.domain.anatomy import Side, View, load_atlas
from imsdesk.domain.marks import MuscleFinding, Response, Severity, VisitMarks
from imsdesk.gui.bodymap import intents
from imsdesk.gui.bodymap.texts import describe_command, short_name
from imsdesk.services.marks import MarkService

GLUTE = ("gluteus_medius", Side.LEFT)


def test_clicks_mark_then_raise_severity_and_stop_at_three():
    marks = VisitMarks()
    seen = []
    for _ in range(4):
        command = intents.cycle_finding(1, marks, *GLUTE)
        if command is None:
            seen.append(None)
            continue
        marks = intents.applied(marks, command)
        seen.append(int(marks.finding(*GLUTE).severity))
    assert seen == [1, 2, 3, None]


def test_severity_keys_note_and_clear():
    marks = VisitMarks()
    command = intents.set_severity(1, marks, *GLUTE, 2)
    assert command.before is None and command.after.severity is Severity.MODERATE
    marks = intents.applied(marks, command)
    assert intents.set_severity(1, marks, *GLUTE, 2) is None  # no change, no undo step
    noted = intents.set_finding_note(1, marks, "soleus", Side.RIGHT, "  taut band ")
    assert noted.after == MuscleFinding("soleus", Side.RIGHT, Severity.MILD, "taut band")
    assert intents.clear_finding(1, marks, "soleus", Side.RIGHT) is None
    assert intents.clear_finding(1, marks, *GLUTE).after is None


def test_needles_are_placed_edited_and_removed_by_uid():
    command = intents.place_needle(1, *GLUTE, View.POSTERIOR, 140.25, 401.5)
    site = command.after
    assert (site.x, site.y, site.view, site.response) == (140.25, 401.5, View.POSTERIOR, None)
    marks = intents.applied(VisitMarks(), command)
    edit = intents.edit_needle(1, marks, site.uid, response="twitch", gauge=" 0.30 mm ")
    assert edit.after.response is Response.TWITCH and edit.after.gauge == "0.30 mm"
    assert edit.after.uid == site.uid
    assert intents.edit_needle(1, marks, site.uid, response=None) is None  # unchanged
    assert intents.remove_needle(1, marks, "nope") is None
    marks = intents.applied(marks, edit)
    assert intents.applied(marks, edit, undo=True).needles == (site,)


def test_the_local_copy_matches_the_service_after_every_step_and_every_undo(
    marks: MarkService, visit_id: int
):
    rng = random.Random(7)
    targets = [("gluteus_medius", s) for s in Side if s is not Side.MIDLINE] + [
        ("soleus", Side.LEFT),
        ("piriformis", Side.RIGHT),
    ]
    local = VisitMarks()
    done = []
    for _ in range(60):
        key, side = rng.choice(targets)
        choice = rng.random()
        if choice < 0.4:
            command = intents.cycle_finding(visit_id, local, key, side)
        elif choice < 0.55:
            command = intents.clear_finding(visit_id, local, key, side)
        elif choice < 0.8 or not local.needles:
            command = intents.place_needle(visit_id, key, side, View.POSTERIOR, 100.0, 400.0)
        elif choice < 0.9:
            uid = rng.choice(local.needles).uid
            command = intents.edit_needle(visit_id, local, uid, depth_mm=rng.choice([20.0, 35.0]))
        else:
            command = intents.remove_needle(visit_id, local, rng.choice(local.needles).uid)
        if command is None:
            continue
        command.apply(marks)
        local = intents.applied(local, command)
        done.append(command)
        assert local == marks.marks(visit_id)
    for command in reversed(done):
        command.revert(marks)
        local = intents.applied(local, command, undo=True)
        assert local == marks.marks(visit_id)
    assert local == VisitMarks()


def test_every_saved_step_is_described_in_words_for_the_status_bar():
    atlas = load_atlas()
    marks = VisitMarks()
    marked = intents.cycle_finding(1, marks, *GLUTE)
    assert describe_command(atlas, marked) == "Left gluteus medius: shortened, 1 — mild"
    marks = intents.applied(marks, marked)
    noted = intents.set_finding_note(1, marks, *GLUTE, "jump sign")
    assert describe_command(atlas, noted) == "Noted left gluteus medius"
    assert describe_command(atlas, intents.clear_finding(1, marks, *GLUTE)) == (
        "Cleared left gluteus medius"
    )
    placed = intents.place_needle(1, "rhomboid_major", Side.RIGHT, View.POSTERIOR, 1.0, 2.0)
    assert describe_command(atlas, placed) == (
        "Needle placed in right rhomboid major — ⚠ lung below: needle with care"
    )
    marks = intents.applied(marks, placed)
    uid = placed.after.uid
    assert describe_command(atlas, intents.edit_needle(1, marks, uid, response="grasp")) == (
        "Needle in right rhomboid major: grasp"
    )
    assert describe_command(atlas, intents.edit_needle(1, marks, uid, depth_mm=30.0)) == (
        "Needle in right rhomboid major: details saved"
    )
    assert describe_command(atlas, intents.remove_needle(1, marks, uid)) == (
        "Removed needle from right rhomboid major"
    )


def test_the_list_names_muscles_short_and_still_tells_every_one_apart():
    atlas = load_atlas()
    names = {key: short_name(atlas[key]) for key in atlas.muscles}
    assert names["paraspinal_l4"] == "Paraspinal L4"  # the level is never cut off
    assert names["peroneus_longus"] == "Peroneus longus"
    assert names["thenar_muscles"] == "Thenar muscles"
    assert names["trapezius_upper"] == "Trapezius, upper"  # its "fibres" goes
    assert names["dorsal_interossei_hand"] == "Dorsal interossei (hand)"
    assert len(set(names.values())) == len(names)
