"""Gathering the take-home summary and the progress report from a charted course."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from imsdesk.domain.anatomy import Side, SpinalLevel, View, load_atlas
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity, VisitMarks
from imsdesk.domain.outcomes import MCID_TABLE
from imsdesk.domain.patients import PatientDetails
from imsdesk.reports.progress_report import build_progress_report
from imsdesk.reports.summary_data import MapImage
from imsdesk.services import summaries
from imsdesk.services.clinic_settings import ClinicSettings, ClinicSettingsService
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.services.patients import PatientService
from imsdesk.services.summaries import (
    ExportError,
    OutcomeScores,
    SummaryService,
    clinical_treated,
    level_runs,
    outcome_series,
    plain_treated,
    split_citations,
    summary_views,
    write_file_atomically,
)
from imsdesk.store.database import Database
from tests.reports import pdf_tools
from tests.reports.charted_course import Course, chart_course

ATLAS = load_atlas()


def needle(key: str, side: Side, view: View = View.POSTERIOR) -> NeedleSite:
    return NeedleSite(key, side, view, 100.0, 100.0)


def paraspinal(level: str, side: Side) -> NeedleSite:
    return needle(f"paraspinal_{level.lower()}", side, View.PARASPINAL)


@pytest.fixture
def course(db: Database) -> Course:
    return chart_course(db, visits=3)


# -- the take-home summary -------------------------------------------------------------


def test_the_summary_gathers_what_the_patient_takes_home(db: Database, course: Course):
    maps = (MapImage("posterior", b"png"),)
    visit_id = course.visit_ids[1]
    summary = SummaryService(db).session_summary(
        visit_id, next_appointment="  Thursday 10:30  ", maps=maps
    )
    assert summary.patient_name == "Thị Hồng Nguyễn"
    assert summary.therapist.name == "Alex Morgan"
    assert summary.therapist.registration_number == "PT-10482"
    assert summary.letterhead.clinic_name == "Harbour Physiotherapy & IMS Clinic"
    assert summary.letterhead.phone == "604-555-0142"
    assert summary.letterhead.address.splitlines() == [
        "1200 Harbour Road, Suite 4",
        "Vancouver BC V6B 1A1",
    ]
    assert summary.treated == (
        "Left lower back at the L4–L5 levels",
        "Right rhomboid major",
        "Right gluteus medius",
    )
    assert (summary.pain_before, summary.pain_after) == (7, 5)
    assert summary.next_appointment == "Thursday 10:30"
    assert summary.maps == maps
    assert summary.visit_number == 2  # second visit of the episode (the earlier one is not in it)
    assert summary.chest_advice is True  # the rhomboid lies over the chest wall
    assert summary.paper_size == "A4"
    assert summary.visit_date <= date.today()


def test_chest_advice_only_when_a_needle_site_carries_the_precaution(db: Database, course):
    service = SummaryService(db)
    assert service.session_summary(course.visit_ids[0]).chest_advice is False
    assert service.session_summary(course.visit_ids[1]).chest_advice is True


def test_a_visit_with_nothing_charted_still_summarises(db: Database, course: Course):
    summary = SummaryService(db).session_summary(course.earlier_visit_id)
    assert summary.treated == ()
    assert summary.pain_before is None and summary.pain_after is None
    assert summary.visit_number is None  # not in an episode
    assert summary.chest_advice is False
    assert SummaryService(db).map_views(course.earlier_visit_id) == ()


def test_the_views_to_print_follow_the_marks(db: Database, course: Course):
    assert SummaryService(db).map_views(course.visit_ids[0]) == (View.POSTERIOR, View.PARASPINAL)
    findings_only = VisitMarks(
        (
            MuscleFinding("tibialis_anterior", Side.LEFT, Severity.MILD),
            MuscleFinding("gluteus_minimus", Side.RIGHT, Severity.MILD),  # inset only
        ),
        (),
    )
    assert summary_views(findings_only, ATLAS) == (View.ANTERIOR, View.HIP_DEEP)


def test_unknown_visit_and_bad_next_appointment_are_refused(db: Database, course: Course):
    service = SummaryService(db)
    with pytest.raises(NotFound, match="No visit with id 9999"):
        service.session_summary(9999)
    with pytest.raises(ValidationError, match="at most 200 characters"):
        service.session_summary(course.visit_ids[0], next_appointment="x" * 201)
    with pytest.raises(ValidationError, match="control characters"):
        service.session_summary(course.visit_ids[0], next_appointment="Thu\x07")


def test_clinic_settings_choose_the_paper(db: Database, course: Course):
    settings = ClinicSettingsService(db)
    settings.save(replace(settings.load(), paper_size="Letter"))
    assert SummaryService(db).session_summary(course.visit_ids[0]).paper_size == "Letter"


def test_no_clinic_name_is_noted_for_whoever_prints(db: Database, course: Course):
    ClinicSettingsService(db).save(ClinicSettings())
    summary = SummaryService(db).session_summary(course.visit_ids[0])
    assert summary.letterhead.clinic_name == ""
    assert any("No clinic name" in note for note in summary.notes)


@dataclass(frozen=True)
class SettingsWithLogo(ClinicSettings):
    logo_path: str = ""


def test_a_missing_logo_file_prints_without_it_and_says_so(tmp_path: Path):
    head, notes = summaries.clinic_letterhead(
        SettingsWithLogo("Clinic", logo_path=str(tmp_path / "x"))
    )
    assert head.logo is None
    assert "cannot be read" in notes[0] and "printed without it" in notes[0]
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n")
    head, notes = summaries.clinic_letterhead(SettingsWithLogo("Clinic", logo_path=str(logo)))
    assert head.logo == b"\x89PNG\r\n" and notes == ()


# -- what was treated, in words ----------------------------------------------------------------


def test_consecutive_paraspinal_levels_are_grouped_per_side():
    sites = [paraspinal("L5", Side.LEFT), paraspinal("L4", Side.LEFT), paraspinal("T6", Side.LEFT)]
    assert plain_treated(sites, ATLAS) == (
        "Left upper back at the T6 level",
        "Left lower back at the L4–L5 levels",
    )


def test_both_sides_at_the_same_levels_are_said_once():
    sites = [paraspinal(level, side) for level in ("L4", "L5") for side in (Side.LEFT, Side.RIGHT)]
    assert plain_treated(sites, ATLAS) == ("Both sides of the lower back at the L4–L5 levels",)
    assert clinical_treated(sites, ATLAS) == (("L4–L5 (both sides)",), ())


def test_a_run_across_regions_names_both():
    sites = [paraspinal(level, Side.RIGHT) for level in ("T11", "T12", "L1")]
    assert plain_treated(sites, ATLAS) == ("Right mid back and lower back at the T11–L1 levels",)
    neck = [paraspinal(level, Side.RIGHT) for level in ("C5", "C6")]
    assert plain_treated(neck, ATLAS) == ("Right neck at the C5–C6 levels",)


def test_muscles_are_named_with_the_patients_side_in_atlas_order():
    sites = [
        needle("gluteus_medius", Side.LEFT),
        needle("gluteus_medius", Side.RIGHT),
        needle("gluteus_medius", Side.RIGHT),  # two needles, one line
        needle("trapezius_upper", Side.RIGHT),
    ]
    assert plain_treated(sites, ATLAS) == (
        "Right trapezius, upper fibres",
        "Gluteus medius, both sides",
    )
    assert clinical_treated(sites, ATLAS) == (
        (),
        ("Trapezius, upper fibres (right)", "Gluteus medius (both sides)"),
    )


def test_level_runs():
    levels = [SpinalLevel.L5, SpinalLevel.C8, SpinalLevel.T1, SpinalLevel.L4, SpinalLevel.S2]
    assert level_runs(levels) == [
        (SpinalLevel.C8, SpinalLevel.T1),
        (SpinalLevel.L4, SpinalLevel.L5),
        (SpinalLevel.S2, SpinalLevel.S2),
    ]


# -- the progress report ---------------------------------------------------------------------


def test_the_report_covers_the_episode_with_the_change_in_numbers(db: Database, course: Course):
    report = SummaryService(db).progress_report(
        course.patient_id, episode_id=course.episode_id, today=date(2030, 1, 1)
    )
    assert report.patient_name == "Thị Hồng Nguyễn"
    assert report.chart_number == "D000123"
    assert report.date_of_birth == date(1968, 4, 23)
    assert report.title == "Low back pain with right leg pain"
    assert report.referral == "Dr Lee, family physician"
    assert report.goals.startswith("Sit through a work day")
    assert report.prepared_on == date(2030, 1, 1)
    assert [v.number for v in report.visits] == [1, 2, 3]
    assert [(v.pain_before, v.pain_after) for v in report.visits] == [(7, 4), (7, 5), (6, 3)]
    assert [v.signed for v in report.visits] == [True, True, False]
    assert report.visits[1].levels == ("L4–L5 (left)",)
    assert report.visits[1].muscles == ("Rhomboid major (right)", "Gluteus medius (right)")
    assert report.visits[0].needles == 3
    assert report.course.visits == 3
    assert report.course.typical_visits == 8.2
    assert "low-back-pain studies" in report.course.typical_source
    assert report.clinicians[0].registration_number == "PT-10482"
    changes = " ".join(report.changes)
    assert "3 visits from" in changes and "1 of them not yet signed" in changes
    assert "7 at visit 1" in changes and "6 at visit 3" in changes
    assert "1 point lower (better, 14 % of the first score)" in changes
    assert "smaller than the MCID for the NPRS (2 points, or a 30 % improvement" in changes
    assert "on average 2.7 points lower than before" in changes
    assert report.pain_mcid is not None and report.pain_mcid.target == 5
    assert any(source.startswith("Childs JD") for source in report.sources)
    assert any(source.startswith("Ostelo RW") for source in report.sources)


def test_without_an_episode_every_visit_is_in(db: Database, course: Course):
    report = SummaryService(db).progress_report(course.patient_id)
    assert report.title == "All visits"
    assert len(report.visits) == 4
    assert report.visits[0].pain_before is None  # the early visit, nothing charted
    assert report.episode_started is None


def test_the_clinic_may_set_its_own_typical_course(db: Database, course: Course):
    settings = ClinicSettingsService(db)
    gunn = "Gunn et al. 1980, Spine: average treatments in the needled group"
    settings.save(replace(settings.load(), typical_course_visits=7.9, typical_course_source=gunn))
    report = SummaryService(db).progress_report(course.patient_id, episode_id=course.episode_id)
    assert (report.course.typical_visits, report.course.typical_source) == (7.9, gunn)


def test_unknown_patient_and_someone_elses_episode_are_refused(db: Database, course: Course):
    service = SummaryService(db)
    with pytest.raises(NotFound, match="No patient with id 9999"):
        service.progress_report(9999)
    other = PatientService(db).create(PatientDetails("X1", "Other", "Person", date(1980, 1, 1)))
    with pytest.raises(NotFound, match=f"not an episode of patient {other.id}"):
        service.progress_report(other.id, episode_id=course.episode_id)
    with pytest.raises(NotFound, match="No episode with id 9999"):
        service.progress_report(course.patient_id, episode_id=9999)


def test_a_patient_without_visits_gets_an_empty_report_and_a_note(db: Database, course: Course):
    other = PatientService(db).create(PatientDetails("X1", "Other", "Person", date(1980, 1, 1)))
    report = SummaryService(db).progress_report(other.id)
    assert report.visits == () and report.pain_mcid is None
    assert report.changes[0] == "No visits are recorded for this period."
    assert "Pain before treatment was not recorded." in report.changes
    assert report.notes


def test_outcome_scores_passed_in_become_series_with_their_mcid(db: Database, course: Course):
    odi = OutcomeScores("odi", [(date(2026, 3, 1), 22), (date(2026, 1, 5), 42)])
    report = SummaryService(db).progress_report(course.patient_id, outcomes=[odi])
    series = report.outcomes[0]
    assert [p.score for p in series.points] == [42, 22]  # put in date order
    assert series.short_name == "ODI" and not series.higher_is_better
    assert series.mcid is not None and series.mcid.target == 32  # 42 − 10 points
    assert "20 points lower (better" in series.change
    assert "reaches the MCID for the ODI (10 points, or a 30 % improvement" in series.change
    assert series.change in report.changes
    assert any("Ostelo" in source for source in report.sources)


def test_the_30_percent_rule_can_be_the_nearer_bar():
    series = outcome_series(OutcomeScores("nprs", [(date(2026, 1, 5), 5), (date(2026, 2, 5), 3.5)]))
    assert series.mcid is not None and series.mcid.target == pytest.approx(3.5)  # 30 % of 5
    assert "reaches the MCID" in series.change


def test_a_measure_whose_mcid_depends_on_the_population_says_so():
    ndi = outcome_series(OutcomeScores("ndi", [(date(2026, 1, 5), 20), (date(2026, 3, 5), 10)]))
    assert ndi.mcid is None and ndi.mcid_note.startswith("No MCID marked")
    radiculopathy = outcome_series(
        OutcomeScores(
            "ndi", [(date(2026, 1, 5), 20), (date(2026, 3, 5), 10)], "cervical_radiculopathy"
        )
    )
    assert radiculopathy.mcid is not None and radiculopathy.mcid.target == 13
    higher_is_better = outcome_series(OutcomeScores("lefs", [(date(2026, 1, 5), 40)]))
    assert higher_is_better.mcid is not None and higher_is_better.mcid.target == 49
    assert "scored once" in higher_is_better.change


def test_scores_off_the_scale_are_refused():
    with pytest.raises(ValidationError, match="outside 0–100"):
        outcome_series(OutcomeScores("odi", [(date(2026, 1, 5), 140)]))


def test_citations_are_split_into_one_reference_each():
    nprs = MCID_TABLE[0]
    assert [s.split()[0] for s in split_citations(nprs.citation)] == ["Childs", "Ostelo"]


# -- writing files and the audit hook ---------------------------------------------------


def test_a_file_is_written_whole_and_replaces_the_old_one(tmp_path: Path):
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"old")
    write_file_atomically(out, b"%PDF-new")
    assert out.read_bytes() == b"%PDF-new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_a_failed_write_leaves_the_old_file_and_no_scraps(tmp_path: Path, monkeypatch):
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"old")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(summaries.os, "replace", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        write_file_atomically(out, b"%PDF-new")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: tmp / "missing" / "x.pdf", "does not exist"),
        (lambda tmp: tmp / "file.txt" / "x.pdf", "is not a folder"),
    ],
)
def test_destinations_that_cannot_take_a_file_are_refused(tmp_path: Path, make, words):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ExportError, match=words):
        write_file_atomically(make(tmp_path), b"%PDF")


def test_the_report_follows_the_most_implicated_levels_visit_by_visit(db: Database):
    course = chart_course(db, visits=12, settling=True)
    report = SummaryService(db).progress_report(course.patient_id, episode_id=course.episode_id)
    trend = report.segments
    assert trend is not None
    rows = {row.label: row for row in trend.rows}
    # Left rows first, then right, head to tail within each side.
    assert [row.label for row in trend.rows] == [
        "L4 left",
        "S1 left",
        "S2 left",
        "L4 right",
        "L5 right",
        "S1 right",
    ]
    l5 = rows["L5 right"]
    assert len(l5.scores) == len(report.visits) == 12
    # Visit 1: paraspinal L5 moderate (2 × 1.5) + paraspinal tenderness (1, an exam sign)
    # + gluteus medius marked (3 × 1/3) + tibialis anterior moderate (2 × 1/2) + TFL (1/3).
    assert l5.scores[0] == pytest.approx(19 / 3)
    assert l5.scores[-1] == pytest.approx(1 / 3)
    assert l5.implicated[0] and not l5.implicated[-1]
    assert rows["S1 left"].scores[:3] == (0, 0, 0.5)  # piriformis from the third visit
    assert trend.change.startswith("L5 right 6.3 → 0.3, L4 left 3 → 3 and L4 right 2.3 → 0.3")
    assert "bold: implicated at that visit" in trend.key
    assert "paraspinal finding counts 1.5 per severity point" in trend.key

    text = pdf_tools.text(build_progress_report(report))  # the printed episode, read back
    assert "Spinal levels across the visits" in text
    assert "L5 right 6.3 6.3 6.3 6 5.7 4.7 3.7 3.7 1.8 1.8 0.3 0.3" in text
    assert "L4 left 3 3 3 3 3 3 3 3 3 3 3 3" in text


def test_a_course_without_findings_says_no_level_scored(db: Database):
    course = chart_course(db, visits=2)
    service = SummaryService(db)
    report = service.progress_report(course.patient_id)  # the early visit has no findings
    assert report.segments is not None and len(report.segments.rows[0].scores) == 3
    other = PatientService(db).create(PatientDetails("X2", "Other", "Person", date(1980, 1, 1)))
    assert service.progress_report(other.id).segments is None  # no visits: no section
    empty = summaries.segment_trend([(date(2026, 3, 1), summaries.analyse_segments([]))])
    assert empty.rows == () and empty.change == "No spinal level scored at any visit."
