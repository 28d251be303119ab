"""Lines broken for the take-home summary: every line fits its column, words stay whole
where they can, and a word longer than the column breaks after a hyphen if it has one."""

from __future__ import annotations

from imsdesk.reports.fonts import register_fonts
from imsdesk.reports.paper import INK
from imsdesk.reports.typeset import TextStyle, lines, text_width


def style(bold: bool = False) -> TextStyle:
    fonts = register_fonts()
    return TextStyle(fonts.bold if bold else fonts.regular, 10, 13.5, INK)


def fits(drawn: tuple[str, ...], st: TextStyle, width: float) -> bool:
    return all(text_width(line, st.font, st.size) <= width + 1 for line in drawn)


def test_words_are_kept_whole_and_typed_line_breaks_kept():
    st = style()
    text = "Soreness where the needles went in is common\nin the day or two after treatment."
    drawn = lines(text, st, 150)
    assert " ".join(drawn) == text.replace("\n", " ")
    # The typed break ends a line, whatever room is left on it.
    assert any(line.endswith("common") for line in drawn)
    assert any(line.startswith("in the day") for line in drawn)
    assert fits(drawn, st, 150)


def test_a_double_barrelled_name_too_long_for_its_column_breaks_after_a_hyphen():
    st = style(bold=True)
    name = "Maximiliana-Guðrún-Ólafsdóttir-Łukasiewicz-Nguyễn-van-Müller"
    drawn = lines(name, st, 190)
    assert "".join(drawn) == name
    assert all(line.endswith("-") for line in drawn[:-1])
    assert fits(drawn, st, 190)


def test_a_word_without_hyphens_longer_than_the_column_is_cut_to_fit():
    st = style()
    drawn = lines("x" * 120, st, 100)
    assert "".join(drawn) == "x" * 120 and len(drawn) > 1
    assert fits(drawn, st, 100)
