"""Finding, adding and correcting patients."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from imsdesk.domain.patients import (
    Patient,
    PatientDetails,
    PatientQuery,
    Sex,
    fold,
    parse_patient_query,
    validate_patient,
)
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, VisitRow

_S = TypeVar("_S", bound=Select[Any])
NAME_KEY_CHARS = 200  # PatientRow.family_key and given_key


class PatientService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def search(self, text: str, *, limit: int = 200, offset: int = 0) -> list[Patient]:
        """Patients whose name, chart number or birth date match what was typed, A–Z."""
        statement = (
            _filtered(select(PatientRow), parse_patient_query(text))
            .order_by(PatientRow.family_key, PatientRow.given_key, PatientRow.id)
            .limit(limit)
            .offset(offset)
        )
        with self._db.reading() as session:
            return [to_patient(row) for row in session.scalars(statement)]

    def count(self, text: str) -> int:
        statement = _filtered(select(func.count(PatientRow.id)), parse_patient_query(text))
        with self._db.reading() as session:
            return session.scalar(statement) or 0

    def get(self, patient_id: int) -> Patient:
        with self._db.reading() as session:
            row = session.get(PatientRow, patient_id)
            if row is None:
                raise NotFound(f"No patient with id {patient_id}.")
            visits = session.scalar(
                select(func.count(VisitRow.id)).where(VisitRow.patient_id == patient_id)
            )
            return to_patient(row, visits or 0)

    def create(self, details: PatientDetails, *, today: date | None = None) -> Patient:
        details = self._validated(details, today)
        with self._db.transaction() as session:
            self._refuse_duplicate_chart(session, details.chart_number, None)
            row = new_patient_row(details)
            session.add(row)
            self._flush(session, details)
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
            _fill(row, details)
            self._flush(session, details)
            return to_patient(row)

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


def _duplicate_message(chart_number: str, holder: PatientRow) -> str:
    name = f"{holder.family_name.upper()}, {holder.given_names}"
    return f"Chart number {chart_number} is already used by {name}."


def _filtered(statement: _S, query: PatientQuery) -> _S:
    conditions = []
    for word in query.words:
        conditions.append(
            or_(
                _prefix(PatientRow.family_key, word),
                _prefix(PatientRow.given_key, word),
                _prefix(PatientRow.chart_key, word),
            )
        )
    if query.date_of_birth is not None:
        conditions.append(PatientRow.date_of_birth == query.date_of_birth)
    return statement.where(and_(*conditions)) if conditions else statement


def _prefix(column: object, prefix: str) -> object:
    """key >= 'abc' AND key < 'abd': a prefix match that an ordinary index serves."""
    if prefix[-1] == chr(sys.maxunicode):  # no character sorts after it
        return column >= prefix  # type: ignore[operator]
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)  # type: ignore[operator]


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
    # Folding can lengthen a name ("\ufdfa" becomes 18 letters); the keys serve prefix search.
    row.family_key = fold(details.family_name)[:NAME_KEY_CHARS]
    row.given_key = fold(details.given_names)[:NAME_KEY_CHARS]
    assert details.date_of_birth is not None  # validate_patient requires it
    row.date_of_birth = details.date_of_birth
    row.sex = details.sex.value
    row.phone = details.phone
    row.email = details.email
    row.address = details.address
    row.notes = details.notes


def to_patient(row: PatientRow, visit_count: int = 0) -> Patient:
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
