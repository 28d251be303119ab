"""Reading a CSV file another program wrote: its encoding, its delimiter, its rows.

Practice systems export with a byte-order mark or without, in UTF-8 or in the Western
code page, with commas or (in much of Europe) semicolons. This module works out which
from the bytes themselves and says what it decided, so a person can overrule it.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from enum import StrEnum

MAX_FILE_BYTES = 50_000_000  # far beyond a clinic's patient list, short of a wrong file
_SNIFF_LINES = 50


class Encoding(StrEnum):
    UTF8 = "utf-8"
    UTF8_BOM = "utf-8-sig"
    UTF16 = "utf-16"
    WESTERN = "latin-1"  # read as Windows-1252, the superset Excel writes as "ANSI"

    @property
    def label(self) -> str:
        return _ENCODING_LABELS[self]


_ENCODING_LABELS = {
    Encoding.UTF8: "UTF-8",
    Encoding.UTF8_BOM: "UTF-8 with byte-order mark",
    Encoding.UTF16: "UTF-16 (Excel “Unicode text”)",
    Encoding.WESTERN: "Latin-1 / Windows-1252 (Western)",
}


class Delimiter(StrEnum):
    COMMA = ","
    SEMICOLON = ";"
    TAB = "\t"
    PIPE = "|"

    @property
    def label(self) -> str:
        return _DELIMITER_LABELS[self]


_DELIMITER_LABELS = {
    Delimiter.COMMA: "comma (,)",
    Delimiter.SEMICOLON: "semicolon (;)",
    Delimiter.TAB: "tab",
    Delimiter.PIPE: "vertical bar (|)",
}


class CsvError(ValueError):
    """The file cannot be read as a table; str() says why in one line."""


@dataclass(frozen=True)
class CsvTable:
    """A file's header and data rows, with what was decided while reading it."""

    encoding: Encoding
    delimiter: Delimiter
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number in the file, cells)
    blank_lines: int


def detect_encoding(data: bytes) -> Encoding:
    """The encoding the bytes are in: a byte-order mark decides, else UTF-8 if it decodes."""
    if data.startswith(codecs.BOM_UTF8):
        return Encoding.UTF8_BOM
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding.UTF16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return Encoding.WESTERN
    return Encoding.UTF8


def decode(data: bytes, encoding: Encoding) -> str:
    """The text of the file; a wrong choice is refused rather than read as mojibake."""
    if encoding is Encoding.WESTERN:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")  # five bytes cp1252 leaves undefined
    if encoding is Encoding.UTF16 and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise CsvError(
            "The file is not UTF-16 (it has no byte-order mark); choose another encoding."
        )
    try:
        text = data.decode(encoding.value)
    except UnicodeDecodeError as error:
        raise CsvError(
            f"The file is not {encoding.label} (byte {error.start + 1} does not fit); "
            "choose another encoding."
        ) from None
    return text.removeprefix("\ufeff")


def detect_delimiter(text: str) -> Delimiter:
    """The delimiter that splits the first lines into the most consistent columns."""
    lines = [line for line in text.splitlines() if line.strip()][:_SNIFF_LINES]
    if not lines:
        return Delimiter.COMMA
    sample = "\n".join(lines)
    best, best_score = Delimiter.COMMA, (0.0, 0)
    for delimiter in Delimiter:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter.value)]
        header_width = widths[0]
        if header_width < 2:
            continue
        agreeing = sum(width == header_width for width in widths) / len(widths)
        score = (agreeing, header_width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(
    data: bytes, *, encoding: Encoding | None = None, delimiter: Delimiter | None = None
) -> CsvTable:
    """Decode and split a CSV file; blank lines are counted and left out."""
    if len(data) > MAX_FILE_BYTES:
        raise CsvError(f"The file is {len(data):,} bytes; a patient list is far smaller.")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CsvError("This is not a text file (it holds binary data); export it as CSV.")
    chosen = encoding or detect_encoding(data)
    text = decode(data, chosen)
    split_by = delimiter or detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=split_by.value, strict=True)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    blank = 0
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                blank += 1
                continue
            stripped = tuple(cell.strip() for cell in cells)
            if header is None:
                header = stripped
            else:
                rows.append((line, stripped))
    except csv.Error as error:
        raise CsvError(f"Line {reader.line_num} cannot be read as CSV: {error}.") from None
    if header is None:
        raise CsvError("The file is empty: no header row and no patients.")
    if len(header) < 2:
        raise CsvError(
            "The file has a single column; it needs a header row naming columns such as "
            "family name, given name and date of birth (choose the delimiter if it is unusual)."
        )
    return CsvTable(chosen, split_by, header, tuple(rows), blank)
