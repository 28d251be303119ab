"""The take-home summary's pages: its blocks laid out and drawn (see session_summary.py).

The summary is drawn straight onto the page (``flow``, ``sheet``, ``typeset``), not
through platypus: it is built while the patient waits, every time, and looks as the
platypus version did (the same styles, spacing and page breaks).

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.units import mm

from imsdesk.reports import paper
from imsdesk.reports.flow import (
    Block,
    Cells,
    Image,
    Row,
    Runs,
    Space,
    Text,
    bulleted,
    paginate,
    paragraph,
)
from imsdesk.reports.fonts import register_fonts
from imsdesk.reports.paper import Line
from imsdesk.reports.pictures import read_picture
from imsdesk.reports.sheet import Sheet
from imsdesk.reports.summary_data import Letterhead, SessionSummary
from imsdesk.reports.templates import Section, SummaryWording
from imsdesk.reports.typeset import TextStyle, text_width

MAX_MAPS = 3
MAP_HEIGHT = 78 * mm  # room for the advice below on the same page
_MAPS_SHARE = 0.6  # the maps take at most this much of the width beside the list
_TOP_MARGIN = 13 * mm
_BOTTOM_MARGIN = paper.FOOTER_GAP + 8 * mm
_BULLET_INDENT = 13.0  # the text of a list item; its bullet at _BULLET_AT
_BULLET_AT = 2.0


@dataclass(frozen=True)
class _Styles:
    body: TextStyle
    value: TextStyle  # a value under its label: no space after
    name: TextStyle  # the patient's name under its label
    registration: TextStyle
    not_recorded: TextStyle
    muted: TextStyle
    caption: TextStyle
    label: TextStyle
    title: TextStyle
    heading: TextStyle
    box_heading: TextStyle
    bullet: TextStyle
    clinic: TextStyle
    clinic_detail: TextStyle
    big_number: TextStyle
    out_of: TextStyle  # "/ 10" after a pain score


@functools.cache
def _styles() -> _Styles:
    """The platypus documents' type styles at 10 points (see layout.styles)."""
    fonts = register_fonts()
    s = 10.0

    def style(size: float, leading: float, before: float = 0.0, after: float = 0.0) -> TextStyle:
        return TextStyle(fonts.regular, size, leading, paper.INK, before, after)

    body = style(s, s * 1.35, after=s * 0.35)
    muted = replace(style(s - 1.5, (s - 1.5) * 1.3), colour=paper.MUTED)
    heading = replace(
        style(s + 1.5, (s + 1.5) * 1.25, before=s * 0.9, after=s * 0.3),
        font=fonts.bold,
    )
    return _Styles(
        body=body,
        value=replace(body, space_after=0.0),
        name=replace(body, font=fonts.bold, space_after=0.0),
        registration=replace(style(s - 2, (s - 2) * 1.3), colour=paper.MUTED),
        not_recorded=replace(body, font=fonts.italic),
        muted=muted,
        caption=muted,
        label=replace(style(s - 2, (s - 2) * 1.3), colour=paper.MUTED),
        title=replace(style(s + 7, (s + 7) * 1.2), font=fonts.bold),
        heading=heading,
        box_heading=replace(heading, space_before=0.0),
        bullet=style(s, s * 1.35, after=s * 0.25),
        clinic=replace(style(s + 5, (s + 5) * 1.2), font=fonts.bold),
        clinic_detail=style(s - 1, (s - 1) * 1.3),
        big_number=replace(style(s + 8, (s + 8) * 1.2), font=fonts.bold),
        out_of=replace(style(s, s * 1.35), font=fonts.bold, colour=paper.MUTED),
    )


def summary_pdf(summary: SessionSummary, words: SummaryWording) -> bytes:
    size = paper.page_size(summary.paper_size)
    st = _styles()
    width = size[0] - 2 * paper.MARGIN
    values = _placeholders(summary)
    labels = words.labels

    blocks = [*_letterhead(summary.letterhead, st, width, labels["phone"])]
    blocks += [Space(6 * mm), paragraph(words.title, st.title, width), Space(3 * mm)]
    blocks += [_heading_row(summary, words, st, width), Space(4 * mm)]
    top, rest = _maps_and_treatment(summary, words, st, width, values)
    blocks += top
    if summary.chest_advice:
        # Safety first: straight under the maps, before a long list can push it over a page.
        chest = words.chest
        box = _boxed(
            chest.heading.format_map(values),
            [p.format_map(values) for p in chest.paragraphs],
            st,
            width,
            warning=True,
        )
        blocks += [Space(5 * mm), box, Space(2 * mm)]
    blocks += rest
    # What to expect after needling says nothing to a patient who was not needled.
    after = (words.next_hours,) if summary.treated else ()
    for section in (*after, words.aftercare, words.when_to_call):
        blocks += _section(section, st, width, values)

    footer_parts = [summary.patient_name, paper.long_date(summary.visit_date)]
    if summary.letterhead.clinic_name.strip():
        footer_parts.append(summary.letterhead.clinic_name.strip())
    sheet = Sheet(
        size,
        title=f"{words.title}: {summary.patient_name}",
        author=summary.letterhead.clinic_name,
        subject=f"{words.title}, {paper.long_date(summary.visit_date)}",
    )
    pages = paginate(blocks, size[1] - _TOP_MARGIN, _BOTTOM_MARGIN)
    for number, page in enumerate(pages, 1):
        for block, block_top in page:
            block.draw(sheet, paper.MARGIN, block_top)
        label = labels["page"].format(page=number, pages=len(pages))
        _footer(sheet, paper.FOOTER_PART.join(footer_parts), label)
        sheet.end_page()
    return sheet.pdf()


def _placeholders(summary: SessionSummary) -> dict[str, str]:
    head = summary.letterhead
    clinic = head.clinic_name.strip() or "the clinic"
    phone = head.phone.strip()
    return {
        "clinic_name": clinic,
        "clinic_contact": f"the clinic on {phone}" if phone else "the clinic",
        "therapist_name": summary.therapist.name.strip() or "your therapist",
    }


def _letterhead(head: Letterhead, st: _Styles, width: float, phone_label: str) -> list[Block]:
    """Clinic name and address on the left (logo before them), phone on the right.

    Nothing at all (not even the rule) when the clinic has set none of them.
    """
    name, address, phone = head.clinic_name.strip(), head.address.strip(), head.phone.strip()
    logo = read_picture(head.logo) if head.logo else None  # None: damaged, print without
    if not (name or address or phone or logo):
        return []
    phone_width = 0.0
    right: list[Block] = []
    if phone:
        line = f"{phone_label}: {phone}"
        # As wide as the phone line needs (so a long clinic name keeps its room), within limits.
        needed = text_width(line, st.clinic_detail.font, st.clinic_detail.size)
        phone_width = min(max(needed + 4 * mm, 35 * mm), 70 * mm)
        right.append(paragraph(line, st.clinic_detail, phone_width, align="right"))
    cells: list[list[Block]] = []
    widths: list[float] = []
    if logo is not None:
        w, h = logo.size
        scale = min(30 * mm / w, 18 * mm / h)
        cells.append([Image(logo, w * scale, h * scale)])
        widths.append(w * scale + 5 * mm)
    left_width = width - sum(widths) - phone_width
    left: list[Block] = []
    if name:
        left.append(paragraph(name, st.clinic, left_width))
    if address:
        left.append(paragraph(address, st.clinic_detail, left_width))
    cells += [left, right]
    widths += [left_width, phone_width]
    look = Cells(padding=(0, 0, 3 * mm, 0), line_below=Line(0.8, paper.INK))
    return [Row(cells, widths, look)]


def _heading_row(summary: SessionSummary, words: SummaryWording, st: _Styles, width: float) -> Row:
    """Label above value across the page: "Patient / Jane Doe | Date / ..."."""
    labels = words.labels
    gap = 4 * mm  # after each value
    columns = [(labels["patient"], 0.40 * width), (labels["date"], 0.22 * width)]
    if summary.visit_number is not None:
        columns.append((labels["visit"], 0.10 * width))
    columns.append((labels["therapist"], width - sum(w for _, w in columns)))
    inner = [w - gap for _, w in columns]
    values: list[list[Block]] = [
        [paragraph(summary.patient_name, st.name, inner[0])],
        [paragraph(paper.long_date(summary.visit_date), st.value, inner[1])],
    ]
    if summary.visit_number is not None:
        values.append([paragraph(str(summary.visit_number), st.value, inner[2])])
    therapist: list[Block] = [paragraph(summary.therapist.name or "–", st.value, inner[-1])]
    registration = summary.therapist.registration_number.strip()
    if registration:
        line = f"{labels['registration']} {registration}"
        therapist.append(paragraph(line, st.registration, inner[-1]))
    values.append(therapist)
    cells = [
        [paragraph(label, st.label, w), *value]
        for (label, _), w, value in zip(columns, inner, values, strict=True)
    ]
    return Row(cells, [w for _, w in columns], Cells(padding=(0, gap, 0, 0)))


def _maps_and_treatment(
    summary: SessionSummary,
    words: SummaryWording,
    st: _Styles,
    width: float,
    values: dict[str, str],
) -> tuple[list[Block], list[Block]]:
    """The body maps; beside them what was treated, the pain scores and the next visit.

    Returned as the maps row and what follows it: a list too long to sit beside the maps
    follows, in two columns, and so does everything when there are no maps.
    """
    gap = 6 * mm
    maps = _map_row(summary, words, st, max_width=width * _MAPS_SHARE)
    if maps is None:
        return [], [
            *_treated_list(summary, words, st, width, columns=2),
            *_pain_block(summary, words, st, width),
            Space(5 * mm),
            _next_appointment(summary, words, st, width, values),
        ]
    side_width = width - maps.width - gap
    rest = [
        *_pain_block(summary, words, st, side_width),
        Space(5 * mm),
        _next_appointment(summary, words, st, side_width, values),
    ]
    beside = [*_treated_list(summary, words, st, side_width, columns=1), *rest]
    below: list[Block] = []
    if _height(beside) > maps.height + 6 * mm:
        # A long list would stretch the row past the page: list it under the maps instead.
        beside = rest
        below = [Space(1 * mm), *_treated_list(summary, words, st, width, columns=2)]
    return [Row([[maps], beside], [maps.width + gap, side_width])], below


def _height(blocks: Sequence[Block]) -> float:
    return sum(b.space_before + b.height + b.space_after for b in blocks)


def _map_row(
    summary: SessionSummary, words: SummaryWording, st: _Styles, *, max_width: float
) -> Row | None:
    """The map images side by side, each captioned, scaled together to fit the space."""
    readable = []
    for map_image in summary.maps[:MAX_MAPS]:
        picture = read_picture(map_image.png)
        if picture is not None:  # an unreadable image is left out; the list still says it all
            readable.append((map_image.view, picture))
    if not readable:
        return None
    gap = 3 * mm
    sizes = []
    for _, picture in readable:
        w, h = picture.size
        scale = min(55 * mm / w, MAP_HEIGHT / h)
        sizes.append((w * scale, h * scale))
    shrink = min(1.0, max_width / (sum(w for w, _ in sizes) + gap * (len(sizes) - 1)))
    cells: list[list[Block]] = []
    widths = []
    for n, ((view, picture), (w, h)) in enumerate(zip(readable, sizes, strict=True)):
        column = w * shrink + (gap if n < len(sizes) - 1 else 0)
        caption = paragraph(words.map_caption(view), st.caption, column, align="center")
        cells.append([Image(picture, w * shrink, h * shrink), caption])
        widths.append(column)
    return Row(cells, widths, Cells(bottom=True, center=True))


def _treated_list(
    summary: SessionSummary, words: SummaryWording, st: _Styles, width: float, *, columns: int
) -> list[Block]:
    labels = words.labels
    heading = paragraph(labels["treated_heading"], st.heading, width, keep_with_next=True)
    if not summary.treated:
        return [heading, paragraph(labels["nothing_treated"], st.body, width)]
    if columns == 1 or len(summary.treated) < 4:
        return [heading, *(_item(entry, st, width) for entry in summary.treated)]
    # Two columns, read across then down, so the order survives a page break; the heading
    # is drawn again above the rest of a list that runs onto the next page. The hanging
    # indent sets the items apart: no space between rows keeps a long list on two pages.
    half = width / 2
    look = Cells(padding=(0, 3, 0, 0))
    rows: list[Block] = [heading]
    for n in range(0, len(summary.treated), 2):
        pair = summary.treated[n : n + 2]
        row = Row([[_item(entry, st, half - 3)] for entry in pair], [half] * len(pair), look)
        row.repeat = heading
        rows.append(row)
    return rows


def _item(text: str, st: _Styles, width: float) -> Text:
    return bulleted(text, st.bullet, width, _BULLET_INDENT, _BULLET_AT)


def _pain_block(
    summary: SessionSummary, words: SummaryWording, st: _Styles, width: float
) -> list[Block]:
    labels = words.labels

    def score(value: int | None, cell: float) -> Block:
        if value is None:
            return paragraph(labels["not_recorded"], st.not_recorded, cell)
        return Runs(((str(value), st.big_number), (" / 10", st.out_of)))

    # Two rows, labels then scores, so the scores line up under labels of any length.
    column = min(width / 2, 45 * mm)
    inner = column - 2 * mm
    look = Cells(padding=(0, 2 * mm, 1, 0))
    labels_row = [
        [paragraph(labels["pain_before"], st.label, inner)],
        [paragraph(labels["pain_after"], st.label, inner)],
    ]
    scores_row = [[score(summary.pain_before, inner)], [score(summary.pain_after, inner)]]
    return [
        paragraph(labels["pain_heading"], st.heading, width, keep_with_next=True),
        paragraph(labels["pain_scale"], st.muted, width, keep_with_next=True),
        Space(1.5 * mm),
        Row(labels_row, [column, column], look),
        Row(scores_row, [column, column], look),
    ]


def _section(section: Section, st: _Styles, width: float, values: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [
        paragraph(section.heading.format_map(values), st.heading, width, keep_with_next=True)
    ]
    blocks += [paragraph(p.format_map(values), st.body, width) for p in section.paragraphs]
    blocks += [_item(i.format_map(values), st, width) for i in section.items]
    return blocks


def _boxed(
    heading: str, paragraphs: Sequence[str], st: _Styles, width: float, *, warning: bool
) -> Row:
    """A framed box that stands out in colour and in greyscale alike (border, not hue)."""
    padding = (3 * mm, 4 * mm, 2 * mm, 4 * mm)
    inner = width - padding[1] - padding[3]
    mark = "⚠ " if warning else ""
    content = [paragraph(mark + heading, st.box_heading, inner)]
    content += [paragraph(p, st.body, inner) for p in paragraphs]
    look = Cells(
        padding=padding, background=paper.TINT, box=Line(1.6 if warning else 0.8, paper.INK)
    )
    return Row([content], [width], look)


def _next_appointment(
    summary: SessionSummary,
    words: SummaryWording,
    st: _Styles,
    width: float,
    values: dict[str, str],
) -> Row:
    # Typed by the front desk, so printed as typed (braces and all), never formatted.
    booked = summary.next_appointment.strip()
    text = booked or words.none_booked.format_map(values)
    heading = words.next_appointment_heading.format_map(values)
    return _boxed(heading, (text,), st, width, warning=False)


def _footer(sheet: Sheet, footer: str, label: str) -> None:
    """Who and what the page belongs to, from the left margin, and the page number."""
    fonts = register_fonts()

    def width(line: str, points: float) -> float:
        return text_width(line, fonts.regular, points)

    page_width = sheet.size[0]
    right = page_width - paper.MARGIN
    line, points = paper.fit_footer(footer, label, page_width, width)
    style = TextStyle(fonts.regular, points, points, paper.MUTED)
    sheet.rule(paper.MARGIN, paper.FOOTER_GAP + 9, right, 0.4, paper.RULE)
    sheet.text(right - width(label, points), paper.FOOTER_GAP, label, style)
    sheet.text(paper.MARGIN, paper.FOOTER_GAP, line, style)
