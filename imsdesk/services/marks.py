"""Recording the body map into a visit: one transaction per mark, refused once signed.

Two workstations may chart one draft. Adding different marks is never a conflict: each
is its own row. An edit made on a mark (re-grade, note, clear, move a needle) states the
mark it was made on (``expected``) and is a compare-and-set on that row's previous
values: when another workstation changed or cleared it meanwhile, MarkConflict says so
and nothing is saved, so neither side's mark is silently overwritten.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from types import EllipsisType
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from imsdesk.domain.anatomy import Atlas, Side, View, load_atlas
from imsdesk.domain.edit_conflicts import marks_changes
from imsdesk.domain.marks import (
    MarkError,
    MuscleFinding,
    NeedleSite,
    Response,
    Severity,
    VisitMarks,
    check_finding,
    check_needle,
)
from imsdesk.services.audit import ActingUser
from imsdesk.services.edit_conflicts import MarkConflict
from imsdesk.services.errors import ValidationError
from imsdesk.services.visit_access import (
    draft_row,
    previous_visit_id,
    require_draft,
    visit_status,
)
from imsdesk.services.visits import previous_id_of
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import MuscleFindingRow, NeedleSiteRow, VisitRow
from imsdesk.store.types import UTCDateTime, utc_now

_FINDINGS = MuscleFindingRow.__table__
_NEEDLES = NeedleSiteRow.__table__
_VISITS = VisitRow.__table__

# ``expected=...`` (the default): write whatever is there (one workstation, imports, tests).
Unchecked = EllipsisType


BODY_MAP = "body map"  # the part of the record the audit trail names for marks


class MarkService:
    def __init__(
        self, db: Database, atlas: Atlas | None = None, acting: ActingUser | None = None
    ) -> None:
        self._db = db
        self._atlas = atlas
        self._acting = acting or ActingUser()

    @property
    def atlas(self) -> Atlas:
        # Loaded on first use, so start-up does not pay for it.
        if self._atlas is None:
            self._atlas = load_atlas()
        return self._atlas

    def marks(self, visit_id: int) -> VisitMarks:
        # Plain statements: opening a map reads hundreds of rows and builds no ORM objects.
        with self._db.statements() as connection:
            visit_status(connection, visit_id)
            return read_marks(connection, visit_id)

    # Each click on the map saves through one of these: one short transaction of plain
    # statements built once (no ORM session), committed before the map shows the change.

    def put_finding(
        self,
        visit_id: int,
        finding: MuscleFinding,
        *,
        expected: MuscleFinding | Unchecked | None = ...,
    ) -> MuscleFinding:
        """Record a shortened muscle, or change its severity or note.

        ``expected`` is the finding the edit was made on (None: the muscle was unmarked).
        """
        _checked(check_finding, self.atlas, finding)
        target = _finding_target(visit_id, finding.muscle_key, finding.side)
        values = {**target, "v_severity": int(finding.severity), "v_note": finding.note}
        try:
            with self._db.driver_transaction() as unit:
                require_draft(unit, visit_id, "its marks")
                if _write_finding(unit, expected, {**values, "v_now": utc_now()}):
                    self._acting.note_edit(unit, visit_id, BODY_MAP)
                    return finding
        except IntegrityError:
            if self._finding_now(visit_id, finding.muscle_key, finding.side) is None:
                raise  # not a second copy of the mark: a refusal to pass on
        self._settle_finding(visit_id, finding.muscle_key, finding.side, finding)
        return finding

    def remove_finding(
        self,
        visit_id: int,
        muscle_key: str,
        side: Side,
        *,
        expected: MuscleFinding | Unchecked | None = ...,
    ) -> None:
        target = _finding_target(visit_id, muscle_key, side)
        with self._db.driver_transaction() as unit:
            require_draft(unit, visit_id, "its marks")
            if _delete_finding(unit, expected, target):
                self._acting.note_edit(unit, visit_id, BODY_MAP)
                return
        self._settle_finding(visit_id, muscle_key, side, None)

    def _finding_now(self, visit_id: int, muscle_key: str, side: Side) -> MuscleFinding | None:
        with self._db.statements() as connection:
            require_draft(connection, visit_id, "its marks")
            row = connection.execute(
                _FINDING_NOW, _finding_target(visit_id, muscle_key, side)
            ).first()
        return None if row is None else _to_finding(row)

    def _settle_finding(
        self, visit_id: int, muscle_key: str, side: Side, wanted: MuscleFinding | None
    ) -> None:
        """After a compare-and-set missed: fine if the mark is already as wanted."""
        saved = self._finding_now(visit_id, muscle_key, side)
        if saved != wanted:
            raise MarkConflict.on_finding(self.atlas, muscle_key, side, saved)

    def put_needle(
        self,
        visit_id: int,
        site: NeedleSite,
        *,
        expected: NeedleSite | Unchecked | None = ...,
    ) -> NeedleSite:
        """Place a needle site, or update one placed before (same uid).

        ``expected`` is the site as it was before this edit (None: a new site).
        """
        _checked(check_needle, self.atlas, site)
        values = {"b_visit": visit_id, "b_uid": site.uid, "v_now": utc_now()}
        values.update((f"v_{name}", value) for name, value in _needle_values(site).items())
        try:
            with self._db.driver_transaction() as unit:
                require_draft(unit, visit_id, "its marks")
                if _write_needle(unit, expected, values):
                    self._acting.note_edit(unit, visit_id, BODY_MAP)
                    return site
        except IntegrityError:
            if self._needle_now(visit_id, site.uid) is None:
                raise
        self._settle_needle(visit_id, site, site)
        return site

    def _needle_now(self, visit_id: int, uid: str) -> NeedleSite | None:
        with self._db.statements() as connection:
            require_draft(connection, visit_id, "its marks")
            row = connection.execute(_NEEDLE_NOW, {"b_uid": uid}).first()
        if row is None:
            return None
        if row.visit_id != visit_id:
            raise ValidationError({"needle": "That needle site belongs to another visit."})
        return _to_needle(row[1:])

    def _settle_needle(self, visit_id: int, site: NeedleSite, wanted: NeedleSite | None) -> None:
        saved = self._needle_now(visit_id, site.uid)
        if saved != wanted:
            raise MarkConflict.on_needle(self.atlas, site.muscle_key, site.side, saved)

    def previous_marks(self, visit_id: int) -> tuple[int, VisitMarks] | None:
        """The patient's visit just before this one, and its marks (for fading and copying)."""
        with self._db.reading() as session:
            previous = previous_visit_id(session, visit_id)
        return None if previous is None else (previous, self.marks(previous))

    def copied_forward(self, visit_id: int) -> VisitMarks | None:
        """This visit's marks plus the previous visit's, as new unsigned marks.

        Nothing is saved: the caller applies the result (one undoable step).
        Findings already charted today are kept as they are.
        """
        found = self.previous_marks(visit_id)
        if found is None:
            return None
        current = self.marks(visit_id)
        findings = list(current.findings)
        for finding in found[1].findings:
            if current.finding(finding.muscle_key, finding.side) is None:
                findings.append(finding)
        needles = list(current.needles)
        needles += [replace(site, uid=uuid.uuid4().hex) for site in found[1].needles]
        return VisitMarks(tuple(findings), tuple(needles))

    def replace_all(
        self, visit_id: int, marks: VisitMarks, *, expected: VisitMarks | Unchecked = ...
    ) -> None:
        """Make the visit's marks exactly ``marks``, in one transaction.

        ``expected`` is the map the replacement was made from: when another workstation
        changed any mark since, MarkConflict says what, and nothing is replaced.
        """
        for finding in marks.findings:
            _checked(check_finding, self.atlas, finding)
        for site in marks.needles:
            _checked(check_needle, self.atlas, site)
        with self._db.transaction() as session:
            # Writing first holds the visit (SQLite's write lock, the row on PostgreSQL)
            # while its marks are compared with ``expected`` and replaced.
            if not session.execute(_CLAIM_DRAFT, {"b_visit": visit_id}).rowcount:
                draft_row(session, visit_id, "its marks")  # says why: signed, or no such visit
            if not isinstance(expected, Unchecked):
                changes = marks_changes(expected, read_marks(session, visit_id))
                if changes:
                    raise MarkConflict.on_map(changes)
            session.execute(delete(MuscleFindingRow).where(MuscleFindingRow.visit_id == visit_id))
            session.execute(delete(NeedleSiteRow).where(NeedleSiteRow.visit_id == visit_id))
            session.flush()
            for finding in marks.findings:
                session.add(
                    MuscleFindingRow(
                        visit_id=visit_id,
                        muscle_key=finding.muscle_key,
                        side=finding.side.value,
                        severity=int(finding.severity),
                        note=finding.note,
                    )
                )
            for site in marks.needles:
                session.add(NeedleSiteRow(uid=site.uid, visit_id=visit_id, **_needle_values(site)))
            self._acting.note_edit(session, visit_id, BODY_MAP)

    def remove_needle(
        self, visit_id: int, uid: str, *, expected: NeedleSite | Unchecked | None = ...
    ) -> None:
        target = {"b_visit": visit_id, "b_uid": uid}
        with self._db.driver_transaction() as unit:
            require_draft(unit, visit_id, "its marks")
            if _delete_needle(unit, expected, target):
                self._acting.note_edit(unit, visit_id, BODY_MAP)
                return
        self._settle_needle(visit_id, expected, None)  # type: ignore[arg-type]


# One click's write, on the driver's connection: False when the compare-and-set found the
# mark changed meanwhile. ``values`` hold the target ("b_"), the new values ("v_") and the
# time of the change (v_now).


def _write_finding(
    unit: DriverUnit, expected: MuscleFinding | Unchecked | None, values: dict[str, object]
) -> bool:
    if expected is None:  # a new mark: the unique target refuses a second one
        unit.execute(_INSERT_FINDING, values)
        return True
    if isinstance(expected, Unchecked):
        if not unit.execute(_UPDATE_FINDING, values).rowcount:
            unit.execute(_INSERT_FINDING, values)
        return True
    return bool(unit.execute(_UPDATE_FINDING_IF, {**values, **_finding_was(expected)}).rowcount)


def _delete_finding(
    unit: DriverUnit, expected: MuscleFinding | Unchecked | None, target: dict[str, object]
) -> bool:
    if not isinstance(expected, MuscleFinding):
        unit.execute(_DELETE_FINDING, target)
        return True
    return bool(unit.execute(_DELETE_FINDING_IF, {**target, **_finding_was(expected)}).rowcount)


def _write_needle(
    unit: DriverUnit, expected: NeedleSite | Unchecked | None, values: dict[str, object]
) -> bool:
    if expected is None:  # a new site: its uid is new, so the insert is all
        unit.execute(_INSERT_NEEDLE, values)
        return True
    if isinstance(expected, Unchecked):
        if not unit.execute(_UPDATE_NEEDLE, values).rowcount:
            if unit.execute(_NEEDLE_BY_UID, values).first() is not None:
                raise ValidationError({"needle": "That needle site belongs to another visit."})
            unit.execute(_INSERT_NEEDLE, values)
        return True
    return bool(unit.execute(_UPDATE_NEEDLE_IF, {**values, **_needle_was(expected)}).rowcount)


def _delete_needle(
    unit: DriverUnit, expected: NeedleSite | Unchecked | None, target: dict[str, object]
) -> bool:
    if not isinstance(expected, NeedleSite):
        unit.execute(_DELETE_NEEDLE, target)
        return True
    return bool(unit.execute(_DELETE_NEEDLE_IF, {**target, **_needle_was(expected)}).rowcount)


def _checked(check: object, atlas: Atlas, mark: object) -> None:
    try:
        check(atlas, mark)  # type: ignore[operator]
    except MarkError as error:
        raise ValidationError({"mark": str(error)}) from None


# The statements a click runs, built once and compiled once per database (DriverUnit):
# building and keying a statement on each click would cost more than the database does.
# Every column's value is a parameter, the times included (a default worked out when the
# statement is compiled would stamp every mark with that moment).
_VISIT, _NOW = bindparam("b_visit"), bindparam("v_now", type_=UTCDateTime())
_FINDING_IS = and_(
    _FINDINGS.c.visit_id == _VISIT,
    _FINDINGS.c.muscle_key == bindparam("b_key"),
    _FINDINGS.c.side == bindparam("b_side"),
)
_FINDING_SET = {name: bindparam(f"v_{name}") for name in ("severity", "note")}
_UPDATE_FINDING = update(_FINDINGS).where(_FINDING_IS).values(**_FINDING_SET, updated_at=_NOW)
_INSERT_FINDING = insert(_FINDINGS).values(
    visit_id=_VISIT,
    muscle_key=bindparam("b_key"),
    side=bindparam("b_side"),
    **_FINDING_SET,
    created_at=_NOW,
    updated_at=_NOW,
)
_DELETE_FINDING = delete(_FINDINGS).where(_FINDING_IS)
_NEEDLE_IS = and_(_NEEDLES.c.uid == bindparam("b_uid"), _NEEDLES.c.visit_id == _VISIT)
_NEEDLE_BY_UID = select(_NEEDLES.c.id).where(_NEEDLES.c.uid == bindparam("b_uid"))

# A no-op write that holds a draft for a read-compare-write unit (replacing the map).
_CLAIM_DRAFT = (
    update(_VISITS)
    .where(_VISITS.c.id == bindparam("b_visit"), _VISITS.c.status == "draft")
    .values(status=_VISITS.c.status, updated_at=_VISITS.c.updated_at)
)


def _finding_was(finding: MuscleFinding) -> dict[str, object]:
    return {"w_severity": int(finding.severity), "w_note": finding.note}


def _needle_was(site: NeedleSite) -> dict[str, object]:
    return {f"w_{name}": value for name, value in _needle_values(site).items()}


def read_marks(reader: Session | Connection | DriverUnit, visit_id: int) -> VisitMarks:
    findings = reader.execute(*marks_reads(visit_id)[0])
    return VisitMarks(tuple(_to_finding(row) for row in findings), read_needles(reader, visit_id))


def read_needles(
    reader: Session | Connection | DriverUnit, visit_id: int
) -> tuple[NeedleSite, ...]:
    """The visit's needle sites alone (a take-home summary lists where, not what was found)."""
    needles = reader.execute(*marks_reads(visit_id)[1])
    return tuple(_to_needle(row) for row in needles)


def marks_reads(visit_id: int) -> list[Run]:
    """What ``read_marks`` runs: the findings, the needle sites."""
    values = {"b_visit": visit_id}
    return [(_VISIT_FINDINGS, values), (_VISIT_NEEDLES, values)]


def read_marks_and_previous(
    reader: Connection | DriverUnit, visit_id: int
) -> tuple[VisitMarks, VisitMarks]:
    """The visit's marks and those of the patient's visit before it (none when there is
    none), found by the visit's id alone: two statements, not four."""
    findings_run, needles_run = marks_and_previous_reads(visit_id)
    findings: dict[int, list[MuscleFinding]] = {visit_id: [], -1: []}
    for visit, *finding in reader.execute(*findings_run):
        findings[visit if visit == visit_id else -1].append(_to_finding(finding))
    needles: dict[int, list[NeedleSite]] = {visit_id: [], -1: []}
    for visit, *needle in reader.execute(*needles_run):
        needles[visit if visit == visit_id else -1].append(_to_needle(needle))
    today, before = (
        VisitMarks(tuple(findings[key]), tuple(needles[key])) for key in (visit_id, -1)
    )
    return today, before


def marks_and_previous_reads(visit_id: int) -> list[Run]:
    """What ``read_marks_and_previous`` runs (DriverUnit.run_together)."""
    values = {"b_visit": visit_id}
    return [(_BOTH_FINDINGS, values), (_BOTH_NEEDLES, values)]


def _finding_target(visit_id: int, muscle_key: str, side: Side) -> dict[str, object]:
    return {"b_visit": visit_id, "b_key": muscle_key, "b_side": side.value}


def _needle_values(site: NeedleSite) -> dict[str, object]:
    return {
        "muscle_key": site.muscle_key,
        "side": site.side.value,
        "view": site.view.value,
        "x": float(site.x),
        "y": float(site.y),
        "depth_mm": site.depth_mm,
        "length_mm": site.length_mm,
        "gauge": site.gauge,
        "response": site.response.value if site.response else None,
        "note": site.note,
    }


# Opening a map turns hundreds of rows into marks: the columns are read by position and
# the enums looked up in plain dicts (calling an Enum class is slow).
_FINDING_COLUMNS = (
    _FINDINGS.c.muscle_key,
    _FINDINGS.c.side,
    _FINDINGS.c.severity,
    _FINDINGS.c.note,
)
_NEEDLE_COLUMNS = (
    _NEEDLES.c.muscle_key,
    _NEEDLES.c.side,
    _NEEDLES.c.view,
    _NEEDLES.c.x,
    _NEEDLES.c.y,
    _NEEDLES.c.depth_mm,
    _NEEDLES.c.length_mm,
    _NEEDLES.c.gauge,
    _NEEDLES.c.response,
    _NEEDLES.c.note,
    _NEEDLES.c.uid,
)
_VISIT_FINDINGS = (
    select(*_FINDING_COLUMNS)
    .where(_FINDINGS.c.visit_id == bindparam("b_visit"))
    .order_by(_FINDINGS.c.id)
)
_VISIT_NEEDLES = (
    select(*_NEEDLE_COLUMNS)
    .where(_NEEDLES.c.visit_id == bindparam("b_visit"))
    .order_by(_NEEDLES.c.id)
)
# The visit's marks and those of the visit before it, each in the order recorded.
_BOTH = (_VISIT, previous_id_of(_VISIT))
_BOTH_FINDINGS = (
    select(_FINDINGS.c.visit_id, *_FINDING_COLUMNS)
    .where(_FINDINGS.c.visit_id.in_(_BOTH))
    .order_by(_FINDINGS.c.id)
)
_BOTH_NEEDLES = (
    select(_NEEDLES.c.visit_id, *_NEEDLE_COLUMNS)
    .where(_NEEDLES.c.visit_id.in_(_BOTH))
    .order_by(_NEEDLES.c.id)
)
_FINDING_NOW = select(*_FINDING_COLUMNS).where(_FINDING_IS)
_NEEDLE_NOW = select(_NEEDLES.c.visit_id, *_NEEDLE_COLUMNS).where(
    _NEEDLES.c.uid == bindparam("b_uid")
)
# Compare-and-set: the row still holds the values the edit was made on ("w_" for "was").
_FINDING_WAS = and_(
    _FINDINGS.c.severity == bindparam("w_severity"), _FINDINGS.c.note == bindparam("w_note")
)
_UPDATE_FINDING_IF = _UPDATE_FINDING.where(_FINDING_WAS)
_DELETE_FINDING_IF = _DELETE_FINDING.where(_FINDING_WAS)
_NEEDLE_VALUES = tuple(c.name for c in _NEEDLE_COLUMNS if c.name != "uid")
_NEEDLE_WAS = and_(
    # Nullable columns too: NULL matches NULL ("IS" on SQLite, IS NOT DISTINCT FROM).
    *(_NEEDLES.c[name].is_not_distinct_from(bindparam(f"w_{name}")) for name in _NEEDLE_VALUES)
)
_NEEDLE_SET = {name: bindparam(f"v_{name}") for name in _NEEDLE_VALUES}
_UPDATE_NEEDLE = update(_NEEDLES).where(_NEEDLE_IS).values(**_NEEDLE_SET, updated_at=_NOW)
_INSERT_NEEDLE = insert(_NEEDLES).values(
    uid=bindparam("b_uid"), visit_id=_VISIT, **_NEEDLE_SET, created_at=_NOW, updated_at=_NOW
)
_DELETE_NEEDLE = delete(_NEEDLES).where(_NEEDLE_IS)
_UPDATE_NEEDLE_IF = _UPDATE_NEEDLE.where(_NEEDLE_WAS)
_DELETE_NEEDLE_IF = _DELETE_NEEDLE.where(_NEEDLE_WAS)
_SIDES = {side.value: side for side in Side}
_VIEWS = {view.value: view for view in View}
_SEVERITIES = {int(severity): severity for severity in Severity}
_RESPONSES: dict[str | None, Response | None] = {r.value: r for r in Response}


def _to_finding(row: Row[Any]) -> MuscleFinding:
    muscle_key, side, severity, note = row
    return MuscleFinding(muscle_key, _SIDES[side], _SEVERITIES[severity], note)


def _to_needle(row: Row[Any]) -> NeedleSite:
    muscle_key, side, view, x, y, depth_mm, length_mm, gauge, response, note, uid = row
    return NeedleSite(
        muscle_key=muscle_key,
        side=_SIDES[side],
        view=_VIEWS[view],
        x=x,
        y=y,
        depth_mm=depth_mm,
        length_mm=length_mm,
        gauge=gauge,
        response=_RESPONSES.get(response),
        note=note,
        uid=uid,
    )
