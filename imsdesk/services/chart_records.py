"""Reading whole charts for export: every table read once per batch of patients.

    charts = ChartRecordService(db).charts([12, 13, 14])

A chart holds everything recorded for the patient: visits with their notes, findings,
needle sites (muscle and side), exam signs, outcome scores, amendments and adverse
events, plus episodes of care and safety screens. Loading by batch keeps a
thousand-patient export to a few dozen queries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.domain.adverse_events import AdverseEventKind
from imsdesk.domain.anatomy import Atlas, load_atlas
from imsdesk.domain.outcomes import get_instrument
from imsdesk.domain.screening import SCREEN_QUESTIONS
from imsdesk.domain.segments import SignKind
from imsdesk.reports.chart_data import (
    ChartAdverseEvent,
    ChartAmendment,
    ChartClinician,
    ChartEpisode,
    ChartFinding,
    ChartNeedle,
    ChartPatient,
    ChartScore,
    ChartScreen,
    ChartSign,
    ChartVisit,
    PatientChart,
    ScreenAnswer,
)
from imsdesk.services.errors import NotFound
from imsdesk.services.visit_record import charted_fields
from imsdesk.store.database import Database
from imsdesk.store.models import (
    AdverseEventRow,
    AmendmentRow,
    EpisodeRow,
    ExamSignRow,
    MuscleFindingRow,
    NeedleSiteRow,
    OutcomeScoreRow,
    PatientRow,
    SafetyScreenRow,
    UserRow,
    VisitRow,
)

_R = TypeVar("_R")


def _plain(model: Any) -> Any:
    """A model's plain table: rows come back as named tuples, without the cost of ORM
    objects (a whole-clinic export reads tens of thousands of rows)."""
    return model.__table__


_QUESTIONS = {q.key: q.question for q in SCREEN_QUESTIONS}


class ChartRecordService:
    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self._db = db
        self._atlas = atlas

    @property
    def atlas(self) -> Atlas:
        if self._atlas is None:
            self._atlas = load_atlas()
        return self._atlas

    def patient_ids(self) -> list[int]:
        """Every patient of the clinic, in the order they were added."""
        with self._db.reading() as session:
            return list(session.scalars(select(PatientRow.id).order_by(PatientRow.id)))

    def chart(self, patient_id: int) -> PatientChart:
        charts = self.charts([patient_id])
        if not charts:
            raise NotFound(f"No patient with id {patient_id}.")
        return charts[0]

    def charts(self, patient_ids: Sequence[int]) -> list[PatientChart]:
        """The charts of the patients that exist among ``patient_ids``, in that order."""
        with self._db.reading() as session:
            return _Loader(session, self.atlas).charts(patient_ids)


class _Loader:
    def __init__(self, session: Session, atlas: Atlas) -> None:
        self._session = session
        self._atlas = atlas

    def charts(self, patient_ids: Sequence[int]) -> list[PatientChart]:
        patients = {
            row.id: row
            for row in self._rows(select(_plain(PatientRow)).where(PatientRow.id.in_(patient_ids)))
        }
        visits = list(
            self._rows(
                select(_plain(VisitRow))
                .where(VisitRow.patient_id.in_(patient_ids))
                .order_by(VisitRow.patient_id, VisitRow.started_at, VisitRow.id)
            )
        )
        visit_ids = [v.id for v in visits]
        by_visit = {
            "findings": self._by_visit(MuscleFindingRow, visit_ids),
            "needles": self._by_visit(NeedleSiteRow, visit_ids),
            "signs": self._by_visit(ExamSignRow, visit_ids),
            "scores": self._by_visit(OutcomeScoreRow, visit_ids),
            "amendments": self._by_visit(AmendmentRow, visit_ids),
            "events": self._by_visit(AdverseEventRow, visit_ids),
        }
        episodes = _grouped(
            self._rows(
                select(_plain(EpisodeRow))
                .where(EpisodeRow.patient_id.in_(patient_ids))
                .order_by(EpisodeRow.started_on, EpisodeRow.id)
            ),
            lambda row: row.patient_id,
        )
        screens = _grouped(
            self._rows(
                select(_plain(SafetyScreenRow))
                .where(SafetyScreenRow.patient_id.in_(patient_ids))
                .order_by(SafetyScreenRow.recorded_at, SafetyScreenRow.id)
            ),
            lambda row: row.patient_id,
        )
        visits_of = _grouped(visits, lambda row: row.patient_id)
        users = self._users(visits, by_visit, screens)
        charts = []
        for patient_id in patient_ids:
            row = patients.get(patient_id)
            if row is None:
                continue
            chart_visits = tuple(
                self._visit(number, visit, by_visit)
                for number, visit in enumerate(visits_of.get(patient_id, []), start=1)
            )
            chart_screens = tuple(_screen(s) for s in screens.get(patient_id, []))
            charts.append(
                PatientChart(
                    patient=_patient(row),
                    clinicians=_clinicians_of(users, chart_visits, chart_screens),
                    episodes=tuple(_episode(e) for e in episodes.get(patient_id, [])),
                    screens=chart_screens,
                    visits=chart_visits,
                )
            )
        return charts

    def _rows(self, statement: Any) -> Iterator[Any]:
        return iter(self._session.execute(statement).all())

    def _by_visit(self, model: Any, visit_ids: Sequence[int]) -> dict[int, list[Any]]:
        rows: list[Any] = []
        for chunk in _chunks(visit_ids, 900):  # under SQLite's limit on bound parameters
            rows += self._session.execute(
                select(_plain(model)).where(model.visit_id.in_(chunk)).order_by(model.id)
            ).all()
        return _grouped(rows, lambda row: row.visit_id)

    def _users(
        self,
        visits: Sequence[VisitRow],
        by_visit: dict[str, dict[int, list[Any]]],
        screens: dict[int, list[SafetyScreenRow]],
    ) -> dict[int, ChartClinician]:
        ids: set[int] = set()
        for visit in visits:
            ids.add(visit.therapist_id)
            if visit.signed_by_id is not None:
                ids.add(visit.signed_by_id)
        ids |= {a.author_id for rows in by_visit["amendments"].values() for a in rows}
        ids |= {e.recorded_by_id for rows in by_visit["events"].values() for e in rows}
        ids |= {s.recorded_by_id for rows in screens.values() for s in rows}
        rows = self._session.execute(select(_plain(UserRow)).where(UserRow.id.in_(ids))).all()
        return {u.id: ChartClinician(u.id, u.display_name, u.registration_number) for u in rows}

    def _visit(
        self, number: int, row: VisitRow, by_visit: dict[str, dict[int, list[Any]]]
    ) -> ChartVisit:
        return ChartVisit(
            id=row.id,
            number=number,
            started_at=row.started_at,
            status=row.status,
            therapist_id=row.therapist_id,
            signed_at=row.signed_at,
            signed_by_id=row.signed_by_id,
            episode_id=row.episode_id,
            **charted_fields(row),
            findings=tuple(self._finding(f) for f in by_visit["findings"].get(row.id, [])),
            needles=tuple(self._needle(n) for n in by_visit["needles"].get(row.id, [])),
            signs=tuple(_sign(s) for s in by_visit["signs"].get(row.id, [])),
            scores=tuple(_score(s) for s in by_visit["scores"].get(row.id, [])),
            amendments=tuple(_amendment(a) for a in by_visit["amendments"].get(row.id, [])),
            adverse_events=tuple(_event(e) for e in by_visit["events"].get(row.id, [])),
        )

    def _muscle(self, key: str) -> tuple[str, Any]:
        muscle = self._atlas.get(key)
        # A key the atlas no longer knows still exports, under its stored key.
        return (muscle.name, muscle.snomed) if muscle else (key, None)

    def _finding(self, row: MuscleFindingRow) -> ChartFinding:
        name, snomed = self._muscle(row.muscle_key)
        return ChartFinding(row.id, row.muscle_key, name, row.side, row.severity, row.note, snomed)

    def _needle(self, row: NeedleSiteRow) -> ChartNeedle:
        name, snomed = self._muscle(row.muscle_key)
        return ChartNeedle(
            id=row.id,
            uid=row.uid,
            muscle_key=row.muscle_key,
            muscle_name=name,
            side=row.side,
            view=row.view,
            x=row.x,
            y=row.y,
            depth_mm=row.depth_mm,
            length_mm=row.length_mm,
            gauge=row.gauge,
            response=row.response,
            note=row.note,
            snomed=snomed,
        )


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _grouped(rows: Iterable[_R], key: Any) -> dict[int, list[_R]]:
    groups: dict[int, list[_R]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _clinicians_of(
    users: dict[int, ChartClinician],
    visits: Sequence[ChartVisit],
    screens: Sequence[ChartScreen],
) -> tuple[ChartClinician, ...]:
    ids: dict[int, None] = {}
    for visit in visits:
        ids[visit.therapist_id] = None
        if visit.signed_by_id is not None:
            ids[visit.signed_by_id] = None
        ids.update((a.author_id, None) for a in visit.amendments)
        ids.update((e.recorded_by_id, None) for e in visit.adverse_events)
    ids.update((s.recorded_by_id, None) for s in screens)
    return tuple(users[i] for i in ids if i in users)


def _patient(row: PatientRow) -> ChartPatient:
    return ChartPatient(
        id=row.id,
        chart_number=row.chart_number,
        family_name=row.family_name,
        given_names=row.given_names,
        date_of_birth=row.date_of_birth,
        sex=row.sex,
        phone=row.phone,
        email=row.email,
        address=row.address,
        notes=row.notes,
        created_at=row.created_at,
    )


def _episode(row: EpisodeRow) -> ChartEpisode:
    return ChartEpisode(
        row.id,
        row.condition,
        row.started_on,
        row.closed_on,
        row.referral_source,
        row.referral_date,
        row.goals,
    )


def _screen(row: SafetyScreenRow) -> ChartScreen:
    answers = json.loads(row.answers)
    return ChartScreen(
        id=row.id,
        visit_id=row.visit_id,
        recorded_at=row.recorded_at,
        recorded_by_id=row.recorded_by_id,
        answers=tuple(
            ScreenAnswer(key, _QUESTIONS.get(key, key), bool(value))
            for key, value in answers.items()
        ),
        notes=row.notes,
        consent_given=row.consent_given,
        consent_given_by=row.consent_given_by,
        consent_explained=row.consent_explained,
    )


def _sign(row: ExamSignRow) -> ChartSign:
    try:
        label = SignKind(row.kind).label
    except ValueError:
        label = row.kind
    return ChartSign(row.id, row.level, row.side, row.kind, label, row.note)


def _score(row: OutcomeScoreRow) -> ChartScore:
    instrument = get_instrument(row.instrument)
    return ChartScore(
        id=row.id,
        instrument=row.instrument,
        instrument_name=instrument.name,
        short_name=instrument.short_name,
        units=instrument.units,
        answers=tuple(json.loads(row.answers)),
        activities=tuple(json.loads(row.activities)),
        score=row.score,
    )


def _amendment(row: AmendmentRow) -> ChartAmendment:
    return ChartAmendment(row.id, row.author_id, row.created_at, row.reason, row.text)


def _event(row: AdverseEventRow) -> ChartAdverseEvent:
    return ChartAdverseEvent(
        id=row.id,
        recorded_at=row.recorded_at,
        recorded_by_id=row.recorded_by_id,
        kind=row.kind,
        kind_label=AdverseEventKind(row.kind).label,
        description=row.description,
        action_taken=row.action_taken,
    )
