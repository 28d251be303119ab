"""Where a visit stands in the patient's course of care, read in one go for the visit screen.

The strip under the visit header shows the safety screen, the episode of care and the
visit's place in it, the outcome measures and the adverse events: one unit of work
rather than one per button, as it is read on every opening of a visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from imsdesk.domain.adverse_events import AdverseEvent
from imsdesk.domain.episodes import Episode
from imsdesk.domain.visit_record import ScreenStatus
from imsdesk.services.adverse_events import events_for_visit
from imsdesk.services.clinic_settings import settings_in
from imsdesk.services.episodes import episode_and_place
from imsdesk.services.outcomes import StoredScore, scores_for_visit
from imsdesk.services.screening import screen_status_on
from imsdesk.services.visit_access import visit_row
from imsdesk.store.database import Database
from imsdesk.store.models import EpisodeRow


@dataclass(frozen=True)
class VisitCourse:
    screen: ScreenStatus
    episode: tuple[Episode, int] | None  # the visit's episode and its place in it
    has_open_episode: bool  # the patient has an episode of care open now
    typical_course_visits: float  # the clinic's setting
    scores: list[StoredScore]
    events: list[AdverseEvent]


class VisitCourseService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def course(self, visit_id: int) -> VisitCourse:
        with self._db.reading() as session:
            visit = visit_row(session, visit_id)
            settings = settings_in(session)
            day = visit.started_at.astimezone().date()
            open_episode = select(EpisodeRow.id).where(
                EpisodeRow.patient_id == visit.patient_id, EpisodeRow.closed_on.is_(None)
            )
            return VisitCourse(
                screen=screen_status_on(
                    session, visit.patient_id, day, settings.screen_interval_days
                ),
                episode=episode_and_place(session, visit),
                has_open_episode=session.scalar(open_episode.limit(1)) is not None,
                typical_course_visits=settings.typical_course_visits,
                scores=scores_for_visit(session, visit_id),
                events=events_for_visit(session, visit_id),
            )
