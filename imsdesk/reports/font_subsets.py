"""The embedded font's subsets, made once per process and reused by every document.

reportlab embeds a TrueType font as subsets of at most 256 characters, numbered in the
order a document first uses them, and makes each subset anew for every document:
cutting the glyphs out of the font file, compressing them and writing the widths, about
a third of a take-home summary's build time. Two things make that work reusable:

- Every document's subsets start with the same characters in the same order (ASCII,
  then ``SEED``: the accented Latin letters and the punctuation the documents print), so
  two documents that use no other characters have identical subsets.
- A subset's PDF objects (font file, widths, ToUnicode map) depend only on its list of
  characters, so they are formatted once per list and kept.

A name in another script adds its characters after the seed: that document's subsets
are made for it (and kept for a reprint), as reportlab always did. The seeded letters a
document does not use make its file a few kilobytes larger.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

# Latin-1 letters (Western European names), then typographic marks the documents use.
SEED = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷") + "–—‘’“”•·…⚠°±×"
# Characters with the same code in every document: ASCII (reportlab keeps its codes) and
# the seed. Text made only of these draws the same operators in any document.
SAFE_CHARACTERS = frozenset(chr(c) for c in range(32, 127)) | frozenset(SEED)
_CACHED_SUBSETS = 64  # per face: the usual seeded subset, and reprints of other scripts


class _Preformatted(pdfdoc.PDFObject):
    """A PDF object already written out. A new one per document (reportlab marks each
    object with its name in the document), around the same bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


@dataclass(frozen=True)
class _SubsetObjects:
    """One subset's objects as bytes."""

    font_file: bytes
    to_unicode: bytes
    widths: bytes


class _SeededStates(weakref.WeakKeyDictionary):  # type: ignore[type-arg]
    """reportlab's per-document subset state, begun with the seed for a new document."""

    def __init__(self, font: EmbeddedFont) -> None:
        super().__init__()
        self._font = weakref.ref(font)

    def __getitem__(self, document: Any) -> Any:
        try:
            return super().__getitem__(document)
        except KeyError:
            font = self._font()
            if font is None:
                raise
            state = TTFont.State(font._asciiReadable, font)
            self[document] = state
            font.splitString(SEED, document)  # assigns the seed's codes in a fixed order
            return state


@dataclass(frozen=True)
class Subset:
    """One subset a document used: its font's PDF name and its objects as bytes."""

    base_name: str  # "AAAAAA+DejaVuSans"
    last_code: int
    objects: _SubsetObjects


class EmbeddedFont(TTFont):
    """A TrueType font whose subsets start alike in every document and are made once."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.state = _SeededStates(self)
        # Per font, so two faces never share an entry; bounded, so odd names cannot pile up.
        self._subset_objects = functools.lru_cache(maxsize=_CACHED_SUBSETS)(self._make_objects)

    def subsets(self, document: Any) -> list[Subset]:
        """The subsets ``document`` (any object the font's codes were asked for with) used,
        compressed, each made once per process; the document's codes are then forgotten."""
        made = []
        for n, subset in enumerate(self.state[document].subsets):
            base_name = self._base_name(n)
            objects = self._subset_objects(base_name, tuple(subset), True)
            made.append(Subset(base_name, len(subset) - 1, objects))
        del self.state[document]
        return made

    def descriptor_entries(self, base_name: str) -> dict[str, Any]:
        """The font descriptor of a subset, but for its font file."""
        face = self.face
        return {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": face.bbox,
            "FontName": "/" + base_name,
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "MissingWidth": face.defaultWidth,
        }

    def addObjects(self, doc: Any) -> None:
        """reportlab's ``TTFont.addObjects``, taking each subset's objects from the cache."""
        state = self.state[doc]
        state.frozen = 1
        cacheable = isinstance(doc.encrypt, pdfdoc.NoEncryption)  # encryption is per object
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = self._base_name(n)
            key = (base_name, tuple(subset), bool(doc.compression))
            objects = self._subset_objects(*key) if cacheable else self._make_objects(*key)
            font = pdfdoc.PDFTrueTypeFont()
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Preformatted(objects.widths)
            font.ToUnicode = doc.Reference(
                _Preformatted(objects.to_unicode), "toUnicodeCMap:" + base_name
            )
            font.FontDescriptor = self._descriptor(doc, base_name, objects.font_file)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]

    def _base_name(self, subset: int) -> str:
        face = self.face
        return b"".join((SUBSETN(subset), b"+", face.name, face.subfontNameX)).decode("pdfdoc")

    def _make_objects(
        self, base_name: str, subset: tuple[int, ...], compress: bool
    ) -> _SubsetObjects:
        """What reportlab writes for one subset, formatted as it would in any document."""
        blank = pdfdoc.PDFDocument()  # formatting a stream asks the document for its filters
        filters = [pdfdoc.PDFZCompress] if compress else []
        font_file = pdfdoc.PDFStream(content=self.face.makeSubset(list(subset)), filters=filters)
        font_file.dictionary["Length1"] = len(font_file.content)
        to_unicode = pdfdoc.PDFStream(
            content=makeToUnicodeCMap(base_name, list(subset)), filters=filters
        )
        widths = pdfdoc.PDFArray([self.face.getCharWidth(code) for code in subset])
        return _SubsetObjects(
            font_file.format(blank), to_unicode.format(blank), widths.format(blank)
        )

    def _descriptor(self, doc: Any, base_name: str, font_file: bytes) -> Any:
        """reportlab's ``TTFontFace.addSubsetObjects``, with the font file made already."""
        entries = self.descriptor_entries(base_name)
        entries["FontBBox"] = pdfdoc.PDFArray(entries["FontBBox"])
        entries["FontName"] = pdfdoc.PDFName(base_name)
        entries["FontFile2"] = doc.Reference(
            _Preformatted(font_file), f"fontFile:{self.face.filename}({base_name})"
        )
        descriptor = pdfdoc.PDFDictionary(entries)
        return doc.Reference(descriptor, "fontDescriptor:" + base_name)
