"""Everything the windows may ask of the core, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which the first screen does without
    from imsdesk.services.adverse_events import AdverseEventService
    from imsdesk.services.audit import ActingUser
    from imsdesk.services.audit_trail import AuditTrailService
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
    from imsdesk.services.visit_course import VisitCourseService
    from imsdesk.services.visit_history import VisitHistoryService
    from imsdesk.services.visit_record import VisitRecordService
    from imsdesk.services.visit_screen import VisitScreenService
    from imsdesk.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    patients: PatientService
    visits: VisitService
    history: VisitHistoryService  # the chart's visits with what was charted at each
    users: UserService
    records: VisitRecordService
    course: VisitCourseService
    screen: VisitScreenService  # what the visit screen shows, read in one go
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
    audit: AuditTrailService
    acting: ActingUser  # the signed-in user, whom every audit row of these services names
    location: str  # the database, as shown to people

    @classmethod
    def for_database(cls, opened: OpenedDatabase) -> Services:
        from imsdesk.gui.services_factory import build_services

        return build_services(cls, opened)
