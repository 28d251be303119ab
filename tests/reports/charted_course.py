"""A course of IMS visits charted through the services, for summary and report tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.artwork import CubicTo, LineTo, MoveTo, load_view
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.clinic_settings import ClinicSettings, ClinicSettingsService
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from tests.support.charting import record_clear_screen

CLINIC = ClinicSettings(
    clinic_name="Harbour Physiotherapy & IMS Clinic",
    clinic_address="1200 Harbour Road, Suite 4\nVancouver BC V6B 1A1",
    clinic_phone="604-555-0142",
)
STEADY_FINDINGS = [
    MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED),
    MuscleFinding("paraspinal_l4", Side.LEFT, Severity.MODERATE),
]
# (pain before, pain after) at each visit
PAINS = ((7, 4), (7, 5), (6, 3), (6, 4), (5, 3), (5, 2), (4, 2), (4, 2), (3, 1), (3, 2))


def site(muscle_key: str, side: Side, view: View, **options: object) -> NeedleSite:
    """A needle site in the middle of the muscle's outline on ``view``."""
    region = load_view(view).region(muscle_key, side)
    assert region is not None, f"{muscle_key} {side} is not drawn in the {view} view"
    points = [(c.x, c.y) for c in region.path if isinstance(c, MoveTo | LineTo | CubicTo)]
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    return NeedleSite(muscle_key, side, view, x, y, **options)  # type: ignore[arg-type]


def low_back_sites(*, chest: bool) -> list[NeedleSite]:
    sites = [
        site("paraspinal_l4", Side.LEFT, View.PARASPINAL, depth_mm=40.0, length_mm=50),
        site("paraspinal_l5", Side.LEFT, View.PARASPINAL, depth_mm=40.0, length_mm=50),
        site("gluteus_medius", Side.RIGHT, View.POSTERIOR, response=Response.GRASP),
    ]
    if chest:
        sites.append(site("rhomboid_major", Side.RIGHT, View.POSTERIOR))
    return sites


def settling_findings(index: int) -> tuple[list[MuscleFinding], list[ExamSign]]:
    """Visit ``index`` (from 0) of a course whose right L4–L5 findings settle week by week,
    with a left S1–S2 finding that comes and goes: what the segment table should show."""
    right, left = Side.RIGHT, Side.LEFT
    findings = [
        MuscleFinding("gluteus_medius", right, Severity(3 - min(index // 4, 2))),
        MuscleFinding("paraspinal_l4", left, Severity.MODERATE),
    ]
    if index < 6:
        findings.append(MuscleFinding("tibialis_anterior", right, Severity.MODERATE))
    if index < 3:
        findings.append(MuscleFinding("tensor_fasciae_latae", right, Severity.MILD))
    if index < 10:
        severity = Severity.MODERATE if index < 8 else Severity.MILD
        findings.append(MuscleFinding("paraspinal_l5", right, severity))
    if 2 <= index <= 6:
        findings.append(MuscleFinding("piriformis", left, Severity.MILD))
    signs = [ExamSign(SpinalLevel.L5, right, SignKind.PARASPINAL_TENDERNESS)] if index < 5 else []
    return findings, signs


@dataclass(frozen=True)
class Course:
    patient_id: int
    therapist_id: int
    episode_id: int
    visit_ids: tuple[int, ...]  # in the episode, oldest first
    earlier_visit_id: int  # before the episode: in "all visits", not in the episode


def chart_course(
    db: Database,
    *,
    visits: int = 3,
    family: str = "Nguyễn",
    given: str = "Thị Hồng",
    chest_on: frozenset[int] = frozenset({1}),
    sign_all_but_last: bool = True,
    settling: bool = False,
) -> Course:
    """A patient with one visit before an episode and ``visits`` weekly visits in it.

    ``settling``: the findings of :func:`settling_findings` instead of the same two each week.
    """
    ClinicSettingsService(db).save(CLINIC)
    therapist = UserService(db).create(
        UserDetails("amorgan", "Alex Morgan", Role.THERAPIST, "PT-10482")
    )
    patient = PatientService(db).create(PatientDetails("D000123", family, given, date(1968, 4, 23)))
    now = datetime.now(UTC)
    start = now - timedelta(days=7 * visits + 2)
    records, marks, visit_service = VisitRecordService(db), MarkService(db), VisitService(db)
    earlier = visit_service.start_draft(patient.id, therapist.id, started_at=start - timedelta(90))
    episode = EpisodeService(db).open(
        patient.id,
        EpisodeDetails(
            "Low back pain with right leg pain",
            start.date(),
            referral_source="Dr Lee, family physician",
            goals="Sit through a work day; walk 30 minutes without leg pain.",
        ),
    )
    record_clear_screen(db, patient.id, therapist.id)
    ids = []
    for index in range(visits):
        visit = visit_service.start_draft(
            patient.id, therapist.id, started_at=start + timedelta(days=7 * index)
        )
        findings, signs = settling_findings(index) if settling else (STEADY_FINDINGS, [])
        for finding in findings:
            marks.put_finding(visit.id, finding)
        for sign in signs:
            ExamSignService(db).set_sign(visit.id, sign, True)
        for needle in low_back_sites(chest=index in chest_on):
            marks.put_needle(visit.id, needle)
        before, after = PAINS[index % len(PAINS)]
        count = len(marks.marks(visit.id).needles)
        for field, value in (
            ("pain_before", before),
            ("pain_after", after),
            ("needles_used", count),
            ("needles_removed", count),
        ):
            records.save_field(visit.id, field, value)
        if sign_all_but_last and index < visits - 1:
            # Chest-area sites need the lung precaution acknowledged, as a therapist would.
            needed = records.precautions_to_acknowledge(visit.id)
            if needed:
                records.acknowledge_precautions(visit.id, needed)
            records.sign(visit.id, therapist.id)
        ids.append(visit.id)
    return Course(patient.id, therapist.id, episode.id, tuple(ids), earlier.id)
