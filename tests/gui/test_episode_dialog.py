"""The episode dialog: condition, start, referral and goals, with messages beside the fields."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from imsdesk.domain.episodes import EpisodeDetails
from imsdesk.domain.patients import PatientDetails
from imsdesk.gui.episode_dialog import EpisodeDialog
from imsdesk.services.episodes import EpisodeService
from imsdesk.services.patients import PatientService
from tests.support.qt import press_save


@pytest.fixture
def patient(sqlite_db):
    return PatientService(sqlite_db).create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))


@pytest.fixture
def episodes(sqlite_db) -> EpisodeService:
    return EpisodeService(sqlite_db)


def open_dialog(qtbot, episodes, patient, episode=None) -> EpisodeDialog:
    if episode is None:
        dialog = EpisodeDialog(lambda details: episodes.open(patient.id, details))
    else:
        dialog = EpisodeDialog(
            lambda details: episodes.update(episode.id, details), episode=episode
        )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_bad_input_is_explained_beside_each_field_and_kept(qtbot, episodes, patient):
    dialog = open_dialog(qtbot, episodes, patient)
    dialog.ui.started_on.clear()
    qtbot.keyClicks(dialog.ui.started_on, "2026-02-30")
    qtbot.keyClicks(dialog.ui.referral_source, "Dr Lee")
    qtbot.keyClicks(dialog.ui.referral_date, (date.today() + timedelta(days=3)).isoformat())
    qtbot.keyClicks(dialog.ui.goals, "Walk the dog")
    press_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.saved is None
    assert dialog.ui.condition_error.text().startswith("Name the condition treated")
    assert dialog.ui.started_on_error.text() == "Start date: 2026-02-30 is not a real date."
    assert dialog.ui.referral_date_error.text() == "The referral date is in the future."
    assert dialog.ui.referral_date_hint.text() == "in the future"
    assert not dialog.ui.goals_error.isVisible()
    assert dialog.ui.started_on.text() == "2026-02-30"
    assert dialog.ui.goals.toPlainText() == "Walk the dog"
    assert dialog.focusWidget() is dialog.ui.condition
    assert episodes.for_patient(patient.id) == []


def test_a_start_date_in_another_format_is_explained(qtbot, episodes, patient):
    dialog = open_dialog(qtbot, episodes, patient)
    qtbot.keyClicks(dialog.ui.condition, "Neck pain")
    dialog.ui.started_on.clear()
    qtbot.keyClicks(dialog.ui.started_on, "03/04/2026")
    press_save(qtbot, dialog)
    assert dialog.ui.started_on_error.text() == (
        "Start date: Write the date as YYYY-MM-DD, e.g. 1968-04-23."
    )
    dialog.ui.started_on.clear()
    press_save(qtbot, dialog)
    assert dialog.ui.started_on_error.text() == "Give the date the episode started (YYYY-MM-DD)."
    assert dialog.focusWidget() is dialog.ui.started_on


def test_a_new_episode_starts_today_and_is_stored(qtbot, episodes, patient):
    dialog = open_dialog(qtbot, episodes, patient)
    assert dialog.windowTitle() == "New episode of care"
    assert dialog.focusWidget() is dialog.ui.condition
    assert dialog.ui.started_on.text() == date.today().isoformat()
    assert dialog.ui.started_on_hint.text() == "today"
    qtbot.keyClicks(dialog.ui.condition, "Low back pain with R leg pain")
    qtbot.keyClick(dialog.ui.condition, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.ui.referral_source
    qtbot.keyClicks(dialog.ui.referral_source, "Dr Lee, family physician")
    referred = date.today() - timedelta(days=10)
    qtbot.keyClicks(dialog.ui.referral_date, referred.isoformat())
    assert dialog.ui.referral_date_hint.text() == "10 days ago"
    qtbot.keyClicks(dialog.ui.goals, "Sit through a work day; walk 30 minutes")
    press_save(qtbot, dialog)

    assert not dialog.isVisible()
    current = episodes.current(patient.id)
    assert dialog.saved == current
    assert current.condition == "Low back pain with R leg pain"
    assert (current.started_on, current.referral_date) == (date.today(), referred)
    assert current.referral_source == "Dr Lee, family physician"
    assert current.goals == "Sit through a work day; walk 30 minutes"


def test_editing_starts_from_the_stored_episode(qtbot, episodes, patient):
    started = date.today() - timedelta(days=21)
    episode = episodes.open(patient.id, EpisodeDetails("Neck pain", started, goals="Drive"))
    dialog = open_dialog(qtbot, episodes, patient, episode)
    assert dialog.windowTitle() == "Edit episode of care"
    assert dialog.ui.started_on.text() == started.isoformat()
    assert dialog.ui.started_on_hint.text() == "21 days ago"
    assert dialog.ui.referral_date.text() == ""
    qtbot.keyClick(dialog.ui.goals, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.ui.goals, " 1 h without pain")
    press_save(qtbot, dialog)
    assert episodes.get(episode.id).goals == "Drive 1 h without pain"
    assert len(episodes.for_patient(patient.id)) == 1


def test_tab_order_follows_the_form(qtbot, episodes, patient):
    dialog = open_dialog(qtbot, episodes, patient)
    order = []
    widget = dialog.ui.condition
    for _ in range(5):
        order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    assert order == ["condition", "started_on", "referral_source", "referral_date", "goals"]
