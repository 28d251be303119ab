"""The visit screen says where the screen, episode, questionnaires and events stand."""

from datetime import date

from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.patients import PatientDetails
from tests.support.charting import clear_screen


def test_the_strip_follows_what_is_recorded(qtbot, make_main_window):
    window = make_main_window(demo_patients=1)
    services = window.services
    patient = services.patients.create(PatientDetails("77", "Doe", "Jane", date(1968, 4, 23)))
    services.episodes.open(
        patient.id, EpisodeDetails("Low back pain with R leg pain", date.today())
    )
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    bar = window.visit_page.course
    assert bar.screen_button.text().startswith("⚠ Safety screen due")
    assert bar.episode_button.text().startswith("Low back pain with R leg pain · visit 1")
    assert "typical course ~8.2" in bar.episode_button.text()
    assert bar.outcome_button.text() == "Outcome measures (0)…"

    visit_id = window.visit_page.record.visit.id
    services.screening.record(patient.id, window.clinician.id, clear_screen())
    services.outcomes.record(visit_id, "nprs", [6])
    bar.refresh()
    assert bar.screen_button.text().startswith("✓ Safety screen")
    assert bar.outcome_button.text() == "Outcome measures (1)…"
    assert "NPRS 6" in bar.outcome_button.toolTip()
