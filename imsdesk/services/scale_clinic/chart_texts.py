"""What the scale clinic's charts say: note templates, exam signs, referrals, events.

Plain, modest wording a therapist might type; the visit course fills in the pain
and the levels.
"""

EXAM_SIGNS = ("tender_motor_point", "taut_band", "restricted_rom", "paraspinal_tenderness")
EXAM_SIGNS += ("pilomotor", "trophedema", "dermatomal_hyperalgesia")
REFERRALS = ("Family physician", "Self-referred", "Sports medicine clinic", "Orthopaedic surgeon")
SUBJECTIVE = (
    "Pain {before}/10 this week; sleep {sleep}.",
    "Reports pain {before}/10, worse after sitting; sleep {sleep}.",
    "About the same as last week, {before}/10; sleep {sleep}.",
    "Better on waking, {before}/10 by evening; sleep {sleep}.",
)
OBJECTIVE = (
    "Taut bands and tender motor points at {levels}; range restricted at the end.",
    "Paraspinal tenderness {levels}; trophedema over the lower segments.",
    "Shortened muscles as marked; tender motor points {levels}.",
)
ASSESSMENT = (
    "Segmental involvement {levels}, settling.",
    "Findings consistent with radiculopathic pain {levels}.",
    "Improving; fewer tender points than last visit.",
)
PLAN = (
    "IMS to the marked muscles and paraspinals {levels}; review in one week.",
    "Continue weekly IMS; home stretches for the shortened muscles.",
    "IMS as today; heat after treatment; next visit in one week.",
)
AMENDMENTS = (
    ("Wrong side noted", "The objective finding refers to the patient's left side."),
    ("Addition", "Patient phoned the next day: soreness settled overnight."),
    ("Typing error", "Pain before treatment was 6/10, not 16/10."),
)
ADVERSE = (
    ("bruising", "Small bruise at a needle site.", "Reassured; ice."),
    ("increased_pain", "Post-needling soreness for two days.", "Advice on heat and movement."),
    ("fainting", "Felt faint after the first needles.", "Lay flat, recovered in minutes."),
    ("nausea", "Brief nausea after treatment.", "Rested, water; settled."),
)
EXPLAINED = (
    "IMS explained: fine needles into shortened muscles; soreness for a day or two is "
    "common; rare risks named, including bruising, fainting and, over the chest, pneumothorax."
)
