"""A Unicode font embedded in every document, so "Nguyễn" and "Łukasiewicz" print as typed.

reportlab's built-in fonts cover Latin-1 only. imsdesk uses DejaVu Sans, the TrueType
family matplotlib ships in ``mpl-data/fonts/ttf`` (matplotlib is a dependency anyway and
its charts use the same face, so text and charts match). The files are found without
importing matplotlib, which would cost start-up time. DejaVu Sans covers Latin, Greek,
Cyrillic, Armenian, Georgian and Hebrew; it has no Chinese, Japanese or Korean glyphs.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

FAMILY = "DejaVuSans"
_FILES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}


class FontError(RuntimeError):
    """The document font cannot be found; the message says where it was looked for."""


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str


def font_folder() -> Path:
    """matplotlib's bundled TrueType folder, located without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontError("matplotlib is not installed; its DejaVu fonts are needed to print.")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    missing = [name for name in _FILES.values() if not (folder / name).is_file()]
    if missing:
        raise FontError(f"The document font {missing[0]} is missing from {folder}.")
    return folder


@functools.cache
def register_fonts() -> Fonts:
    """Register DejaVu Sans (four styles) with reportlab once per process; return the names.

    reportlab embeds a subset of each TrueType font it uses (a /FontFile2 stream), so the
    PDF prints the same on any computer; ``font_subsets`` makes each subset once.
    """
    from reportlab.pdfbase import pdfmetrics

    from imsdesk.reports.font_subsets import EmbeddedFont

    folder = font_folder()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(EmbeddedFont(name, str(folder / filename)))
    names = Fonts("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
    # <b> and <i> inside a paragraph find the matching face through the family.
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal=names.regular,
        bold=names.bold,
        italic=names.italic,
        boldItalic=names.bold_italic,
    )
    return names
