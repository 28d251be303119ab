"""The progress report across a course of treatment, for referring doctors and insurers.

    pdf = build_progress_report(report)  # bytes of a PDF

Pain at each visit and each outcome measure are charted (vector, greyscale-safe) with
the minimal clinically important difference marked; the visit count stands beside the
typical course with its source; the change from first to latest visit is written out
with the numbers. The wording of the changes arrives in the data, written by the
service; this module lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from imsdesk.reports.summary_data import LevelRow, ProgressReport

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from imsdesk.reports.charts import ChartSink
    from imsdesk.reports.layout import Styles

TITLE = "Progress report"


def build_progress_report(report: ProgressReport) -> bytes:
    """The report as PDF bytes, on the paper the clinic set (A4 or US Letter)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from imsdesk.reports import layout
    from imsdesk.reports.charts import ChartSink, stamp_charts

    layout.binary_streams()
    paper = layout.page_size(report.paper_size)
    st = layout.styles(9.5)
    width = paper[0] - 2 * layout.MARGIN
    sink = ChartSink()

    story: list[Flowable] = [layout.letterhead(report.letterhead, st, width)]
    story += _heading(report, st, width)
    story.append(Paragraph("Change from the first to the latest visit", st.heading))
    story += [Paragraph(layout.text(line), st.bullet, bulletText="•") for line in report.changes]
    story += _course(report, st, width, sink)
    story += _outcomes(report, st, width, sink)
    story += _segments(report, st, width)
    story += _visit_table(report, st, width)
    if report.sources:
        story.append(Paragraph("Sources", st.heading))
        source_style = st.muted.clone(
            "source", leftIndent=12, bulletIndent=0, spaceAfter=2, bulletFontSize=st.muted.fontSize
        )
        story += [
            Paragraph(layout.text(source), source_style, bulletText=f"{n}.")
            for n, source in enumerate(report.sources, 1)
        ]
    story.append(Spacer(1, 4 * mm))

    who = report.patient_name
    if report.chart_number:
        who += f" (chart {report.chart_number})"
    footer = (
        f"{TITLE}  ·  {who}  ·  prepared {layout.long_date(report.prepared_on)}  ·  "
        "confidential health information"
    )
    pdf = layout.build_document(
        story,
        paper,
        title=f"{TITLE}: {report.patient_name}",
        author=report.letterhead.clinic_name,
        subject=f"{TITLE}, {report.title}",
        footer=footer,
        page_label=lambda page, pages: f"page {page} of {pages}",
    )
    return stamp_charts(pdf, sink)


def _heading(report: ProgressReport, st: Styles, width: float) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from imsdesk.reports import layout

    born = layout.long_date(report.date_of_birth) if report.date_of_birth else "not recorded"
    patient_rows: list[tuple[str, Any]] = [
        ("Patient", Paragraph(f"<b>{layout.text(report.patient_name)}</b>", st.body)),
        ("Date of birth", born),
        ("Chart number", report.chart_number or "–"),
        ("Prepared", layout.long_date(report.prepared_on)),
    ]
    period = "–"
    if report.episode_started:
        period = f"from {layout.long_date(report.episode_started)}"
        if report.episode_closed:
            period += f" to {layout.long_date(report.episode_closed)}"
        else:
            period += " (open)"
    elif report.visits:
        period = (
            f"{layout.short_date(report.visits[0].day)} to "
            f"{layout.short_date(report.visits[-1].day)}"
        )
    clinicians = "<br/>".join(
        layout.text(c.name)
        + (
            f" <font color='#5a5a5a'>(reg. {layout.text(c.registration_number)})</font>"
            if c.registration_number
            else ""
        )
        for c in report.clinicians
    )
    episode_rows: list[tuple[str, Any]] = [
        ("Episode of care" if report.episode_started else "Period", period),
        ("Referred by", report.referral or "–"),
        (
            "Treating therapist" if len(report.clinicians) < 2 else "Treating therapists",
            Paragraph(clinicians or "–", st.body),
        ),
    ]
    flowables: list[Flowable] = [
        Spacer(1, 5 * mm),
        Paragraph(TITLE, st.title),
        Paragraph(layout.text(report.title), st.heading.clone("subtitle", spaceBefore=2)),
        Spacer(1, 2 * mm),
        layout.key_value_table(
            patient_rows, st, [0.34 * width, 0.24 * width, 0.2 * width, 0.22 * width]
        ),
        Spacer(1, 2.5 * mm),
        layout.key_value_table(episode_rows, st, [0.34 * width, 0.36 * width, 0.30 * width]),
    ]
    if report.goals:
        flowables += [
            Spacer(1, 2.5 * mm),
            Paragraph("Goals", st.label),
            Paragraph(layout.text(report.goals), st.body),
        ]
    return flowables


def _course(report: ProgressReport, st: Styles, width: float, sink: ChartSink) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph

    from imsdesk.reports import layout
    from imsdesk.reports.charts import pain_chart, vector_chart

    course = report.course
    count = "1 visit" if course.visits == 1 else f"{course.visits} visits"
    line = (
        f"<b>{count}</b> in this report. Typical course: <b>{course.typical_visits:g} visits</b>"
        f" ({layout.text(course.typical_source)})."
    )
    flowables: list[Flowable] = [
        Paragraph("Pain at each visit and the length of the course", st.heading),
        Paragraph(line, st.body),
    ]
    if not report.visits:
        return flowables
    if all(v.pain_before is None and v.pain_after is None for v in report.visits):
        # Empty axes would look like a chart that failed to print: say so instead.
        flowables.append(
            Paragraph("Pain before and after treatment: not recorded at any visit.", st.body)
        )
        return flowables
    height = 62 * mm
    chart = pain_chart(
        report.visits,
        typical_visits=course.typical_visits,
        mcid=report.pain_mcid,
        width=width,
        height=height,
    )
    key = (
        "Filled circles, solid line: pain before treatment. Open squares, dashed line: pain "
        "after treatment. Dotted vertical line: typical course length."
    )
    if report.pain_mcid is not None:
        key += (
            " Dash-dot line (MCID): a clinically important improvement on the first pain score "
            f"({layout.text(report.pain_mcid.label)})."
        )
    flowables.append(
        KeepTogether([vector_chart(chart, width, height, sink), Paragraph(key, st.muted)])
    )
    return flowables


def _outcomes(report: ProgressReport, st: Styles, width: float, sink: ChartSink) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Table

    from imsdesk.reports import layout
    from imsdesk.reports.charts import outcome_chart, vector_chart

    heading = Paragraph("Outcome measures", st.heading)
    if not report.outcomes:
        return [heading, Paragraph("No outcome measures are recorded for this period.", st.body)]
    gap = 6 * mm
    column = (width - gap) / 2
    height = 55 * mm
    cells = []
    for series in report.outcomes:
        if series.points:
            chart: Any = vector_chart(
                outcome_chart(series, width=column, height=height), column, height, sink
            )
        else:
            chart = Paragraph(f"{layout.text(series.short_name)}: no scores recorded.", st.body)
        if series.mcid is not None:
            note = f"Dash-dot line: {series.mcid_note}, measured from the first score."
        else:
            note = series.mcid_note.rstrip(".") + "."
        caption = f"{series.name}, {series.units}. {note}"
        cells.append([chart, Paragraph(layout.text(caption), st.muted)])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[column + gap, column], hAlign="LEFT")
    table.setStyle(
        layout.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
            ]
        )
    )
    return [KeepTogether([heading, table])]


SEGMENT_COLUMNS = 14  # visits per table row band: cells wide enough for "2.3" in bold


def _segments(report: ProgressReport, st: Styles, width: float) -> list[Flowable]:
    """The most implicated spinal levels at each visit: numbers in grey-shaded cells."""
    from reportlab.platypus import KeepTogether, Paragraph

    from imsdesk.reports import layout

    trend = report.segments
    if trend is None:
        return []
    heading = Paragraph("Spinal levels across the visits", st.heading)
    change = Paragraph(layout.text(trend.change), st.body)
    if not trend.rows or not report.visits:
        return [heading, change]
    tables = [
        _segment_table(report, trend.rows, start, st, width)
        for start in range(0, len(report.visits), SEGMENT_COLUMNS)
    ]
    key = Paragraph(layout.text(trend.key), st.muted)
    # The heading stays with the first band of visits, the key with the last.
    if len(tables) == 1:
        return [KeepTogether([heading, change, tables[0], key])]
    return [
        KeepTogether([heading, change, tables[0]]),
        *tables[1:-1],
        KeepTogether([tables[-1], key]),
    ]


def _segment_table(
    report: ProgressReport, rows: Sequence[LevelRow], start: int, st: Styles, width: float
) -> Flowable:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    from imsdesk.reports import layout
    from imsdesk.reports.fonts import register_fonts

    visits = report.visits[start : start + SEGMENT_COLUMNS]
    top = max((score for row in rows for score in row.scores), default=0.0) or 1.0
    bold = register_fonts().bold
    small = st.cell.clone("segment_head", alignment=TA_CENTER, fontSize=st.cell.fontSize - 0.5)
    header = [
        Paragraph("<b>Level</b>", st.cell),
        *(Paragraph(f"<b>#{v.number}</b><br/>{v.day.day} {v.day:%b}", small) for v in visits),
    ]
    data: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 1), (0, -1), bold),
        ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), st.cell.leading),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, layout.INK),
        ("INNERGRID", (0, 1), (-1, -1), 0.3, colors.white),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for r, row in enumerate(rows, start=1):
        if r > 1 and row.side != rows[r - 2].side:
            commands.append(("LINEABOVE", (0, r), (-1, r), 0.8, layout.INK))
        cells = [row.label]
        for c, index in enumerate(range(start, start + len(visits)), start=1):
            score = row.scores[index]
            cells.append(f"{score:.1f}".removesuffix(".0") if score else "–")
            # White to dark grey with the score: reads in greyscale, the number says it exactly.
            share = score / top
            grey = 1 - 0.72 * share
            commands.append(("BACKGROUND", (c, r), (c, r), colors.Color(grey, grey, grey)))
            if share > 0.55:
                commands.append(("TEXTCOLOR", (c, r), (c, r), colors.white))
            if row.implicated[index]:
                commands.append(("FONTNAME", (c, r), (c, r), bold))
        data.append(cells)
    label_width = 22 * mm
    # The same width in every band of columns, as wide as the page allows (at most 16 mm).
    bands = min(len(report.visits), SEGMENT_COLUMNS)
    column = min(16 * mm, (width - label_width) / bands)
    table = Table(
        data,
        colWidths=[label_width, *([column] * len(visits))],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(layout.table_style(commands))
    table.spaceAfter = 2 * mm
    return table


def _visit_table(report: ProgressReport, st: Styles, width: float) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    from imsdesk.reports import layout

    heading = Paragraph("Visits: pain, needles, levels and muscles treated", st.heading)
    if not report.visits:
        return [heading, Paragraph("No visits are recorded for this period.", st.body)]

    def cell(value: str, style: Any = None) -> Paragraph:
        return Paragraph(value, style or st.cell)

    def pain(value: int | None) -> str:
        return "–" if value is None else str(value)

    header = [
        cell("<b>#</b>"),
        cell("<b>Date</b>"),
        cell("<b>Pain before → after</b>"),
        cell("<b>Needles</b>"),
        cell("<b>Spinal levels</b> (paraspinal)"),
        cell("<b>Muscles</b>"),
    ]
    rows = [header]
    for visit in report.visits:
        day = layout.short_date(visit.day) + ("" if visit.signed else "<br/><i>unsigned</i>")
        rows.append(
            [
                cell(str(visit.number)),
                cell(day),
                cell(f"{pain(visit.pain_before)} → {pain(visit.pain_after)}"),
                cell("–" if visit.needles is None else str(visit.needles)),
                cell("<br/>".join(layout.text(x) for x in visit.levels) or "–"),
                cell("<br/>".join(layout.text(x) for x in visit.muscles) or "–"),
            ]
        )
    fixed = [8 * mm, 22 * mm, 21 * mm, 15 * mm, 34 * mm]
    table = Table(rows, colWidths=[*fixed, width - sum(fixed)], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        layout.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, layout.INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, layout.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return [heading, table]
