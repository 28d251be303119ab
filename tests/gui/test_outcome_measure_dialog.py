"""The outcome-measure dialog: one box per item, scored live by the domain, saved by the service."""

from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from imsdesk.domain.outcomes import INSTRUMENTS, InstrumentKey
from imsdesk.gui.outcome_measure_dialog import OutcomeMeasureDialog
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.visit_record import VisitRecordService
from tests.support.charting import record_clear_screen

ODI_EXAMPLE = "2132121022"  # [2, 1, 3, 2, 1, 2, 1, 0, 2, 2]: 16 / 50 = 32 %


@pytest.fixture
def outcomes(chart) -> OutcomeService:
    return OutcomeService(chart[0])


def open_dialog(qtbot, outcomes, visit, instrument=None) -> OutcomeMeasureDialog:
    dialog = OutcomeMeasureDialog(partial(outcomes.record, visit.id), instrument=instrument)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_keys(qtbot, keys: str) -> None:
    """Type as a person would: each key goes wherever the focus is at that moment."""
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def save_button(dialog):
    return dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_the_odi_worked_example_scores_32_percent_as_typed_and_is_stored(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit)
    assert QApplication.focusWidget() is dialog.ui.instrument
    assert not save_button(dialog).isEnabled()
    type_keys(qtbot, "O")  # the combo jumps to the ODI
    assert dialog.instrument().key is InstrumentKey.ODI
    press(qtbot, Qt.Key.Key_Tab)
    form = dialog.current_form()
    assert QApplication.focusWidget() is form.edits[0]
    type_keys(qtbot, ODI_EXAMPLE[:5])
    assert dialog.ui.score.text() == "Not scored"  # 5 of 10: the ODI's own refusal
    assert "ODI needs at least 9 of 10 sections" in dialog.ui.score_detail.text()
    type_keys(qtbot, ODI_EXAMPLE[5:])  # each box moves on to the next by itself

    assert [e.text() for e in form.edits] == list(ODI_EXAMPLE)
    assert dialog.ui.score.text() == "32 %"
    assert dialog.ui.score_detail.text() == "Higher is worse. All 10 sections answered."
    assert QApplication.focusWidget() is save_button(dialog)
    press(qtbot, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    [stored] = outcomes.for_visit(visit.id)
    assert dialog.saved == stored
    assert stored.instrument is InstrumentKey.ODI
    assert stored.answers == (2, 1, 3, 2, 1, 2, 1, 0, 2, 2)
    assert stored.score == 32.0


def test_a_quickdash_with_two_blank_items_is_refused_and_cannot_be_saved(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit, "quickdash")
    type_keys(qtbot, "123451234")  # items 1–9; 10 and 11 left blank

    assert dialog.ui.score.text() == "Not scored"
    assert dialog.ui.score_detail.text() == (
        "QuickDASH needs at least 10 of 11 items answered; 9 were answered."
    )
    assert not save_button(dialog).isEnabled()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_Return)  # Enter from the box does not save either
    assert dialog.isVisible() and dialog.saved is None
    assert outcomes.for_visit(visit.id) == []

    # Enter moved on to item 11; one more answer, and the QuickDASH's rule allows a score
    # from the ten answered: (30 / 10 - 1) x 25.
    type_keys(qtbot, "5")
    assert dialog.current_form().edits[10].text() == "5"
    assert dialog.ui.score.text() == "50 / 100"
    assert "1 item left blank" in dialog.ui.score_detail.text()
    assert save_button(dialog).isEnabled()


def test_an_answer_outside_the_range_is_explained_beside_its_box_and_kept(qtbot, outcomes, chart):
    dialog = open_dialog(qtbot, outcomes, chart[3], "odi")
    form = dialog.current_form()
    type_keys(qtbot, "213")
    type_keys(qtbot, "7")  # section 4 runs 0–5

    assert form.edits[3].text() == "7"
    assert form.hints[3].text() == "outside 0–5" and form.hints[3].isVisible()
    assert QApplication.focusWidget() is form.edits[3]  # no moving on from a bad answer
    assert dialog.ui.score_detail.text() == "ODI section 4 is 7; answers run from 0 to 5."
    assert not save_button(dialog).isEnabled()
    type_keys(qtbot, "x")  # not a number: the box refuses it
    assert form.edits[3].text() == "7"

    press(qtbot, Qt.Key.Key_Backspace)
    type_keys(qtbot, "2")
    assert form.hints[3].text() == ""
    assert QApplication.focusWidget() is form.edits[4]


def test_one_blank_odi_section_is_scored_by_the_odi_rule(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit, "odi")
    type_keys(qtbot, "2132121")
    press(qtbot, Qt.Key.Key_Tab)  # section 8 (sex life) left blank, as patients may
    type_keys(qtbot, "22")
    assert dialog.ui.score.text() == "35.6 %"  # 16 / 45
    assert "1 section left blank" in dialog.ui.score_detail.text()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    [stored] = outcomes.for_visit(visit.id)
    assert stored.answers[7] is None
    assert stored.score == pytest.approx(16 / 45 * 100)


def test_the_ndi_shows_points_out_of_fifty_and_the_percentage(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit, "ndi")
    type_keys(qtbot, ODI_EXAMPLE)
    assert dialog.ui.score.text() == "16 / 50  (32 %)"
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert [s.score for s in outcomes.for_visit(visit.id)] == [16.0]


def test_the_psfs_takes_named_activities_and_scores_their_mean(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit, "psfs")
    form = dialog.current_form()
    assert QApplication.focusWidget() is form.names[0]
    for name, rating in (("Sitting 1 h", "3"), ("Lifting a child", "5"), ("Jogging", "4")):
        type_keys(qtbot, name)
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, rating)
        press(qtbot, Qt.Key.Key_Return)  # Enter moves on to the next activity
    assert dialog.ui.score.text() == "4 / 10"
    assert dialog.ui.score_detail.text() == "Higher is better. Mean of 3 rated activities."

    # A rating without its activity cannot be stored: it is pointed out beside the row.
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "10")
    assert form.hints[3].text() == "name it"
    assert "Activity 4 has a rating but no name." in dialog.ui.score_detail.text()
    assert not save_button(dialog).isEnabled()
    form.names[3].setFocus()
    type_keys(qtbot, "Stairs")
    assert dialog.ui.score.text() == "5.5 / 10"
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    [stored] = outcomes.for_visit(visit.id)
    assert stored.activities == ("Sitting 1 h", "Lifting a child", "Jogging", "Stairs")
    assert stored.answers == (3, 5, 4, 10)
    assert stored.score == 5.5


def test_a_single_rating_is_typed_and_saved_with_enter(qtbot, outcomes, chart):
    visit = chart[3]
    dialog = open_dialog(qtbot, outcomes, visit, "nprs")
    type_keys(qtbot, "6")
    assert dialog.ui.score.text() == "6 / 10"
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [(s.instrument, s.score) for s in outcomes.for_visit(visit.id)] == [
        (InstrumentKey.NPRS, 6.0)
    ]


def test_switching_questionnaire_keeps_what_was_typed(qtbot, outcomes, chart):
    dialog = open_dialog(qtbot, outcomes, chart[3], "odi")
    type_keys(qtbot, "213")
    combo = dialog.ui.instrument
    combo.setCurrentIndex(combo.findData("lefs"))
    assert dialog.ui.score.text() == "—"
    combo.setCurrentIndex(combo.findData("odi"))
    assert [e.text() for e in dialog.current_form().edits[:4]] == ["2", "1", "3", ""]


def test_items_are_numbered_with_section_titles_only(qtbot, outcomes, chart):
    dialog = open_dialog(qtbot, outcomes, chart[3])
    combo = dialog.ui.instrument
    titles = {}
    for key in INSTRUMENTS:
        combo.setCurrentIndex(combo.findData(key.value))
        form = dialog.current_form()
        assert len(form.edits) == INSTRUMENTS[key].item_count
        titles[key] = [edit.accessibleName() for edit in form.edits]
    assert titles[InstrumentKey.ODI][:2] == ["1 Pain intensity", "2 Personal care"]
    assert titles[InstrumentKey.ODI][9] == "10 Travelling"
    assert titles[InstrumentKey.NDI][3:5] == ["4 Reading", "5 Headaches"]
    assert titles[InstrumentKey.QUICKDASH][0] == "Item 1"
    assert titles[InstrumentKey.LEFS][19] == "Item 20"
    # Short titles, never the questionnaires' own wording.
    assert all(len(t) <= 45 for names in titles.values() for t in names)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("odi", ("0–100 %", "higher is worse", "One section may be missed")),
        ("lefs", ("0–80", "higher is better", "All 20 items must be answered")),
        ("ndi", ("0–50", "higher is worse")),
    ],
)
def test_the_score_range_direction_and_blank_item_rule_are_shown(
    qtbot, outcomes, chart, key, shown
):
    dialog = open_dialog(qtbot, outcomes, chart[3], key)
    for text in shown:
        assert text in dialog.ui.about.text()


def test_a_signed_visit_refuses_the_score_and_the_dialog_says_so(qtbot, outcomes, chart):
    db, patient, therapist, visit = chart
    dialog = open_dialog(qtbot, outcomes, visit, "nprs")
    record_clear_screen(db, patient.id, therapist.id)
    records = VisitRecordService(db)
    for field in ("needles_used", "needles_removed"):
        records.save_field(visit.id, field, 0)
    records.sign(visit.id, therapist.id)

    type_keys(qtbot, "6")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved is None
    assert "signed" in dialog.ui.save_error.text() and dialog.ui.save_error.isVisible()
    assert dialog.current_form().edits[0].text() == "6"


def test_the_dialog_fits_a_small_laptop_screen(qtbot, outcomes, chart):
    dialog = open_dialog(qtbot, outcomes, chart[3], "lefs")
    assert dialog.width() <= 1366 and dialog.height() <= 700
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
