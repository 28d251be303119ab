"""The main window on a temporary database, registered with qtbot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.app import build_main_window, make_application
from imsdesk.gui.main_window import MainWindow
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from tests.conftest import AS_OF


@pytest.fixture
def make_main_window(qtbot, sqlite_url: str) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows on one temporary clinic; fail if a test leaks a top-level window."""
    make_application()
    opened_all = []
    before = set(QApplication.topLevelWidgets())

    # Qt keeps one settings file per process: each test starts as a first run, so that no
    # test's window size or splitters reach another test.
    QSettings().clear()

    def make(*, demo_patients: int = 0) -> MainWindow:
        opened = open_clinic_database(sqlite_url)
        opened_all.append(opened)
        if demo_patients:
            generate_demo_data(opened.db, patients=demo_patients, seed=5, as_of=AS_OF)
        window = build_main_window(opened)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.show()
            window.activateWindow()
        return window

    yield make
    for widget in QApplication.topLevelWidgets():
        if widget not in before and widget.isVisible():
            widget.close()
    for opened in opened_all:
        opened.db.close()


@pytest.fixture
def chart(sqlite_db):
    """A therapist, a patient and today's draft visit: (db, patient, therapist, visit)."""
    therapist = UserService(sqlite_db).create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient = PatientService(sqlite_db).create(
        PatientDetails("1", "Doe", "Jane", date(1968, 4, 23))
    )
    visit = VisitService(sqlite_db).start_draft(patient.id, therapist.id)
    return sqlite_db, patient, therapist, visit


@pytest.fixture
def with_last_week(make_main_window):
    """(window, patient, visit id): Jane Doe (#77), screened with consent, and her draft
    visit of a week ago for the test to chart and sign before today's visit."""
    from datetime import UTC, datetime, timedelta

    from tests.support.charting import clear_screen

    window = make_main_window(demo_patients=1)
    services, clinician = window.services, window.clinician
    patient = services.patients.create(PatientDetails("77", "Doe", "Jane", date(1968, 4, 23)))
    services.screening.record(patient.id, clinician.id, clear_screen())
    last_week = services.visits.start_draft(
        patient.id, clinician.id, started_at=datetime.now(UTC) - timedelta(days=7)
    )
    return window, patient, last_week.id


@pytest.fixture
def draft_visit_page(make_main_window):
    """The main window at a laptop's 1366×768, on today's draft visit of a new patient."""
    window = make_main_window(demo_patients=1)
    window.resize(1366, 768)
    patient = window.services.patients.create(
        PatientDetails("77", "Doe", "Jane", date(1968, 4, 23))
    )
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    return window.visit_page
