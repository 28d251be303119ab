"""Recording adverse events against a visit, before or after it is signed."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind, adverse_event_problems
from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import AdverseEventRow, UserRow, VisitRow


class AdverseEventService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, visit_id: int, user_id: int, event: AdverseEvent) -> list[AdverseEvent]:
        """Append an event; a delayed one (breathless two days later) may follow signing."""
        problems = adverse_event_problems(event)
        if problems:
            raise ValidationError(problems)
        with self._db.transaction() as session:
            if session.get(VisitRow, visit_id) is None:
                raise NotFound(f"No visit with id {visit_id}.")
            session.add(
                AdverseEventRow(
                    visit_id=visit_id,
                    recorded_by_id=user_id,
                    kind=event.kind.value,
                    description=event.description.strip(),
                    action_taken=event.action_taken.strip(),
                )
            )
            add_audit_row(
                session,
                AuditAction.CREATE,
                RecordKind.VISIT,
                visit_id,
                detail=f"adverse event: {event.kind.value}",
                user_id=user_id,
            )
        return self.for_visit(visit_id)

    def for_visit(self, visit_id: int) -> list[AdverseEvent]:
        with self._db.reading() as session:
            return events_for_visit(session, visit_id)


def events_for_visit(
    reader: Session | Connection | DriverUnit, visit_id: int
) -> list[AdverseEvent]:
    """The visit's adverse events, oldest first, inside the caller's unit of work."""
    return [
        AdverseEvent(AdverseEventKind(kind), description, action_taken, recorded_at, recorded_by)
        for kind, description, action_taken, recorded_at, recorded_by in reader.execute(
            *events_read(visit_id)
        )
    ]


def events_read(visit_id: int) -> Run:
    """What ``events_for_visit`` runs (DriverUnit.run_together)."""
    return _FOR_VISIT, {"e_visit": visit_id}


_FOR_VISIT = (  # built once: read on every opening of a visit
    select(
        AdverseEventRow.kind,
        AdverseEventRow.description,
        AdverseEventRow.action_taken,
        AdverseEventRow.recorded_at,
        UserRow.display_name,
    )
    .join(UserRow, UserRow.id == AdverseEventRow.recorded_by_id)
    .where(AdverseEventRow.visit_id == bindparam("e_visit"))
    .order_by(AdverseEventRow.recorded_at, AdverseEventRow.id)
)
