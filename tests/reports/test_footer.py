"""The page footer: who and what the page belongs to, whole words only, and the page number."""

from __future__ import annotations

from dataclasses import replace

from imsdesk.reports.progress_report import build_progress_report
from imsdesk.reports.session_summary import build_session_summary
from imsdesk.reports.summary_data import Letterhead
from tests.reports import pdf_tools, samples

LONG_NAME = "Maximiliana Guðrún Ólafsdóttir-Łukasiewicz-Nguyễn van Müller"  # 60 characters


def test_a_progress_report_footer_fits_whole_on_every_page():
    pdf = build_progress_report(samples.report())
    text = pdf_tools.text(pdf)
    assert "Jan Łukasiewicz (chart D000123)" in text
    assert "confidential health information" in text
    assert "…" not in text
    assert "page 1 of 2" in text and "page 2 of 2" in text


def test_a_long_name_keeps_the_name_whole_and_leaves_off_later_parts():
    pdf = build_progress_report(samples.report(patient_name=LONG_NAME))
    text = pdf_tools.text(pdf)
    assert f"Progress report · {LONG_NAME} (chart D000123)" in text
    assert "…" not in text  # whole parts left off, never a word cut in half
    summary = samples.worst_summary("Letter")
    pdf = build_session_summary(replace(summary, patient_name=LONG_NAME))
    text = pdf_tools.text(pdf)
    assert "…" not in text
    assert "Page 1 of 2" in text or "Page 1 of 1" in text


def test_a_single_part_too_long_for_the_line_is_cut_with_an_ellipsis():
    name = "Name " * 60
    pdf = build_session_summary(samples.summary(patient_name=name.strip(), letterhead=Letterhead()))
    assert "Name Name…" in pdf_tools.text(pdf)
