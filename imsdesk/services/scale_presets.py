"""The sizes of demo clinic that `imsdesk demo-data --scale` can make (cheap to import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScalePreset:
    name: str
    patients: int
    years: int
    therapists: int
    about: str


SCALE_PRESETS = {
    preset.name: preset
    for preset in (
        ScalePreset("small", 150, 1, 2, "a small clinic's year: quick to make, for trying things"),
        ScalePreset("clinic1y", 3_000, 1, 5, "a five-therapist clinic's first year"),
        ScalePreset(
            "clinic10y", 30_000, 10, 5, "a five-therapist clinic after ten years (5M needle sites)"
        ),
    )
}
