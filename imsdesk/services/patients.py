"""Finding, adding and correcting patients."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from typing import Any, overload

from sqlalchemy import func, select
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
from imsdesk.services.patient_search import (
    NAME_KEY_CHARS,
    driver_count,
    driver_page,
    shape_of,
    values_of,
)
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import Read, as_given
from imsdesk.store.models import PatientRow, VisitRow


class PatientService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def search(self, text: str, *, limit: int = 200, offset: int = 0) -> list[Patient]:
        """Patients whose name, chart number or birth date match what was typed, A–Z."""
        return list(self.listed(text, limit=limit, offset=offset))

    def listed(self, text: str, *, limit: int, offset: int = 0) -> ListedPatients:
        """``search`` for the patient list: on every keystroke (the first page) and as it
        scrolls. One statement, compiled once, on the driver's connection; each patient is
        made when the list first shows it."""
        query = parse_patient_query(text)
        shape = shape_of(query, sqlite=self._db.is_sqlite)
        statement = driver_page(shape, self._db.engine.dialect)
        with self._db.driver() as driver:
            rows = statement.rows(driver, _page_values(query, limit, offset))
        return ListedPatients(rows, statement.readers[4])  # SQLite gives the date as text

    def count(self, text: str, *, at_most: int | None = None) -> int:
        """How many patients match; with ``at_most``, counting stops there.

        Counting every match of "d" (each chart number starts with it) costs more
        than the page itself on a big clinic; a list only needs to say "2,000+".
        The empty search is counted whole.
        """
        query = parse_patient_query(text)
        shape = shape_of(query, sqlite=self._db.is_sqlite)
        statement = driver_count(shape, self._db.engine.dialect, capped=at_most is not None)
        with self._db.driver() as driver:
            (counted,) = statement.rows(driver, {**values_of(query), "at_most": at_most})[0]
        return int(counted)

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


def _page_values(query: PatientQuery, limit: int, offset: int) -> dict[str, object]:
    # Each way in reads up to :n patients: the page and every one before it.
    return {**values_of(query), "limit": limit, "offset": offset, "n": offset + limit}


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


_SEXES = {sex.value: sex for sex in Sex}  # a dict read: a keystroke makes 100 patients


def to_patient(row: PatientRow, visit_count: int = 0) -> Patient:
    return listed_patient(
        (
            row.id,
            row.chart_number,
            row.family_name,
            row.given_names,
            row.date_of_birth,
            row.sex,
            row.phone,
            row.email,
            row.address,
            row.notes,
        ),
        visit_count=visit_count,
    )


class ListedPatients(Sequence[Patient]):
    """A page of the patient list as the driver read it (rows of the LISTED columns); each
    row is made a Patient when first asked for.

    A keystroke reads 100 rows and the list shows a screenful of them: making the others
    too (an object each, its fields, the birth date read from text) cost a keystroke a
    tenth of its time.
    """

    def __init__(self, rows: list[Any], read_born: Read = as_given) -> None:
        self._rows = rows
        self._read_born = read_born
        self._made: dict[int, Patient] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Patient: ...

    @overload
    def __getitem__(self, index: slice) -> list[Patient]: ...

    def __getitem__(self, index: int | slice) -> Patient | list[Patient]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        at = range(len(self._rows))[index]  # a negative index counts from the end
        made = self._made.get(at)
        if made is None:
            made = self._made[at] = listed_patient(self._rows[at], self._read_born)
        return made

    def id_at(self, index: int) -> int:
        """The patient's id, without making the patient."""
        return int(self._rows[index][0])


_new = object.__new__


def listed_patient(row: Sequence[Any], read_born: Read = as_given, visit_count: int = 0) -> Patient:
    """A patient from a row of the LISTED columns, read by position.

    A keystroke lists 100 patients: filling the frozen dataclass's fields at once costs a
    third of its __init__ (eleven object.__setattr__ calls). A listed row was a valid
    patient when stored, so there is nothing for __init__ to add.
    """
    patient_id, chart, family, given, born, sex, phone, email, address, notes = row[:10]
    patient: Patient = _new(Patient)
    patient.__dict__.update(
        id=patient_id,
        chart_number=chart,
        family_name=family,
        given_names=given,
        date_of_birth=read_born(born),
        sex=_SEXES[sex],
        phone=phone,
        email=email,
        address=address,
        notes=notes,
        visit_count=visit_count,
    )
    return patient
