"""The patient-facing wording: shipped as an editable template, checked when loaded."""

from __future__ import annotations

import re

import pytest

from imsdesk.reports.templates import TemplateError, load_summary_wording
from imsdesk.resources import read_text

SHIPPED = read_text("templates", "summary.toml")


def test_the_shipped_wording_loads_and_has_every_section():
    wording = load_summary_wording()
    assert wording.title
    assert wording.next_hours.paragraphs and wording.aftercare.items
    assert wording.when_to_call.items and wording.chest.paragraphs
    assert wording.map_caption("posterior") == "Back view"
    assert wording.map_caption("some_new_view") == "Some new view"


def test_the_wording_is_modest_it_promises_nothing():
    words = SHIPPED.lower()
    for claim in ("cure", "guarantee", "will fix", "heal", "permanent", "100%", "always work"):
        assert claim not in words, claim


def test_soreness_and_when_to_call_are_said():
    wording = load_summary_wording()
    assert any("soreness" in p.lower() for p in wording.next_hours.paragraphs)
    assert any("{clinic_contact}" in item for item in wording.when_to_call.items)
    assert "24–48 hours" in wording.next_hours.heading


def test_an_unknown_placeholder_is_refused_with_its_name():
    edited = SHIPPED.replace("{clinic_contact} if", "{clinc_phone} if")
    with pytest.raises(TemplateError, match=re.escape("{clinc_phone}")):
        load_summary_wording(edited)


def test_a_stray_brace_is_refused():
    edited = SHIPPED.replace('title = "Your treatment today"', 'title = "Your {treatment today"')
    with pytest.raises(TemplateError, match="stray brace"):
        load_summary_wording(edited)


def test_a_missing_entry_is_named():
    edited = SHIPPED.replace('pain_after = "After treatment"\n', "")
    with pytest.raises(TemplateError, match=r"labels\.pain_after"):
        load_summary_wording(edited)


def test_broken_toml_is_one_clear_error():
    with pytest.raises(TemplateError, match="not valid TOML"):
        load_summary_wording("title = ")


def test_a_clinic_may_reword_and_it_prints(tmp_path):
    from imsdesk.reports.session_summary import build_session_summary
    from tests.reports import pdf_tools, samples

    edited = SHIPPED.replace('title = "Your treatment today"', 'title = "Votre séance du jour"')
    pdf = build_session_summary(samples.summary(), load_summary_wording(edited))
    assert "Votre séance du jour" in pdf_tools.text(pdf)
