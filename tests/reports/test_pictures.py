"""Pictures in the documents: what is printed is the picture that was given, in any format."""

from __future__ import annotations

import io

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw

from imsdesk.reports.session_summary import build_session_summary
from imsdesk.reports.summary_data import Letterhead, MapImage
from tests.reports import pdf_tools, samples


def drawing(mode: str, fmt: str = "PNG", **options: object) -> tuple[bytes, Image.Image]:
    """A small picture with distinct colours in distinct places, and its pixels."""
    image = Image.new("RGB", (90, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 50, 60), fill=(200, 30, 30))
    draw.ellipse((30, 100, 80, 190), fill=(20, 120, 210), outline="black", width=3)
    image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue(), image.convert("RGB")


def printed_pictures(pdf: bytes) -> list[Image.Image]:
    """The pictures as pdfium decodes them: the reader imsdesk prints with, and a strict one."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            picture.get_bitmap(render=False).to_pil().convert("RGB")
            for page in document
            for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        ]
    finally:
        document.close()


def summary_with_map(data: bytes) -> bytes:
    return build_session_summary(
        samples.summary(maps=(MapImage("posterior", data),), letterhead=Letterhead("Clinic"))
    )


@pytest.mark.parametrize(
    ("mode", "fmt", "options"),
    [
        ("RGB", "PNG", {}),  # what the body-map renderer writes: copied as it is
        ("L", "PNG", {}),  # greyscale: copied as it is
        ("RGB", "PNG", {"optimize": True}),  # other row filters: still copied as it is
        ("RGBA", "PNG", {}),  # alpha: through reportlab
        ("P", "PNG", {}),  # palette: through reportlab
        ("RGB", "PNG", {"interlace": 1}),  # PIL ignores it, but asked anyway
    ],
)
def test_a_map_picture_prints_pixel_for_pixel(mode, fmt, options):
    data, pixels = drawing(mode, fmt, **options)
    printed = printed_pictures(summary_with_map(data))
    assert len(printed) == 1
    assert printed[0].size == pixels.size
    assert printed[0].tobytes() == pixels.tobytes()


def test_a_jpeg_logo_prints():
    data, pixels = drawing("RGB", "JPEG", quality=95)
    head = Letterhead("Clinic", logo=data)
    pdf = build_session_summary(samples.summary(letterhead=head, maps=()))
    assert [p.size for p in printed_pictures(pdf)] == [pixels.size]


def test_the_same_picture_twice_is_stored_once():
    data, _ = drawing("RGB")
    pdf = build_session_summary(
        samples.summary(
            maps=(MapImage("posterior", data), MapImage("anterior", data)),
            letterhead=Letterhead("Clinic", logo=data),
        )
    )
    assert pdf_tools.content(pdf).count(b" Do") == 3  # drawn three times ...
    assert len(pdf_tools.images(pdf)) == 1  # ... from one stored copy


@pytest.mark.parametrize("kept", [0.02, 0.1, 0.5])
def test_a_picture_cut_short_is_left_out_and_the_rest_prints(kept):
    data, _ = drawing("RGB")
    pdf = summary_with_map(data[: round(len(data) * kept)])
    assert pdf_tools.images(pdf) == []
    assert "Right gluteus medius" in pdf_tools.text(pdf)


def test_a_logo_with_a_transparent_background_prints_on_white():
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 110, 110), fill=(200, 30, 30, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    pdf = build_session_summary(
        samples.summary(letterhead=Letterhead("Clinic", logo=out.getvalue()), maps=())
    )
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0].render(scale=2).to_pil().convert("RGB")
    finally:
        document.close()

    def at(x_mm: float, y_mm: float) -> tuple[int, int, int]:
        return page.getpixel((round(x_mm * 144 / 25.4), round(y_mm * 144 / 25.4)))

    # The logo is 30 mm wide from the left margin (16 mm), its top on the top margin (13 mm).
    red, green, blue = at(16 + 6, 13 + 6)  # the middle of the disc
    assert red > 150 and green < 80 and blue < 80
    assert at(16 + 28, 13 + 1) == (255, 255, 255)  # a transparent corner
