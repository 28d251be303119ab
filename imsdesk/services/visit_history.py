"""A patient's visits as the chart lists them for a clinician: each with its episode of
care, its pain before and after, how many muscles were found shortened, how many needle
sites were placed and the spinal levels needled, so the course of care reads down one
table.

Two statements for the whole chart, whatever its length: the visits with their counts,
then the paraspinal targets needled (the levels). Front desk lists the visits alone
(VisitService.list_for_patient): these are clinical facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.sql.elements import Label

from imsdesk.domain.anatomy import Atlas, Side, load_atlas
from imsdesk.domain.visits import Visit
from imsdesk.services.summaries import needled_levels
from imsdesk.services.visits import LISTED_VISITS, to_visit
from imsdesk.store.database import Database
from imsdesk.store.models import EpisodeRow, MuscleFindingRow, NeedleSiteRow, VisitRow


@dataclass(frozen=True)
class VisitLine:
    """One visit in the chart's list: when, who, and what was charted at it."""

    visit: Visit
    episode: tuple[str, int] | None  # its episode of care's condition, and its place in it
    pain_before: int | None
    pain_after: int | None
    shortened: int  # muscles found shortened (each side counts)
    needle_sites: int
    levels: tuple[str, ...]  # paraspinal levels needled: ("L4–L5 (both sides)", ...)


class VisitHistoryService:
    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self._db = db
        self._atlas = atlas or load_atlas()

    def lines(self, patient_id: int) -> list[VisitLine]:
        """Newest first, each numbered in the order it happened."""
        values = {"h_patient": patient_id}
        with self._db.driver_transaction() as unit:  # on PostgreSQL one snapshot, one trip
            unit.run_together([(_LINES, values), (_NEEDLED, values)])
            rows = unit.execute(_LINES, values).all()
            needled: dict[int, list[tuple[str, Side]]] = defaultdict(list)
            for visit_id, muscle_key, side in unit.execute(_NEEDLED, values):
                needled[visit_id].append((muscle_key, Side(side)))
        places: Counter[int] = Counter()  # visits so far in each episode, oldest first
        lines = []
        for number, row in enumerate(rows, start=1):
            episode = None
            if row.episode_id is not None:
                places[row.episode_id] += 1
                episode = (row.condition, places[row.episode_id])
            lines.append(self._line(row, number, episode, needled.get(row.id)))
        return lines[::-1]

    def _line(
        self,
        row: Any,
        number: int,
        episode: tuple[str, int] | None,
        needled: list[tuple[str, Side]] | None,
    ) -> VisitLine:
        return VisitLine(
            visit=to_visit(row, row.display_name, number),
            episode=episode,
            pain_before=row.pain_before,
            pain_after=row.pain_after,
            shortened=row.shortened,
            needle_sites=row.needle_sites,
            levels=needled_levels(needled, self._atlas) if needled else (),
        )


def _count_of(table: type[MuscleFindingRow | NeedleSiteRow], name: str) -> Label[int]:
    """How many of ``table``'s rows belong to the listed visit (read on its visit index)."""
    return (
        select(func.count(table.id))
        .where(table.visit_id == VisitRow.id)
        .scalar_subquery()
        .label(name)
    )


_LINES = (  # built once: read on every opening of a chart
    LISTED_VISITS.add_columns(
        VisitRow.episode_id,
        EpisodeRow.condition,
        VisitRow.pain_before,
        VisitRow.pain_after,
        _count_of(MuscleFindingRow, "shortened"),
        _count_of(NeedleSiteRow, "needle_sites"),
    )
    .outerjoin(EpisodeRow, EpisodeRow.id == VisitRow.episode_id)
    .where(VisitRow.patient_id == bindparam("h_patient"))
    .order_by(VisitRow.started_at, VisitRow.id)
)
# Each paraspinal target and side needled at each of the patient's visits: the atlas
# names them all "paraspinal_<level>" (load_atlas refuses any other).
_NEEDLED = (
    select(NeedleSiteRow.visit_id, NeedleSiteRow.muscle_key, NeedleSiteRow.side)
    .join(VisitRow, VisitRow.id == NeedleSiteRow.visit_id)
    .where(
        VisitRow.patient_id == bindparam("h_patient"),
        NeedleSiteRow.muscle_key.startswith("paraspinal_", autoescape=True),
    )
    .distinct()
)
