"""The whole chart of one patient as a PDF, for a records request or a transfer.

    pdf = build_chart_record(chart, letterhead, paper="A4", prepared_on=today)

Everything recorded, visit by visit and oldest first: notes, pain, needle count,
shortened muscles, needle sites with muscle and the patient's side, exam signs, outcome
scores, adverse events and amendments (under the visit they amend, which stays as
signed). Laid out with the same letterhead and footer as the other documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from imsdesk.reports.chart_data import ChartVisit, PatientChart
from imsdesk.reports.summary_data import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from imsdesk.reports.layout import Styles

TITLE = "Clinical record"
_SEX = {"female": "Female", "male": "Male", "intersex": "Intersex", "unknown": "Not recorded"}
_SEVERITY = {1: "mild", 2: "moderate", 3: "marked"}


def build_chart_record(
    chart: PatientChart, letterhead: Letterhead, *, paper: str, prepared_on: date
) -> bytes:
    from reportlab.platypus import Paragraph

    from imsdesk.reports import layout

    layout.binary_streams()
    size = layout.page_size(paper)
    st = layout.styles(9.5)
    width = size[0] - 2 * layout.MARGIN
    p = chart.patient
    name = f"{p.given_names} {p.family_name}".strip()

    story: list[Flowable] = [layout.letterhead(letterhead, st, width)]
    story.append(Paragraph(f"{TITLE}: {layout.text(name)}", st.title))
    story.append(_who(chart, st, width))
    story += _episodes(chart, st)
    story += _screens(chart, st)
    story.append(Paragraph(f"Visits ({len(chart.visits)}, oldest first)", st.heading))
    if not chart.visits:
        story.append(Paragraph("No visits are recorded.", st.body))
    for visit in chart.visits:
        story += _visit(chart, visit, st, width)
    footer = (
        f"{TITLE}  ·  {name} (chart {p.chart_number})  ·  prepared "
        f"{layout.long_date(prepared_on)}  ·  confidential health information"
    )
    return layout.build_document(
        story,
        size,
        title=f"{TITLE}: {name}",
        author=letterhead.clinic_name,
        subject=f"{TITLE} of chart {p.chart_number}",
        footer=footer,
        page_label=lambda page, pages: f"page {page} of {pages}",
    )


def _who(chart: PatientChart, st: Styles, width: float) -> Flowable:
    from reportlab.lib.units import mm

    from imsdesk.reports import layout

    p = chart.patient
    contact = ", ".join(x for x in (p.phone, p.email) if x) or "–"
    rows = [
        ("Chart number", p.chart_number),
        ("Date of birth", layout.long_date(p.date_of_birth)),
        ("Sex", _SEX.get(p.sex, p.sex)),
        ("Phone, email", contact),
    ]
    table = layout.key_value_table(rows, st, [28 * mm, 36 * mm, 26 * mm, width - 90 * mm])
    if not p.address:
        return table
    from reportlab.platypus import KeepTogether, Paragraph

    return KeepTogether([table, Paragraph(f"Address: {layout.text(p.address)}", st.small)])


def _episodes(chart: PatientChart, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    from imsdesk.reports import layout

    if not chart.episodes:
        return []
    items: list[Flowable] = [Paragraph("Episodes of care", st.heading)]
    for e in chart.episodes:
        span = f"from {layout.short_date(e.started_on)}"
        span += f" to {layout.short_date(e.closed_on)}" if e.closed_on else " (open)"
        line = f"<b>{layout.text(e.condition)}</b>, {span}"
        if e.referral_source:
            line += f"; referred by {layout.text(e.referral_source)}"
        if e.goals:
            line += f". Goals: {layout.text(e.goals)}"
        items.append(Paragraph(line, st.bullet, bulletText="•"))
    return items


def _screens(chart: PatientChart, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    from imsdesk.reports import layout

    if not chart.screens:
        return []
    items: list[Flowable] = [Paragraph("Safety screens and consent", st.heading)]
    for s in chart.screens:
        who = chart.clinician(s.recorded_by_id)
        yes = [a.question for a in s.answers if a.answer]
        found = "; ".join(yes) if yes else "nothing to note"
        consent = "given" if s.consent_given else "refused"
        line = (
            f"<b>{_when(s.recorded_at)}</b>, {layout.text(who.name if who else '')}: "
            f"{layout.text(found)}. Consent {consent} by {layout.text(s.consent_given_by)}"
        )
        if s.notes:
            line += f". {layout.text(s.notes)}"
        items.append(Paragraph(line, st.bullet, bulletText="•"))
    return items


def _visit(chart: PatientChart, visit: ChartVisit, st: Styles, width: float) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    from imsdesk.reports import layout

    therapist = chart.clinician(visit.therapist_id)
    heading = f"Visit {visit.number} · {_when(visit.started_at)}"
    if therapist:
        heading += f" · {layout.text(therapist.name)}"
    if visit.signed and visit.signed_at:
        signer = chart.clinician(visit.signed_by_id)
        status = f"Signed {_when(visit.signed_at)}" + (f" by {signer.name}" if signer else "")
    else:
        status = "Draft: not signed"
    facts = [
        status,
        f"pain before {_number(visit.pain_before)}, after {_number(visit.pain_after)} (0–10)",
        f"needles used {_number(visit.needles_used)}, removed {_number(visit.needles_removed)}",
    ]
    items: list[Flowable] = [
        Paragraph(heading, st.heading),
        Paragraph(layout.text(" · ".join(facts)), st.muted),
    ]
    for label, text in (
        ("Subjective", visit.subjective),
        ("Objective", visit.objective),
        ("Assessment", visit.assessment),
        ("Plan", visit.plan),
    ):
        if text.strip():
            items.append(Paragraph(f"<b>{label}:</b> {layout.text(text.strip())}", st.body))
    items += _table(
        "Shortened muscles",
        ("Muscle", "Side", "Severity", "Note"),
        [
            (f.muscle_name, f.side, f"{f.severity} ({_SEVERITY.get(f.severity, '')})", f.note)
            for f in visit.findings
        ],
        st,
        width,
        (0.38, 0.12, 0.16, 0.34),
    )
    items += _table(
        "Needle sites",
        ("Muscle", "Side", "Depth", "Response", "Note"),
        [
            (
                n.muscle_name,
                n.side,
                f"{n.depth_mm:g} mm" if n.depth_mm is not None else "",
                n.response or "",
                n.note,
            )
            for n in visit.needles
        ],
        st,
        width,
        (0.38, 0.12, 0.12, 0.12, 0.26),
    )
    items += _table(
        "Exam signs",
        ("Level", "Side", "Sign", "Note"),
        [(s.level, s.side, s.label, s.note) for s in visit.signs],
        st,
        width,
        (0.1, 0.12, 0.4, 0.38),
    )
    items += _table(
        "Outcome measures",
        ("Measure", "Score"),
        [(s.instrument_name, f"{s.score:g} {s.units}".strip()) for s in visit.scores],
        st,
        width,
        (0.6, 0.4),
    )
    items += _table(
        "Adverse events",
        ("Recorded", "Event", "Action taken"),
        [
            (_when(e.recorded_at), f"{e.kind_label}: {e.description}", e.action_taken)
            for e in visit.adverse_events
        ],
        st,
        width,
        (0.2, 0.45, 0.35),
    )
    for a in visit.amendments:
        author = chart.clinician(a.author_id)
        items.append(
            Paragraph(
                f"<b>Amendment</b>, {_when(a.created_at)}, "
                f"{layout.text(author.name if author else '')}. Reason: {layout.text(a.reason)}. "
                f"{layout.text(a.text)}",
                st.bullet,
                bulletText="▸",
            )
        )
    return items


def _table(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    st: Styles,
    width: float,
    shares: Sequence[float],
) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table

    from imsdesk.reports import layout

    if not rows:
        return []
    data = [[Paragraph(f"<b>{layout.text(h)}</b>", st.cell) for h in header]]
    data += [[Paragraph(layout.text(str(v)), st.cell) for v in row] for row in rows]
    table = Table(data, colWidths=[width * share for share in shares], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        layout.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, layout.INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, layout.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [Spacer(1, 1.5 * mm), Paragraph(title, st.label), table]


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)
