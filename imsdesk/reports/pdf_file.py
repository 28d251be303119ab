"""A PDF file written object by object: numbered bodies, then the cross-reference table.

The take-home summary writes its few objects (pages, fonts, pictures) itself instead of
through reportlab's document, whose general machinery formatted every dictionary entry
anew and took half the summary's time. Object bodies that never change (a font subset,
a picture) are made once and written as they are.
"""

from __future__ import annotations

from datetime import UTC, datetime

_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the binary comment marks a binary file


def stream_object(entries: str, data: bytes) -> bytes:
    """A stream object's body: the dictionary ``entries`` with its length, then ``data``."""
    return b"".join(
        (f"<< {entries} /Length {len(data)} >>\nstream\n".encode(), data, b"\nendstream")
    )


def text_string(value: str) -> str:
    """``value`` as a PDF text string: plain when it is printable ASCII, else UTF-16."""
    if value.isascii() and value.isprintable():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<feff" + value.encode("utf-16-be").hex() + ">"


def pdf_date(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return f"(D:{moment:%Y%m%d%H%M%S}+00'00')"


class PdfFile:
    """Objects numbered in the order they are reserved or added, from 1."""

    def __init__(self) -> None:
        self._bodies: list[bytes] = []

    def reserve(self) -> int:
        """A number for an object whose body is given later with :meth:`put`."""
        self._bodies.append(b"")
        return len(self._bodies)

    def add(self, body: bytes | str) -> int:
        self._bodies.append(body.encode() if isinstance(body, str) else body)
        return len(self._bodies)

    def put(self, number: int, body: bytes | str) -> None:
        self._bodies[number - 1] = body.encode() if isinstance(body, str) else body

    def finish(self, root: int, info: int) -> bytes:
        """The whole file, ``root`` its catalog and ``info`` its document information."""
        parts = [_HEADER]
        offsets = []
        at = len(_HEADER)
        for number, body in enumerate(self._bodies, 1):
            offsets.append(at)
            opening = f"{number} 0 obj\n".encode()
            parts += (opening, body, b"\nendobj\n")
            at += len(opening) + len(body) + 8
        count = len(self._bodies) + 1
        table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
        parts.append(
            f"xref\n0 {count}\n0000000000 65535 f \n{table}"
            f"trailer\n<< /Size {count} /Root {root} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{at}\n%%EOF\n".encode()
        )
        return b"".join(parts)
