"""The first screen shows before SQLAlchemy and the services load, and works once they do."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from imsdesk.gui.app import ClinicDatabase, make_application
from imsdesk.gui.context import ServicesSource
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.patient_table_model import PAGE_SIZE
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.first_screen import peek_first_screen
from tests.conftest import AS_OF


@pytest.fixture
def fast_start(qtbot, sqlite_url: str) -> Iterator[tuple[MainWindow, ServicesSource]]:
    make_application()
    opened = open_clinic_database(sqlite_url)
    generate_demo_data(opened.db, patients=130, seed=4, as_of=AS_OF)
    opened.db.close()
    first = peek_first_screen(sqlite_url, PAGE_SIZE)
    assert first is not None
    database = ClinicDatabase(sqlite_url)
    source = ServicesSource(first.location, database.services)
    window = MainWindow(source, first)
    qtbot.addWidget(window)
    window.show()
    yield window, source
    window.close()
    database.close()


def test_the_populated_list_is_shown_before_the_services_load(fast_start):
    window, source = fast_start
    assert not source.loaded
    assert window.list_page.model.rowCount() == PAGE_SIZE
    assert window.list_page.count_label.text() == "130 patients"
    assert window.list_page.table.currentIndex().row() == 0
    assert window.clinician_label.text() == ""  # not "no clinician" before it is known

    assert window.finish_loading()
    assert source.loaded
    assert window.clinician_label.text() == "Charting as Alex Morgan"


def test_scrolling_past_the_first_page_fetches_through_the_services(fast_start):
    window, source = fast_start
    window.list_page.table.scrollToBottom()
    window.list_page.model.fetchMore()
    assert source.loaded
    assert window.list_page.model.rowCount() == 130


def test_acting_before_the_services_load_loads_them_and_acts(qtbot, fast_start):
    window, source = fast_start
    target = window.list_page.model.patient_at(3)
    qtbot.keyClicks(window.list_page.search, target.chart_number)
    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)
    assert source.loaded
    assert window.current_page() is window.patient_page
    assert window.patient_page.patient.id == target.id
