"""The take-home summary a patient is given after a visit: one page, two at most.

    pdf = build_session_summary(summary)  # bytes of a PDF

All patient-facing wording comes from ``resources/templates/summary.toml``; this module
only lays it out. reportlab is imported when a summary is built, not before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imsdesk.reports.summary_data import SessionSummary
from imsdesk.reports.templates import Section, SummaryWording, load_summary_wording

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from imsdesk.reports.layout import Styles

MAX_MAPS = 3
MAP_HEIGHT = 78 * 72 / 25.4  # points: 78 mm, room for the advice below on the same page
_MAPS_SHARE = 0.6  # the maps take at most this much of the width beside the list


def build_session_summary(summary: SessionSummary, wording: SummaryWording | None = None) -> bytes:
    """The summary as PDF bytes, on the paper the clinic set (A4 or US Letter)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from imsdesk.reports import layout

    words = wording or load_summary_wording()
    layout.binary_streams()
    paper = layout.page_size(summary.paper_size)
    st = layout.styles(10)
    width = paper[0] - 2 * layout.MARGIN
    values = _placeholders(summary)
    labels = words.labels

    story: list[Flowable] = [layout.letterhead(summary.letterhead, st, width, labels["phone"])]
    story += _heading_block(summary, words, st, width)
    top, rest = _maps_and_treatment(summary, words, st, width, values)
    story += top
    if summary.chest_advice:
        # Safety first: straight under the maps, before a long list can push it over a page.
        chest = words.chest
        box = _boxed(
            chest.heading.format_map(values),
            tuple(p.format_map(values) for p in chest.paragraphs),
            st,
            width,
            warning=True,
        )
        story += [Spacer(1, 5 * mm), box, Spacer(1, 2 * mm)]
    story += rest
    # What to expect after needling says nothing to a patient who was not needled.
    after = (words.next_hours,) if summary.treated else ()
    for section in (*after, words.aftercare, words.when_to_call):
        story += _section(section, st, values)

    footer_parts = [summary.patient_name, layout.long_date(summary.visit_date)]
    if summary.letterhead.clinic_name.strip():
        footer_parts.append(summary.letterhead.clinic_name.strip())
    return layout.build_document(
        story,
        paper,
        title=f"{words.title}: {summary.patient_name}",
        author=summary.letterhead.clinic_name,
        subject=f"{words.title}, {layout.long_date(summary.visit_date)}",
        footer="  ·  ".join(footer_parts),
        page_label=lambda page, pages: labels["page"].format(page=page, pages=pages),
    )


def _placeholders(summary: SessionSummary) -> dict[str, str]:
    head = summary.letterhead
    clinic = head.clinic_name.strip() or "the clinic"
    phone = head.phone.strip()
    return {
        "clinic_name": clinic,
        "clinic_contact": f"the clinic on {phone}" if phone else "the clinic",
        "therapist_name": summary.therapist.name.strip() or "your therapist",
    }


def _heading_block(
    summary: SessionSummary, words: SummaryWording, st: Styles, width: float
) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from imsdesk.reports import layout

    labels = words.labels
    therapist = layout.text(summary.therapist.name or "–")
    if summary.therapist.registration_number.strip():
        registration = layout.text(summary.therapist.registration_number.strip())
        therapist += (
            f"<br/><font size='8' color='#5a5a5a'>{layout.text(labels['registration'])} "
            f"{registration}</font>"
        )
    rows: list[tuple[str, Any]] = [
        (labels["patient"], Paragraph(f"<b>{layout.text(summary.patient_name)}</b>", st.body)),
        (labels["date"], layout.long_date(summary.visit_date)),
    ]
    widths = [0.40 * width, 0.22 * width]
    if summary.visit_number is not None:
        rows.append((labels["visit"], str(summary.visit_number)))
        widths.append(0.10 * width)
    rows.append((labels["therapist"], Paragraph(therapist, st.body)))
    widths.append(width - sum(widths))
    return [
        Spacer(1, 6 * mm),
        layout.fixed_paragraph(words.title, st.title),
        Spacer(1, 3 * mm),
        layout.key_value_table(rows, st, widths),
        Spacer(1, 4 * mm),
    ]


def _maps_and_treatment(
    summary: SessionSummary,
    words: SummaryWording,
    st: Styles,
    width: float,
    values: dict[str, str],
) -> tuple[list[Flowable], list[Flowable]]:
    """The body maps; beside them what was treated, the pain scores and the next visit.

    Returned as the maps row and what follows it: a list too long to sit beside the maps
    follows, in two columns, and so does everything when there are no maps.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from imsdesk.reports.row import Row

    gap = 6 * mm
    maps = _map_row(summary, words, st, max_width=width * _MAPS_SHARE, max_height=MAP_HEIGHT)
    if maps is None:
        return [], [
            *_treated_list(summary, words, st, width, columns=2),
            *_pain_block(summary, words, st, width),
            Spacer(1, 5 * mm),
            _next_appointment(summary, words, st, width, values),
        ]
    maps_width, maps_height = maps.wrap(width, 1000 * mm)
    side_width = width - maps_width - gap
    rest = [
        *_pain_block(summary, words, st, side_width),
        Spacer(1, 5 * mm),
        _next_appointment(summary, words, st, side_width, values),
    ]
    beside = [*_treated_list(summary, words, st, side_width, columns=1), *rest]
    below: list[Flowable] = []
    if _height(beside, side_width) > maps_height + 6 * mm:
        # A long list would stretch the row past the page: list it under the maps instead.
        beside = rest
        below = [Spacer(1, 1 * mm), *_treated_list(summary, words, st, width, columns=2)]
    return [Row([maps, beside], [maps_width + gap, side_width])], below


def _height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _map_row(
    summary: SessionSummary,
    words: SummaryWording,
    st: Styles,
    *,
    max_width: float,
    max_height: float,
) -> Flowable | None:
    """The map images side by side, each captioned, scaled together to fit the space."""
    from reportlab.lib.units import mm

    from imsdesk.reports import layout, pictures
    from imsdesk.reports.row import Row

    readable = []
    for map_image in summary.maps[:MAX_MAPS]:
        picture = pictures.read_picture(map_image.png)
        if picture is not None:  # an unreadable image is left out; the list still says it all
            readable.append((map_image.view, picture))
    if not readable:
        return None
    gap = 3 * mm
    each_width = 55 * mm
    sizes = []
    for _, picture in readable:
        w, h = picture.size
        scale = min(each_width / w, max_height / h)
        sizes.append((w * scale, h * scale))
    total = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
    shrink = min(1.0, max_width / total)
    cells = []
    col_widths = []
    for (view, picture), (w, h) in zip(readable, sizes, strict=True):
        image = picture.flowable(w * shrink, h * shrink)
        caption = layout.fixed_paragraph(words.map_caption(view), st.caption)
        cells.append([image, caption])
        col_widths.append(w * shrink + gap)
    col_widths[-1] -= gap
    return Row(cells, col_widths, valign="BOTTOM", align="CENTER")


def _treated_list(
    summary: SessionSummary, words: SummaryWording, st: Styles, width: float, *, columns: int
) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Table

    from imsdesk.reports import layout

    labels = words.labels
    heading = layout.fixed_paragraph(labels["treated_heading"], st.heading)
    if not summary.treated:
        return [heading, layout.fixed_paragraph(labels["nothing_treated"], st.body)]
    items = [Paragraph(layout.text(entry), st.bullet, bulletText="•") for entry in summary.treated]
    if columns == 1 or len(items) < 4:
        return [heading, *items]
    # Two columns, read across then down, so the order survives a page break. The heading
    # is the table's first row, repeated if the list runs onto the next page: a long list
    # splits instead of jumping whole to the next page.
    rows: list[list[Any]] = [[heading, ""]]
    rows += [
        [items[i], items[i + 1] if i + 1 < len(items) else ""] for i in range(0, len(items), 2)
    ]
    table = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT", repeatRows=1)
    table.setStyle(
        layout.table_style(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def _pain_block(
    summary: SessionSummary, words: SummaryWording, st: Styles, width: float
) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from imsdesk.reports import layout
    from imsdesk.reports.row import Row

    labels = words.labels

    def score(value: int | None) -> Paragraph:
        if value is None:
            return Paragraph(f"<i>{layout.text(labels['not_recorded'])}</i>", st.body)
        return Paragraph(f"{value}<font size='10' color='#5a5a5a'> / 10</font>", st.big_number)

    # Two rows, labels then scores, so the scores line up under labels of any length.
    columns = [min(width / 2, 45 * mm)] * 2
    padding = (0, 2 * mm, 1, 0)
    labels_row = [
        layout.fixed_paragraph(labels["pain_before"], st.label),
        layout.fixed_paragraph(labels["pain_after"], st.label),
    ]
    scores_row = [score(summary.pain_before), score(summary.pain_after)]
    return [
        layout.fixed_paragraph(labels["pain_heading"], st.heading),
        layout.fixed_paragraph(labels["pain_scale"], st.muted),
        Spacer(1, 1.5 * mm),
        Row(labels_row, columns, padding=padding),
        Row(scores_row, columns, padding=padding),
    ]


def _section(section: Section, st: Styles, values: dict[str, str]) -> list[Flowable]:
    from imsdesk.reports import layout

    def fill(line: str) -> str:
        return line.format_map(values)

    flowables = [layout.fixed_paragraph(fill(section.heading), st.heading)]
    flowables += [layout.fixed_paragraph(fill(p), st.body) for p in section.paragraphs]
    flowables += [layout.fixed_paragraph(fill(i), st.bullet, "•") for i in section.items]
    return flowables


def _boxed(
    heading: str,
    paragraphs: tuple[str, ...],
    st: Styles,
    width: float,
    *,
    warning: bool,
    typed: bool = False,
) -> Flowable:
    """A framed box that stands out in colour and in greyscale alike (border, not hue).

    ``typed`` paragraphs were typed for this visit, not worded by the clinic.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from imsdesk.reports import layout
    from imsdesk.reports.row import Line, Row

    mark = "⚠ " if warning else ""
    content = [layout.fixed_paragraph(mark + heading, st.box_heading)]
    if typed:
        content += [Paragraph(layout.text(p), st.body) for p in paragraphs]
    else:
        content += [layout.fixed_paragraph(p, st.body) for p in paragraphs]
    return Row(
        [content],
        [width],
        padding=(3 * mm, 4 * mm, 2 * mm, 4 * mm),
        background=layout.TINT,
        box=Line(1.6 if warning else 0.8, layout.INK),
    )


def _next_appointment(
    summary: SessionSummary,
    words: SummaryWording,
    st: Styles,
    width: float,
    values: dict[str, str],
) -> Flowable:
    # Typed by the front desk, so printed as typed (braces and all), never formatted.
    booked = summary.next_appointment.strip()
    text = booked or words.none_booked.format_map(values)
    heading = words.next_appointment_heading.format_map(values)
    return _boxed(heading, (text,), st, width, warning=False, typed=bool(booked))
