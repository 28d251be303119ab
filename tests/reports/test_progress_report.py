"""The progress report: vector charts with the MCID marked, the typical course with its
source, the change in numbers and the visits table, read back from a real PDF."""

from __future__ import annotations

from dataclasses import replace

import pytest

from imsdesk.reports import charts
from imsdesk.reports.progress_report import build_progress_report
from imsdesk.reports.summary_data import CourseLength
from tests.reports import pdf_tools, samples


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_progress_report(samples.report())


def test_it_is_a_short_document_on_the_clinics_paper(pdf):
    assert 1 <= pdf_tools.page_count(pdf) <= 3
    assert pdf_tools.page_size_mm(pdf) == (210.0, 297.0)
    letter = build_progress_report(samples.report(paper_size="Letter"))
    assert pdf_tools.page_size_mm(letter) == (215.9, 279.4)


def test_the_charts_are_vector_graphics_not_pictures(pdf):
    assert pdf_tools.images(pdf) == []  # no raster image anywhere
    text = pdf_tools.text(pdf)
    # Axis labels and tags read back as text: the charts were placed as vector content.
    for chart_text in ("Pain (0–10)", "Visit (number and date)", "Before treatment", "ODI"):
        assert chart_text in text, chart_text
    # The pain chart is a form XObject on page 1 whose lines are paths (lineto operators).
    charts_on_page_1 = pdf_tools.forms(pdf, 1)
    assert charts_on_page_1
    assert max(form.count(b" l\n") + form.count(b" l ") for form in charts_on_page_1) > 30
    assert b"Do" in pdf_tools.content(pdf, 1)


def test_every_font_is_embedded_the_charts_included(pdf):
    fonts = pdf_tools.fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts), fonts


def test_the_mcid_is_marked_on_the_charts_and_explained(pdf):
    text = pdf_tools.text(pdf)
    assert text.count("MCID") >= 3  # pain chart and ODI chart tags, and their captions
    assert "Dash-dot line (MCID): a clinically important improvement on the first pain" in text
    assert "Dash-dot line: MCID 10 points, or a 30 % improvement (low back pain)" in text
    assert "No MCID marked: the NDI MCID depends on the population" in text


def test_the_visit_count_stands_against_the_typical_course_with_its_source(pdf):
    text = pdf_tools.text(pdf)
    assert "12 visits in this report" in text
    assert (
        "Typical course: 8.2 visits (average number of IMS treatments in published "
        "low-back-pain studies)" in text
    )
    assert "typical course: 8.2 visits" in text  # on the chart


def test_the_change_is_written_out_with_the_numbers(pdf):
    text = pdf_tools.text(pdf)
    assert "Change from the first to the latest visit" in text
    assert "7 at visit 1, 3 at visit 12: 4 points lower" in text
    assert "ODI: 42 on 30 Aug 2026, 22 on 15 Nov 2026: 20 points lower (better)." in text


def test_each_visit_is_listed_with_pain_levels_and_muscles(pdf):
    text = pdf_tools.text(pdf)
    assert "Jan Łukasiewicz" in text and "23 April 1968" in text and "D000123" in text
    assert "Low back pain with right leg pain" in text
    assert "Dr Lee, family physician" in text and "Alex Morgan" in text
    assert "30 Aug 2026" in text and "15 Nov 2026" in text
    assert "7 → 4" in text and "3 → 2" in text
    assert "L4–L5 (left)" in text and "Rhomboid major (right)" in text
    assert text.count("unsigned") == 1
    assert "Childs JD, Piva SR, Fritz JM" in text


def test_no_outcomes_and_no_visits_still_make_a_sensible_document():
    empty = samples.report(
        visits=(),
        outcomes=(),
        changes=("No visits are recorded for this period.",),
        pain_mcid=None,
        course=CourseLength(0, 8.2, "clinic setting"),
        sources=(),
    )
    pdf = build_progress_report(empty)
    text = pdf_tools.text(pdf)
    assert "No outcome measures are recorded for this period." in text
    assert "No visits are recorded for this period." in text
    assert pdf_tools.page_count(pdf) == 1


def test_missing_pain_scores_leave_gaps_not_zeros():
    visits = samples.visits(4)
    gappy = (replace(visits[1], pain_before=None, pain_after=None), *visits[2:])
    pdf = build_progress_report(samples.report(visits=(visits[0], *gappy)))
    assert "– → –" in pdf_tools.text(pdf)


def test_a_course_without_any_pain_score_says_not_recorded_instead_of_empty_axes():
    visits = tuple(replace(v, pain_before=None, pain_after=None) for v in samples.visits(5))
    pdf = build_progress_report(samples.report(visits=visits, pain_mcid=None))
    text = pdf_tools.text(pdf)
    assert "Pain before and after treatment: not recorded at any visit." in text
    assert "Pain (0–10)" not in text  # no pain chart drawn
    assert "Typical course: 8.2 visits" in text  # the course length is still given
    assert "ODI" in text  # the outcome charts still print


def test_a_long_course_still_labels_its_visits_readably():
    long = samples.report(visits=samples.visits(40))
    pdf = build_progress_report(long)
    assert pdf_tools.images(pdf) == []
    assert "40" in pdf_tools.text(pdf)


def test_series_differ_by_marker_and_line_not_only_by_shade():
    assert charts.BEFORE["marker"] != charts.AFTER["marker"]
    assert charts.BEFORE["linestyle"] != charts.AFTER["linestyle"]


def test_a_chart_is_a_one_page_pdf_of_the_size_asked_for():
    chart = charts.pain_chart(
        samples.visits(5), typical_visits=8.2, mcid=None, width=400, height=160
    )
    page = pdf_tools.reader(chart).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (400, 160)
    assert pdf_tools.images(chart) == []


def test_the_spinal_levels_are_tabled_visit_by_visit_with_numbers(pdf):
    text = pdf_tools.text(pdf)
    assert "Spinal levels across the visits" in text
    assert "L5 right 6.3 → 0.3, L4 left 3 → 3 and L4 right 2.3 → 0.3 (first → latest visit)" in text
    # Each row reads as its label and one number (or – for nothing charted) per visit.
    assert "L5 right 6.3 6.3 6.3 6 5.7 4.7 3.7 3.7 1.8 1.8 0.3 0.3" in text
    assert "S1 left – – 0.5 0.5 0.5 0.5 0.5 – – – – –" in text
    assert "#12 15 Nov" in text
    assert "bold: implicated at that visit" in text


def test_a_long_course_tables_the_levels_in_bands_of_visits():
    visits = samples.visits(20)
    report = samples.report(
        visits=visits, course=CourseLength(20, 8.2, "typical"), segments=samples.segments(20)
    )
    text = pdf_tools.text(build_progress_report(report))
    assert text.count("L5 right") >= 3  # the change line and one row in each band
    assert "#14" in text and "#15" in text and "#20" in text


def test_the_section_is_left_out_without_data_and_says_so_when_nothing_scored():
    without = pdf_tools.text(build_progress_report(samples.report(segments=None)))
    assert "Spinal levels across the visits" not in without
    empty = replace(samples.segments(12), rows=(), change="No spinal level scored at any visit.")
    text = pdf_tools.text(build_progress_report(samples.report(segments=empty)))
    assert "Spinal levels across the visits No spinal level scored at any visit." in text
