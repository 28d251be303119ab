"""Importing messy patient lists exported by other practice systems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from imsdesk.domain.csv_text import Delimiter, Encoding
from imsdesk.domain.import_dates import DateOrder
from imsdesk.domain.patient_import import Target
from imsdesk.domain.patients import PatientDetails, Sex
from imsdesk.services.audit import AuditService
from imsdesk.services.patient_import import (
    ImportChoices,
    ImportRefused,
    PatientImportService,
    RowStatus,
)
from imsdesk.services.patients import PatientService
from imsdesk.store.database import Database
from imsdesk.store.models import AuditRow, PatientRow
from tests.conftest import AS_OF

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def clinic(db: Database) -> Database:
    PatientService(db).create(PatientDetails("1042", "Doe", "Jane", date(1968, 4, 23)))
    return db


def counts(db: Database) -> tuple[int, int]:
    with db.reading() as session:
        patients = session.scalar(select(func.count(PatientRow.id)))
        audit = session.scalar(select(func.count(AuditRow.id)))
    return patients or 0, audit or 0


def test_a_semicolon_file_with_bom_blank_lines_and_bad_rows_previews_right(clinic):
    before = counts(clinic)
    preview = PatientImportService(clinic).preview(
        fixture("semicolon_bom_dmy.csv"), "semicolon_bom_dmy.csv", today=AS_OF
    )
    assert counts(clinic) == before  # a preview writes nothing
    assert preview.table.encoding is Encoding.UTF8_BOM
    assert preview.table.delimiter is Delimiter.SEMICOLON
    assert preview.table.header[0] == "Patient No"  # the byte-order mark is not in the name
    assert preview.table.blank_lines == 3
    assert preview.mapping == (
        Target.CHART_NUMBER,
        Target.FAMILY_NAME,
        Target.GIVEN_NAMES,
        Target.DATE_OF_BIRTH,
        Target.SEX,
        Target.PHONE,
        Target.EMAIL,
        Target.ADDRESS,
        Target.ADDRESS,
        Target.NOTES,
    )
    assert preview.date_order is DateOrder.DMY
    assert "23/04/1968" in preview.date_guess.reason

    by_line = {row.line: row for row in preview.rows}
    muller = by_line[2].details
    assert muller is not None and by_line[2].status is RowStatus.READY
    assert (muller.family_name, muller.given_names, muller.date_of_birth) == (
        "Müller",
        "Jörg",
        date(1968, 4, 23),
    )
    assert muller.address == "Hauptstraße 5; Hinterhaus, Köln"  # quoted delimiter kept
    assert muller.sex is Sex.MALE
    assert by_line[4].details.date_of_birth == date(1975, 12, 1)  # an ISO date among them
    assert by_line[4].details.notes == "prefers mornings"
    assert by_line[8].details.sex is Sex.FEMALE  # "W"
    assert by_line[8].details.date_of_birth == date(1990, 7, 13)

    duplicate = by_line[5]
    assert duplicate.status is RowStatus.DUPLICATE and duplicate.may_import
    assert "DOE, Jane (#1042, born 1968-04-23)" in duplicate.reasons[0]
    assert by_line[7].status is RowStatus.PROBLEM
    assert "31/02/1980' is not a real date" in by_line[7].reasons[0]
    assert by_line[9].reasons == ("Given name is required.",)
    assert by_line[10].reasons == ("Chart number 5001 is also on line 2.",)
    assert preview.summary == (
        "3 patients ready, 1 possible duplicate, 3 rows that cannot be imported"
    )


def test_the_import_adds_the_ready_rows_and_the_chosen_duplicates_in_one_go(clinic):
    importer = PatientImportService(clinic)
    preview = importer.preview(
        fixture("semicolon_bom_dmy.csv"), "semicolon_bom_dmy.csv", today=AS_OF
    )
    report = importer.run(preview, import_duplicates={5}, user_id=None)
    assert [line for line, _ in report.imported] == [2, 4, 5, 8]
    assert [line for line, _ in report.skipped] == [7, 9, 10]
    assert report.summary == "Imported 4 patients from semicolon_bom_dmy.csv; skipped 3 rows."
    assert report.lines()[1].startswith("line 7: skipped: Date of birth:")
    found = PatientService(clinic).search("müller")
    assert [p.chart_number for p in found] == ["5001"]
    assert len(PatientService(clinic).search("doe jane")) == 2  # added after the decision
    (audit,) = AuditService(clinic).for_record("patient", found[0].id)
    assert (audit.action, audit.detail) == ("import", "from semicolon_bom_dmy.csv, line 2")


def test_duplicates_are_left_out_unless_chosen(clinic):
    importer = PatientImportService(clinic)
    preview = importer.preview(
        fixture("semicolon_bom_dmy.csv"), "semicolon_bom_dmy.csv", today=AS_OF
    )
    report = importer.run(preview)
    assert (
        5,
        "Same name and date of birth as DOE, Jane (#1042, born 1968-04-23). Left out, as decided.",
    ) in report.skipped
    assert len(PatientService(clinic).search("doe jane")) == 1


def test_latin1_full_names_and_month_first_dates_get_new_chart_numbers(clinic):
    preview = PatientImportService(clinic).preview(
        fixture("latin1_commas_mdy.csv"), "latin1_commas_mdy.csv", today=AS_OF
    )
    assert preview.table.encoding is Encoding.WESTERN
    assert preview.table.delimiter is Delimiter.COMMA
    assert preview.mapping[:2] == (Target.FULL_NAME, Target.DATE_OF_BIRTH)
    assert preview.date_order is DateOrder.MDY
    assert preview.charts_numbered
    rows = [row.details for row in preview.rows]
    assert all(row is not None for row in rows), preview.rows
    assert [(r.family_name, r.given_names) for r in rows] == [
        ("Bélanger", "Chloé"),
        ("Lefèvre", "François"),
        ("Çelik", "Zoë"),
        ("O'Brien", "Seán"),
    ]
    assert [r.date_of_birth for r in rows] == [
        date(1968, 4, 23),
        date(1959, 12, 31),
        date(1988, 7, 4),
        date(1970, 1, 2),
    ]
    assert [r.chart_number for r in rows] == ["1043", "1044", "1045", "1046"]
    assert rows[0].address == "1200 Harbour Rd, Suite 4, V6B 1A1"
    assert rows[3].address == '12 Main St, Apt "B"'


def test_ambiguous_dates_wait_for_the_order_to_be_chosen(clinic):
    importer = PatientImportService(clinic)
    data = fixture("ambiguous_dates.csv")
    undecided = importer.preview(data, "ambiguous_dates.csv", today=AS_OF)
    assert undecided.date_order is None
    assert all(row.status is RowStatus.PROBLEM for row in undecided.rows)
    assert "choose the date order" in undecided.rows[0].reasons[0]
    chosen = importer.preview(
        data, "ambiguous_dates.csv", ImportChoices(date_order=DateOrder.DMY), today=AS_OF
    )
    assert [row.details.date_of_birth for row in chosen.rows] == [
        date(1970, 4, 3),
        date(1981, 6, 5),
    ]


def test_a_rejected_file_changes_nothing(clinic):
    importer = PatientImportService(clinic)
    before = counts(clinic)
    with pytest.raises(ImportRefused, match="not a text file"):
        importer.preview(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.csv")
    with pytest.raises(ImportRefused, match="empty"):
        importer.preview(b"\n\n", "empty.csv")
    no_dates = b"Last name,First name\nDoe,John\n"
    preview = importer.preview(no_dates, "no_dates.csv")
    assert preview.mapping_problems == ("Choose the column with the date of birth.",)
    with pytest.raises(ImportRefused, match="Nothing was imported"):
        importer.run(preview)
    with pytest.raises(ImportRefused, match="not UTF-8"):
        importer.preview(fixture("latin1_commas_mdy.csv"), "x.csv", ImportChoices(Encoding.UTF8))
    assert counts(clinic) == before


def test_a_chart_number_taken_after_the_preview_is_skipped_not_doubled(clinic):
    importer = PatientImportService(clinic)
    preview = importer.preview(
        fixture("semicolon_bom_dmy.csv"), "semicolon_bom_dmy.csv", today=AS_OF
    )
    PatientService(clinic).create(PatientDetails("5002", "Other", "Person", date(1990, 1, 1)))
    report = importer.run(preview)
    assert any(line == 4 and "after the preview" in why for line, why in report.skipped)
    assert [p.family_name for p in PatientService(clinic).search("5002")] == ["Other"]
