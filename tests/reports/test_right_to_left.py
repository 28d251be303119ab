"""Hebrew and Arabic in printed documents: drawn in reading order, Arabic letters joined."""

import pytest

from imsdesk.reports.layout import text, visual


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
