"""Printing and saving the take-home summary and the progress report from the windows.

The services gather the data and reportlab builds the PDF; this module only asks the
questions a person must answer (next appointment, where to save) and shows the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from imsdesk.gui.context import Services
from imsdesk.gui.printing import print_pdf, render_map_images, save_pdf
from imsdesk.services.errors import ServiceError, StoreError


def visit_summary_pdf(parent: QWidget, services: Services, visit_id: int) -> bytes | None:
    """The take-home summary for a visit, or None when the person cancelled."""
    next_appointment, ok = QInputDialog.getText(
        parent,
        "Take-home summary",
        "Next appointment (printed on the summary; leave blank if none):",
    )
    if not ok:
        return None

    def build() -> bytes:
        from imsdesk.reports.session_summary import build_session_summary

        summaries = services.summaries
        maps = render_map_images(summaries.map_views(visit_id), services.marks.marks(visit_id))
        data = summaries.session_summary(
            visit_id, next_appointment=next_appointment.strip(), maps=maps
        )
        return build_session_summary(data)

    return _built(parent, build)


def progress_report_pdf(
    parent: QWidget, services: Services, patient_id: int, episode_id: int | None = None
) -> bytes | None:
    def build() -> bytes:
        from imsdesk.reports.progress_report import build_progress_report

        return build_progress_report(
            services.summaries.progress_report(patient_id, episode_id=episode_id)
        )

    return _built(parent, build)


def print_or_save(
    parent: QWidget,
    services: Services,
    pdf: bytes | None,
    *,
    kind: str,
    subject_id: int,
    title: str,
    save: bool,
    user_id: int | None,
) -> str | None:
    """Show the print dialog (or a save dialog); a status line on success, else None."""
    if pdf is None:
        return None
    if save:
        path = save_pdf(parent, pdf, f"{title}.pdf")
        if path is None:
            return None
        destination, done = str(path), f"Saved {title} to {path}."
    else:
        if not print_pdf(parent, pdf, title):
            return None
        destination, done = "printer", f"Sent {title} to the printer."
    services.summaries.record_export(
        kind=kind, subject_id=subject_id, destination=destination, user_id=user_id
    )
    return done


def _built(parent: QWidget, build: Callable[[], bytes]) -> bytes | None:
    # Building a report takes a moment (matplotlib loads on first use): say so.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return build()
    except (ServiceError, StoreError, ValueError) as error:
        QMessageBox.warning(parent, "Could not make the document", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()
