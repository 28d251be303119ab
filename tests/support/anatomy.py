"""Anatomy facts several test files check against."""

# DOMAIN.md, Safety: the higher-risk areas for pneumothorax (plus the upper
# trapezius and scalenes); each must carry the thorax precaution.
THORAX_RISK_KEYS = (
    "trapezius_upper",
    "trapezius_middle",
    "rhomboid_major",
    "rhomboid_minor",
    "supraspinatus",
    "scalenus_anterior",
    "scalenus_medius",
    "scalenus_posterior",
    "infraspinatus",
    "intercostals",
    "serratus_anterior",
)
