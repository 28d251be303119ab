"""The safety screen that opens each course of visits, and the outcome measures scored in it.

Scores come from the domain's own scoring rules, from answers that follow the
patient's pain, so a chart's outcome graph tells the same story as its pain ratings.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

from imsdesk.domain.outcomes import Direction, get_instrument, score
from imsdesk.domain.screening import QUESTION_KEYS
from imsdesk.services.scale_clinic.chart_texts import EXPLAINED
from imsdesk.services.scale_clinic.conditions import Condition
from imsdesk.services.scale_clinic.draws import pick


def screen_row(
    rng: random.Random, patient_id: int, visit_id: int, by: int, started: datetime
) -> tuple[Any, ...]:
    """A screen taken just before the first visit, consent given after the explanation."""
    answers = dict.fromkeys(QUESTION_KEYS, False)
    if rng.random() < 0.15:
        answers[pick(rng, ("anticoagulants", "needle_phobia", "diabetes", "fainting"))] = True
    return (
        patient_id,
        visit_id,
        by,
        started - timedelta(minutes=5),
        json.dumps(answers, sort_keys=True),
        "",
        True,
        "patient",
        EXPLAINED,
    )


def score_rows(
    rng: random.Random,
    visit_id: int,
    condition: Condition,
    pain: int,
    started: datetime,
    with_condition_measure: bool,
) -> list[tuple[Any, ...]]:
    """The pain rating, and (when asked for) the condition's own questionnaire."""
    rows: list[tuple[Any, ...]] = [(visit_id, "nprs", f"[{pain}]", "[]", float(pain), started)]
    if not with_condition_measure or condition.instrument == "nprs":
        return rows
    instrument = get_instrument(condition.instrument)
    share = pain / 10
    if instrument.direction is Direction.HIGHER_IS_BETTER:
        share = 1 - share
    answers = []
    for _ in range(instrument.item_count):
        spread = instrument.item_max - instrument.item_min
        value = round(instrument.item_min + spread * share + rng.uniform(-1, 1))
        answers.append(min(instrument.item_max, max(instrument.item_min, value)))
    result = score(instrument, answers)
    rows.append((visit_id, instrument.key.value, json.dumps(answers), "[]", result.score, started))
    return rows
