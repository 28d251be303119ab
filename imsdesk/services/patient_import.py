"""Importing a clinic's patient list from another system's CSV export.

Two steps, so nothing is written until the person has seen what will happen:

    importer = PatientImportService(db)
    preview = importer.preview(data, "patients.csv")         # reads only
    report = importer.run(preview, import_duplicates={14})   # one transaction

The preview says how the file was read (encoding, delimiter, column mapping, date
order), which rows are ready, which look like patients the clinic already has, and why
the others cannot be imported. Every imported patient leaves an audit row.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.domain.csv_text import CsvError, CsvTable, Delimiter, Encoding, read_table
from imsdesk.domain.import_dates import DateOrder, DateOrderGuess, detect_date_order
from imsdesk.domain.patient_import import (
    Target,
    date_values,
    guess_mapping,
    mapping_problems,
    numbered_charts,
    parse_rows,
)
from imsdesk.domain.patients import Patient, PatientDetails, fold
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import ServiceError
from imsdesk.services.patients import new_patient_row, to_patient
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow


class ImportRefused(ServiceError):
    """The file cannot be imported as it stands; nothing was written."""


@dataclass(frozen=True)
class ImportChoices:
    """What the person chose; None leaves it to detection."""

    encoding: Encoding | None = None
    delimiter: Delimiter | None = None
    mapping: tuple[Target, ...] | None = None
    date_order: DateOrder | None = None


class RowStatus(StrEnum):
    READY = "ready"
    DUPLICATE = "duplicate"  # matches a patient already there: the person decides
    PROBLEM = "problem"  # cannot be imported as written

    @property
    def label(self) -> str:
        return {"ready": "Ready", "duplicate": "Possible duplicate", "problem": "Cannot import"}[
            self.value
        ]


@dataclass(frozen=True)
class PreviewRow:
    line: int
    details: PatientDetails | None
    status: RowStatus
    reasons: tuple[str, ...] = ()  # the problems, or whom it duplicates
    # A duplicate by name and birth date with a free chart number may still be added.
    may_import: bool = False


@dataclass(frozen=True)
class ImportPreview:
    source: str
    table: CsvTable
    mapping: tuple[Target, ...]
    mapping_problems: tuple[str, ...]
    date_guess: DateOrderGuess
    date_order: DateOrder | None  # the one applied: chosen, else detected
    charts_numbered: bool  # no chart-number column: new numbers are given
    rows: tuple[PreviewRow, ...]

    def with_status(self, status: RowStatus) -> tuple[PreviewRow, ...]:
        return tuple(row for row in self.rows if row.status is status)

    @property
    def summary(self) -> str:
        ready = len(self.with_status(RowStatus.READY))
        duplicates = len(self.with_status(RowStatus.DUPLICATE))
        problems = len(self.with_status(RowStatus.PROBLEM))
        return (
            f"{_count(ready, 'patient')} ready, {_count(duplicates, 'possible duplicate')}, "
            f"{_count(problems, 'row')} that cannot be imported"
        )


@dataclass(frozen=True)
class ImportReport:
    source: str
    imported: tuple[tuple[int, Patient], ...] = ()
    skipped: tuple[tuple[int, str], ...] = field(default=())  # (line, why)

    @property
    def summary(self) -> str:
        return (
            f"Imported {_count(len(self.imported), 'patient')} from {self.source}; "
            f"skipped {_count(len(self.skipped), 'row')}."
        )

    def lines(self) -> list[str]:
        """The report as text: one line per skipped row with the reason."""
        lines = [self.summary]
        lines += [f"line {line}: skipped: {why}" for line, why in self.skipped]
        return lines


class PatientImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(
        self,
        data: bytes,
        source: str,
        choices: ImportChoices = ImportChoices(),
        *,
        today: date | None = None,
    ) -> ImportPreview:
        """Read the file and check every row against the clinic; writes nothing."""
        try:
            table = read_table(data, encoding=choices.encoding, delimiter=choices.delimiter)
        except CsvError as error:
            raise ImportRefused(f"{source}: {error}") from None
        mapping = choices.mapping or guess_mapping(table.header)
        if len(mapping) != len(table.header):
            raise ImportRefused(
                f"The column mapping names {len(mapping)} columns; {source} has "
                f"{len(table.header)}."
            )
        problems = tuple(mapping_problems(mapping))
        guess = detect_date_order(date_values(table.rows, mapping))
        order = choices.date_order or guess.order
        if problems:
            return ImportPreview(source, table, mapping, problems, guess, order, False, ())
        with self._db.reading() as session:
            existing = _Existing.load(session)
        numbered = Target.CHART_NUMBER not in mapping
        parsed = parse_rows(
            len(table.header),
            table.rows,
            mapping,
            order,
            today=today or date.today(),
            chart_numbers=numbered_charts(set(existing.charts), existing.next_number)
            if numbered
            else None,
        )
        rows = []
        first_line_of: dict[tuple[str, str, date], int] = {}
        for row in parsed:
            if row.details is None:
                rows.append(PreviewRow(row.line, None, RowStatus.PROBLEM, row.problems))
                continue
            rows.append(existing.check(row.line, row.details, first_line_of))
        return ImportPreview(source, table, mapping, (), guess, order, numbered, tuple(rows))

    def run(
        self,
        preview: ImportPreview,
        *,
        import_duplicates: Collection[int] = (),
        user_id: int | None = None,
    ) -> ImportReport:
        """Add the ready rows, and the duplicates chosen by line, in one transaction."""
        if preview.mapping_problems:
            raise ImportRefused(" ".join(preview.mapping_problems) + " Nothing was imported.")
        imported: list[tuple[int, PatientRow]] = []
        skipped: list[tuple[int, str]] = []
        with self._db.transaction() as session:
            existing = _Existing.load(session)
            for row in preview.rows:
                why = _skip_reason(row, import_duplicates)
                if why is None:
                    assert row.details is not None
                    why = existing.taken_since(row.details)
                if why is not None:
                    skipped.append((row.line, why))
                    continue
                assert row.details is not None
                patient_row = new_patient_row(row.details)
                session.add(patient_row)
                existing.charts[fold(row.details.chart_number)] = row.details.chart_number
                imported.append((row.line, patient_row))
            session.flush()
            for line, patient_row in imported:
                add_audit_row(
                    session,
                    "import",
                    "patient",
                    patient_row.id,
                    detail=f"from {preview.source}, line {line}",
                    user_id=user_id,
                )
            done = tuple((line, to_patient(patient_row)) for line, patient_row in imported)
        return ImportReport(preview.source, done, tuple(skipped))


def _skip_reason(row: PreviewRow, import_duplicates: Collection[int]) -> str | None:
    if row.status is RowStatus.PROBLEM:
        return " ".join(row.reasons)
    if row.status is RowStatus.DUPLICATE:
        if row.line not in import_duplicates:
            return f"{' '.join(row.reasons)} Left out, as decided."
        if not row.may_import:
            return f"{' '.join(row.reasons)} It cannot be added under the same chart number."
    return None


@dataclass
class _Existing:
    """The clinic's patients, as far as telling a duplicate needs."""

    charts: dict[str, str]  # folded chart number -> who holds it
    people: dict[tuple[str, str, date], str]  # folded names and birth date -> who
    next_number: int

    @classmethod
    def load(cls, session: Session) -> _Existing:
        rows = session.execute(
            select(
                PatientRow.chart_key,
                PatientRow.chart_number,
                PatientRow.family_key,
                PatientRow.given_key,
                PatientRow.date_of_birth,
                PatientRow.family_name,
                PatientRow.given_names,
            )
        ).all()
        charts, people, highest = {}, {}, 0
        for key, number, family, given, born, family_name, given_names in rows:
            who = f"{family_name.upper()}, {given_names} (#{number}, born {born.isoformat()})"
            charts[key] = who
            people[(family, given, born)] = who
            if number.isdigit():
                highest = max(highest, int(number))
        return cls(charts, people, highest + 1)

    def check(
        self, line: int, details: PatientDetails, first_line_of: dict[tuple[str, str, date], int]
    ) -> PreviewRow:
        """Ready, or a possible duplicate of a stored patient or of an earlier line."""
        assert details.date_of_birth is not None
        person = (fold(details.family_name), fold(details.given_names), details.date_of_birth)
        reasons = []
        chart_holder = self.charts.get(fold(details.chart_number))
        if chart_holder is not None:
            reasons.append(f"Chart number {details.chart_number} belongs to {chart_holder}.")
        if person in self.people and self.people[person] != chart_holder:
            reasons.append(f"Same name and date of birth as {self.people[person]}.")
        elif person in first_line_of:
            reasons.append(f"Same name and date of birth as line {first_line_of[person]}.")
        first_line_of.setdefault(person, line)
        if not reasons:
            return PreviewRow(line, details, RowStatus.READY)
        return PreviewRow(
            line, details, RowStatus.DUPLICATE, tuple(reasons), may_import=chart_holder is None
        )

    def taken_since(self, details: PatientDetails) -> str | None:
        holder = self.charts.get(fold(details.chart_number))
        if holder is None:
            return None
        return f"Chart number {details.chart_number} was taken by {holder} after the preview."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def mapping_from_names(header: Sequence[str], names: dict[str, str]) -> tuple[Target, ...]:
    """A mapping from the guessed one with columns named by header text overruled.

    ``names`` maps a column's header (as in the file, any case) to a target value, e.g.
    {"Birthday": "date_of_birth", "Ref": "ignore"}.
    """
    mapping = list(guess_mapping(header))
    folded = [fold(name) for name in header]
    for column, target in names.items():
        try:
            chosen = Target(target)
        except ValueError:
            choices = ", ".join(t.value for t in Target)
            raise ImportRefused(
                f"'{target}' is not a patient field; use one of {choices}."
            ) from None
        if fold(column) not in folded:
            raise ImportRefused(f"The file has no column '{column}'.")
        mapping[folded.index(fold(column))] = chosen
    return tuple(mapping)
