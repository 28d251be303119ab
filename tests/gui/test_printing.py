"""Printing and saving PDFs from the GUI: pages rendered for the printer, files written whole.

No modal dialog is left open: the file dialog and message box are replaced,
and the preview dialog is closed by a timer.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.marks import MuscleFinding, Severity, VisitMarks
from imsdesk.gui import printing
from imsdesk.gui.bodymap.render import render_bodymap
from imsdesk.reports.progress_report import build_progress_report
from tests.reports import samples


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_progress_report(samples.report())


@pytest.fixture(autouse=True)
def app():
    return printing.offscreen_application()


def test_every_page_is_rendered_at_the_resolution_asked(pdf):
    pages = printing.pdf_page_images(pdf, 72)
    assert len(pages) == len(pypdfium2.PdfDocument(pdf))
    assert abs(pages[0].width() - 595) <= 1 and abs(pages[0].height() - 842) <= 1  # A4, 72 dpi
    assert pages[0].pixelColor(2, 2).name() == "#ffffff"


def test_printing_puts_each_pdf_page_on_its_own_paper(pdf, tmp_path: Path):
    printer = printing._printer_for(pdf, "Progress report")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(96)
    printing.paint_pdf(printer, pdf)
    printed = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    assert len(printed) == len(pypdfium2.PdfDocument(pdf))
    width, height = printed[0].get_size()
    assert (round(width), round(height)) == (595, 842)


def test_the_preview_opens_and_cancelling_prints_nothing(pdf):
    painted = []
    original = printing.paint_pdf

    def spy(printer, data):
        painted.append(printer)
        original(printer, data)

    shown = []

    def close_preview():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QPrintPreviewDialog) and widget.isVisible():
                shown.append(widget.windowTitle())
                widget.reject()

    printing.paint_pdf = spy
    try:
        QTimer.singleShot(300, close_preview)
        assert printing.print_pdf(None, pdf, "Progress report: Jan Łukasiewicz") is False
    finally:
        printing.paint_pdf = original
    assert shown == ["Print preview: Progress report: Jan Łukasiewicz"]
    assert painted  # the preview drew the pages


def test_save_writes_the_file_whole_and_adds_the_suffix(pdf, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "report"), "")
    )
    saved = printing.save_pdf(None, pdf, "report.pdf")
    assert saved == tmp_path / "report.pdf"
    assert saved.read_bytes() == pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_save_cancelled_or_refused_returns_none(pdf, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert printing.save_pdf(None, pdf, "report") is None
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "gone" / "r.pdf"), "")
    )
    assert printing.save_pdf(None, pdf, "report") is None
    assert "does not exist" in warnings[0]


def test_map_images_are_opaque_pngs_of_each_view():
    marks = VisitMarks((MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED),), ())
    images = printing.render_map_images((View.POSTERIOR, View.PARASPINAL), marks)
    assert [i.view for i in images] == ["posterior", "paraspinal"]
    for image in images:
        decoded = QImage.fromData(image.png, "PNG")
        assert not decoded.isNull() and not decoded.hasAlphaChannel()
        assert decoded.width() == round(printing.MAP_WIDTH_MM / 25.4 * printing.MAP_DPI)


def test_a_map_png_holds_the_drawing_pixel_for_pixel():
    marks = VisitMarks((MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED),), ())
    for width in (315, 301):  # rows with and without padding in the image's memory
        drawn = render_bodymap(View.POSTERIOR, marks, width_px=width, dpi=200)
        decoded = QImage.fromData(printing.png_bytes(drawn), "PNG")
        rgb = QImage.Format.Format_RGB888
        assert decoded.convertToFormat(rgb) == drawn.convertToFormat(rgb)
