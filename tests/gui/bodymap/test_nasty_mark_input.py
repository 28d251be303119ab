"""Odd text typed into a mark's note and a needle's gauge beside the body map: stored
exactly, or refused in the map's banner with nothing saved."""

from __future__ import annotations

import pytest

from imsdesk.domain.anatomy import Side, View
from imsdesk.gui.bodymap.view import Mode
from imsdesk.services.marks import MarkService
from tests.gui.bodymap.conftest import click_muscle

CONTROL = "control characters; paste it as plain text."


def stored_value(marks: MarkService, visit_id: int, target: str, field: str) -> object:
    current = marks.marks(visit_id)
    if target == "finding":
        return current.findings[0].note
    return getattr(current.needles[0], field)


@pytest.mark.parametrize(
    ("target", "field", "typed", "refusal"),
    [
        ("finding", "note", "טבעת מתוחה 🦵 حزمة مشدودة", None),
        ("finding", "note", "taut\x00band", f"The note contains {CONTROL}"),
        ("finding", "note", "n" * 2001, "A note is at most 2000 characters."),
        ("needle", "note", "deep ache 😖 reproduced", None),
        ("needle", "note", "ache\x1b[0m", f"The note contains {CONTROL}"),
        ("needle", "gauge", "٠٫٣٠ mm", None),
        ("needle", "gauge", "0.3\x00", f"The needle gauge contains {CONTROL}"),
        (
            "needle",
            "gauge",
            "0.30 mm, extra long",
            "Needle gauge is at most 16 characters (e.g. 0.25 mm or 32G).",
        ),
    ],
    ids=[
        "finding-note-rtl-emoji",
        "finding-note-nul",
        "finding-note-2001",
        "needle-note-emoji",
        "needle-note-escape",
        "gauge-arabic-digits",
        "gauge-nul",
        "gauge-17",
    ],
)
def test_a_typed_mark_detail_is_stored_exactly_or_refused_in_the_banner(
    qtbot, make_panel, marks: MarkService, visit_id: int, target, field, typed, refusal
):
    panel = make_panel()
    panel.set_mode(Mode.NEEDLE if target == "needle" else Mode.SHORTENED)
    click_muscle(qtbot, panel, View.POSTERIOR, "gluteus_medius", Side.LEFT)
    before = stored_value(marks, visit_id, target, field)
    editor = panel.list.editor
    if field == "gauge":
        editor.gauge.setCurrentText(typed)
        editor.gauge.lineEdit().editingFinished.emit()
    else:
        box = editor.finding_note if target == "finding" else editor.needle_note
        box.setFocus()
        box.clear()
        box.insert(typed)  # as a paste delivers it
        box.editingFinished.emit()
    if refusal is None:
        assert stored_value(marks, visit_id, target, field) == typed
        assert not panel.banner.isVisible()
    else:
        assert stored_value(marks, visit_id, target, field) == before
        assert panel.banner.isVisible()
        assert panel.banner.text() == f"Not saved: {refusal}"
