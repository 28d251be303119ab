"""Saving a draft's record from several workstations: each save states the version it saw.

The common case is one statement, ``UPDATE visits SET field = :value, version = version + 1
WHERE id = :id AND version = :seen AND status = 'draft'``. When it changes no row, another
save came first: the record is read as saved now and the field compared three ways
(domain.edit_conflicts). A field only this editor changed is saved on the new version, one
both changed to the same value needs nothing, one both changed differently is an
EditConflict carrying both versions. Nothing is ever written over a version not seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import Update, bindparam, func, select, update

from imsdesk.domain.edit_conflicts import RECORD_FIELDS, FieldConflict, Merge, Value, merge_field
from imsdesk.domain.visit_record import FIELD_LABELS, VisitRecord
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.audit import note_edit
from imsdesk.services.edit_conflicts import EditConflict
from imsdesk.services.errors import RecordLocked
from imsdesk.store.database import Database
from imsdesk.store.errors import StoreError
from imsdesk.store.models import UserRow, VisitRow

# Another workstation saving the same record this many times within one save is
# not a conflict to show but a busy database: the person is asked to try again.
ATTEMPTS = 3

_VISITS = VisitRow.__table__
_USER_NAME = func.coalesce(
    select(UserRow.display_name).where(UserRow.id == bindparam("b_user")).scalar_subquery(), ""
)


def stamped(values: dict[str, object]) -> dict[str, object]:
    """``values`` plus the next version and who saves it from where (bound when run)."""
    return {
        **values,
        "version": _VISITS.c.version + 1,
        "saved_by": _USER_NAME,
        "saved_on": bindparam("b_workstation"),
    }


def _field_update(field: str) -> Update:
    return (
        update(_VISITS)
        .where(
            _VISITS.c.id == bindparam("b_visit"),
            _VISITS.c.version == bindparam("b_version"),
            _VISITS.c.status == VisitStatus.DRAFT.value,
        )
        .values(stamped({field: bindparam("b_value")}))
        .returning(_VISITS.c.version, _VISITS.c.saved_by, _VISITS.c.updated_at)
    )


# Built once: an autosave runs one of these every time a field settles.
_FIELD_UPDATES = {field: _field_update(field) for field in RECORD_FIELDS}


@dataclass(frozen=True)
class SavedEdit:
    record: VisitRecord  # as saved now, with this edit
    # The version saved elsewhere that the edit was saved onto (None: the one it was made on)
    merged_onto: VisitRecord | None = None


def save_on_version(
    db: Database,
    seen: VisitRecord,
    field: str,
    value: Value,
    user_id: int | None,
    workstation: str,
) -> VisitRecord | None:
    """Save ``field`` if the record is still at ``seen.version``: the record as now saved,
    or None when another save came first (nothing was written)."""
    with db.statements() as connection:
        row = connection.execute(
            _FIELD_UPDATES[field],
            {
                "b_visit": seen.visit.id,
                "b_version": seen.version,
                "b_value": value,
                "b_user": user_id,
                "b_workstation": workstation,
            },
        ).first()
        if row is not None:  # audited in the same transaction as the change
            note_edit(connection, seen.visit.id, FIELD_LABELS[field].lower(), user_id)
    if row is None:
        return None
    version, saved_by, saved_at = row
    return replace(
        seen,
        **{field: value},
        version=version,
        saved_by=saved_by,
        saved_on=workstation,
        saved_at=saved_at,
    )


def save_edit(
    db: Database,
    read: Callable[[int], VisitRecord],
    seen: VisitRecord,
    field: str,
    value: Value,
    started_from: Value,
    *,
    user_id: int | None,
    workstation: str,
) -> SavedEdit:
    """Save ``value`` into ``field``, edited from ``started_from`` on the record ``seen``.

    Returns the record as saved now, other workstations' changes included. Raises
    EditConflict when the field was changed elsewhere too, RecordLocked once signed.
    """
    if started_from == seen.value(field):
        saved = save_on_version(db, seen, field, value, user_id, workstation)
        if saved is not None:
            return SavedEdit(saved)
    for _ in range(ATTEMPTS):
        current = read(seen.visit.id)
        if not current.visit.is_editable:
            raise RecordLocked(
                f"This visit was signed by {current.signed_by_name}; its record can no longer "
                "change. Add an amendment instead."
            )
        merge = merge_field(started_from, current.value(field), value)
        if merge is Merge.ALREADY_SAVED:
            return SavedEdit(current, current)
        if merge is Merge.CONFLICT:
            raise EditConflict(
                FieldConflict(field, started_from, value, current.value(field)), current
            )
        saved = save_on_version(db, current, field, value, user_id, workstation)
        if saved is not None:
            return SavedEdit(saved, current)
    raise StoreError(
        "Could not save: another workstation is saving this visit right now; try again in a moment."
    )
