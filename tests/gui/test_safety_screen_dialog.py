"""The safety screen: every question answered on purpose, a live summary, consent recorded."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QScrollArea

from imsdesk.domain.screening import QUESTION_KEYS, SCREEN_QUESTIONS, ScreenKind
from imsdesk.gui.safety_screen_dialog import (
    DEFAULT_EXPLANATION,
    KIND_HEADINGS,
    SHORT_LABELS,
    SafetyScreenDialog,
)
from imsdesk.services.screening import ScreeningService
from tests.support.charting import clear_screen
from tests.support.qt import press_save


@pytest.fixture
def screening(chart) -> ScreeningService:
    return ScreeningService(chart[0])


def open_dialog(qtbot, screening, chart) -> SafetyScreenDialog:
    _, patient, therapist, visit = chart
    dialog = SafetyScreenDialog(
        lambda screen: screening.record(patient.id, therapist.id, screen, visit_id=visit.id),
        previous=screening.latest(patient.id),
    )
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_no_question_is_answered_until_someone_answers_it(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    assert len(dialog.rows) == len(SCREEN_QUESTIONS)
    for row in dialog.rows:
        assert not row.yes.isChecked() and not row.no.isChecked()
        assert row.state.text() == "not answered" and row.state.isVisible()
    assert not dialog.ui.consent_yes.isChecked() and not dialog.ui.consent_no.isChecked()
    assert f"{len(SCREEN_QUESTIONS)} questions not answered yet." in dialog.ui.summary.text()
    assert "Consent not recorded yet." in dialog.ui.summary.text()
    assert "this is the first" in dialog.ui.previous.text()
    assert not dialog.ui.use_previous.isEnabled()


def test_a_screen_is_answered_with_y_and_n_and_read_back(qtbot, screening, chart):
    _, patient, _, _ = chart
    dialog = open_dialog(qtbot, screening, chart)
    assert QApplication.focusWidget() is dialog.rows[0].yes
    for question in SCREEN_QUESTIONS:
        press(qtbot, Qt.Key.Key_Y if question.key in ("anticoagulants", "needle_phobia") else "n")
    assert QApplication.focusWidget() is dialog.ui.consent_yes  # on to consent
    assert dialog.ui.summary.text().startswith(
        "<b>2 precautions:</b> anticoagulants, fear of needles"
    )
    press(qtbot, Qt.Key.Key_Y)
    assert QApplication.focusWidget() is dialog.ui.given_by
    assert dialog.ui.given_by.text() == "patient"
    assert dialog.ui.explained.toPlainText() == DEFAULT_EXPLANATION
    dialog.ui.notes.setFocus()
    qtbot.keyClicks(dialog.ui.notes, "Apixaban 5 mg; gentle technique, pressure after.")
    press_save(qtbot, dialog)

    assert not dialog.isVisible()
    stored = screening.latest(patient.id)
    assert dialog.saved == stored
    assert stored.answers == {k: k in ("anticoagulants", "needle_phobia") for k in QUESTION_KEYS}
    assert [q.key for q in stored.positives()] == ["anticoagulants", "needle_phobia"]
    assert stored.consent.given and stored.consent.given_by == "patient"
    assert "pneumothorax" in stored.consent.explained
    assert stored.notes == "Apixaban 5 mg; gentle technique, pressure after."
    assert stored.recorded_by_name == "Alex Morgan" and stored.allows_needling


def test_a_contraindication_reads_do_not_needle_on_its_row_and_in_the_summary(
    qtbot, screening, chart
):
    dialog = open_dialog(qtbot, screening, chart)
    infection = dialog.row("local_infection")
    qtbot.mouseClick(infection.yes, Qt.MouseButton.LeftButton)
    assert infection.state.text() == "Do not needle"
    assert dialog.ui.summary.text().startswith("<b>Do not needle:</b> infection at a planned site")
    phobia = dialog.row("needle_phobia")
    qtbot.mouseClick(phobia.yes, Qt.MouseButton.LeftButton)
    assert phobia.state.text() == "Precaution"
    qtbot.mouseClick(dialog.ui.consent_no, Qt.MouseButton.LeftButton)
    assert (
        "<b>Do not needle:</b> infection at a planned site, consent refused"
        in dialog.ui.summary.text()
    )
    assert "<b>1 precaution:</b> fear of needles" in dialog.ui.summary.text()
    qtbot.mouseClick(infection.no, Qt.MouseButton.LeftButton)
    assert infection.state.text() == ""


def test_contraindications_and_precautions_differ_in_words_and_icons(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    headings = [
        dialog.ui.answers_content.findChild(type(dialog.ui.previous), f"heading_{kind.value}")
        for kind in ScreenKind
    ]
    assert [h.text() for h in headings] == [KIND_HEADINGS[k] for k in ScreenKind]
    for row in dialog.rows:
        assert row.icon.toolTip() == row.question.kind.label
        assert row.question.kind.label in row.yes.toolTip()
    stop, caution = dialog.row("local_infection"), dialog.row("pregnancy")
    assert stop.icon.pixmap().toImage() != caution.icon.pixmap().toImage()
    # Every question has a short name for the summary line.
    assert set(SHORT_LABELS) == set(QUESTION_KEYS)


def test_unanswered_questions_and_missing_consent_are_pointed_out_and_nothing_is_lost(
    qtbot, screening, chart
):
    _, patient, _, _ = chart
    dialog = open_dialog(qtbot, screening, chart)
    for _ in range(5):
        press(qtbot, Qt.Key.Key_N)
    dialog.ui.notes.setFocus()
    qtbot.keyClicks(dialog.ui.notes, "Asked about pregnancy: not sure.")
    dialog.ui.given_by.clear()
    press_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.saved is None
    assert screening.latest(patient.id) is None
    assert dialog.ui.answers_error.isVisible()
    assert dialog.ui.answers_error.text().startswith("Answer every question (13 left")
    assert dialog.ui.consent_given_error.text() == "Record whether consent was given: Yes or No."
    assert "Say who gave or refused consent" in dialog.ui.given_by_error.text()
    assert dialog.ui.notes.toPlainText() == "Asked about pregnancy: not sure."
    assert [r.answer() for r in dialog.rows[:5]] == [False] * 5
    # The first unanswered question has the cursor, and says so on its row.
    assert QApplication.focusWidget() is dialog.rows[5].yes
    assert dialog.rows[5].state.text() == "not answered"

    for _ in range(13):
        press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_Y)  # consent
    qtbot.keyClicks(dialog.ui.given_by, "patient")
    press_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert screening.latest(patient.id).notes == "Asked about pregnancy: not sure."


def test_consent_needs_what_was_explained(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    for row in dialog.rows:
        qtbot.mouseClick(row.no, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ui.consent_yes, Qt.MouseButton.LeftButton)
    dialog.ui.explained.clear()
    press_save(qtbot, dialog)
    assert dialog.ui.explained_error.text() == (
        "Record what was explained before consent was given."
    )
    assert not dialog.ui.answers_error.isVisible()
    assert QApplication.focusWidget() is dialog.ui.explained


def test_arrow_keys_move_between_questions(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.rows[2].yes
    press(qtbot, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is dialog.rows[1].yes
    assert all(row.answer() is None for row in dialog.rows)


def test_the_previous_screen_is_shown_and_its_answers_can_be_the_start(qtbot, screening, chart):
    _, patient, therapist, _ = chart
    screening.record(patient.id, therapist.id, clear_screen(anticoagulants=True))
    dialog = open_dialog(qtbot, screening, chart)
    shown = dialog.ui.previous.text()
    assert f"{date.today().isoformat()} (today) by Alex Morgan" in shown
    assert "1 precaution:</b> anticoagulants" in shown

    qtbot.mouseClick(dialog.ui.use_previous, Qt.MouseButton.LeftButton)
    assert dialog.answers() == clear_screen(anticoagulants=True).answers
    assert dialog.consent_given() is None  # consent is asked again, every time
    assert not dialog.ui.use_previous.isEnabled()
    assert QApplication.focusWidget() is dialog.rows[0].no

    press(qtbot, Qt.Key.Key_N)
    press(qtbot, Qt.Key.Key_Y)  # second question now yes: fever today
    press_save(qtbot, dialog)
    assert dialog.ui.consent_given_error.isVisible()
    dialog.ui.consent_yes.setFocus()
    press(qtbot, Qt.Key.Key_Y)
    press_save(qtbot, dialog)
    stored = screening.latest(patient.id)
    assert [q.key for q in stored.positives()] == ["systemic_infection", "anticoagulants"]
    assert not stored.allows_needling


def test_the_dialog_fits_a_1366_by_768_screen(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    assert dialog.width() <= 1366 and dialog.height() <= 700
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    assert isinstance(dialog.ui.answers, QScrollArea)  # smaller windows scroll the questions


def test_tab_stops_once_per_question_then_runs_through_consent(qtbot, screening, chart):
    dialog = open_dialog(qtbot, screening, chart)
    qtbot.mouseClick(dialog.rows[1].no, Qt.MouseButton.LeftButton)
    dialog.rows[0].yes.setFocus()
    order = []
    for _ in range(len(SCREEN_QUESTIONS) + 6):
        order.append(QApplication.focusWidget())
        press(qtbot, Qt.Key.Key_Tab)
    buttons = dialog.ui.buttons
    assert order == [
        *(row.focus_target() for row in dialog.rows),  # the chosen answer, else Yes
        dialog.ui.consent_yes,
        dialog.ui.given_by,
        dialog.ui.explained,
        dialog.ui.notes,
        buttons.button(QDialogButtonBox.StandardButton.Save),
        buttons.button(QDialogButtonBox.StandardButton.Cancel),
    ]
    assert order[1] is dialog.rows[1].no
    assert all(row.answer() is None for row in dialog.rows if row is not dialog.rows[1])
