"""Why the scale clinic's patients come: conditions, their spinal levels and muscle regions.

A condition decides which levels are examined and needled, where the shortened muscles
are looked for, and which outcome measure is scored besides the pain rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from imsdesk.domain.anatomy import Region


@dataclass(frozen=True)
class Condition:
    """What brings a patient: which levels are involved and where the limb muscles lie."""

    name: str
    levels: tuple[str, str]  # the segmental range examined and needled
    regions: tuple[Region, ...]  # where the shortened muscles are found
    instrument: str  # the condition's outcome measure, besides the pain rating
    weight: int


CONDITIONS = (
    Condition("Chronic low back pain", ("L3", "S1"), (Region.BACK, Region.HIP), "odi", 30),
    Condition(
        "Low back pain with sciatica",
        ("L4", "S2"),
        (Region.BACK, Region.HIP, Region.THIGH, Region.LEG),
        "odi",
        20,
    ),
    Condition(
        "Chronic neck pain",
        ("C3", "C7"),
        (Region.HEAD_NECK, Region.SHOULDER, Region.BACK),
        "ndi",
        18,
    ),
    Condition(
        "Shoulder pain", ("C4", "C7"), (Region.SHOULDER, Region.ARM, Region.BACK), "quickdash", 10
    ),
    Condition("Lateral elbow pain", ("C5", "C8"), (Region.ARM, Region.FOREARM), "quickdash", 6),
    Condition("Thoracic back pain", ("T2", "T8"), (Region.BACK, Region.THORAX), "nprs", 5),
    Condition("Knee pain", ("L2", "S1"), (Region.THIGH, Region.LEG, Region.HIP), "lefs", 7),
    Condition("Plantar heel pain", ("L4", "S2"), (Region.LEG, Region.FOOT), "lefs", 4),
)
CONDITION_WEIGHTS = tuple(accumulate(c.weight for c in CONDITIONS))
