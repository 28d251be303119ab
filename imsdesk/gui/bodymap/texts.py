"""Words the body map shows: names with the patient's side, tooltips, captions.

Qt-free so the list, the map, the printout and the tests say exactly the same thing.
"""

from __future__ import annotations

import re

from imsdesk.domain.anatomy import Atlas, Layer, Muscle, Side, View
from imsdesk.domain.marks import NeedleSite, Response, Severity
from imsdesk.domain.safety import has_thorax_precaution
from imsdesk.services.mark_commands import MarkCommand, ReplaceMarks, SetFinding

THORAX_PRECAUTION = "Lung below: needle with care"

# Tab titles, in the order the therapist meets them: one word each, so that every tab
# shows on a laptop screen (the insets of deep muscles are named in full in the tooltip).
VIEW_TITLES: dict[View, str] = {
    View.ANTERIOR: "Front",
    View.POSTERIOR: "Back",
    View.NECK_LATERAL: "Neck",
    View.SHOULDER_DEEP: "Shoulder",
    View.FOREARM: "Forearm",
    View.HAND: "Hand",
    View.HIP_DEEP: "Hip",
    View.CALF_DEEP: "Calf",
    View.FOOT: "Foot",
    View.PARASPINAL: "Spine",
}

# What each view is called in its caption (the tab title is shorter).
VIEW_NAMES: dict[View, str] = {
    View.ANTERIOR: "Front (anterior)",
    View.POSTERIOR: "Back (posterior)",
    View.NECK_LATERAL: "Neck, side view",
    View.SHOULDER_DEEP: "Shoulder, deep layer",
    View.FOREARM: "Forearm",
    View.HAND: "Hand",
    View.HIP_DEEP: "Hip, deep layer",
    View.CALF_DEEP: "Calf, deep layer",
    View.FOOT: "Foot",
    View.PARASPINAL: "Paraspinal ladder C1–S2",
}

SEVERITY_WORDS = {Severity.MILD: "mild", Severity.MODERATE: "moderate", Severity.MARKED: "marked"}
RESPONSE_WORDS = {None: "not recorded", **{r: r.label.lower() for r in Response}}


def lower_first(text: str) -> str:
    """'Gluteus medius' -> 'gluteus medius', but 'L4 ...' and 'CN XI' stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def short_name(muscle: Muscle) -> str:
    """The name a narrow list shows: 'Paraspinal L4', 'Peroneus longus', 'Thenar muscles'.

    Words in brackets go, unless they end the name and are short enough to be what tells
    two muscles apart ('Dorsal interossei (hand)'); so does the 'fibres' or 'head' after
    the part named ('Trapezius, upper'). The full name is in the row's tooltip.
    """
    name = _PART_NOUN.sub(r"\1", _ASIDE.sub("", muscle.name))
    last = _LAST_ASIDE.search(name)
    if last is not None and len(last.group(1)) > SHORT_QUALIFIER:
        name = name[: last.start()]
    return name


_ASIDE = re.compile(r" \([^)]*\)(?= )")  # within the name: 'Paraspinal (multifidus) L4'
_LAST_ASIDE = re.compile(r" \(([^)]*)\)$")
_PART_NOUN = re.compile(r"(, \w+) (?:fibres|head)$")  # "Trapezius, upper fibres"
SHORT_QUALIFIER = 8  # characters: '(hand)' stays, '(suboccipital)' goes


def target_name(muscle: Muscle, side: Side) -> str:
    """'Left gluteus medius': the patient's side first, as therapists say it."""
    if side is Side.MIDLINE:
        return muscle.name
    return f"{side.label} {lower_first(muscle.name)}"


def target_name_for(atlas: Atlas, muscle_key: str, side: Side) -> str:
    muscle = atlas.get(muscle_key)
    return target_name(muscle, side) if muscle else f"{side.label} {muscle_key}"


def roots_text(muscle: Muscle) -> str:
    return " ".join(level.value for level in muscle.roots)


def tooltip(muscle: Muscle, side: Side) -> str:
    """'Left gluteus medius — superior gluteal nerve, L4 L5 S1', plus any precaution."""
    deep = " (deep)" if muscle.layer is Layer.DEEP else ""
    text = f"{target_name(muscle, side)}{deep} — {lower_first(muscle.nerve)}, {roots_text(muscle)}"
    if has_thorax_precaution(muscle):
        text += f"\n⚠ {THORAX_PRECAUTION}"
    return text


def severity_text(severity: Severity) -> str:
    return f"{int(severity)} — {SEVERITY_WORDS[severity]}"


def severity_dots(severity: Severity) -> str:
    return "●" * int(severity) + "○" * (3 - int(severity))


def needle_text(site: NeedleSite) -> str:
    """'grasp · 40 mm deep · 50 mm 0.30 mm': what the list and the tooltip say of a needle."""
    parts = [RESPONSE_WORDS[site.response]]
    if site.depth_mm is not None:
        parts.append(f"{site.depth_mm:g} mm deep")
    needle = " ".join(
        p for p in (f"{site.length_mm} mm" if site.length_mm else "", site.gauge) if p
    )
    if needle:
        parts.append(f"needle {needle}")
    return " · ".join(parts)


def needle_tooltip(atlas: Atlas, site: NeedleSite) -> str:
    text = f"Needle in {lower_first(target_name_for(atlas, site.muscle_key, site.side))}"
    text += f"\n{needle_text(site)}"
    if site.note:
        text += f"\n{site.note}"
    return text


def orientation(viewer_left: Side | None) -> str:
    """How the drawing faces the viewer, in the patient's terms."""
    if viewer_left is Side.RIGHT:
        return "Patient's right on your left"
    if viewer_left is Side.LEFT:
        return "Patient's left on your left"
    return "Patient's L and R marked on each drawing"


def caption(view: View, viewer_left: Side | None) -> str:
    """The sides first ("Patient's right on your left — Front (anterior)"), so a narrow
    window cuts the view's name (its tab says it too), never which side is which."""
    return f"{orientation(viewer_left)} — {VIEW_NAMES[view]}"


def describe_command(atlas: Atlas, command: MarkCommand) -> str:
    """One line for the status bar and the undo history: what was saved."""
    if isinstance(command, ReplaceMarks):
        findings, needles = len(command.after.findings), len(command.after.needles)
        return (
            f"{command.text}: {findings} shortened muscle{'s' * (findings != 1)} and "
            f"{needles} needle site{'s' * (needles != 1)}"
        )
    if isinstance(command, SetFinding):
        name = target_name_for(atlas, command.muscle_key, command.side)
        if command.after is None:
            return f"Cleared {lower_first(name)}"
        if command.before is not None and command.before.severity == command.after.severity:
            return f"Noted {lower_first(name)}"
        return f"{name}: shortened, {severity_text(command.after.severity)}"
    site = command.after or command.before
    assert site is not None
    name = lower_first(target_name_for(atlas, site.muscle_key, site.side))
    if command.after is None:
        return f"Removed needle from {name}"
    if command.before is None:
        muscle = atlas.get(site.muscle_key)
        if muscle is not None and has_thorax_precaution(muscle):
            return f"Needle placed in {name} — ⚠ {THORAX_PRECAUTION.lower()}"
        return f"Needle placed in {name}"
    if command.before.response != command.after.response:
        return f"Needle in {name}: {RESPONSE_WORDS[command.after.response]}"
    return f"Needle in {name}: details saved"
