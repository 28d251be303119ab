"""Where a visit stands in the patient's course of care, read in one go for the visit screen.

The strip under the visit header shows the safety screen, the episode of care and the
visit's place in it, the outcome measures and the adverse events: one unit of work of
plain statements rather than one per button, as it is read on every opening of a visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from imsdesk.domain.adverse_events import AdverseEvent
from imsdesk.domain.episodes import Episode
from imsdesk.domain.visit_record import ScreenStatus
from imsdesk.domain.visits import Visit
from imsdesk.services.adverse_events import events_for_visit, events_read
from imsdesk.services.clinic_settings import settings_in, settings_read
from imsdesk.services.episodes import visit_episode, visit_episode_read
from imsdesk.services.outcomes import StoredScore, scores_for_visit, scores_read
from imsdesk.services.screening import (
    latest_screen_of_visit,
    latest_screen_of_visit_read,
    screen_status,
)
from imsdesk.services.visits import visit_in
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run


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
        with self._db.statements() as connection:
            return course_in(connection, visit_in(connection, visit_id))


def course_in(reader: Connection | DriverUnit, visit: Visit) -> VisitCourse:
    """The visit's course of care, inside the caller's unit of work (``visit`` as read
    there): five plain statements."""
    settings = settings_in(reader)
    day = visit.started_at.astimezone().date()
    episode = visit_episode(reader, visit.id)
    return VisitCourse(
        screen=screen_status(
            latest_screen_of_visit(reader, visit.id), day, settings.screen_interval_days
        ),
        episode=episode.place,
        has_open_episode=episode.patient_has_open,
        typical_course_visits=settings.typical_course_visits,
        scores=scores_for_visit(reader, visit.id),
        events=events_for_visit(reader, visit.id),
    )


def course_reads(visit_id: int) -> list[Run]:
    """What ``course_in`` runs (DriverUnit.run_together), found by the visit's id alone."""
    return [
        settings_read(),
        visit_episode_read(visit_id),
        latest_screen_of_visit_read(visit_id),
        scores_read(visit_id),
        events_read(visit_id),
    ]
