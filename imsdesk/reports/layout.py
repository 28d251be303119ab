"""What the platypus documents share: type styles, the letterhead, the page footer.

Paper, ink and dates come from ``paper.py`` (the take-home summary uses them without
platypus) and are reached from here too. Imported only from inside the build functions
(it imports reportlab at module level).
"""

from __future__ import annotations

import functools
import io
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    TableStyle,
)

from imsdesk.reports.fonts import register_fonts
from imsdesk.reports.paper import FOOTER_GAP, INK, MARGIN, MUTED, RULE, Line, fit_footer, visual
from imsdesk.reports.paper import TINT as TINT
from imsdesk.reports.paper import binary_streams as binary_streams
from imsdesk.reports.paper import long_date as long_date
from imsdesk.reports.paper import page_size as page_size
from imsdesk.reports.paper import short_date as short_date
from imsdesk.reports.pictures import Picture, read_picture
from imsdesk.reports.replay import Replayed, register_document_fonts
from imsdesk.reports.row import Row
from imsdesk.reports.summary_data import Letterhead


def text(value: str) -> str:
    """Plain text made safe for a reportlab paragraph; line breaks kept."""
    return "<br/>".join(escape(visual(line)) for line in value.split("\n"))


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    clinic: ParagraphStyle
    clinic_detail: ParagraphStyle
    clinic_right: ParagraphStyle
    label: ParagraphStyle
    big_number: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    box_heading: ParagraphStyle  # a heading at the top of a framed box
    caption: ParagraphStyle  # under a picture


@functools.cache
def styles(base_size: float = 10) -> Styles:
    """The type styles, made once per size: shared by every document (never changed)."""
    fonts = register_fonts()

    def style(name: str, **options: Any) -> ParagraphStyle:
        defaults: dict[str, Any] = {
            "fontName": fonts.regular,
            "bulletFontName": fonts.regular,
            "fontSize": base_size,
            "leading": base_size * 1.35,
            "textColor": INK,
        }
        return ParagraphStyle(name, **{**defaults, **options})

    s = base_size
    heading = style(
        "heading",
        fontName=fonts.bold,
        fontSize=s + 1.5,
        leading=(s + 1.5) * 1.25,
        spaceBefore=s * 0.9,
        spaceAfter=s * 0.3,
        keepWithNext=True,
    )
    muted = style("muted", fontSize=s - 1.5, leading=(s - 1.5) * 1.3, textColor=MUTED)
    return Styles(
        body=style("body", spaceAfter=s * 0.35),
        small=style("small", fontSize=s - 1.5, leading=(s - 1.5) * 1.3),
        muted=muted,
        title=style("title", fontName=fonts.bold, fontSize=s + 7, leading=(s + 7) * 1.2),
        heading=heading,
        bullet=style("bullet", leftIndent=s * 1.3, bulletIndent=s * 0.2, spaceAfter=s * 0.25),
        clinic=style("clinic", fontName=fonts.bold, fontSize=s + 5, leading=(s + 5) * 1.2),
        clinic_detail=style("clinic_detail", fontSize=s - 1, leading=(s - 1) * 1.3),
        clinic_right=style(
            "clinic_right", fontSize=s - 1, leading=(s - 1) * 1.3, alignment=TA_RIGHT
        ),
        label=style("label", fontSize=s - 2, leading=(s - 2) * 1.3, textColor=MUTED, spaceAfter=0),
        big_number=style("big_number", fontName=fonts.bold, fontSize=s + 8, leading=(s + 8) * 1.2),
        cell=style("cell", fontSize=s - 1.5, leading=(s - 1.5) * 1.25),
        cell_bold=style(
            "cell_bold", fontName=fonts.bold, fontSize=s - 1.5, leading=(s - 1.5) * 1.25
        ),
        box_heading=heading.clone("box_heading", spaceBefore=0),
        caption=muted.clone("caption", alignment=TA_CENTER),
    )


def fixed_paragraph(value: str, style: ParagraphStyle, bullet: str | None = None) -> Flowable:
    """A paragraph of plain text that prints the same on every document (the clinic's
    wording, its letterhead): laid out once per process, then replayed (see replay.py)."""
    key = (value, bullet, *_style_key(style))

    def make() -> Flowable:
        return Paragraph(text(value), style, bulletText=bullet)

    return Replayed(key, value + (bullet or ""), style, make)


_style_keys: weakref.WeakKeyDictionary[ParagraphStyle, tuple[Any, ...]] = (
    weakref.WeakKeyDictionary()
)


def _style_key(style: ParagraphStyle) -> tuple[Any, ...]:
    """What of a style shapes a paragraph's drawing; worked out once per style."""
    key = _style_keys.get(style)
    if key is None:
        key = _style_keys[style] = _style_fields(style)
    return key


def _style_fields(style: ParagraphStyle) -> tuple[Any, ...]:
    return (
        style.name,
        style.fontName,
        style.fontSize,
        style.leading,
        style.alignment,
        style.leftIndent,
        style.rightIndent,
        style.firstLineIndent,
        style.bulletIndent,
        style.bulletFontName,
        style.bulletFontSize,
        str(style.textColor),
    )


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style whose cells use the document font (reportlab's default is Helvetica,
    neither embedded nor Unicode, and it would be declared even for flowable cells)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts().regular), *commands])


def logo_image(logo: bytes | None, max_width: float, max_height: float) -> Flowable | None:
    """The clinic's logo scaled to fit, or None when there is none or it is unreadable."""
    picture = read_picture(logo) if logo else None
    if picture is None:  # a damaged or unsupported file: print without it
        return None
    width, height = picture.size
    scale = min(max_width / width, max_height / height)
    return PictureFlowable(picture, width * scale, height * scale)


class PictureFlowable(Flowable):
    """A picture drawn ``width`` by ``height`` points."""

    def __init__(self, picture: Picture, width: float, height: float) -> None:
        super().__init__()
        self._picture = picture
        self.drawWidth = width
        self.drawHeight = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        self._picture.draw(self.canv, self.drawWidth, self.drawHeight)


def letterhead(head: Letterhead, st: Styles, width: float, phone_label: str = "Phone") -> Flowable:
    """Clinic name and address on the left (logo before them), phone on the right.

    Nothing at all (not even the rule) when the clinic has set none of them.
    """
    from reportlab.platypus import Spacer

    if not (head.clinic_name.strip() or head.address.strip() or head.phone.strip() or head.logo):
        return Spacer(1, 0)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    left: list[Flowable] = []
    if head.clinic_name.strip():
        left.append(fixed_paragraph(head.clinic_name.strip(), st.clinic))
    if head.address.strip():
        left.append(fixed_paragraph(head.address.strip(), st.clinic_detail))
    right = []
    phone_width = 0.0
    if head.phone.strip():
        phone = f"{phone_label}: {head.phone.strip()}"
        right.append(fixed_paragraph(phone, st.clinic_right))
        # As wide as the phone line needs (so a long clinic name keeps its room), within limits.
        needed = stringWidth(phone, st.clinic_right.fontName, st.clinic_right.fontSize)
        phone_width = min(max(needed + 4 * mm, 35 * mm), 70 * mm)
    logo = logo_image(head.logo, 30 * mm, 18 * mm)
    if logo is not None:
        logo_width = logo.wrap(width, width)[0] + 5 * mm
        cells: list[list[Flowable]] = [[logo], left, right]
        widths = [logo_width, width - logo_width - phone_width, phone_width]
    else:
        cells = [left, right]
        widths = [width - phone_width, phone_width]
    return Row(cells, widths, padding=(0, 0, 3 * mm, 0), line_below=Line(0.8, INK))


def numbered_canvas(
    footer: str, page_label: Callable[[int, int], str], paper: tuple[float, float]
) -> type:
    """A canvas class that writes the footer on each page once the page count is known.

    ``footer`` runs from the left margin up to ``page_label(page, pages)``, set flush right.
    A footer too long for its room is shortened as ``paper.fit_footer`` says.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts = register_fonts()

    def width(line: str, points: float) -> float:
        return stringWidth(line, fonts.regular, points)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's default Helvetica, which is neither embedded nor Unicode.
            kwargs["initialFontName"] = fonts.regular
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []
            register_document_fonts(self, (fonts.regular, fonts.bold))

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            right = paper[0] - MARGIN
            self.line(MARGIN, FOOTER_GAP + 9, right, FOOTER_GAP + 9)
            label = page_label(self._pageNumber, total)
            line, points = fit_footer(footer, label, paper[0], width)
            self.setFont(fonts.regular, points)
            self.drawRightString(right, FOOTER_GAP, label)
            self.drawString(MARGIN, FOOTER_GAP, line)
            self.restoreState()

    return NumberedCanvas


def key_value_table(
    rows: Sequence[tuple[str, Flowable | str]], st: Styles, widths: Sequence[float]
) -> Flowable:
    """Label above value, laid out across the page: "Patient / Jane Doe | Date / ..."."""
    cells = []
    for label, value in rows:
        shown = value if isinstance(value, Flowable) else Paragraph(text(value), st.body)
        cells.append([fixed_paragraph(label, st.label), shown])
    return Row(cells, widths, padding=(0, 4 * mm, 0, 0))


def build_document(
    story: list[Flowable],
    paper: tuple[float, float],
    *,
    title: str,
    author: str,
    subject: str,
    footer: str,
    page_label: Callable[[int, int], str],
) -> bytes:
    """Lay ``story`` out on ``paper`` in one full-width frame, with the numbered footer."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=paper,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=13 * mm,
        bottomMargin=FOOTER_GAP + 8 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="imsdesk",
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(footer, page_label, paper))
    return buffer.getvalue()
