"""The course of care, patient by patient: episodes of weekly visits, and what each visit holds.

Everything is drawn from one random stream in a fixed order, so the same seed and
reference day always give the same clinic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.marks import NeedleSite
from imsdesk.domain.safety import precautions_to_acknowledge
from imsdesk.services.scale_clinic.batch import Batch
from imsdesk.services.scale_clinic.chart_texts import (
    ADVERSE,
    AMENDMENTS,
    ASSESSMENT,
    EXAM_SIGNS,
    OBJECTIVE,
    PLAN,
    REFERRALS,
    SUBJECTIVE,
)
from imsdesk.services.scale_clinic.conditions import CONDITION_WEIGHTS, CONDITIONS, Condition
from imsdesk.services.scale_clinic.draws import at, course_length, pick, weighted
from imsdesk.services.scale_clinic.names import patient_row
from imsdesk.services.scale_clinic.needle_sites import needle_sites
from imsdesk.services.scale_clinic.placement import Targets
from imsdesk.services.scale_clinic.screens_and_scores import score_rows, screen_row
from imsdesk.services.scale_presets import ScalePreset
from imsdesk.store.bulk import BulkWriter
from imsdesk.store.models import EpisodeRow, PatientRow, VisitRow

Focus = tuple[tuple[SpinalLevel, ...], tuple[str, ...], list]  # levels, sides, muscle pool


class ClinicMaker:
    """Draws the clinic patient by patient from one random stream (hence deterministic)."""

    def __init__(self, rng: random.Random, preset: ScalePreset, today: date, targets: Targets):
        self.rng = rng
        self.preset = preset
        self.today = today
        self.targets = targets
        self.first_day = today - timedelta(days=365 * preset.years)

    def batch(
        self, writer: BulkWriter, size: int, charts: Iterator[str], therapists: list[int]
    ) -> Batch:
        batch = Batch(writer)
        ids = {
            name: writer.next_id(row.__table__)
            for name, row in (("patient", PatientRow), ("episode", EpisodeRow), ("visit", VisitRow))
        }
        for _ in range(size):
            self._patient(batch, ids, next(charts), therapists)
        return batch

    # -- one patient --------------------------------------------------------------
    def _patient(
        self, batch: Batch, ids: dict[str, int], chart: str, therapists: list[int]
    ) -> None:
        rng = self.rng
        patient_id = ids["patient"]
        ids["patient"] += 1
        span_days = (self.today - self.first_day).days
        first_seen = self.first_day + timedelta(days=rng.randrange(span_days + 1))
        registered = at(first_seen - timedelta(days=rng.randint(1, 10)), 9 * 60)
        batch.patients.append(patient_row(rng, patient_id, chart, registered, self.today))
        therapist = therapists[int(rng.random() * len(therapists))]
        condition = CONDITIONS[weighted(rng, CONDITION_WEIGHTS)]
        episodes = 1 + weighted(rng, (70, 85, 93, 97, 100))  # 1 to 5 episodes of care
        start = first_seen
        if rng.random() < 0.03:
            return  # registered, never came
        for number in range(episodes):
            if start > self.today:
                break
            last_day = self._episode(
                batch, ids, patient_id, therapists, therapist, condition, start
            )
            start = last_day + timedelta(days=rng.randint(60, 720))
            if number and rng.random() < 0.5:  # a new problem now and then
                condition = CONDITIONS[weighted(rng, CONDITION_WEIGHTS)]

    def _episode(
        self,
        batch: Batch,
        ids: dict[str, int],
        patient_id: int,
        therapists: list[int],
        therapist: int,
        condition: Condition,
        start: date,
    ) -> date:
        """Weekly visits (sometimes two weeks apart) until the course ends or today comes."""
        rng = self.rng
        episode_id = ids["episode"]
        ids["episode"] += 1
        planned = course_length(rng)
        days = [start]
        for _ in range(planned - 1):
            days.append(days[-1] + timedelta(days=7 if rng.random() < 0.85 else 14))
        days = [day for day in days if day <= self.today]
        finished = len(days) == planned and (self.today - days[-1]).days > 21
        batch.episodes.append(
            (
                episode_id,
                patient_id,
                condition.name,
                start,
                REFERRALS[int(rng.random() * len(REFERRALS))],
                None,
                "Less pain; back to usual activities.",
                days[-1] if finished else None,
                at(start, 8 * 60),
                at(start, 8 * 60),
            )
        )
        focus = self._focus(condition)
        pain = rng.randint(5, 9)
        for index, day in enumerate(days):
            by = (
                therapist if rng.random() < 0.9 else therapists[int(rng.random() * len(therapists))]
            )
            visit_id = ids["visit"]
            ids["visit"] += 1
            is_last = index == len(days) - 1
            self._visit(batch, visit_id, patient_id, by, episode_id, condition, focus, day, pain)
            started = batch.visits[-1][3]
            if index == 0:
                batch.screens.append(screen_row(rng, patient_id, visit_id, by, started))
            if index == 0 or index % 3 == 0 or (is_last and finished):
                batch.scores += score_rows(
                    rng, visit_id, condition, pain, started, index == 0 or is_last
                )
            pain = max(0, pain - (1 if rng.random() < 0.55 else 0))
        return days[-1]

    def _focus(self, condition: Condition) -> Focus:
        """This episode's levels (2–4 adjacent), sides and pool of muscles."""
        rng = self.rng
        span = self.targets.levels[condition.name]
        width = min(len(span), rng.randint(2, 4))
        first = rng.randint(0, len(span) - width)
        levels = span[first : first + width]
        roll = rng.random()
        sides = ("left",) if roll < 0.45 else ("right",) if roll < 0.85 else ("left", "right")
        candidates = [t for t in self.targets.limb[condition.name] if t[1] in (*sides, "midline")]
        pool = rng.sample(candidates, min(len(candidates), rng.randint(4, 10)))
        return levels, sides, pool

    # -- one visit ---------------------------------------------------------------
    def _visit(
        self,
        batch: Batch,
        visit_id: int,
        patient_id: int,
        therapist: int,
        episode_id: int,
        condition: Condition,
        focus: Focus,
        day: date,
        pain: int,
    ) -> None:
        rng = self.rng
        levels, sides, pool = focus
        slot = 8 * 60 + 15 * int(rng.random() * 38)  # 08:00 to 17:15
        started = at(day, slot)
        # Notes are signed the same day; a few drafts are left for later, now and then forgotten.
        age = (self.today - day).days
        signed = not (rng.random() < (0.6 if age == 0 else 0.01 if age <= 14 else 0))
        signed_at = started + timedelta(minutes=rng.randint(40, 90)) if signed else None
        level_text = f"{levels[0]}–{levels[-1]}"

        findings = rng.sample(pool, min(len(pool), rng.randint(2, 8)))
        for key, side in findings:
            severity = 3 if pain >= 7 else 2 if pain >= 4 else 1
            batch.findings.append((visit_id, key, side, severity, "", started, started))

        sites = needle_sites(rng, self.targets, visit_id, levels, sides, findings or pool, started)
        batch.needles.extend(sites)
        precaution = ""
        thorax = [s for s in sites if s[2] in self.targets.thorax]
        if thorax:
            precaution = precautions_to_acknowledge(
                NeedleSite(s[2], Side(s[3]), View(s[4]), s[5], s[6], uid=s[0]) for s in thorax
            )
        if rng.random() < 0.4:
            sign_side = sides[int(rng.random() * len(sides))]
            for kind in rng.sample(EXAM_SIGNS, rng.randint(1, 3)):
                level = levels[int(rng.random() * len(levels))].value
                batch.signs.append((visit_id, level, sign_side, kind, "", started))
        after = max(0, pain - rng.randint(1, 3))
        sleep = "good" if pain < 5 else "broken"
        batch.visits.append(
            (
                visit_id,
                patient_id,
                therapist,
                started,
                "draft",  # signed below, once its children are in
                signed_at,
                therapist if signed else None,
                pick(rng, SUBJECTIVE).format(before=pain, sleep=sleep),
                pick(rng, OBJECTIVE).format(levels=level_text),
                pick(rng, ASSESSMENT).format(levels=level_text),
                pick(rng, PLAN).format(levels=level_text),
                pain,
                after,
                len(sites),
                len(sites),
                episode_id,
                precaution,
                signed_at if precaution and signed else None,
                started,
                signed_at or started,
            )
        )
        if rng.random() < 0.004:
            kind, description, action = pick(rng, ADVERSE)
            batch.events.append(
                (visit_id, therapist, started + timedelta(hours=1), kind, description, action)
            )
        if signed_at is not None and rng.random() < 0.003:
            reason, note = pick(rng, AMENDMENTS)
            batch.amendments.append(
                (visit_id, therapist, signed_at + timedelta(days=1), reason, note)
            )
