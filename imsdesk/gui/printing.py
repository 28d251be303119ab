"""Printing and saving the PDFs the reports make, and drawing body maps for them.

Qt-only glue: nothing clinical is decided here. The PDF bytes come from
``imsdesk.reports``; printing rasterises each page with pdfium (pypdfium2) at the
printer's resolution and paints it through Qt's print system, so what is printed is
exactly the PDF that is saved. After a successful print or save, the caller records
it with ``imsdesk.services.summaries.record_export`` (the audit hook).

    if print_pdf(self, pdf, "Treatment summary: Jane Doe"):
        record_export(db, kind="session_summary", subject_id=visit_id, destination="printer")
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from imsdesk.domain.anatomy import View
from imsdesk.domain.marks import VisitMarks
from imsdesk.reports.summary_data import MapImage

MAX_PRINT_DPI = 300  # enough for text and lines on paper; keeps a page under ~40 MB
MAP_DPI = 200
MAP_WIDTH_MM = 40  # about the width a body view is printed at on the summary


def offscreen_application() -> QApplication:
    """The running QApplication, or a new one for drawing without a window (CLI, scripts).

    Lighter than the app's composition root: nothing of the main window is imported.
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(["imsdesk"])
    return app  # type: ignore[return-value]


def render_map_images(
    views: Sequence[View], marks: VisitMarks, *, dpi: int = MAP_DPI
) -> tuple[MapImage, ...]:
    """Each view drawn with ``marks`` as a PNG for the take-home summary (no window shown).

    Needs a QApplication (the CLI makes an offscreen one).
    """
    from imsdesk.gui.bodymap.render import render_bodymap

    width_px = round(MAP_WIDTH_MM / 25.4 * dpi)
    images = []
    for view in views:
        image = render_bodymap(view, marks, width_px=width_px, dpi=dpi)
        images.append(MapImage(view.value, png_bytes(image)))
    return tuple(images)


def png_bytes(image: QImage) -> bytes:
    """``image`` as an opaque 8-bit RGB PNG (the map is drawn on white).

    Written here rather than by Qt's PNG writer, whose adaptive row filters took four
    times as long for a file no smaller. Without alpha the PDF places it without a
    soft mask, and the summary copies its compressed pixels into the PDF unchanged.
    """
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    pixels = bytes(rgb.constBits())
    row = width * 3
    # Each row prefixed by PNG filter type 0 (none); line art on white compresses well.
    rows = b"".join(b"\0" + pixels[y * stride : y * stride + row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", zlib.compress(rows, 3)),
            _png_chunk(b"IEND", b""),
        )
    )


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def pdf_page_images(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of ``pdf`` rendered at ``dpi`` (white background, 32-bit RGB)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
            # BGRX bytes are QImage's RGB32 on little-endian machines (every platform Qt
            # ships for today); copy() detaches the image from pdfium's buffer.
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB32,
            ).copy()
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()


def pdf_page_size_points(pdf: bytes) -> tuple[float, float]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
        return float(width), float(height)
    finally:
        document.close()


def paint_pdf(printer: QPrinter, pdf: bytes) -> None:
    """Paint every page of ``pdf`` onto ``printer``'s pages, each filling the paper."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    pages = pdf_page_images(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("The printer could not be started.")
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()


def _printer_for(pdf: bytes, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    width, height = pdf_page_size_points(pdf)
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    # The PDF carries its own margins: the page is printed edge to edge as laid out.
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    printer.setFullPage(True)
    return printer


def print_pdf(parent: QWidget | None, pdf: bytes, title: str) -> bool:
    """Show Qt's print preview of ``pdf``; True when the user printed it."""
    printer = _printer_for(pdf, title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview: {title}")
    dialog.paintRequested.connect(lambda target: paint_pdf(target, pdf))
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def save_pdf(parent: QWidget | None, pdf: bytes, suggested_name: str) -> Path | None:
    """Ask where to save ``pdf`` and write it there whole; the path, or None if cancelled.

    A file that cannot be written is reported in a message box (and None returned); an
    existing file is replaced only once the new one is completely written.
    """
    from imsdesk.services.summaries import ExportError, write_file_atomically

    suggested = (
        suggested_name if suggested_name.lower().endswith(".pdf") else f"{suggested_name}.pdf"
    )
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save as PDF", str(Path.home() / suggested), "PDF documents (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_file_atomically(path, pdf)
    except ExportError as error:
        QMessageBox.warning(parent, "The PDF was not saved", str(error))
        return None
    return path
