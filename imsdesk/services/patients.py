"""Finding, adding and correcting patients."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, or_, select
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
    row.family_key = fold(details.family_name)
    row.given_key = fold(details.given_names)
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
