"""What the visit screen shows, read in one unit of work each time a visit is opened.

The record, the visit before it (with its plan, which a draft offers to carry forward),
the body map with the previous visit's marks to compare, the areas of pain, the exam signs
and the course of care: plain statements compiled once, on the driver's connection, the
opening audited in the same transaction. Read apart, each part was a unit of work of its
own (on PostgreSQL a pre-ping, a BEGIN and a COMMIT each) and the visit row was read four
times over. Every part is found by the visit's id alone, so the thirteen statements are
sent together: on PostgreSQL one round trip for all of them.

What the screen shows is also what signing later states it saw (the record's version,
the marks, the findings), so every part comes from this one read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.marks import VisitMarks
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.segments import ExamSign
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.domain.visits import Visit
from imsdesk.services.audit import ActingUser, audit_row_run
from imsdesk.services.exam_signs import visit_signs, visit_signs_read
from imsdesk.services.marks import marks_and_previous_reads, read_marks_and_previous
from imsdesk.services.pain_areas import areas_in, areas_read
from imsdesk.services.visit_course import VisitCourse, course_in, course_reads
from imsdesk.services.visit_record import record_in, record_reads
from imsdesk.services.visits import previous_in, previous_read
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run


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
        opening = audit_row_run(AuditAction.OPEN, RecordKind.VISIT, visit_id, "", self._acting.id)
        with self._db.driver_transaction() as unit:
            return screen_in(unit, visit_id, then=[opening])

    def read(self, visit_id: int) -> VisitScreen:
        """The visit already open, read again (after signing it, or after another
        workstation did): not a new opening."""
        with self._db.driver_transaction() as unit:
            return screen_in(unit, visit_id)


def screen_in(unit: DriverUnit, visit_id: int, then: Sequence[Run] = ()) -> VisitScreen:
    """Every part of the visit screen, inside the caller's unit of work, or NotFound.

    Every part is found by the visit's id alone, so all its statements go together, and
    ``then`` after them (the opening's audit row: on SQLite the write lock is held for the
    insert alone)."""
    unit.run_together(
        [
            *record_reads(visit_id),
            previous_read(visit_id),
            *marks_and_previous_reads(visit_id),
            areas_read(visit_id),
            visit_signs_read(visit_id),
            *course_reads(visit_id),
            *then,
        ]
    )
    record = record_in(unit, visit_id)
    visit = record.visit
    found = previous_in(unit, visit)
    previous, previous_plan = found if found is not None else (None, "")
    marks, previous_marks = read_marks_and_previous(unit, visit_id)
    return VisitScreen(
        record=record,
        previous=previous,
        previous_plan=previous_plan if visit.is_editable else "",
        marks=marks,
        previous_marks=None if previous is None else previous_marks,
        pain_areas=areas_in(unit, visit_id),
        exam_signs=visit_signs(unit, visit_id),
        course=course_in(unit, visit),
    )
