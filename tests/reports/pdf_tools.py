"""Reading back the PDFs imsdesk writes: pages, text, fonts and images, with pypdf."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator

import pypdfium2
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(pdf))


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    box = reader(pdf).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4, 1), round(float(box.height) / 72 * 25.4, 1)


def text(pdf: bytes) -> str:
    """All pages' text, NFC-normalised, with runs of whitespace made single spaces."""
    raw = "\n".join(page.extract_text() or "" for page in reader(pdf).pages)
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _resolve(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _xobjects(resources: DictionaryObject) -> Iterator[DictionaryObject]:
    xobjects = _resolve(resources.get("/XObject")) or {}
    for value in xobjects.values():  # type: ignore[union-attr]
        xobject = _resolve(value)
        yield xobject  # type: ignore[misc]
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:  # type: ignore[union-attr]
            yield from _xobjects(_resolve(xobject["/Resources"]))  # type: ignore[index,arg-type]


def _fonts(resources: DictionaryObject) -> Iterator[DictionaryObject]:
    fonts = _resolve(resources.get("/Font")) or {}
    for value in fonts.values():  # type: ignore[union-attr]
        yield _resolve(value)  # type: ignore[misc]
    for xobject in _xobjects(resources):
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            yield from _fonts(_resolve(xobject["/Resources"]))  # type: ignore[arg-type]


def fonts(pdf: bytes) -> dict[str, bool]:
    """Each font used on any page, and whether its program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = _resolve(page.get("/Resources")) or DictionaryObject()
        for font in _fonts(resources):  # type: ignore[arg-type]
            name = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:  # Type 0 (CID) fonts
                descendant = _resolve(_resolve(font["/DescendantFonts"])[0])  # type: ignore[index]
                descriptor = descendant.get("/FontDescriptor")  # type: ignore[union-attr]
            descriptor = _resolve(descriptor)
            if font.get("/Subtype") == "/Type3":  # glyphs drawn by procedures in the file
                embedded = "/CharProcs" in font
            else:
                embedded = descriptor is not None and any(
                    key in descriptor  # type: ignore[operator]
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
            found[name] = found.get(name, True) and embedded
    return found


def images(pdf: bytes) -> list[tuple[int, int, int]]:
    """(page, width, height) of every raster image drawn on the pages."""
    found = []
    for number, page in enumerate(reader(pdf).pages, 1):
        resources = _resolve(page.get("/Resources")) or DictionaryObject()
        for xobject in _xobjects(resources):  # type: ignore[arg-type]
            if xobject.get("/Subtype") == "/Image":
                found.append((number, int(xobject["/Width"]), int(xobject["/Height"])))
    return found


def forms(pdf: bytes, page: int = 1) -> list[bytes]:
    """The drawing operators of each form XObject (placed vector drawing) on the page."""
    resources = _resolve(reader(pdf).pages[page - 1].get("/Resources")) or DictionaryObject()
    return [
        x.get_data()  # type: ignore[attr-defined]
        for x in _xobjects(resources)  # type: ignore[arg-type]
        if x.get("/Subtype") == "/Form"
    ]


def content(pdf: bytes, page: int = 1) -> bytes:
    """The page's drawing operators (its content stream, decompressed)."""
    return reader(pdf).pages[page - 1].get_contents().get_data()  # type: ignore[union-attr]


def drawn_chars(pdf: bytes) -> list[list[tuple[tuple[float, float, float, float], str]]]:
    """Each page's characters with their boxes (left, bottom, right, top) in points, as
    pdfium (the reader imsdesk prints with) places them."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            text = page.get_textpage()
            count = text.count_chars()
            pages.append([(text.get_charbox(i), text.get_text_range(i, 1)) for i in range(count)])
        return pages
    finally:
        document.close()


def char_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Each page's drawn characters as (left, bottom, right, top) in points."""
    return [[box for box, _ in page] for page in drawn_chars(pdf)]


def as_seen(pdf: bytes, page: int, below_mm: float) -> str:
    """The characters printed below ``below_mm`` from the bottom of the page, left to right
    as the eye meets them (whitespace made single spaces)."""
    chars = [
        (box[0], char) for box, char in drawn_chars(pdf)[page - 1] if box[1] < below_mm * 72 / 25.4
    ]
    return " ".join("".join(char for _, char in sorted(chars)).split())


def page_text(pdf: bytes, page: int) -> str:
    """One page's text, whitespace made single spaces."""
    raw = reader(pdf).pages[page - 1].extract_text() or ""
    return " ".join(unicodedata.normalize("NFC", raw).split())
