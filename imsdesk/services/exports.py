"""Exporting charts: one patient for a records request, or the whole clinic for a move.

    exports = ExportService(db)
    exports.export_patient(12, ExportFormat.PDF, Path("chart.pdf"))
    exports.export_clinic(ExportFormat.FHIR, Path("clinic-export"), progress=show)

A patient's chart goes out as a PDF, a folder of CSV tables or a FHIR R4 bundle (JSON).
The whole clinic goes out as CSV tables (one file per table, README.txt describing the
columns) or one FHIR bundle per patient. Files appear whole or not at all; a clinic
export can be cancelled through ``progress`` and then leaves nothing. Every export
writes an audit row per patient exported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from imsdesk.domain.anatomy import Atlas
from imsdesk.reports.chart_csv import CSV_ENCODING, TABLES, Table, cell_text, readme_text
from imsdesk.reports.chart_data import PatientChart
from imsdesk.reports.fhir_bundle import chart_bundle
from imsdesk.services.audit import AuditService
from imsdesk.services.chart_records import ChartRecordService
from imsdesk.services.clinic_settings import ClinicSettingsService
from imsdesk.services.errors import ServiceError
from imsdesk.services.export_files import check_output_folder, folder_written_whole
from imsdesk.services.summaries import (
    ExportError,
    check_output_path,
    clinic_letterhead,
    write_file_atomically,
)
from imsdesk.store.database import Database
from imsdesk.store.types import utc_now

# (patients done, patients in all) -> False to stop; called after each batch.
Progress = Callable[[int, int], bool]
BATCH = 100  # charts loaded per round of queries


class ExportFormat(StrEnum):
    PDF = "pdf"
    CSV = "csv"
    FHIR = "fhir"

    @property
    def label(self) -> str:
        return {
            "pdf": "PDF document",
            "csv": "CSV tables (a folder)",
            "fhir": "FHIR R4 bundle (JSON)",
        }[self.value]

    @property
    def writes_folder(self) -> bool:
        return self is ExportFormat.CSV


class ExportCancelled(ServiceError):
    """The person stopped the export; nothing was left behind."""


@dataclass(frozen=True)
class ExportDone:
    destination: Path
    fmt: ExportFormat
    patients: int

    @property
    def summary(self) -> str:
        noun = "patient" if self.patients == 1 else "patients"
        return f"exported {self.patients} {noun} as {self.fmt.label} to {self.destination}"


class ExportService:
    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self._db = db
        self._records = ChartRecordService(db, atlas)

    def export_patient(
        self,
        patient_id: int,
        fmt: ExportFormat,
        out: Path,
        *,
        user_id: int | None = None,
        today: date | None = None,
    ) -> ExportDone:
        """One patient's whole chart, as a records request or a transfer needs it."""
        if fmt.writes_folder:
            check_output_folder(out)
        else:
            check_output_path(out)  # refuse a bad destination before any work
        chart = self._records.chart(patient_id)  # raises NotFound
        if fmt is ExportFormat.PDF:
            write_file_atomically(out, self.chart_pdf(chart, today=today))
        elif fmt is ExportFormat.FHIR:
            write_file_atomically(out, _json_bytes(chart_bundle(chart, made_at=utc_now())))
        else:
            with folder_written_whole(out) as folder, _CsvTables(folder, TABLES) as tables:
                tables.add(chart)
                _write_readme(folder, f"the chart of patient {patient_id}")
        AuditService(self._db).record(
            "export",
            "patient",
            patient_id,
            detail=f"chart as {fmt.value} to {out}",
            user_id=user_id,
        )
        return ExportDone(out, fmt, 1)

    def chart_pdf(self, chart: PatientChart, *, today: date | None = None) -> bytes:
        from imsdesk.reports.chart_record import build_chart_record
        from imsdesk.reports.fonts import FontError

        settings = ClinicSettingsService(self._db).load()
        head, _notes = clinic_letterhead(settings)
        try:
            return build_chart_record(
                chart, head, paper=settings.paper_size, prepared_on=today or date.today()
            )
        except FontError as error:
            raise ExportError(str(error)) from None

    def export_clinic(
        self,
        fmt: ExportFormat,
        out: Path,
        *,
        user_id: int | None = None,
        progress: Progress | None = None,
    ) -> ExportDone:
        """Every patient's chart into the folder ``out`` (which must be new or empty)."""
        if fmt is ExportFormat.PDF:
            raise ExportError(
                "A whole-clinic export is CSV tables or FHIR bundles; PDF is one chart at a time."
            )
        check_output_folder(out)
        ids = self._records.patient_ids()
        made_at = utc_now()
        with folder_written_whole(out) as folder:
            if fmt is ExportFormat.CSV:
                with _CsvTables(folder, TABLES) as tables:
                    self._each_batch(ids, tables.add, progress)
                _write_readme(folder, f"every patient of the clinic ({len(ids)})")
            else:
                with _FhirFolder(folder, made_at) as bundles:
                    self._each_batch(ids, bundles.add, progress)
        audit = AuditService(self._db)
        detail = f"clinic export as {fmt.value} to {out}"
        audit.record_many("export", "patient", ids, detail=detail, user_id=user_id)
        audit.record(
            "export", "clinic", None, detail=f"{detail} ({len(ids)} patients)", user_id=user_id
        )
        return ExportDone(out, fmt, len(ids))

    def _each_batch(
        self, ids: Sequence[int], add: Callable[[PatientChart], None], progress: Progress | None
    ) -> None:
        if progress is not None and not progress(0, len(ids)):
            raise ExportCancelled("Export cancelled; nothing was written.")
        for start in range(0, len(ids), BATCH):
            for chart in self._records.charts(ids[start : start + BATCH]):
                add(chart)
            done = min(start + BATCH, len(ids))
            if progress is not None and not progress(done, len(ids)):
                raise ExportCancelled("Export cancelled; nothing was written.")


class _CsvTables:
    """One open CSV writer per table; rows added chart by chart."""

    def __init__(self, folder: Path, tables: Sequence[Table]) -> None:
        self._folder = folder
        self._tables = tables
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}
        self._shared_seen: dict[str, set[object]] = {}

    def __enter__(self) -> _CsvTables:
        for table in self._tables:
            handle: IO[str] = self._stack.enter_context(
                (self._folder / table.file_name).open("w", encoding=CSV_ENCODING, newline="")
            )
            writer = csv.writer(handle)
            writer.writerow(table.header)
            self._writers[table.name] = writer
            self._shared_seen[table.name] = set()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def add(self, chart: PatientChart) -> None:
        for table in self._tables:
            writer = self._writers[table.name]
            for row in table.rows(chart):
                if table.shared:
                    if row[0] in self._shared_seen[table.name]:
                        continue
                    self._shared_seen[table.name].add(row[0])
                writer.writerow([cell_text(value) for value in row])


class _FhirFolder:
    """One bundle file per patient, and an index of which file is whose."""

    def __init__(self, folder: Path, made_at: datetime) -> None:
        self._folder = folder
        self._made_at = made_at
        self._stack = ExitStack()
        self._index: Any = None

    def __enter__(self) -> _FhirFolder:
        handle = self._stack.enter_context(
            (self._folder / "index.csv").open("w", encoding=CSV_ENCODING, newline="")
        )
        self._index = csv.writer(handle)
        self._index.writerow(
            ["file", "patient_id", "chart_number", "family_name", "given_names", "date_of_birth"]
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def add(self, chart: PatientChart) -> None:
        p = chart.patient
        name = f"patient-{p.id}.json"
        (self._folder / name).write_bytes(_json_bytes(chart_bundle(chart, made_at=self._made_at)))
        self._index.writerow(
            [name, p.id, p.chart_number, p.family_name, p.given_names, p.date_of_birth.isoformat()]
        )


def _write_readme(folder: Path, scope: str) -> None:
    text = readme_text(made_on=date.today(), scope=scope)
    (folder / "README.txt").write_text(text, encoding="utf-8")


def _json_bytes(data: dict[str, Any]) -> bytes:
    # Compact: indenting makes Python fall back from its C encoder, ten times slower.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
