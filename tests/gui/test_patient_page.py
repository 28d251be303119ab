"""The patient screen lists each visit with what was charted at it, for clinicians: the
course of care reads down the table. Front desk sees when and with whom, nothing more."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.marks import MuscleFinding, NeedleSite
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.app import make_application
from imsdesk.gui.context import Services
from imsdesk.gui.main_window import MainWindow
from imsdesk.services.database import open_clinic_database

CHARTED = ("Episode", "Pain before → after", "Shortened", "Needle sites", "Spinal levels needled")


def shown_row(table: QTableWidget, row: int) -> dict[str, str]:
    """The row's cells by column title, as a person sees them (hidden columns left out)."""
    titles = [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())]
    return {
        title: table.item(row, column).text()
        for column, title in enumerate(titles)
        if not table.isColumnHidden(column)
    }


def chart_jane(
    services: Services, clinician_id: int, condition: str = "Low back pain, right leg"
) -> int:
    patient = services.patients.create(PatientDetails("77", "Doe", "Jane", date(1968, 4, 23)))
    services.episodes.open(patient.id, EpisodeDetails(condition, date.today()))
    visit = services.visits.start_draft(patient.id, clinician_id)
    services.records.save_field(visit.id, "pain_before", 6)
    services.records.save_field(visit.id, "pain_after", 3)
    services.marks.put_finding(visit.id, MuscleFinding("gluteus_medius", Side.LEFT))
    for key in ("paraspinal_l5", "paraspinal_s1"):
        services.marks.put_needle(visit.id, NeedleSite(key, Side.LEFT, View.PARASPINAL, 5, 5))
    return patient.id


def test_a_clinician_reads_each_visits_pain_marks_and_levels_in_the_chart(make_main_window):
    window = make_main_window(demo_patients=1)  # and the demo clinicians
    patient_id = chart_jane(window.services, window.clinician.id)
    window.open_patient(patient_id)
    row = shown_row(window.patient_page.visits, 0)
    assert row["Visit"] == "#1"
    assert row["Episode"] == "Low back pain, right leg · visit 1"
    assert row["Pain before → after"] == "6 → 3"
    assert (row["Shortened"], row["Needle sites"]) == ("1", "2")
    assert row["Spinal levels needled"] == "L5–S1 (left)"
    assert row["Status"] == "Draft (not signed)"


def test_a_long_condition_is_cut_short_in_the_list_and_read_whole_on_hover(make_main_window):
    window = make_main_window(demo_patients=1)
    condition = "Low back pain with right sciatica since lifting at work in March"
    window.open_patient(chart_jane(window.services, window.clinician.id, condition))
    table = window.patient_page.visits
    cell = next(
        table.item(0, column)
        for column in range(table.columnCount())
        if table.horizontalHeaderItem(column).text() == "Episode"
    )
    assert cell.text() == "Low back pain with right sciatica since…"
    assert cell.toolTip() == f"{condition} · visit 1"


def test_front_desk_sees_when_and_with_whom_but_nothing_charted(qtbot, sqlite_url):
    make_application()
    opened = open_clinic_database(sqlite_url)
    services = Services.for_database(opened)
    therapist = services.users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    patient_id = chart_jane(services, therapist.id)
    later = services.visits.start_draft(patient_id, therapist.id)
    services.records.save_field(later.id, "pain_before", 4)
    desk = services.users.create(UserDetails("desk", "Robin Reyes", Role.FRONT_DESK))
    window = MainWindow(services, desk)
    qtbot.addWidget(window)
    window.open_patient(patient_id)
    row = shown_row(window.patient_page.visits, 0)
    assert row["Therapist"] == "Alex Morgan" and row["Visit"] == "#2"
    assert not set(CHARTED) & set(row)
    assert not {"6 → 3", "Low back pain, right leg · visit 1"} & set(row.values())
    assert window.patient_page.pain_trend.isHidden()  # though two visits have pain
    opened.db.close()


def test_the_main_button_continues_todays_draft_instead_of_starting_a_second(
    qtbot, make_main_window
):
    window = make_main_window(demo_patients=1)
    patient = window.services.patients.create(PatientDetails("78", "Roe", "Ann", date(1970, 1, 1)))
    window.open_patient(patient.id)
    page = window.patient_page
    assert page.start_button.text() == "&Start today's visit"
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    started = window.visit_page.record.visit
    window.return_to_patient(patient.id)
    assert page.start_button.text() == "&Continue today's visit"
    qtbot.keyClick(
        page, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.visit_page.record.visit.id == started.id
    assert "Continuing today's visit #1" in window.statusBar().currentMessage()
    assert len(window.services.visits.list_for_patient(patient.id)) == 1


def test_pain_at_each_visit_is_charted_above_the_table_for_clinicians(qtbot, make_main_window):
    window = make_main_window(demo_patients=1)
    services = window.services
    patient_id = chart_jane(services, window.clinician.id)  # one visit: 6 → 3
    page = window.patient_page
    window.open_patient(patient_id)
    assert page.pain_trend.isHidden()  # one visit is not a trend

    later = services.visits.start_draft(patient_id, window.clinician.id)
    services.records.save_field(later.id, "pain_before", 4)
    window.open_patient(patient_id)
    trend = page.pain_trend
    assert trend.isVisible()
    assert trend.toolTip() == "Pain before treatment: 6 at visit #1, 4 at visit #2"
    # The first visit's "before" marker is drawn where 6 sits on the 0-10 scale.
    image = trend.grab().toImage()
    ratio = image.devicePixelRatio()
    at = trend.point_at(0, 6)
    pixel = image.pixelColor(int(at.x() * ratio), int(at.y() * ratio))
    assert pixel.lightness() < 100, pixel.name()
    empty = trend.point_at(0, 1)  # nothing recorded there
    assert image.pixelColor(int(empty.x() * ratio), int(empty.y() * ratio)).lightness() > 150


def test_every_cell_of_the_visits_table_is_shown_whole(make_main_window):
    window = make_main_window(demo_patients=1)
    window.resize(1366, 768)
    window.open_patient(chart_jane(window.services, window.clinician.id))
    table = window.patient_page.visits
    metrics = table.fontMetrics()
    title_metrics = table.horizontalHeader().fontMetrics()
    for column in range(table.columnCount()):
        if table.isColumnHidden(column):
            continue
        width = table.columnWidth(column)
        title = table.horizontalHeaderItem(column).text()
        assert title_metrics.horizontalAdvance(title) + 6 <= width, title
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            assert metrics.horizontalAdvance(text) + 6 <= width, text
