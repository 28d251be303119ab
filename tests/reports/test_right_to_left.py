"""Hebrew and Arabic in printed documents: drawn in reading order, Arabic letters joined."""

import unicodedata

import pytest

from imsdesk.reports.layout import text, visual
from imsdesk.reports.session_summary import build_session_summary
from tests.reports import pdf_tools, samples


@pytest.mark.parametrize(
    ("typed", "drawn"),
    [
        ("Jane Doe", "Jane Doe"),  # left-to-right text is left alone
        ("שרה כהן", "ןהכ הרש"),  # drawn right to left: the last letter leftmost
        ("Seen by דנה לוי at 10:30", "Seen by יול הנד at 10:30"),
        # Joined forms, last letter leftmost: meem final, yeh initial (reh never joins
        # onward), reh final, meem initial.
        ("مريم", "\ufee2\ufef3\ufeae\ufee3"),
        ("(שרה)", "(הרש)"),  # brackets mirror with the run they close
    ],
    ids=["latin", "hebrew", "hebrew-in-english", "arabic-joined", "mirrored-brackets"],
)
def test_lines_are_drawn_in_reading_order(typed: str, drawn: str):
    assert visual(typed) == drawn


def test_markup_is_escaped_after_reordering_so_entities_stay_whole():
    assert text("<ש>&\nשלום") == "&lt;ש&gt;&amp;<br/>םולש"


@pytest.mark.parametrize("name", ["مريم حداد", "שרה כהן"])
def test_a_right_to_left_name_in_the_footer_leaves_the_date_beside_it_whole(name):
    pdf = build_session_summary(samples.summary(patient_name=name))
    footer = pdf_tools.as_seen(pdf, 1, below_mm=15)
    # pdfium reads Arabic's joined forms as the plain letters.
    drawn = unicodedata.normalize("NFKC", visual(name))
    assert footer.startswith(f"{drawn} · 20 November 2026 · Harbour Physiotherapy")
