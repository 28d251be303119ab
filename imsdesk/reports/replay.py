"""Fixed text laid out once per process and replayed into every later document.

Most of a take-home summary is the clinic's wording: headings, advice, labels. reportlab
parses, wraps and draws each paragraph anew for every document, although the same text
at the same width always comes out as the same drawing operators. A :class:`Replayed`
flowable draws its paragraph for real the first time and keeps the operators it wrote;
later documents get that size and those operators back, keyed by the text, the style
and the width (an edited template is new text, so it is laid out anew).

Replaying is only safe when the operators mean the same in the new document: the fonts
must have the same names in it and the characters the same codes. Both hold for text
whose every character is in every document's first font subset
(``font_subsets.SAFE_CHARACTERS``: ASCII and the seed) in the fonts every document
registers first (``register_document_fonts``); other text (a therapist's name in another
script) is drawn for real every time.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from imsdesk.reports.font_subsets import SAFE_CHARACTERS

# A line break is no character drawn; every other one has a fixed code in every document.
_SAFE_CHARACTERS = SAFE_CHARACTERS | {"\n"}
_FONT_NAME = re.compile(r"/(F\d+)(?:\+\d+)? [-\d.]+ Tf")
_KEPT = 512  # recordings per process: every paragraph of a few templates and paper sizes


@dataclass(frozen=True)
class _Recording:
    size: tuple[float, float]
    operators: str | None  # None: measured, not yet drawn
    fonts: tuple[tuple[str, str], ...] = ()  # (font name, its name in the document)


_recordings: OrderedDict[Hashable, _Recording] = OrderedDict()


def register_document_fonts(canvas: Any, font_names: tuple[str, ...]) -> None:
    """Give ``font_names`` the first font names in the canvas's document, in this order,
    so replayed text finds its fonts under the names it was recorded with."""
    for name in font_names:
        pdfmetrics.getFont(name).getSubsetInternalName(0, canvas._doc)


class Replayed(Flowable):
    """A flowable whose drawing is recorded once per process for its ``key``.

    ``make`` builds the real flowable (a Paragraph, usually) when it is needed: the first
    time, or when ``text`` has a character that cannot be replayed. ``style`` gives the
    space before and after and keep-with-next, as the real flowable would.
    """

    def __init__(
        self,
        key: Hashable,
        text: str,
        style: ParagraphStyle,
        make: Callable[[], Flowable],
    ) -> None:
        super().__init__()
        self.style = style
        self._key = key
        self._make = make
        self._real: Flowable | None = None
        self._replayable = _SAFE_CHARACTERS.issuperset(text)
        self._width = 0.0

    def _flowable(self) -> Flowable:
        if self._real is None:
            self._real = self._make()
        return self._real

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        recording = _recordings.get((self._key, available_width))
        if recording is not None and self._replayable:
            self.width, self.height = recording.size
            return recording.size
        self.width, self.height = self._flowable().wrap(available_width, available_height)
        if self._replayable and recording is None:
            _remember((self._key, available_width), _Recording((self.width, self.height), None))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Short fixed paragraphs move whole to the next page rather than splitting.
        return []

    def draw(self) -> None:
        canvas = self.canv
        key = (self._key, self._width)
        recording = _recordings.get(key) if self._replayable else None
        document_fonts = canvas._doc.fontMapping
        if (
            recording is not None
            and recording.operators is not None
            and all(document_fonts.get(name) == "/" + own for name, own in recording.fonts)
        ):
            canvas._code.append(recording.operators)
            return
        real = self._flowable()
        real.wrap(self._width, 10_000)
        start = len(canvas._code)
        fonts_before = len(document_fonts)
        real.drawOn(canvas, 0, 0)
        if recording is None or len(document_fonts) != fonts_before:
            return  # not replayable, or it brought in a font: its names are not fixed
        operators = "\n".join(canvas._code[start:])
        owners = {own.lstrip("/"): name for name, own in document_fonts.items()}
        fonts = tuple((owners[own], own) for own in sorted(set(_FONT_NAME.findall(operators))))
        _remember(key, _Recording(recording.size, operators, fonts))


def _remember(key: Hashable, recording: _Recording) -> None:
    _recordings[key] = recording
    _recordings.move_to_end(key)
    while len(_recordings) > _KEPT:
        _recordings.popitem(last=False)
