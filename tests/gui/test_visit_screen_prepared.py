"""The visit screen and its map are built while the user is at the patient list, so the
first visit of the session opens as quickly as the next: what it shows is unchanged."""

from datetime import date

import pytest

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.app import make_application
from imsdesk.gui.context import Services
from imsdesk.gui.main_window import MainWindow
from imsdesk.services.database import open_clinic_database
from tests.gui.bodymap.conftest import caught_up, click_muscle


@pytest.fixture
def window(make_main_window) -> MainWindow:
    return make_main_window(demo_patients=1)


@pytest.fixture
def jane(window) -> tuple[int, int]:
    """Jane Doe and her draft visit, two muscles and a needle marked on it: their ids."""
    services = window.services
    patient = services.patients.create(PatientDetails("77", "Doe", "Jane", date(1968, 4, 23)))
    visit = services.visits.start_draft(patient.id, window.clinician.id)
    services.marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.LEFT))
    services.marks.put_finding(
        visit.id, MuscleFinding("tibialis_anterior", Side.RIGHT, Severity.MARKED)
    )
    x, y = interior_point(load_view(View.ANTERIOR).region("tibialis_anterior", Side.RIGHT))
    services.marks.put_needle(
        visit.id, NeedleSite("tibialis_anterior", Side.RIGHT, View.ANTERIOR, x, y)
    )
    return patient.id, visit.id


def prepared(qtbot, window: MainWindow) -> MainWindow:
    window.prepare_visit_screen()  # as the app asks once the window is painted
    qtbot.waitUntil(window.visit_screen_prepared, timeout=10_000)
    return window


def test_the_map_is_ready_before_a_visit_is_opened_and_shows_nothing_until_then(qtbot, window):
    prepared(qtbot, window)
    assert window.current_page() is window.list_page  # built out of sight
    panel = window.visit_page.map_panel
    assert panel is not None and panel.visit_id is None
    assert not panel.marks.findings and not panel.marks.needles
    assert panel.read_only and not panel.isVisible()
    scene = panel.view.body_scene()
    assert scene is not None and scene.view_id is View.ANTERIOR and not scene.needle_markers()


def test_the_first_visit_opens_on_the_prepared_map_with_its_marks_and_takes_clicks(
    qtbot, window, jane
):
    panel = prepared(qtbot, window).visit_page.map_panel
    patient_id, visit_id = jane
    window.open_patient(patient_id)
    window.open_visit(visit_id)

    assert window.visit_page.map_panel is panel  # the map was not built again
    caught_up(qtbot, panel)
    assert panel.visit_id == visit_id and not panel.read_only
    assert panel.marks == window.services.marks.marks(visit_id)
    front = panel.view.body_scene()
    assert front.badge("tibialis_anterior", Side.RIGHT) is not None
    assert len(front.needle_markers()) == 1
    assert panel.tabs.tabText(0) == "Front (2)"
    assert panel.list.row_texts()[0] == ("L", "Gluteus medius", "1 mild")

    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    saved = window.services.marks.marks(visit_id).finding("gluteus_medius", Side.LEFT)
    assert saved is not None and saved.severity is Severity.MODERATE


def test_a_visit_opened_while_the_screen_is_being_prepared_keeps_its_map(qtbot, window, jane):
    patient_id, visit_id = jane
    window.prepare_visit_screen()
    window.open_patient(patient_id)
    window.open_visit(visit_id)  # before the preparation has had its turns
    panel = window.visit_page.map_panel
    qtbot.waitUntil(window.visit_screen_prepared, timeout=10_000)
    assert window.visit_page.map_panel is panel and panel.visit_id == visit_id
    assert panel.marks == window.services.marks.marks(visit_id)
    assert window.visit_page.map_layout.count() == 1  # one map, not a second behind it


def test_front_desk_who_never_sees_a_visit_gets_no_visit_screen_built(qtbot, sqlite_url):
    make_application()
    opened = open_clinic_database(sqlite_url)
    services = Services.for_database(opened)
    desk = services.users.create(UserDetails("desk", "Robin Reyes", Role.FRONT_DESK))
    window = MainWindow(services, desk)
    qtbot.addWidget(window)
    window.prepare_visit_screen()
    qtbot.wait(50)
    assert window._visit_page is None and not window.visit_screen_prepared()
    opened.db.close()


def test_a_visit_opened_before_the_screen_was_prepared_has_the_rest_made_ready_on_idle(
    qtbot, window, jane
):
    """Every muscle's badge place on both whole-body views is found while the user reads
    the first visit: a muscle first marked later is drawn without working it out."""
    interior_point.cache_clear()
    patient_id, visit_id = jane
    window.open_patient(patient_id)
    window.open_visit(visit_id)  # before any preparation: the screen is built now
    qtbot.waitUntil(window.visit_screen_prepared, timeout=10_000)
    found = interior_point.cache_info().misses
    for view in (View.ANTERIOR, View.POSTERIOR):
        for region in load_view(view).regions:
            interior_point(region)
    assert interior_point.cache_info().misses == found
