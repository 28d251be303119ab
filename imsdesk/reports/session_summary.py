"""The take-home summary a patient is given after a visit: one page, two at most.

    pdf = build_session_summary(summary)  # bytes of a PDF

All patient-facing wording comes from ``resources/templates/summary.toml``; the pages
are laid out in ``summary_page.py``. reportlab is imported when a summary is built, not
before.
"""

from __future__ import annotations

from imsdesk.reports.summary_data import SessionSummary
from imsdesk.reports.templates import SummaryWording, load_summary_wording


def build_session_summary(summary: SessionSummary, wording: SummaryWording | None = None) -> bytes:
    """The summary as PDF bytes, on the paper the clinic set (A4 or US Letter)."""
    from imsdesk.reports.summary_page import summary_pdf

    return summary_pdf(summary, wording or load_summary_wording())
