"""Everything the windows may ask of the core, built once by the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which the first screen does without
    from imsdesk.services.adverse_events import AdverseEventService
    from imsdesk.services.clinic_settings import ClinicSettingsService
    from imsdesk.services.database import OpenedDatabase
    from imsdesk.services.episodes import EpisodeService
    from imsdesk.services.exam_signs import ExamSignService
    from imsdesk.services.exports import ExportService
    from imsdesk.services.marks import MarkService
    from imsdesk.services.outcomes import OutcomeService
    from imsdesk.services.pain_areas import PainAreaService
    from imsdesk.services.patient_import import PatientImportService
    from imsdesk.services.patients import PatientService
    from imsdesk.services.screening import ScreeningService
    from imsdesk.services.summaries import SummaryService
    from imsdesk.services.users import UserService
    from imsdesk.services.visit_record import VisitRecordService
    from imsdesk.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    patients: PatientService
    visits: VisitService
    users: UserService
    records: VisitRecordService
    marks: MarkService
    screening: ScreeningService
    episodes: EpisodeService
    outcomes: OutcomeService
    adverse_events: AdverseEventService
    exam_signs: ExamSignService
    pain_areas: PainAreaService
    settings: ClinicSettingsService
    summaries: SummaryService
    imports: PatientImportService
    exports: ExportService
    location: str  # the database, as shown to people

    @classmethod
    def for_database(cls, opened: OpenedDatabase) -> Services:
        from imsdesk.services.adverse_events import AdverseEventService
        from imsdesk.services.clinic_settings import ClinicSettingsService
        from imsdesk.services.episodes import EpisodeService
        from imsdesk.services.exam_signs import ExamSignService
        from imsdesk.services.exports import ExportService
        from imsdesk.services.marks import MarkService
        from imsdesk.services.outcomes import OutcomeService
        from imsdesk.services.pain_areas import PainAreaService
        from imsdesk.services.patient_import import PatientImportService
        from imsdesk.services.patients import PatientService
        from imsdesk.services.screening import ScreeningService
        from imsdesk.services.summaries import SummaryService
        from imsdesk.services.users import UserService
        from imsdesk.services.visit_record import VisitRecordService
        from imsdesk.services.visits import VisitService

        db = opened.db
        return cls(
            patients=PatientService(db),
            visits=VisitService(db),
            users=UserService(db),
            records=VisitRecordService(db),
            marks=MarkService(db),
            screening=ScreeningService(db),
            episodes=EpisodeService(db),
            outcomes=OutcomeService(db),
            adverse_events=AdverseEventService(db),
            exam_signs=ExamSignService(db),
            pain_areas=PainAreaService(db),
            settings=ClinicSettingsService(db),
            summaries=SummaryService(db),
            imports=PatientImportService(db),
            exports=ExportService(db),
            location=opened.location,
        )


class ServicesSource:
    """The services now, or built on first use.

    The first screen shows before SQLAlchemy has loaded; the window asks for the
    services right after its first paint, or sooner if the therapist acts first.
    """

    def __init__(self, location: str, build: Callable[[], Services]) -> None:
        self.location = location
        self._build = build
        self._services: Services | None = None

    @classmethod
    def ready(cls, services: Services) -> ServicesSource:
        source = cls(services.location, lambda: services)
        source._services = services
        return source

    @property
    def loaded(self) -> bool:
        return self._services is not None

    def get(self) -> Services:
        if self._services is None:
            self._services = self._build()
        return self._services
