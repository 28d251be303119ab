"""One workstation editing one draft's record: what it last read, and what is being typed.

The visit screen keeps one per open draft. It remembers the record as last read or saved
(``saved``) and, for each field typed into but not saved yet, the value the typing started
from. Each save states both, so a change another workstation saved meanwhile is taken in
(a field not being edited here) or raised as an EditConflict (a field edited on both),
never overwritten. Qt-free: the notes panel calls it and shows what it returns.
"""

from __future__ import annotations

from imsdesk.domain.edit_conflicts import RECORD_FIELDS, Value
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.services.edit_conflicts import EditConflict
from imsdesk.services.visit_record import VisitRecordService


class RecordEditor:
    def __init__(
        self, records: VisitRecordService, record: VisitRecord, user_id: int | None = None
    ) -> None:
        self._records = records
        self.saved = record
        self.user_id = user_id
        self._started_from: dict[str, Value] = {}
        # The version from elsewhere whose fields were last taken in (who, where, when).
        self.taken_from: VisitRecord = record

    @property
    def editing(self) -> frozenset[str]:
        """The fields typed into here and not saved yet."""
        return frozenset(self._started_from)

    def edited(self, field: str) -> None:
        """The person changed ``field`` here; remember what the change was made on."""
        self._started_from.setdefault(field, self.saved.value(field))

    def save(self, field: str, value: Value) -> tuple[str, ...]:
        """Save ``field``; returns the other fields saved elsewhere meanwhile (to show).

        Raises EditConflict when ``field`` was changed elsewhere too: the typed value is
        then still unsaved, for the person to decide (``resolve``).
        """
        started = self._started_from.get(field, self.saved.value(field))
        result = self._records.save_edit(
            self.saved, field, value, started_from=started, user_id=self.user_id
        )
        taken = () if result.merged_onto is None else self.adopt(result.merged_onto)
        taken += self.adopt(result.record)  # nothing more, bar this field: being edited
        self._started_from.pop(field, None)
        return tuple(f for f in taken if f != field)

    def resolve(self, conflict: EditConflict, value: Value) -> tuple[str, ...]:
        """Save the person's choice for a conflicting field on the version saved now.

        They have seen the other version, so it is what the choice was made on; a further
        save from elsewhere in between raises EditConflict again.
        """
        field = conflict.conflict.field
        taken = self.adopt(conflict.current)
        self._started_from[field] = conflict.current.value(field)
        return tuple(dict.fromkeys((*taken, *self.save(field, value))))

    def adopt(self, record: VisitRecord) -> tuple[str, ...]:
        """Take ``record`` (read or saved just now) as the saved state; returns the fields it
        changes that are not being edited here, for the screen to show."""
        taken = tuple(
            f
            for f in RECORD_FIELDS
            if record.value(f) != self.saved.value(f) and f not in self._started_from
        )
        self.saved = record
        if taken:
            self.taken_from = record
        return taken

    def refresh(self) -> tuple[str, ...]:
        """Read the record again (the screen came back into use); as ``adopt``."""
        return self.adopt(self._records.record(self.saved.visit.id))
