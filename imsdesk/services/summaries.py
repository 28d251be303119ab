"""Gathering a visit's take-home summary and a course's progress report from the chart.

The objects built here are the plain data of ``imsdesk.reports.summary_data``; the report
modules turn them into PDF bytes. The body-map images are drawn by the GUI layer (Qt)
and passed in as PNG bytes, so this module stays Qt-free.

    summaries = SummaryService(db)
    summary = summaries.session_summary(visit_id, next_appointment="Thu 27 Nov, 10:30")
    report = summaries.progress_report(patient_id, episode_id=episode_id)
"""

from __future__ import annotations

import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from imsdesk.domain.anatomy import (
    SPINAL_LEVELS,
    Atlas,
    Side,
    SpinalLevel,
    SpinalRegion,
    View,
    load_atlas,
)
from imsdesk.domain.episodes import Episode
from imsdesk.domain.marks import NeedleSite, VisitMarks
from imsdesk.domain.outcomes import (
    Direction,
    Instrument,
    Mcid,
    ScoringError,
    change_is_clinically_important,
    find_mcid,
    get_instrument,
)
from imsdesk.domain.plain_text import text_problem
from imsdesk.domain.safety import visit_precautions
from imsdesk.domain.segments import (
    ANALYSED_SIDES,
    IMPLICATED_MIN_SCORE,
    SCORE_RULE,
    SegmentAnalysis,
    analyse_segments,
    change_sentence,
    implicated_levels,
    score_history,
)
from imsdesk.domain.visits import VisitStatus
from imsdesk.reports.summary_data import (
    Clinician,
    CourseLength,
    Letterhead,
    LevelRow,
    MapImage,
    McidMark,
    OutcomePoint,
    OutcomeSeries,
    ProgressReport,
    ProgressVisit,
    SegmentTrend,
    SessionSummary,
)
from imsdesk.services.audit import AuditService
from imsdesk.services.clinic_settings import (
    ClinicSettings,
    ClinicSettingsService,
    read_logo,
    settings_in,
)
from imsdesk.services.episodes import EpisodeService, place_in_episode_column
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.marks import MarkService, read_needles
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.patients import PatientService
from imsdesk.services.visit_access import no_visit
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, UserRow, VisitRow

MAX_NEXT_APPOINTMENT_CHARS = 200
# Main views first: they show where on the body; the spine inset shows the levels.
_VIEW_ORDER = (
    View.POSTERIOR,
    View.ANTERIOR,
    View.PARASPINAL,
    View.NECK_LATERAL,
    View.SHOULDER_DEEP,
    View.HIP_DEEP,
    View.CALF_DEEP,
    View.FOREARM,
    View.HAND,
    View.FOOT,
)
_MAIN_VIEWS = (View.POSTERIOR, View.ANTERIOR)
MAX_SUMMARY_VIEWS = 3
_SIDE_ORDER = {Side.RIGHT: 0, Side.LEFT: 1, Side.MIDLINE: 2}

audit_log = logging.getLogger("imsdesk.audit")
_T = TypeVar("_T")


@dataclass(frozen=True)
class OutcomeScores:
    """One outcome measure's scores over a course, as the caller has them.

    Built from the stored questionnaires by default; a caller may pass its own.
    """

    instrument: str  # an InstrumentKey value: "odi", "ndi", ...
    scores: Sequence[tuple[date, float]]
    population: str | None = None  # a Population value; None takes the default MCID


class SummaryService:
    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self._db = db
        self._atlas = atlas

    def record_export(
        self, *, kind: str, subject_id: int, destination: str, user_id: int | None = None
    ) -> None:
        record_export(
            self._db, kind=kind, subject_id=subject_id, destination=destination, user_id=user_id
        )

    def _stored_outcomes(self, patient_id: int, episode_id: int | None) -> list[OutcomeScores]:
        by_instrument: dict[str, list[tuple[date, float]]] = {}
        for stored in OutcomeService(self._db).for_patient(patient_id, episode_id=episode_id):
            by_instrument.setdefault(stored.instrument.value, []).append(
                (stored.visit_started_at.astimezone().date(), stored.score)
            )
        return [OutcomeScores(key, scores) for key, scores in by_instrument.items()]

    @property
    def atlas(self) -> Atlas:
        if self._atlas is None:
            self._atlas = load_atlas()
        return self._atlas

    # -- take-home summary -------------------------------------------------------------

    def map_views(self, visit_id: int) -> tuple[View, ...]:
        """The body-map views to print for this visit (at most three; none if unmarked)."""
        return summary_views(MarkService(self._db, self._atlas).marks(visit_id), self.atlas)

    def session_summary(
        self,
        visit_id: int,
        *,
        next_appointment: str = "",
        maps: Sequence[MapImage] = (),
    ) -> SessionSummary:
        """Everything the take-home summary prints for ``visit_id``.

        ``maps`` are the body-map images (PNG) the GUI layer drew for :meth:`map_views`.
        """
        appointment = next_appointment.strip()
        if len(appointment) > MAX_NEXT_APPOINTMENT_CHARS:
            raise ValidationError(
                {
                    "next_appointment": f"The next appointment is at most "
                    f"{MAX_NEXT_APPOINTMENT_CHARS} characters (a day, a time, a place)."
                }
            )
        if problem := text_problem("The next appointment", appointment):
            raise ValidationError({"next_appointment": problem})
        with self._db.statements() as connection:
            # One statement for the visit, its people and its place in the episode.
            row = connection.execute(_SUMMARY_VISIT, {"b_visit": visit_id}).one_or_none()
            if row is None:
                raise no_visit(visit_id)
            needles = read_needles(connection, visit_id)
            settings = settings_in(connection)
        head, notes = clinic_letterhead(settings)
        return SessionSummary(
            letterhead=head,
            patient_name=f"{row.given_names} {row.family_name}".strip(),
            visit_date=row.started_at.astimezone().date(),
            therapist=Clinician(row.display_name, row.registration_number or ""),
            treated=plain_treated(needles, self.atlas),
            pain_before=row.pain_before,
            pain_after=row.pain_after,
            next_appointment=appointment,
            maps=tuple(maps),
            chest_advice=bool(visit_precautions(needles, atlas=self.atlas)),
            visit_number=None if row.episode_id is None else row.place,
            paper_size=settings.paper_size,
            notes=notes,
        )

    # -- progress report ---------------------------------------------------------------

    def progress_report(
        self,
        patient_id: int,
        *,
        episode_id: int | None = None,
        outcomes: Sequence[OutcomeScores] | None = None,
        today: date | None = None,
    ) -> ProgressReport:
        """A patient's course (one episode of care, or every visit) with the change in it.

        ``outcomes`` defaults to the questionnaires stored with the course's visits.
        """
        patient = PatientService(self._db).get(patient_id)  # raises NotFound
        episode = self._episode(patient_id, episode_id)
        if outcomes is None:
            outcomes = self._stored_outcomes(patient_id, episode.id if episode else None)
        settings = ClinicSettingsService(self._db).load()
        head, notes = clinic_letterhead(settings)
        statement = (
            select(VisitRow)
            .options(joinedload(VisitRow.therapist))
            .where(VisitRow.patient_id == patient_id)
            .order_by(VisitRow.started_at, VisitRow.id)
        )
        if episode is not None:
            statement = statement.where(VisitRow.episode_id == episode.id)
        with self._db.reading() as session:
            rows = list(session.scalars(statement))
            clinicians = _unique(_clinician(row.therapist) for row in reversed(rows))
            facts = [
                (
                    row.id,
                    row.started_at.astimezone().date(),
                    row.pain_before,
                    row.pain_after,
                    row.needles_used,
                    row.status == VisitStatus.SIGNED.value,
                )
                for row in rows
            ]
        marks = MarkService(self._db, self._atlas)
        signs = ExamSignService(self._db).signs_by_visit(fact[0] for fact in facts)
        visits = []
        analyses = []
        for number, (visit_id, day, before, after, needles, signed) in enumerate(facts, 1):
            charted = marks.marks(visit_id)
            levels, muscles = clinical_treated(charted.needles, self.atlas)
            visits.append(
                ProgressVisit(number, day, before, after, levels, muscles, needles, signed)
            )
            analyses.append(
                (day, analyse_segments(charted.findings, signs.get(visit_id, ()), atlas=self.atlas))
            )
        series = tuple(outcome_series(scores) for scores in outcomes)
        pain_lines, pain_mcid, pain_source = _pain_change(visits)
        changes = (*_course_lines(visits), *pain_lines, *(s.change for s in series if s.change))
        sources = _unique(
            reference
            for text in (pain_source, *(_mcid_source(scores) for scores in outcomes))
            for reference in split_citations(text)
        )
        if not visits:
            notes = (*notes, "This patient has no visits in the period; the report is empty.")
        return ProgressReport(
            letterhead=head,
            patient_name=f"{patient.given_names} {patient.family_name}".strip(),
            date_of_birth=patient.date_of_birth,
            chart_number=patient.chart_number,
            title=episode.condition if episode else "All visits",
            prepared_on=today or date.today(),
            visits=tuple(visits),
            course=CourseLength(
                len(visits), settings.typical_course_visits, settings.typical_course_source
            ),
            clinicians=clinicians,
            episode_started=episode.started_on if episode else None,
            episode_closed=episode.closed_on if episode else None,
            referral=_referral(episode),
            goals=episode.goals.strip() if episode else "",
            changes=changes,
            pain_mcid=pain_mcid,
            outcomes=series,
            sources=sources,
            segments=segment_trend(analyses) if visits else None,
            paper_size=settings.paper_size,
            notes=notes,
        )

    def _episode(self, patient_id: int, episode_id: int | None) -> Episode | None:
        if episode_id is None:
            return None
        episode = EpisodeService(self._db).get(episode_id)  # raises NotFound
        if episode.patient_id != patient_id:
            raise NotFound(f"Episode {episode_id} is not an episode of patient {patient_id}.")
        return episode


# -- spinal levels across the visits -----------------------------------------------------

SEGMENT_ROWS = 6  # the most implicated levels a printed table shows


def segment_trend(analyses: Sequence[tuple[date, SegmentAnalysis]]) -> SegmentTrend:
    """The most implicated levels' scores at each visit (in the order given) and the change."""
    history = score_history(analyses)
    implicated = [
        {(s.level, s.side) for side in ANALYSED_SIDES for s in implicated_levels(analysis, side)}
        for _day, analysis in analyses
    ]
    shown = history.most_implicated(SEGMENT_ROWS)
    rows = tuple(
        LevelRow(
            label=f"{series.level} {series.side.value}",
            side=series.side.value,
            scores=tuple(float(point.score) for point in series.points),
            implicated=tuple((series.level, series.side) in levels for levels in implicated),
        )
        for series in shown
    )
    scoring = len(history.scoring())
    which = (
        f"the {len(shown)} levels and sides with the highest score at any visit "
        f"(of {scoring} that scored)"
        if scoring > len(shown)
        else "every level and side that scored"
    )
    key = (
        f"Score per spinal level and side at each visit, from the shortened muscles and exam "
        f"signs charted that day: {which}. Darker cells score higher; bold: implicated at "
        f"that visit (a score of at least {float(IMPLICATED_MIN_SCORE):g} and at least half "
        f"the side's top score); –: nothing charted at that level. {SCORE_RULE}"
    )
    return SegmentTrend(rows=rows, change=change_sentence(history.scoring()), key=key)


# -- the letterhead ---------------------------------------------------------------------


def clinic_letterhead(settings: ClinicSettings) -> tuple[Letterhead, tuple[str, ...]]:
    notes: list[str] = []
    logo = None
    logo_path = settings.logo_path.strip()
    if logo_path:
        logo, problem = read_logo(logo_path)
        if problem:
            notes.append(f"{problem} The letterhead is printed without it.")
    if not settings.clinic_name.strip():
        notes.append("No clinic name is set in the clinic settings; the letterhead is bare.")
    head = Letterhead(
        clinic_name=settings.clinic_name.strip(),
        address=settings.clinic_address.strip(),
        phone=settings.clinic_phone.strip(),
        logo=logo,
    )
    return head, tuple(notes)


def _clinician(row: UserRow) -> Clinician:
    return Clinician(row.display_name, row.registration_number or "")


def _summary_visit() -> Select[Any]:
    visits, patients, users = VisitRow.__table__, PatientRow.__table__, UserRow.__table__
    return (
        select(
            visits.c.started_at,
            visits.c.pain_before,
            visits.c.pain_after,
            visits.c.episode_id,
            place_in_episode_column(visits).label("place"),
            patients.c.given_names,
            patients.c.family_name,
            users.c.display_name,
            users.c.registration_number,
        )
        .join(patients, patients.c.id == visits.c.patient_id)
        .join(users, users.c.id == visits.c.therapist_id)
        .where(visits.c.id == bindparam("b_visit"))
    )


_SUMMARY_VISIT = _summary_visit()  # built once: a summary is gathered every Print


def _referral(episode: Episode | None) -> str:
    if episode is None or not episode.referral_source.strip():
        return ""
    text = episode.referral_source.strip()
    if episode.referral_date is not None:
        text += f", {episode.referral_date.day} {episode.referral_date:%b %Y}"
    return text


def _unique(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


# -- what was treated, in words ------------------------------------------------------------


def summary_views(marks: VisitMarks, atlas: Atlas) -> tuple[View, ...]:
    """Which body-map views show this visit's marks: main views first, at most three."""
    wanted: set[View] = set()
    for site in marks.needles:
        wanted.add(site.view)
        if atlas[site.muscle_key].is_paraspinal:
            wanted.add(View.PARASPINAL)
    for finding in marks.findings:
        muscle = atlas[finding.muscle_key]
        if muscle.is_paraspinal:
            wanted.add(View.PARASPINAL)
        else:
            main = [v for v in muscle.views if v in _MAIN_VIEWS]
            wanted.add(main[0] if main else muscle.views[0])
    return tuple(v for v in _VIEW_ORDER if v in wanted)[:MAX_SUMMARY_VIEWS]


_REGION_WORDS = {
    SpinalRegion.CERVICAL: "neck",
    SpinalRegion.LUMBAR: "lower back",
    SpinalRegion.SACRAL: "lower back",
}


def _level_region(level: SpinalLevel) -> str:
    if level.region is SpinalRegion.THORACIC:
        return "upper back" if level <= SpinalLevel.T6 else "mid back"
    return _REGION_WORDS[level.region]


def level_runs(levels: Iterable[SpinalLevel]) -> list[tuple[SpinalLevel, SpinalLevel]]:
    """Consecutive levels grouped, head to tail: {L4, L5, T6} -> [(T6, T6), (L4, L5)]."""
    ordered = sorted(set(levels), key=lambda level: level.ordinal)
    runs: list[tuple[SpinalLevel, SpinalLevel]] = []
    for level in ordered:
        if runs and runs[-1][1].ordinal + 1 == level.ordinal:
            runs[-1] = (runs[-1][0], level)
        else:
            runs.append((level, level))
    return runs


def _run_text(first: SpinalLevel, last: SpinalLevel) -> str:
    return first.value if first == last else f"{first.value}–{last.value}"


def _run_region(first: SpinalLevel, last: SpinalLevel) -> str:
    regions = _unique(_level_region(lv) for lv in SPINAL_LEVELS[first.ordinal : last.ordinal + 1])
    return " and ".join(regions)


def _side_groups(
    needled: Iterable[tuple[str, Side]], atlas: Atlas
) -> tuple[dict[Side, set[SpinalLevel]], dict[str, set[Side]]]:
    """Paraspinal levels needled per side, and the other muscles with their sides, from
    each site's (muscle key, side)."""
    levels: dict[Side, set[SpinalLevel]] = {}
    muscles: dict[str, set[Side]] = {}
    for muscle_key, side in needled:
        muscle = atlas[muscle_key]
        if muscle.paraspinal_level is not None:
            levels.setdefault(Side(side), set()).add(muscle.paraspinal_level)
        else:
            muscles.setdefault(muscle.key, set()).add(Side(side))
    return levels, muscles


def _sites(needles: Iterable[NeedleSite]) -> Iterator[tuple[str, Side]]:
    return ((site.muscle_key, site.side) for site in needles)


def _paired_runs(
    levels: dict[Side, set[SpinalLevel]],
) -> list[tuple[SpinalLevel, SpinalLevel, tuple[Side, ...]]]:
    """Runs of levels, head to tail; a run needled on both sides is listed once."""
    found: dict[tuple[SpinalLevel, SpinalLevel], list[Side]] = {}
    for side in sorted(levels, key=_SIDE_ORDER.__getitem__):
        for run in level_runs(levels[side]):
            found.setdefault(run, []).append(side)
    ordered = sorted(found.items(), key=lambda item: (item[0][0].ordinal, item[0][1].ordinal))
    return [(first, last, tuple(sides)) for (first, last), sides in ordered]


def _muscle_order(atlas: Atlas) -> dict[str, int]:
    return {muscle.key: index for index, muscle in enumerate(atlas)}


def plain_treated(needles: Iterable[NeedleSite], atlas: Atlas) -> tuple[str, ...]:
    """Where the patient was needled, as a patient reads it, spine first.

    ("Left lower back at the L4–L5 levels", "Right gluteus medius", "Gluteus medius, both
    sides"). Sides are the patient's own.
    """
    levels, muscles = _side_groups(_sites(needles), atlas)
    lines = []
    for first, last, sides in _paired_runs(levels):
        span = _run_text(first, last)
        at = f"at the {span} level" if first == last else f"at the {span} levels"
        region = _run_region(first, last)
        if len(sides) > 1:
            lines.append(f"Both sides of the {region} {at}")
        else:
            lines.append(f"{sides[0].label} {region} {at}")
    order = _muscle_order(atlas)
    for key in sorted(muscles, key=order.__getitem__):
        name = atlas[key].name
        sides = sorted(muscles[key], key=_SIDE_ORDER.__getitem__)
        if sides == [Side.MIDLINE]:
            lines.append(name)
        elif len(sides) > 1:
            lines.append(f"{name}, both sides")
        else:
            lines.append(f"{sides[0].label} {_lower_first(name)}")
    return tuple(lines)


def clinical_treated(
    needles: Iterable[NeedleSite], atlas: Atlas
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Paraspinal levels and other muscles needled, as a clinician reads them.

    (("L4–L5 (both sides)", "T6 (left)"), ("Gluteus medius (right)",))
    """
    levels, muscles = _side_groups(_sites(needles), atlas)
    level_lines = _level_lines(levels)
    order = _muscle_order(atlas)
    muscle_lines = []
    for key in sorted(muscles, key=order.__getitem__):
        sides = tuple(sorted(muscles[key], key=_SIDE_ORDER.__getitem__))
        name = atlas[key].name
        muscle_lines.append(name if sides == (Side.MIDLINE,) else f"{name} ({_sides_text(sides)})")
    return level_lines, tuple(muscle_lines)


def needled_levels(needled: Iterable[tuple[str, Side]], atlas: Atlas) -> tuple[str, ...]:
    """The paraspinal levels needled, from each site's (muscle key, side), as a clinician
    reads them: ("L4–L5 (both sides)", "T6 (left)"); other muscles are left out."""
    return _level_lines(_side_groups(needled, atlas)[0])


def _level_lines(levels: dict[Side, set[SpinalLevel]]) -> tuple[str, ...]:
    return tuple(
        f"{_run_text(first, last)} ({_sides_text(sides)})"
        for first, last, sides in _paired_runs(levels)
    )


def _sides_text(sides: Sequence[Side]) -> str:
    return "both sides" if len(sides) > 1 else sides[0].value


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


# -- change over the course ---------------------------------------------------------------


def _course_lines(visits: Sequence[ProgressVisit]) -> tuple[str, ...]:
    if not visits:
        return ("No visits are recorded for this period.",)
    first, last = visits[0].day, visits[-1].day
    if len(visits) == 1:
        return (f"One visit, on {_day(first)}.",)
    weeks = (last - first).days / 7
    span = f"{weeks:.0f} weeks" if weeks >= 1.5 else f"{(last - first).days} days"
    unsigned = sum(not v.signed for v in visits)
    line = f"{len(visits)} visits from {_day(first)} to {_day(last)} ({span})."
    if unsigned:
        line += f" {unsigned} of them not yet signed."
    return (line,)


def _pain_change(
    visits: Sequence[ProgressVisit],
) -> tuple[tuple[str, ...], McidMark | None, str]:
    """Pain before treatment, first to latest, against the NPRS MCID; and within visits."""
    nprs = get_instrument("nprs")
    rated = [v for v in visits if v.pain_before is not None]
    lines = []
    mark = None
    source = ""
    if len(rated) >= 2:
        first, latest = rated[0], rated[-1]
        assert first.pain_before is not None and latest.pain_before is not None
        change = change_is_clinically_important(nprs, first.pain_before, latest.pain_before)
        mcid = change.mcid
        source = mcid.citation
        moved = _moved(first.pain_before, latest.pain_before, nprs)
        line = (
            f"Pain before treatment (0–10): {first.pain_before} at visit {first.number} "
            f"({_day(first.day)}), {latest.pain_before} at visit {latest.number} "
            f"({_day(latest.day)}): {moved}."
        )
        line += " " + _mcid_verdict(change.meets_mcid, change.direction.value, mcid, nprs)
        lines.append(line)
    elif rated:
        lines.append(
            f"Pain before treatment was recorded at one visit only ({rated[0].pain_before}/10 "
            f"on {_day(rated[0].day)}); a change needs two."
        )
    else:
        lines.append("Pain before treatment was not recorded.")
    if rated and rated[0].pain_before is not None:
        mcid = find_mcid(nprs)
        mark = _improvement_mark(nprs, mcid, rated[0].pain_before)
    paired = [v for v in visits if v.pain_before is not None and v.pain_after is not None]
    if paired:
        drops = [v.pain_before - v.pain_after for v in paired]  # type: ignore[operator]
        mean = sum(drops) / len(drops)
        direction = "lower" if mean > 0 else "higher"
        if abs(mean) < 0.05:
            within = "the same as before, on average"
        else:
            within = f"on average {abs(mean):.1f} points {direction} than before"
        count = "the visit" if len(paired) == 1 else f"the {len(paired)} visits"
        lines.append(f"Within {count} with both scores, pain after treatment was {within}.")
    return tuple(lines), mark, source


def _moved(first: float, latest: float, instrument: Instrument) -> str:
    change = latest - first
    if abs(change) < 1e-9:
        return "no change"
    word = "lower" if change < 0 else "higher"
    better = (change < 0) == (instrument.direction is Direction.HIGHER_IS_WORSE)
    unit = "point" if abs(abs(change) - 1) < 1e-9 else "points"
    text = f"{_number(abs(change))} {unit} {word} ({'better' if better else 'worse'}"
    if first > instrument.score_min and instrument.direction is Direction.HIGHER_IS_WORSE:
        share = abs(change) / (first - instrument.score_min) * 100
        text += f", {share:.0f} % of the first score"
    return text + ")"


def _mcid_verdict(meets: bool, direction: str, mcid: Mcid, instrument: Instrument) -> str:
    what = f"the MCID for the {instrument.short_name} ({mcid.as_published}; {_population(mcid)})"
    if direction == "unchanged":
        return f"No change; {what} applies to a change either way."
    if meets:
        return f"The change reaches {what}."
    return f"The change is smaller than {what}."


def _population(mcid: Mcid) -> str:
    return mcid.population.label.lower()


def _improvement_mark(instrument: Instrument, mcid: Mcid, first: float) -> McidMark | None:
    """The score that would be a clinically important improvement on ``first``."""
    bars = [float(mcid.threshold)]
    if mcid.percent_of_baseline is not None and first > instrument.score_min:
        bars.append(mcid.percent_of_baseline * (first - instrument.score_min))
    bar = min(bars)
    worse_is_higher = instrument.direction is Direction.HIGHER_IS_WORSE
    target = first - bar if worse_is_higher else first + bar
    if not instrument.score_min <= target <= instrument.score_max:
        return None
    return McidMark(target, f"{mcid.as_published}; {_population(mcid)}")


def outcome_series(scores: OutcomeScores) -> OutcomeSeries:
    """One outcome measure's scores as a report series, with its MCID and the change."""
    instrument = get_instrument(scores.instrument)
    points = tuple(
        OutcomePoint(day, float(score)) for day, score in sorted(scores.scores, key=lambda p: p[0])
    )
    for point in points:
        if not instrument.in_score_range(point.score):
            raise ValidationError(
                {
                    "outcomes": f"A {instrument.short_name} score of {point.score:g} on "
                    f"{_day(point.day)} is outside {instrument.score_min:g}–"
                    f"{instrument.score_max:g}."
                }
            )
    try:
        mcid: Mcid | None = find_mcid(instrument, scores.population)
    except ScoringError as error:
        mcid, note = None, f"No MCID marked: {error}"
    else:
        note = f"MCID {mcid.as_published} ({_population(mcid)})"
    mark = _improvement_mark(instrument, mcid, points[0].score) if mcid and points else None
    return OutcomeSeries(
        short_name=instrument.short_name,
        name=instrument.name,
        units=instrument.units,
        score_min=instrument.score_min,
        score_max=instrument.score_max,
        higher_is_better=instrument.direction is Direction.HIGHER_IS_BETTER,
        points=points,
        mcid=mark,
        mcid_note=note,
        change=_outcome_change(instrument, points, scores.population),
    )


def _outcome_change(
    instrument: Instrument, points: Sequence[OutcomePoint], population: str | None
) -> str:
    name = instrument.short_name
    if len(points) < 2:
        only = f" ({_number(points[0].score)} on {_day(points[0].day)})" if points else ""
        return f"{name}: scored once{only}; a change needs two scores."
    first, latest = points[0], points[-1]
    line = (
        f"{name}: {_number(first.score)} on {_day(first.day)}, {_number(latest.score)} on "
        f"{_day(latest.day)}: {_moved(first.score, latest.score, instrument)}."
    )
    try:
        change = change_is_clinically_important(instrument, first.score, latest.score, population)
    except ScoringError as error:
        return f"{line} {error}"
    verdict = _mcid_verdict(change.meets_mcid, change.direction.value, change.mcid, instrument)
    return f"{line} {verdict}"


def _mcid_source(scores: OutcomeScores) -> str:
    try:
        return find_mcid(scores.instrument, scores.population).citation
    except ScoringError:
        return ""


_CITATION_BREAK = re.compile(r"(?<=\d\.)\s+(?=[A-Z][\w'’-]+ [A-Z]{1,3}[,.])")


def split_citations(text: str) -> tuple[str, ...]:
    """One reference per entry: "Childs JD, ... 1331–4. Ostelo RW, ..." gives two."""
    return tuple(part.strip() for part in _CITATION_BREAK.split(text) if part.strip())


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# -- writing the file, and the audit hook ------------------------------------------------


class ExportError(ServiceError):
    """A document cannot be written where asked; str() says why in one line."""


def check_output_path(path: Path) -> Path:
    """Refuse, before any work is done, a destination that cannot take a file."""
    with unusable_path_refused(path):
        return _checked_output_path(path)


@contextmanager
def unusable_path_refused(path: Path) -> Iterator[None]:
    """A name the file system refuses outright (too long, say) becomes one line."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ExportError(f"Cannot write {path}: {reason}.") from None


def _checked_output_path(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'summary.pdf'}.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise ExportError(f"Cannot write {path}: the folder {parent} does not exist.")
    if not parent.is_dir():
        raise ExportError(f"Cannot write {path}: {parent} is not a folder.")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"Cannot write {path}: no permission to write in {parent}.")
    return path


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The file is either the whole new document or untouched: never half-written, even if
    the disk fills or the program is stopped part-way.
    """
    with file_written_whole(path) as handle:
        handle.write(data)


@contextmanager
def file_written_whole(path: Path) -> Iterator[BinaryIO]:
    """A handle to a private temporary file that becomes ``path`` only if the block ends
    without an error (for a file written piece by piece, e.g. a long CSV)."""
    check_output_path(path)
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a document keeps the usual permissions.
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise ExportError(f"Cannot write {path}: {reason}.") from None
        raise


def record_export(
    db: Database,
    *,
    kind: str,
    subject_id: int,
    destination: str,
    user_id: int | None = None,
) -> None:
    """A summary or report left the chart (printed, or saved as a file): audit it.

    ``kind`` is "session_summary" or "progress_report"; ``subject_id`` the visit or the
    patient; ``destination`` the file path or "printer".
    """
    action = "print" if destination == "printer" else "export"
    record_kind = "visit" if kind == "session_summary" else "patient"
    AuditService(db).record(
        action, record_kind, subject_id, detail=f"{kind} to {destination}", user_id=user_id
    )
    audit_log.info("%s %s %s %s", action, record_kind, subject_id, destination)
