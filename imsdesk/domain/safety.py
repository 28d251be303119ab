"""Safety precautions for needle sites: where the lung and pleura lie beneath.

Pneumothorax is the most serious documented complication of needling (DOMAIN.md, Safety).
A target carries the lung/pleura precaution when the atlas marks it ``over_thorax`` (the
chest wall and the lung apex) or when it is a thoracic paraspinal, T1 to T12, which this
module flags whatever the atlas says. The GUI shows the precautions for a visit's needle
sites and the visit records that the therapist acknowledged them. Wording stays factual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from imsdesk.domain.anatomy import Atlas, Muscle, Side, SpinalRegion, load_atlas
from imsdesk.domain.marks import NeedleSite

__all__ = [
    "PATIENT_ADVICE",
    "PNEUMOTHORAX_NOTE",
    "Precaution",
    "PrecautionKind",
    "PrecautionReason",
    "acknowledgement_text",
    "has_thorax_precaution",
    "precautions_to_acknowledge",
    "thorax_reason",
    "thorax_targets",
    "visit_precautions",
]

PNEUMOTHORAX_NOTE = (
    "Pneumothorax is the most serious documented complication of needling. Symptoms "
    "(breathlessness, chest pain, dry cough) can start late: a published case began two "
    "days after treatment. Lean and small-framed patients are reported to be at higher risk."
)

# For the take-home summary after a visit with any of these sites.
PATIENT_ADVICE = (
    "You had needling near the chest today. If in the next few days you become short of "
    "breath, or have chest pain or a dry cough, seek medical help promptly and say that you "
    "had needling near the chest."
)


class PrecautionKind(StrEnum):
    LUNG_PLEURA = "lung_pleura"

    @property
    def label(self) -> str:
        return "Lung and pleura"


class PrecautionReason(StrEnum):
    THORACIC_PARASPINAL = "thoracic_paraspinal"
    OVER_THORAX = "over_thorax"


@dataclass(frozen=True)
class Precaution:
    """One muscle and side needled this visit that carries a precaution, with the reason."""

    muscle_key: str
    muscle_name: str
    side: Side
    reason: PrecautionReason
    site_count: int = 1
    kind: PrecautionKind = PrecautionKind.LUNG_PLEURA

    @property
    def title(self) -> str:
        """ "Rhomboid major, left"."""
        return f"{self.muscle_name}, {self.side.value}"

    @property
    def why(self) -> str:
        if self.reason is PrecautionReason.THORACIC_PARASPINAL:
            return (
                f"{self.muscle_name}: a thoracic level; the pleura and lung lie deep to the "
                "paraspinal muscles here."
            )
        return (
            f"{self.muscle_name} lies over the chest wall or the lung apex; a needle that "
            "goes too deep can reach the pleura and lung."
        )


def thorax_reason(muscle: Muscle) -> PrecautionReason | None:
    """Why needling ``muscle`` carries the lung/pleura precaution, or None if it does not."""
    level = muscle.paraspinal_level
    if level is not None and level.region is SpinalRegion.THORACIC:
        return PrecautionReason.THORACIC_PARASPINAL
    if muscle.over_thorax:
        return PrecautionReason.OVER_THORAX
    return None


def has_thorax_precaution(muscle: Muscle) -> bool:
    return thorax_reason(muscle) is not None


def thorax_targets(atlas: Atlas | None = None) -> tuple[Muscle, ...]:
    """Every atlas target with the precaution, in atlas order (for marking them on the map)."""
    atlas = load_atlas() if atlas is None else atlas
    return tuple(m for m in atlas if has_thorax_precaution(m))


def visit_precautions(
    needles: Iterable[NeedleSite], *, atlas: Atlas | None = None
) -> tuple[Precaution, ...]:
    """One precaution per muscle and side needled, in the order first needled.

    A key missing from the atlas raises KeyError: a site that cannot be checked must not
    pass silently as safe.
    """
    atlas = load_atlas() if atlas is None else atlas
    found: dict[tuple[str, Side], Precaution] = {}
    for site in needles:
        muscle = atlas[site.muscle_key]
        reason = thorax_reason(muscle)
        if reason is None:
            continue
        side = Side(site.side)
        held = found.get((muscle.key, side))
        count = 1 if held is None else held.site_count + 1
        found[(muscle.key, side)] = Precaution(muscle.key, muscle.name, side, reason, count)
    return tuple(found.values())


def acknowledgement_text(precautions: Iterable[Precaution]) -> str:
    """What the therapist acknowledges for the visit; empty when nothing needs it."""
    listed = tuple(precautions)
    if not listed:
        return ""
    lines = ["Needle sites with a lung and pleura precaution this visit:"]
    for p in listed:
        sites = f" ({p.site_count} sites)" if p.site_count > 1 else ""
        lines.append(f"- {p.title}{sites}. {p.why}")
    lines.append(PNEUMOTHORAX_NOTE)
    return "\n".join(lines)


def precautions_to_acknowledge(needles: Iterable[NeedleSite], *, atlas: Atlas | None = None) -> str:
    """The acknowledgement a visit's needle sites call for; empty when none is needed."""
    return acknowledgement_text(visit_precautions(needles, atlas=atlas))
