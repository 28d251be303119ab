"""Exports: whole charts as PDF, CSV tables and FHIR R4 bundles that a FHIR library accepts."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import func, select

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Side, SpinalLevel
from imsdesk.domain.audit import AuditEntry
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.reports.chart_csv import TABLES
from imsdesk.reports.fhir_bundle import LATERALITY, PAIN_SCORE_LOINC, SNOMED
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.audit import AuditService
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.exports import ExportCancelled, ExportFormat, ExportService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.summaries import ExportError
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.store.database import Database
from imsdesk.store.models import (
    ExamSignRow,
    MuscleFindingRow,
    NeedleSiteRow,
    OutcomeScoreRow,
    VisitRow,
)
from tests.conftest import AS_OF
from tests.reports import pdf_tools
from tests.reports.charted_course import Course, chart_course


@pytest.fixture
def course(db: Database) -> Course:
    """A charted course with exam signs, a questionnaire, an amendment and an adverse event."""
    course = chart_course(db, visits=3)
    first, _, last = course.visit_ids
    ExamSignService(db).set_sign(
        last, ExamSign(SpinalLevel.L4, Side.LEFT, SignKind.TAUT_BAND), True
    )
    OutcomeService(db).record(last, "odi", [2, 1, 3, 2, 1, 2, 0, 1, 2, 1])
    OutcomeService(db).record(last, "nprs", [6])
    VisitRecordService(db).amend(first, course.therapist_id, "wrong side noted", "Right, not left.")
    AdverseEventService(db).record(
        first,
        course.therapist_id,
        AdverseEvent(AdverseEventKind.BRUISING, "Small bruise, right buttock", "Ice; settled"),
    )
    return course


def exports_audited(db: Database, patient_id: int) -> list[AuditEntry]:
    return [e for e in AuditService(db).for_record("patient", patient_id) if e.action == "export"]


def db_counts(db: Database, patient_id: int) -> dict[str, int]:
    def count(model: type) -> int:
        statement = select(func.count(model.id))
        if model is not VisitRow:
            statement = statement.join(VisitRow, VisitRow.id == model.visit_id)
        with db.reading() as session:
            return session.scalar(statement.where(VisitRow.patient_id == patient_id)) or 0

    return {
        "visits": count(VisitRow),
        "needles": count(NeedleSiteRow),
        "findings": count(MuscleFindingRow),
        "signs": count(ExamSignRow),
        "scores": count(OutcomeScoreRow),
    }


def test_a_fhir_bundle_validates_and_holds_every_record(db, course, tmp_path):
    out = tmp_path / "chart.json"
    ExportService(db).export_patient(course.patient_id, ExportFormat.FHIR, out)
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    assert bundle.type == "collection"
    resources = [entry.resource for entry in bundle.entry]
    kinds = Counter(r.get_resource_type() for r in resources)
    counts = db_counts(db, course.patient_id)
    assert kinds["Patient"] == 1 and kinds["Practitioner"] == 1
    assert kinds["Encounter"] == counts["visits"] == 4
    assert kinds["Procedure"] == counts["needles"]
    assert kinds["QuestionnaireResponse"] == counts["scores"] + 1  # and the safety screen
    pains = [r for r in resources if r.get_resource_type() == "Observation" and r.code.coding]
    assert all(p.code.coding[0].system == "http://loinc.org" for p in pains)
    assert {p.code.coding[0].code for p in pains} == {PAIN_SCORE_LOINC}
    observations = kinds["Observation"]
    assert observations == len(pains) + counts["findings"] + counts["signs"] + counts["scores"]
    assert kinds["AdverseEvent"] == 1
    documents = [r for r in resources if r.get_resource_type() == "DocumentReference"]
    (amendment,) = [d for d in documents if d.relatesTo]
    assert amendment.relatesTo[0].code == "appends"

    patient = resources[0]
    assert patient.name[0].family == "Nguyễn" and patient.birthDate.isoformat() == "1968-04-23"
    # Every reference resolves inside the bundle.
    urls = {entry.fullUrl for entry in bundle.entry}
    found = set(references(json.loads(out.read_text(encoding="utf-8"))))
    assert found and found <= urls


def references(data: object) -> list[str]:
    if isinstance(data, dict):
        own = [data["reference"]] if isinstance(data.get("reference"), str) else []
        return own + [r for value in data.values() for r in references(value)]
    if isinstance(data, list):
        return [r for value in data for r in references(value)]
    return []


def test_needle_sites_carry_body_site_codes_and_laterality(db, course, tmp_path):
    out = tmp_path / "chart.json"
    ExportService(db).export_patient(course.patient_id, ExportFormat.FHIR, out)
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    by_url = {entry.fullUrl: entry.resource for entry in bundle.entry}
    procedures = [r for r in by_url.values() if r.get_resource_type() == "Procedure"]
    rhomboid = next(p for p in procedures if "rhomboid" in p.bodySite[0].text.lower())
    assert rhomboid.bodySite[0].text == "Right rhomboid major"
    assert not rhomboid.bodySite[0].coding  # no checked SNOMED code: text only
    structure = by_url[rhomboid.extension[0].valueReference.reference]
    laterality = structure.locationQualifier[0].coding[0]
    assert (laterality.system, laterality.code) == (SNOMED, LATERALITY["right"][0])
    paraspinal = next(p for p in procedures if "L4" in p.bodySite[0].text)
    left = by_url[paraspinal.extension[0].valueReference.reference]
    assert left.locationQualifier[0].coding[0].code == "7771000"


def test_a_coded_muscle_exports_its_snomed_code(db, course, tmp_path):
    from imsdesk.domain.marks import MuscleFinding, Severity
    from imsdesk.services.marks import MarkService

    last = course.visit_ids[-1]
    MarkService(db).put_finding(last, MuscleFinding("trapezius_upper", Side.LEFT, Severity.MILD))
    out = tmp_path / "chart.json"
    ExportService(db).export_patient(course.patient_id, ExportFormat.FHIR, out)
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    sites = [
        r.bodySite
        for r in (e.resource for e in bundle.entry)
        if r.get_resource_type() == "Observation" and r.bodySite and r.bodySite.coding
    ]
    (site,) = sites
    assert site.text == "Left trapezius, upper fibres"
    assert (site.coding[0].system, site.coding[0].code) == (SNOMED, "31764008")


def test_the_clinic_csv_export_has_documented_columns_and_matching_counts(db, course, tmp_path):
    generate_demo_data(db, patients=30, seed=3, as_of=AS_OF)
    out = tmp_path / "clinic"
    seen: list[tuple[int, int]] = []
    done = ExportService(db).export_clinic(
        ExportFormat.CSV, out, progress=lambda d, t: seen.append((d, t)) or True
    )
    assert done.patients == 31 and seen[-1] == (31, 31)
    readme = (out / "README.txt").read_text(encoding="utf-8")
    for table in TABLES:
        with (out / table.file_name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == table.header
        assert table.file_name in readme
        for column in table.columns:
            assert f"  {column.name}" in readme
    with (out / "visits.csv").open(encoding="utf-8-sig", newline="") as handle:
        visits = list(csv.DictReader(handle))
    with db.reading() as session:
        assert len(visits) == session.scalar(select(func.count(VisitRow.id)))
    with (out / "needle_sites.csv").open(encoding="utf-8-sig", newline="") as handle:
        needles = [r for r in csv.DictReader(handle) if r["patient_id"] == str(course.patient_id)]
    assert len(needles) == db_counts(db, course.patient_id)["needles"]
    assert {r["side"] for r in needles} == {"left", "right"}
    with (out / "clinicians.csv").open(encoding="utf-8-sig", newline="") as handle:
        ids = [r["clinician_id"] for r in csv.DictReader(handle)]
    assert len(ids) == len(set(ids))  # each clinician once, however many charts
    entries = AuditService(db).for_record("patient", course.patient_id)
    assert entries[-1].action == "export" and "clinic export as csv" in entries[-1].detail


def test_the_clinic_fhir_export_writes_one_valid_bundle_per_patient(db, course, tmp_path):
    generate_demo_data(db, patients=5, seed=3, as_of=AS_OF)
    out = tmp_path / "fhir"
    done = ExportService(db).export_clinic(ExportFormat.FHIR, out)
    files = sorted(out.glob("patient-*.json"))
    assert len(files) == done.patients == 6
    with (out / "index.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    encounters = 0
    for file in files:
        bundle = Bundle.model_validate_json(file.read_text(encoding="utf-8"))
        encounters += sum(e.resource.get_resource_type() == "Encounter" for e in bundle.entry)
    with db.reading() as session:
        assert encounters == session.scalar(select(func.count(VisitRow.id)))


def test_a_cancelled_export_leaves_nothing(db, course, tmp_path):
    generate_demo_data(db, patients=250, seed=3, as_of=AS_OF)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        ExportService(db).export_clinic(
            ExportFormat.FHIR, folder / "clinic", progress=lambda d, t: d < 100
        )
    assert list(folder.iterdir()) == []
    assert exports_audited(db, course.patient_id) == []


def test_a_patient_pdf_holds_the_whole_chart(db, course, tmp_path):
    out = tmp_path / "chart.pdf"
    ExportService(db).export_patient(course.patient_id, ExportFormat.PDF, out)
    text = pdf_tools.text(out.read_bytes())
    for expected in (
        "Clinical record",
        "Visit 4",
        "Gluteus medius",
        "Rhomboid major",
        "Taut band",
        "Oswestry",
        "wrong side noted",
        "Small bruise",
        "Draft: not signed",
    ):
        assert expected in text, expected
    (audit,) = exports_audited(db, course.patient_id)
    assert audit.detail == f"chart as pdf to {out}"


def test_bad_destinations_are_refused_before_any_work(db, course, tmp_path):
    exports = ExportService(db)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(ExportError, match="not empty"):
        exports.export_clinic(ExportFormat.CSV, tmp_path / "full")
    with pytest.raises(ExportError, match="does not exist"):
        exports.export_patient(course.patient_id, ExportFormat.PDF, tmp_path / "no" / "a.pdf")
    with pytest.raises(ExportError, match="one chart at a time"):
        exports.export_clinic(ExportFormat.PDF, tmp_path / "pdfs")
    assert exports_audited(db, course.patient_id) == []
