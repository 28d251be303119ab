"""Recording where the patient feels pain at a visit: one transaction per tick, locked once
signed, carried forward from the previous visit on request."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from imsdesk.domain.anatomy import Atlas, Region, Side, load_atlas
from imsdesk.domain.pain_areas import PainArea, in_body_order, pain_area_problem, pain_regions
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import ValidationError
from imsdesk.services.visit_access import (
    changing_draft,
    previous_visit_id,
    set_draft_row,
    visit_row,
)
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import PainAreaRow

AREAS_OF_PAIN = "areas of pain"  # the part of the record the audit trail names


class PainAreaService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    @property
    def atlas(self) -> Atlas:
        return load_atlas()  # read once per process, on first use

    def regions(self) -> tuple[Region, ...]:
        """The body regions an area of pain is chosen from: the map's own."""
        return pain_regions(self.atlas)

    def areas(self, visit_id: int) -> tuple[PainArea, ...]:
        with self._db.reading() as session:
            visit_row(session, visit_id)
            return areas_in(session, visit_id)

    def set_area(self, visit_id: int, area: PainArea, present: bool) -> None:
        """Record (present=True) or withdraw one area of pain; refused once signed."""
        problem = pain_area_problem(str(area.region), str(area.side))
        if problem:
            raise ValidationError({"pain_areas": problem})
        set_draft_row(
            self._db,
            visit_id,
            PainAreaRow,
            {"region": area.region.value, "side": area.side.value},
            present,
            "its areas of pain",
            lambda session: self._acting.note_edit(session, visit_id, AREAS_OF_PAIN),
        )

    def copy_forward(self, visit_id: int) -> tuple[PainArea, ...]:
        """Add the previous visit's areas of pain to this draft's; returns those added."""
        with changing_draft(self._db, visit_id, "its areas of pain") as session:
            previous = previous_visit_id(session, visit_id)
            if previous is None:
                return ()
            today = set(areas_in(session, visit_id))
            added = tuple(a for a in areas_in(session, previous) if a not in today)
            for area in added:
                session.add(
                    PainAreaRow(visit_id=visit_id, region=area.region.value, side=area.side.value)
                )
            if added:
                self._acting.note_edit(session, visit_id, AREAS_OF_PAIN)
            return added


def areas_in(reader: Session | Connection | DriverUnit, visit_id: int) -> tuple[PainArea, ...]:
    """The visit's areas of pain, head to foot, inside the caller's unit of work."""
    rows = reader.execute(*areas_read(visit_id))
    return in_body_order(PainArea(Region(region), Side(side)) for region, side in rows)


def areas_read(visit_id: int) -> Run:
    """What ``areas_in`` runs (DriverUnit.run_together)."""
    return _AREAS, {"a_visit": visit_id}


_AREAS = select(PainAreaRow.region, PainAreaRow.side).where(  # built once
    PainAreaRow.visit_id == bindparam("a_visit")
)
