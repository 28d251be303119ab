"""Building the services: imported only once the database is being opened.

Start-up imports this module in the background while the sign-in dialog waits,
so SQLAlchemy and every service are ready when the user presses Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.audit import ActingUser
from imsdesk.services.audit_trail import AuditTrailService
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
from imsdesk.services.visit_course import VisitCourseService
from imsdesk.services.visit_history import VisitHistoryService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visit_screen import VisitScreenService
from imsdesk.services.visits import VisitService

if TYPE_CHECKING:
    from imsdesk.gui.context import Services
    from imsdesk.services.database import OpenedDatabase


def build_services(services: type[Services], opened: OpenedDatabase) -> Services:
    db = opened.db
    acting = ActingUser()  # set by the main window once someone has signed in
    return services(
        patients=PatientService(db, acting),
        visits=VisitService(db, acting),
        history=VisitHistoryService(db),
        users=UserService(db, acting),
        records=VisitRecordService(db, acting),
        course=VisitCourseService(db),
        screen=VisitScreenService(db, acting),
        marks=MarkService(db, acting=acting),
        screening=ScreeningService(db),
        episodes=EpisodeService(db, acting),
        outcomes=OutcomeService(db, acting),
        adverse_events=AdverseEventService(db),
        exam_signs=ExamSignService(db, acting),
        pain_areas=PainAreaService(db, acting),
        settings=ClinicSettingsService(db, acting),
        summaries=SummaryService(db),
        imports=PatientImportService(db),
        exports=ExportService(db),
        audit=AuditTrailService(db, acting),
        acting=acting,
        location=opened.location,
    )
