"""Recording adverse events against a visit, before or after it is signed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind, adverse_event_problems
from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import AdverseEventRow, VisitRow


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


def events_for_visit(session: Session, visit_id: int) -> list[AdverseEvent]:
    """The visit's adverse events, oldest first, inside the caller's unit of work."""
    rows = session.scalars(
        select(AdverseEventRow)
        .options(joinedload(AdverseEventRow.recorded_by))
        .where(AdverseEventRow.visit_id == visit_id)
        .order_by(AdverseEventRow.recorded_at, AdverseEventRow.id)
    )
    return [
        AdverseEvent(
            AdverseEventKind(row.kind),
            row.description,
            row.action_taken,
            row.recorded_at,
            row.recorded_by.display_name,
        )
        for row in rows
    ]
