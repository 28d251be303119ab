"""Marks that would cover each other are drawn apart, without Qt: where each is drawn, as
pixels from its own point, which never changes."""

from __future__ import annotations

import itertools
import math

from imsdesk.gui.bodymap.spread import GAP, Kind, Mark, Spreader

NEEDLE_R = 6.5


def needle(x: float, y: float) -> Mark:
    return Mark(x, y, NEEDLE_R, NEEDLE_R, Kind.NEEDLE)


def badge(x: float, y: float, lean: float = 0.0) -> Mark:
    return Mark(x, y, 16.0, 7.0, Kind.BADGE, lean)


def drawn(spreader: Spreader, marks: dict, scale: float) -> dict:
    """Each mark's box as drawn: (centre x, centre y, half width, half height), pixels."""
    return {
        key: (
            m.x * scale + spreader.offset(key)[0],
            m.y * scale + spreader.offset(key)[1],
            m.half_width,
            m.half_height,
        )
        for key, m in marks.items()
    }


def overlapping(boxes: dict) -> list:
    """Pairs drawn over each other (by more than the rounding of an offset): needle
    markers are round, badges are boxes."""
    return [
        (a, b)
        for (a, one), (b, two) in itertools.combinations(boxes.items(), 2)
        if abs(one[0] - two[0]) < one[2] + two[2] + GAP - 0.3
        and abs(one[1] - two[1]) < one[3] + two[3] + GAP - 0.3
        and not (
            one[2] == one[3] == two[2] == two[3] == NEEDLE_R
            and math.hypot(one[0] - two[0], one[1] - two[1]) >= 2 * NEEDLE_R + GAP - 0.3
        )
    ]


def spread(marks: dict, scale: float = 1.0) -> Spreader:
    spreader = Spreader()
    for key, mark in marks.items():
        spreader.put(key, mark)
    spreader.set_scale(scale)
    return spreader


def test_needles_on_one_spot_are_drawn_side_by_side():
    marks = {n: needle(100, 100) for n in range(3)}
    spreader = spread(marks)
    boxes = drawn(spreader, marks, 1.0)
    assert overlapping(boxes) == []
    assert {round(b[1], 1) for b in boxes.values()} == {100.0}  # a row, level with the point
    assert sum(b[0] for b in boxes.values()) / 3 == 100  # round the point itself


def test_paraspinal_needles_a_level_apart_stay_a_column_in_their_order():
    marks = {level: needle(200, 100 + 8 * n) for n, level in enumerate(["L3", "L4", "L5", "S1"])}
    spreader = spread(marks)
    boxes = drawn(spreader, marks, 1.0)
    assert overlapping(boxes) == []
    assert {b[0] for b in boxes.values()} == {200.0}  # not one moved sideways
    ys = [boxes[level][1] for level in ["L3", "L4", "L5", "S1"]]
    assert ys == sorted(ys)


def test_a_badge_moves_sideways_off_needles_away_from_the_midline_and_needles_stay_put():
    marks = {"needle": needle(100, 100), "left badge": badge(100, 100, lean=-1.0)}
    spreader = spread(marks)
    assert spreader.offset("needle") == (0.0, 0.0)
    dx, dy = spreader.offset("left badge")
    assert dx < 0 and dy == 0
    marks = {"needle": needle(100, 100), "right badge": badge(100, 100, lean=1.0)}
    assert spread(marks).offset("right badge")[0] > 0


def test_marks_clear_of_each_other_are_not_moved_and_a_zoom_in_separates_them():
    marks = {"a": needle(100, 100), "b": needle(110, 100)}
    assert spread(marks, scale=2.0).offset("a") == (0.0, 0.0)  # 20 px apart: clear
    squeezed = spread(marks, scale=0.5)  # 5 px apart: drawn apart
    assert squeezed.offset("a")[0] < 0 < squeezed.offset("b")[0]


def test_adding_and_removing_one_mark_gives_what_placing_all_afresh_gives():
    marks = {("n", n): needle(100 + 3 * (n % 4), 100 + 9 * (n // 4)) for n in range(10)}
    marks |= {("b", n): badge(102 + 40 * n, 105, lean=1.0) for n in range(3)}
    live = Spreader()
    live.set_scale(1.0)
    for key, mark in marks.items():
        live.put(key, mark)
    assert overlapping(drawn(live, marks, 1.0)) == []
    fresh = spread(marks)
    assert {k: live.offset(k) for k in marks} == {k: fresh.offset(k) for k in marks}
    live.remove(("n", 9))
    del marks[("n", 9)]
    fresh = spread(marks)
    assert {k: live.offset(k) for k in marks} == {k: fresh.offset(k) for k in marks}


def test_a_crowd_too_big_to_sort_out_is_left_for_zooming_in():
    marks = {n: needle(100, 100) for n in range(40)}
    spreader = spread(marks)
    assert all(spreader.offset(n) == (0.0, 0.0) for n in marks)


def test_a_badge_moves_off_the_drawings_own_words_which_never_move():
    level_name = Mark(90, 100, 6.0, 4.0, Kind.LABEL)  # in drawing units: it zooms
    marks = {"L4": level_name, "badge": badge(95, 100, lean=-1.0), "needle": needle(100, 100)}
    spreader = spread(marks, scale=2.0)
    assert spreader.offset("L4") == (0.0, 0.0)
    assert spreader.offset("needle") == (0.0, 0.0)  # a needle keeps its point over words
    label = (90 * 2, 100 * 2, 12.0, 8.0)
    drawn_badge = drawn(spreader, {"badge": marks["badge"]}, 2.0)["badge"]
    assert overlapping({"label": label, "badge": drawn_badge}) == []
    assert drawn_badge[1] == 200  # level with its muscle
