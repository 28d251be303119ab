"""The spine strip beside the map: scores follow the marks, explain themselves, and
suggestions reach the chart only through a click."""

from pathlib import Path

from PySide6.QtCore import Qt

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.services.mark_commands import SetFinding
from tests.gui.bodymap.conftest import caught_up, click_muscle

SCREENSHOT = (
    Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "segments-strip.png"
)


def test_muscles_clicked_on_the_map_drive_the_strip_and_the_suggested_levels(
    qtbot, draft_visit_page
):
    page = draft_visit_page
    services = page.services
    panel = page.map_panel
    strip = page.segments.strip
    assert strip.analysis is not None and strip.analysis.is_empty

    # Clicked in Shortened mode, as a therapist marks them: right side, back then front.
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.RIGHT)
    click_muscle(qtbot, panel, View.ANTERIOR, "tensor_fasciae_latae", Side.RIGHT)
    click_muscle(qtbot, panel, View.ANTERIOR, "tibialis_anterior", Side.RIGHT)

    marked = {(f.muscle_key, f.side) for f in services.marks.marks(page.record.visit.id).findings}
    assert marked == {
        ("gluteus_medius", Side.RIGHT),
        ("tensor_fasciae_latae", Side.RIGHT),
        ("tibialis_anterior", Side.RIGHT),
    }
    right = strip.analysis.ranked(Side.RIGHT)
    assert {s.level for s in right[:2]} == {SpinalLevel.L4, SpinalLevel.L5}
    assert strip.analysis.ranked(Side.LEFT) == ()  # right marks never score on the left
    text = page.segments.suggestions.text()
    assert "Consider the L4 right paraspinal" in text
    assert "Consider the L5 right paraspinal" in text
    assert "L5 right is implicated by tibialis anterior, gluteus medius" in text
    assert "also check extensor hallucis longus" in text

    qtbot.mouseClick(
        strip, Qt.MouseButton.LeftButton, pos=strip.cell_center(SpinalLevel.L5, Side.RIGHT)
    )
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(SCREENSHOT))


def test_marks_drive_the_strip_and_a_suggested_paraspinal_is_marked_on_click(
    qtbot, draft_visit_page
):
    page = draft_visit_page
    services = page.services
    visit_id = page.record.visit.id
    for key in ("gluteus_medius", "tensor_fasciae_latae", "tibialis_anterior"):
        page.map_panel.run(
            SetFinding(
                visit_id, key, Side.RIGHT, None, MuscleFinding(key, Side.RIGHT, Severity.MARKED)
            )
        )
    caught_up(qtbot, page.map_panel)  # the strip follows the map on the next turn
    analysis = page.segments.analysis
    assert analysis.score(SpinalLevel.L5, Side.RIGHT).score > 0
    assert analysis.score(SpinalLevel.L5, Side.LEFT).score == 0
    assert "L4 right paraspinal" in page.segments.suggestions.text()

    strip = page.segments.strip
    qtbot.mouseClick(
        strip, Qt.MouseButton.LeftButton, pos=strip.cell_center(SpinalLevel.L5, Side.RIGHT)
    )
    assert page.segments.explanation.text().startswith("L5 right")
    assert "gluteus medius" in page.segments.explanation.text()
    assert page.segments.mark_button.text() == "Mark paraspinal L5 right"
    # The level's myotome is outlined on the map, on the patient's right only.
    highlighted = page.map_panel.highlighted
    assert ("gluteus_medius", Side.RIGHT) in highlighted
    assert ("extensor_hallucis_longus", Side.RIGHT) in highlighted
    assert all(side is Side.RIGHT for _, side in highlighted)
    scene = page.map_panel.scene_for(page.map_panel.current_view())
    assert scene.highlighted == highlighted

    page.segments.mark_button.click()
    stored = services.marks.marks(visit_id)
    assert stored.finding("paraspinal_l5", Side.RIGHT) is not None
    page.map_panel.undo_stack.undo()  # one undo takes the suggestion back off the chart
    assert services.marks.marks(visit_id).finding("paraspinal_l5", Side.RIGHT) is None


def test_exam_signs_recorded_from_the_strip_raise_their_level(qtbot, draft_visit_page):
    page = draft_visit_page
    services, window = page.services, page.window()
    sign = ExamSign(SpinalLevel.C6, Side.LEFT, SignKind.PARASPINAL_TENDERNESS)
    page.segments.set_sign(sign, True)
    assert services.exam_signs.signs(page.record.visit.id) == [sign]
    assert page.segments.analysis.score(SpinalLevel.C6, Side.LEFT).score == 1
    assert "Recorded paraspinal tenderness at C6 left" in window.statusBar().currentMessage()


def test_the_strip_works_from_the_keyboard(qtbot, draft_visit_page):
    segments = draft_visit_page.segments
    strip = segments.strip
    strip.setFocus()
    qtbot.keyClick(strip, Qt.Key.Key_Down)  # nothing chosen yet: the first level
    assert strip.selected == (SpinalLevel.C1, Side.LEFT)
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    qtbot.keyClick(strip, Qt.Key.Key_Right)  # stays on the right column
    for _ in range(4):
        qtbot.keyClick(strip, Qt.Key.Key_Down)
    assert strip.selected == (SpinalLevel.C5, Side.RIGHT)
    assert segments.explanation.text().startswith("C5 right")
    assert ("deltoid_middle", Side.RIGHT) in draft_visit_page.map_panel.highlighted
    qtbot.keyClick(strip, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = segments.context_menu
    assert menu.isVisible() and "Tender motor point" in [a.text() for a in menu.actions()]
    menu.close()
