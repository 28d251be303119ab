"""What the visit screen shows, read in one unit of work each time a visit is opened.

The record, the visit before it (with its plan, which a draft offers to carry forward),
the body map with the previous visit's marks to compare, the areas of pain, the exam signs
and the course of care: plain statements on one connection, the opening audited in the
same transaction. Read apart, each part was a unit of work of its own (on PostgreSQL a
pre-ping, a BEGIN and a COMMIT each) and the visit row was read four times over.

What the screen shows is also what signing later states it saw (the record's version,
the marks, the findings), so every part comes from this one read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.marks import VisitMarks
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.segments import ExamSign
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.domain.visits import Visit
from imsdesk.services.audit import ActingUser, add_audit_row
from imsdesk.services.exam_signs import signs_in
from imsdesk.services.marks import read_marks
from imsdesk.services.pain_areas import areas_in
from imsdesk.services.visit_course import VisitCourse, course_in
from imsdesk.services.visit_record import record_in
from imsdesk.services.visits import previous_in
from imsdesk.store.database import Database


@dataclass(frozen=True)
class VisitScreen:
    record: VisitRecord
    previous: Visit | None  # the patient's visit just before this one
    previous_plan: str  # its plan, offered to a draft ("" for a signed visit)
    marks: VisitMarks
    previous_marks: VisitMarks | None  # shown faded under today's
    pain_areas: tuple[PainArea, ...]
    exam_signs: list[ExamSign]
    course: VisitCourse


class VisitScreenService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def open(self, visit_id: int) -> VisitScreen:
        """The visit, for a person to read it: the opening is audited in the same unit of
        work (nothing is shown unless the audit row is committed)."""
        with self._db.statements() as connection:
            screen = screen_in(connection, visit_id)
            # Written last: on SQLite the write lock is then held for the insert alone.
            user = self._acting.id
            add_audit_row(connection, AuditAction.OPEN, RecordKind.VISIT, visit_id, user_id=user)
        return screen

    def read(self, visit_id: int) -> VisitScreen:
        """The visit already open, read again (after signing it, or after another
        workstation did): not a new opening."""
        with self._db.statements() as connection:
            return screen_in(connection, visit_id)


def screen_in(connection: Connection, visit_id: int) -> VisitScreen:
    """Every part of the visit screen, inside the caller's unit of work, or NotFound."""
    record = record_in(connection, visit_id)
    visit = record.visit
    found = previous_in(connection, visit)
    previous, previous_plan = found if found is not None else (None, "")
    return VisitScreen(
        record=record,
        previous=previous,
        previous_plan=previous_plan if visit.is_editable else "",
        marks=read_marks(connection, visit_id),
        previous_marks=None if previous is None else read_marks(connection, previous.id),
        pain_areas=areas_in(connection, visit_id),
        exam_signs=signs_in(connection, [visit_id]).get(visit_id, []),
        course=course_in(connection, visit),
    )
