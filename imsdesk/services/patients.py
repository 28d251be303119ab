"""Finding, adding and correcting patients."""

from __future__ import annotations

import functools
from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Select,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.patients import (
    Patient,
    PatientDetails,
    PatientQuery,
    Sex,
    fold,
    parse_patient_query,
    validate_patient,
)
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, VisitRow

_S = TypeVar("_S", bound=Select[Any])


class PatientService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def search(self, text: str, *, limit: int = 200, offset: int = 0) -> list[Patient]:
        """Patients whose name, chart number or birth date match what was typed, A–Z.

        Runs on every keystroke, so it reads plain rows (no ORM objects) and picks
        its way: few matches are gathered through the indexes and sorted; many (the
        first letter or two) are found by walking the list's order index and
        stopping after the page, rather than sorting thousands to show a hundred.
        """
        query = parse_patient_query(text)
        values = _values(query)
        with self._db.statements() as connection:
            walk = _walk_in_order(connection, query, values, offset + limit)
            shape = _shape(query)
            statement = _page(*shape, indexed=not walk).limit(limit).offset(offset)
            return [to_patient(row) for row in connection.execute(statement, values)]

    def count(self, text: str, *, at_most: int | None = None) -> int:
        """How many patients match; with ``at_most``, counting stops there.

        Counting every match of "d" (each chart number starts with it) costs more
        than the page itself on a big clinic; a list only needs to say "2,000+".
        The empty search is counted whole: SQLite counts a table off its smallest index.
        """
        query = parse_patient_query(text)
        values = _values(query)
        with self._db.statements() as connection:
            if at_most is not None and not query.is_empty:
                return connection.scalar(_probe(*_shape(query)), {**values, "enough": at_most})
            return connection.scalar(_count(*_shape(query)), values) or 0

    def get(self, patient_id: int) -> Patient:
        with self._db.reading() as session:
            return _patient(session, patient_id)

    def open_chart(self, patient_id: int) -> Patient:
        """The patient, for a person to read their chart: the opening is audited.

        The row is written before the chart is shown; if it cannot be written (a full
        disk), the chart is not shown either.
        """
        with self._db.transaction() as session:
            patient = _patient(session, patient_id)
            self._acting.audit(session, AuditAction.OPEN, RecordKind.PATIENT, patient_id)
            return patient

    def create(self, details: PatientDetails, *, today: date | None = None) -> Patient:
        details = self._validated(details, today)
        with self._db.transaction() as session:
            self._refuse_duplicate_chart(session, details.chart_number, None)
            row = new_patient_row(details)
            session.add(row)
            self._flush(session, details)
            self._acting.audit(session, AuditAction.CREATE, RecordKind.PATIENT, row.id)
            return to_patient(row)

    def update(
        self, patient_id: int, details: PatientDetails, *, today: date | None = None
    ) -> Patient:
        details = self._validated(details, today)
        with self._db.transaction() as session:
            row = session.get(PatientRow, patient_id)
            if row is None:
                raise NotFound(f"No patient with id {patient_id}.")
            self._refuse_duplicate_chart(session, details.chart_number, patient_id)
            before = to_patient(row)
            _fill(row, details)
            self._flush(session, details)
            after = to_patient(row)
            changed = [
                f.name.replace("_", " ")
                for f in fields(after)
                if getattr(before, f.name) != getattr(after, f.name)
            ]
            if changed:  # Save without a change leaves the record, and the trail, as they were
                detail = "changed " + ", ".join(changed)
                self._acting.audit(
                    session, AuditAction.EDIT, RecordKind.PATIENT, patient_id, detail
                )
            return after

    @staticmethod
    def _validated(details: PatientDetails, today: date | None) -> PatientDetails:
        details = details.cleaned()
        problems = validate_patient(details, today or date.today())
        if problems:
            raise ValidationError(problems)
        return details

    @staticmethod
    def _refuse_duplicate_chart(session: Session, chart_number: str, own_id: int | None) -> None:
        holder = session.scalars(
            select(PatientRow).where(PatientRow.chart_key == fold(chart_number))
        ).first()
        if holder is not None and holder.id != own_id:
            raise ValidationError({"chart_number": _duplicate_message(chart_number, holder)})

    @staticmethod
    def _flush(session: Session, details: PatientDetails) -> None:
        # Another workstation may have taken the number since we looked.
        try:
            session.flush()
        except IntegrityError:
            raise ValidationError(
                {"chart_number": f"Chart number {details.chart_number} is already in use."}
            ) from None


def _patient(session: Session, patient_id: int) -> Patient:
    row = session.get(PatientRow, patient_id)
    if row is None:
        raise NotFound(f"No patient with id {patient_id}.")
    visits = session.scalar(
        select(func.count(VisitRow.id)).where(VisitRow.patient_id == patient_id)
    )
    return to_patient(row, visits or 0)


def _duplicate_message(chart_number: str, holder: PatientRow) -> str:
    name = f"{holder.family_name.upper()}, {holder.given_names}"
    return f"Chart number {chart_number} is already used by {name}."


# What the list shows of a patient.
_LISTED = (
    PatientRow.id,
    PatientRow.chart_number,
    PatientRow.family_name,
    PatientRow.given_names,
    PatientRow.date_of_birth,
    PatientRow.sex,
    PatientRow.phone,
    PatientRow.email,
    PatientRow.address,
    PatientRow.notes,
)
# Beyond this many matches a page is found faster by walking the order index than by
# sorting them all. Measured on the ten-year demo clinic (30,000 patients): sorting
# the 600 "sm" takes under a millisecond where the walk reads the index up to the S
# (no family name holds more than about 2% of a clinic); sorting the 1,200 "an" or
# 2,400 "mar" takes ten to twenty times longer than walking to the first hundred.
MANY_MATCHES = 1000


def _walk_in_order(
    connection: Connection, query: PatientQuery, values: dict[str, object], rows_needed: int
) -> bool:
    """True when SQLite should walk ix_patients_name_order rather than sort the matches.

    PostgreSQL chooses this itself from its statistics; SQLite, without any, always
    gathers and sorts, which costs milliseconds once thousands match. A birth date
    is selective, and an empty search walks the index anyway.
    """
    if connection.dialect.name != "sqlite" or not query.words or query.date_of_birth:
        return False
    enough = max(MANY_MATCHES, rows_needed)
    found = connection.scalar(_probe(*_shape(query)), {**values, "enough": enough})
    return (found or 0) >= enough


# The statements are built once per shape (how many words, a date or not) with
# bound values, so a keystroke only binds what was typed.
def _shape(query: PatientQuery) -> tuple[int, bool]:
    return len(query.words), query.date_of_birth is not None


def _values(query: PatientQuery) -> dict[str, object]:
    """Each word as a range (key >= 'abc' AND key < 'abd'), which an ordinary index serves."""
    values: dict[str, object] = {"born": query.date_of_birth}
    for n, word in enumerate(query.words):
        values[f"w{n}"] = word
        values[f"w{n}_end"] = word[:-1] + chr(ord(word[-1]) + 1)
    return values


@functools.cache
def _page(words: int, dated: bool, *, indexed: bool) -> Select[Any]:
    return _filtered(select(*_LISTED), words, dated, indexed).order_by(
        PatientRow.family_key, PatientRow.given_key, PatientRow.id
    )


@functools.cache
def _count(words: int, dated: bool) -> Select[Any]:
    # Always through the indexes: walking the order index to count is slower even
    # when everyone matches (measured on the ten-year demo clinic).
    return _filtered(select(func.count(PatientRow.id)), words, dated, indexed=True)


@functools.cache
def _probe(words: int, dated: bool) -> Select[Any]:
    """How many match, counting no further than :enough."""
    found = _filtered(select(PatientRow.id), words, dated, indexed=True)
    limited = found.limit(bindparam("enough", type_=Integer)).subquery()
    return select(func.count()).select_from(limited)


def _filtered(statement: _S, words: int, dated: bool, indexed: bool) -> _S:
    conditions = []
    for n in range(words):
        low, high = bindparam(f"w{n}"), bindparam(f"w{n}_end")
        conditions.append(
            or_(
                *(
                    and_(key >= low, key < high)
                    for key in (
                        _key(PatientRow.family_key, indexed),
                        _key(PatientRow.given_key, indexed),
                        _key(PatientRow.chart_key, indexed),
                    )
                )
            )
        )
    if dated:
        conditions.append(PatientRow.date_of_birth == bindparam("born"))
    return statement.where(and_(*conditions)) if conditions else statement


def _key(column: Any, indexed: bool) -> Any:
    """The column, or (SQLite) the same value through "+", which no index lookup uses."""
    if indexed:
        return column
    return literal_column(f"+{column.table.name}.{column.name}", type_=column.type)


def new_patient_row(details: PatientDetails) -> PatientRow:
    """A row for validated, cleaned details (the caller adds it to its session)."""
    row = PatientRow()
    _fill(row, details)
    return row


def _fill(row: PatientRow, details: PatientDetails) -> None:
    row.chart_number = details.chart_number
    row.chart_key = fold(details.chart_number)
    row.family_name = details.family_name
    row.given_names = details.given_names
    row.family_key = fold(details.family_name)
    row.given_key = fold(details.given_names)
    assert details.date_of_birth is not None  # validate_patient requires it
    row.date_of_birth = details.date_of_birth
    row.sex = details.sex.value
    row.phone = details.phone
    row.email = details.email
    row.address = details.address
    row.notes = details.notes


def to_patient(row: PatientRow | Row[Any], visit_count: int = 0) -> Patient:
    return Patient(
        id=row.id,
        chart_number=row.chart_number,
        family_name=row.family_name,
        given_names=row.given_names,
        date_of_birth=row.date_of_birth,
        sex=Sex(row.sex),
        phone=row.phone,
        email=row.email,
        address=row.address,
        notes=row.notes,
        visit_count=visit_count,
    )
