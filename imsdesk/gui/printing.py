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

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
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
        # Opaque (the map is drawn on white): a PNG without alpha is smaller and embeds
        # in the PDF without a soft mask.
        opaque = image.convertToFormat(QImage.Format.Format_RGB32)
        images.append(MapImage(view.value, png_bytes(opaque)))
    return tuple(images)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("The body-map image could not be encoded as PNG.")
    buffer.close()
    return bytes(data.data())


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
