"""The treatment-room flow on the first screens: find, open, add, edit, start a visit."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox

from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.patient_dialog import PatientDialog
from tests.support.qt import with_modal


def wait_for_search(qtbot, window: MainWindow) -> None:
    """Until the rows and then their count are shown."""
    page = window.list_page
    qtbot.waitUntil(
        lambda: not page._timer.isActive() and not page._count_timer.isActive(), timeout=2000
    )


def test_start_screen_is_the_patient_list_with_the_search_focused(make_main_window):
    window = make_main_window(demo_patients=30)
    assert window.current_page() is window.list_page
    assert window.focusWidget() is window.list_page.search
    assert window.list_page.model.rowCount() == 30
    assert window.list_page.count_label.text() == "30 patients"
    assert window.clinician_label.text() == "Charting as Alex Morgan"


def test_typing_filters_and_enter_opens_the_highlighted_patient(qtbot, make_main_window):
    window = make_main_window(demo_patients=60)
    target = window.list_page.model.patient_at(17)
    qtbot.keyClicks(window.list_page.search, target.chart_number)
    wait_for_search(qtbot, window)
    assert window.list_page.model.rowCount() == 1
    assert "1 patient match" in window.list_page.count_label.text()
    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)
    assert window.current_page() is window.patient_page
    assert target.chart_number in window.patient_page.title.text()
    qtbot.keyClick(window.patient_page, Qt.Key.Key_Escape)
    assert window.current_page() is window.list_page


def test_the_rows_are_painted_before_their_count_is_taken(qtbot, make_main_window):
    """A broad search shows its rows first; counting up to 2,000 waits until they are
    painted. A page that holds every match is its own count, shown with it."""
    window = make_main_window(demo_patients=250)
    page = window.list_page
    seen: list[str] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                seen.append("painted")
            return False

    paints = Paints(page)
    page.table.viewport().installEventFilter(paints)
    counting = page._count
    page._count = lambda text, at_most: seen.append("counted") or counting(text, at_most)
    page.search.setText("D")  # every chart number: more than a page
    page.refresh()
    assert page.model.rowCount() == 100 and seen == []
    qtbot.waitUntil(lambda: page.count_label.text() == "250 patients match “D”", timeout=2000)
    assert seen[0] == "painted" and "counted" in seen

    seen.clear()
    page.search.setText("D000001")
    page.refresh()
    assert page.count_label.text() == "1 patient match “D000001”" and "counted" not in seen


def test_the_list_pages_in_more_patients_as_it_scrolls(qtbot, make_main_window):
    window = make_main_window(demo_patients=250)
    model = window.list_page.model
    assert model.rowCount() == 100  # one page, not the whole clinic
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()


def test_ctrl_n_adds_a_patient_who_then_opens(qtbot, make_main_window):
    window = make_main_window()

    def fill(dialog: PatientDialog) -> None:
        qtbot.keyClicks(dialog.ui.chart_number, "1042")
        qtbot.keyClicks(dialog.ui.family_name, "Doe")
        qtbot.keyClicks(dialog.ui.given_names, "Jane")
        qtbot.keyClicks(dialog.ui.date_of_birth, "1968-04-23")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(qtbot, PatientDialog, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.patient_page
    assert window.patient_page.title.text().startswith("DOE, Jane")
    assert "Saved new patient DOE, Jane" in window.statusBar().currentMessage()
    assert window.list_page.model.rowCount() == 1


def test_editing_a_patient_updates_the_page_and_the_list(qtbot, make_main_window):
    window = make_main_window(demo_patients=5)
    patient = window.list_page.model.patient_at(0)
    window.open_patient(patient.id)

    def rename(dialog: PatientDialog) -> None:
        dialog.ui.family_name.setText("Zyzzyva")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    with_modal(qtbot, PatientDialog, rename)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.patient_page.title.text().startswith("ZYZZYVA,")
    assert "Saved changes" in window.statusBar().currentMessage()
    last = window.list_page.model.patient_at(window.list_page.model.rowCount() - 1)
    assert last.family_name == "Zyzzyva"


def test_starting_a_visit_saves_a_draft_and_opens_the_visit_screen(qtbot, make_main_window):
    window = make_main_window(demo_patients=3)
    patient = window.list_page.model.patient_at(0)
    window.open_patient(patient.id)
    before = window.patient_page.visits.rowCount()
    qtbot.mouseClick(window.patient_page.start_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.visit_page
    assert "Draft, not signed" in window.visit_page.facts.text()
    assert not window.visit_page.notes.notes["subjective"].isReadOnly()
    qtbot.keyClick(window.visit_page, Qt.Key.Key_Escape)
    assert window.current_page() is window.patient_page
    assert window.patient_page.visits.rowCount() == before + 1
    table = window.patient_page.visits
    status = table.columnCount() - 1  # the last column
    assert table.horizontalHeaderItem(status).text() == "Status"
    assert table.item(0, status).text() == "Draft (not signed)"


def test_without_a_clinician_a_visit_cannot_be_started_and_the_window_says_why(
    make_main_window,
):
    window = make_main_window()
    assert window.clinician_label.text() == "No clinician set up yet"
    from datetime import date

    from imsdesk.domain.patients import PatientDetails

    patient = window.services.patients.create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    assert window.current_page() is window.patient_page
    assert "started by clinicians" in window.statusBar().currentMessage()
    assert window.services.visits.list_for_patient(patient.id) == []


def test_window_size_and_place_are_remembered(make_main_window):
    first = make_main_window()
    first.resize(701, 533)  # inside the offscreen test screen
    first.close()
    second = make_main_window()
    assert (second.width(), second.height()) == (701, 533)


def test_menu_commands_have_shortcuts_and_tooltips(make_main_window):
    window = make_main_window()
    for action in window.actions_by_id.values():
        assert action.toolTip()
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions_by_id.values()}
    assert shortcuts["new_patient"] == "Ctrl+N"
    assert shortcuts["edit_patient"] == "Ctrl+E"
    assert shortcuts["find_patient"] == "Ctrl+F"


def test_drafts_left_from_earlier_days_are_listed_and_open_with_a_click(qtbot, make_main_window):
    from datetime import UTC, date, datetime, timedelta

    from imsdesk.domain.patients import PatientDetails

    first = make_main_window()
    services = first.services
    patient = services.patients.create(PatientDetails("9", "Roe", "Ann", date(1960, 2, 2)))
    from imsdesk.domain.users import Role, UserDetails

    therapist = services.users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    old = services.visits.start_draft(
        patient.id, therapist.id, started_at=datetime.now(UTC) - timedelta(days=2)
    )
    services.visits.start_draft(patient.id, therapist.id)  # today's: not stale
    first.close()

    window = make_main_window()
    label = window.list_page.drafts_label
    assert label.isVisible()
    assert "ROE, Ann, visit #1" in label.text() and "(1)" in label.text()
    label.linkActivated.emit(str(old.id))
    assert window.current_page() is window.visit_page
    assert window.visit_page.record.visit.id == old.id


def test_a_broad_search_says_how_many_at_least(qtbot, make_main_window, monkeypatch):
    from imsdesk.gui import patient_list_page

    monkeypatch.setattr(patient_list_page, "MATCHES_COUNTED", 20)
    window = make_main_window(demo_patients=60)
    qtbot.keyClicks(window.list_page.search, "D")  # every demo chart number starts with D
    wait_for_search(qtbot, window)
    assert window.list_page.count_label.text() == "20+ patients match “D”"
    assert window.list_page.model.rowCount() == 60
