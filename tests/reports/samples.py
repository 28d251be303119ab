"""Documents' data typed in by hand: what a service would build, without a database."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

from PIL import Image, ImageDraw

from imsdesk.domain.segments import analyse_segments
from imsdesk.reports.summary_data import (
    Clinician,
    CourseLength,
    Letterhead,
    MapImage,
    McidMark,
    OutcomePoint,
    OutcomeSeries,
    ProgressReport,
    ProgressVisit,
    SegmentTrend,
    SessionSummary,
)
from imsdesk.services.summaries import segment_trend
from tests.reports.charted_course import settling_findings

LETTERHEAD = Letterhead(
    "Harbour Physiotherapy & IMS Clinic",
    "1200 Harbour Road, Suite 4\nVancouver BC V6B 1A1",
    "604-555-0142",
)
NAMES = ("Thị Hồng Nguyễn", "Jan Łukasiewicz", "Guðrún Ólafsdóttir", "Jörg Müller")


def png(width: int, height: int, *, shade: int = 200) -> bytes:
    """A stand-in for a body-map picture: an outlined figure on white."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.35, 10, width * 0.65, height * 0.15), outline="black", width=3)
    draw.rectangle((width * 0.3, height * 0.17, width * 0.7, height * 0.6), fill=(shade,) * 3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def logo_png() -> bytes:
    image = Image.new("RGB", (300, 120), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 110, 110), fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def summary(**changes: object) -> SessionSummary:
    base = SessionSummary(
        letterhead=LETTERHEAD,
        patient_name="Thị Hồng Nguyễn",
        visit_date=date(2026, 11, 20),
        therapist=Clinician("Alex Morgan", "PT-10482"),
        treated=("Left lower back at the L4–L5 levels", "Right gluteus medius"),
        pain_before=6,
        pain_after=3,
        next_appointment="Thursday 27 November 2026 at 10:30",
        maps=(MapImage("posterior", png(420, 945)), MapImage("paraspinal", png(420, 1120))),
        chest_advice=False,
        visit_number=4,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def worst_summary(paper: str) -> SessionSummary:
    """Everything long at once: the summary must still fit on two pages."""
    return summary(
        letterhead=Letterhead(
            "The Very Long Named Interdisciplinary Physiotherapy, IMS and Rehabilitation Centre",
            "Unit 1400, Building C\n12345 Westminster Highway North\nRichmond BC V6X 1A1\nCanada",
            "+1 604 555 0142 ext. 2201",
            logo_png(),
        ),
        patient_name="Maximiliana Guðrún Ólafsdóttir-Łukasiewicz-Nguyễn van Müller",  # 60
        treated=tuple(
            f"Right muscle number {n} with a rather long anatomical name" for n in range(40)
        ),
        maps=(
            MapImage("posterior", png(433, 974)),
            MapImage("anterior", png(433, 974)),
            MapImage("paraspinal", png(433, 1155)),
        ),
        next_appointment="Thursday 27 November 2026 at 10:30 with Alex Morgan in room 4 " * 3,
        chest_advice=True,
        paper_size=paper,
    )


def visits(count: int = 12) -> tuple[ProgressVisit, ...]:
    pains = ((7, 4), (7, 5), (6, 3), (6, 4), (5, 3), (5, 2), (4, 2), (4, 2), (3, 1), (3, 2))
    start = date(2026, 8, 30)
    return tuple(
        ProgressVisit(
            number=n + 1,
            day=start + timedelta(days=7 * n),
            pain_before=pains[n % len(pains)][0],
            pain_after=pains[n % len(pains)][1],
            levels=("L4–L5 (left)", "L5 (right)"),
            muscles=("Gluteus medius (right)",)
            + (("Rhomboid major (right)",) if n % 3 == 1 else ()),
            needles=4,
            signed=n < count - 1,
        )
        for n in range(count)
    )


def segments(count: int = 12) -> SegmentTrend:
    """The segment table of a course whose right L4–L5 findings settle (as the service
    builds it from each visit's analysis)."""
    start = date(2026, 8, 30)
    return segment_trend(
        [
            (start + timedelta(days=7 * n), analyse_segments(*settling_findings(n)))
            for n in range(count)
        ]
    )


ODI = OutcomeSeries(
    short_name="ODI",
    name="Oswestry Disability Index",
    units="% (0–100)",
    score_min=0,
    score_max=100,
    higher_is_better=False,
    points=(
        OutcomePoint(date(2026, 8, 30), 42),
        OutcomePoint(date(2026, 9, 27), 30),
        OutcomePoint(date(2026, 11, 15), 22),
    ),
    mcid=McidMark(32, "10 points, or a 30 % improvement; low back pain"),
    mcid_note="MCID 10 points, or a 30 % improvement (low back pain)",
    change="ODI: 42 on 30 Aug 2026, 22 on 15 Nov 2026: 20 points lower (better).",
)
NDI_WITHOUT_MCID = OutcomeSeries(
    short_name="NDI",
    name="Neck Disability Index",
    units="points (0–50)",
    score_min=0,
    score_max=50,
    higher_is_better=False,
    points=(OutcomePoint(date(2026, 8, 30), 20), OutcomePoint(date(2026, 11, 15), 16)),
    mcid=None,
    mcid_note="No MCID marked: the NDI MCID depends on the population",
)


def report(**changes: object) -> ProgressReport:
    base = ProgressReport(
        letterhead=LETTERHEAD,
        patient_name="Jan Łukasiewicz",
        date_of_birth=date(1968, 4, 23),
        chart_number="D000123",
        title="Low back pain with right leg pain",
        prepared_on=date(2026, 11, 20),
        visits=visits(12),
        course=CourseLength(
            12, 8.2, "average number of IMS treatments in published low-back-pain studies"
        ),
        clinicians=(Clinician("Alex Morgan", "PT-10482"),),
        episode_started=date(2026, 8, 30),
        referral="Dr Lee, family physician",
        goals="Sit through a work day.",
        changes=(
            "12 visits from 30 Aug 2026 to 15 Nov 2026 (11 weeks).",
            "Pain before treatment (0–10): 7 at visit 1, 3 at visit 12: 4 points lower.",
            ODI.change,
        ),
        pain_mcid=McidMark(5, "2 points, or a 30 % improvement; low back pain"),
        outcomes=(ODI, NDI_WITHOUT_MCID),
        sources=("Childs JD, Piva SR, Fritz JM. Spine 2005;30(11):1331–4.",),
        segments=segments(12),
    )
    if "visits" in changes and "segments" not in changes:  # one score per visit shown
        changes["segments"] = segments(len(changes["visits"]))  # type: ignore[arg-type]
    return replace(base, **changes)  # type: ignore[arg-type]
