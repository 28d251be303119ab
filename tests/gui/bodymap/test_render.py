"""The body map drawn into an image without a window, for printed summaries."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsPathItem

from imsdesk.domain.anatomy import Side, View, load_atlas
from imsdesk.domain.artwork import contains, flatten, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity, VisitMarks
from imsdesk.gui.app import make_application
from imsdesk.gui.bodymap import style
from imsdesk.gui.bodymap.render import render_bodymap
from imsdesk.gui.bodymap.scene import BodyMapScene
from tests.gui.bodymap.conftest import artwork_loader

MARKED = VisitMarks(
    (
        MuscleFinding("gluteus_medius", Side.LEFT, Severity.MARKED),
        MuscleFinding("soleus", Side.RIGHT, Severity.MILD),
    ),
    (
        NeedleSite(
            "gluteus_medius", Side.LEFT, View.POSTERIOR, 150.0, 400.0, response=Response.GRASP
        ),
    ),
)


@pytest.fixture(autouse=True)
def application():
    make_application()


def count_near(image: QImage, colour: QColor, tolerance: int = 18) -> int:
    """Pixels within ``tolerance`` of ``colour`` (every 2nd pixel, for speed)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                count += 1
    return count


def largest_difference(first: QImage, second: QImage) -> int:
    """The largest difference of any colour channel between two same-sized images."""
    assert first.size() == second.size()
    a = first.convertToFormat(QImage.Format.Format_RGB888)
    b = second.convertToFormat(QImage.Format.Format_RGB888)
    row, stride = a.width() * 3, a.bytesPerLine()  # rows may end in padding: left out
    pixels_a, pixels_b = bytes(a.constBits()), bytes(b.constBits())
    return max(
        (
            abs(x - y)
            for top in range(0, stride * a.height(), stride)
            for x, y in zip(pixels_a[top : top + row], pixels_b[top : top + row], strict=True)
        ),
        default=0,
    )


def render(marks: VisitMarks, **options) -> QImage:
    art = artwork_loader(View.POSTERIOR)
    return render_bodymap(View.POSTERIOR, marks, artwork=art, **options)


def test_the_image_has_the_requested_width_the_drawings_proportions_and_dpi():
    art = artwork_loader(View.POSTERIOR)
    image = render(MARKED, width_px=400, dpi=150)
    assert image.width() == 400
    assert image.height() == round(400 * art.view_box.height / art.view_box.width)
    assert image.dotsPerMeterX() == round(150 / 0.0254)


def test_marked_muscles_are_coloured_by_severity_and_unmarked_ones_are_not():
    blank = render(VisitMarks(), width_px=400)
    marked = render(MARKED, width_px=400)
    assert count_near(blank, QColor("#ffffff")) < blank.width() * blank.height() / 4  # not blank
    for severity in (Severity.MARKED, Severity.MILD):
        colour = style.SEVERITY_FILL[severity]
        assert count_near(blank, colour) == 0
        assert count_near(marked, colour) > 50, severity


def test_needle_markers_keep_their_printed_size_at_any_resolution():
    dark = QColor("#1c1c1c")
    needle_only = VisitMarks((), MARKED.needles)
    small = count_near(render(needle_only, width_px=400, dpi=100), dark, 30)
    large = count_near(render(needle_only, width_px=800, dpi=200), dark, 30)
    # Twice the dpi: twice the marker's width in pixels, four times its area.
    assert small > 5
    assert large == pytest.approx(small * 4, rel=0.35)


def test_rendering_needs_no_window_and_refuses_a_nonsense_size():
    with pytest.raises(ValueError, match="positive"):
        render(MARKED, width_px=0)


def test_the_silhouette_and_every_drawn_item_are_painted_not_culled():
    # Items that opt out of hit testing must still report their real bounds, or Qt culls
    # them: the body outline (the head, the hands) once vanished that way.
    art = artwork_loader(View.POSTERIOR)
    regions = [flatten(r, 1.0) for r in art.regions]
    outline = flatten(art.outline, 1.0)
    box = art.view_box

    def bare(x: float, y: float) -> bool:  # inside the body, clear of muscles and borders
        around = [(x + dx, y + dy) for dx in (-4, 0, 4) for dy in (-4, 0, 4)]
        return all(
            contains(outline, *p) and not any(contains(r, *p) for r in regions) for p in around
        )

    spot = next(
        (x, y)
        for y in range(int(box.y) + 1, int(box.y + box.height), 4)
        for x in range(int(box.x) + 1, int(box.x + box.width), 4)
        if bare(x, y)
    )
    image = render(VisitMarks(), width_px=int(box.width) * 2)
    pixel = image.pixelColor(int((spot[0] - box.x) * 2), int((spot[1] - box.y) * 2))
    assert pixel.name() == QColor(art.outline.paint.fill).name()

    scene = BodyMapScene(art, load_atlas())
    for item in scene.items():
        if isinstance(item, QGraphicsPathItem) and not item.path().isEmpty():
            assert not item.boundingRect().isEmpty(), type(item).__name__


def test_a_map_drawn_again_shows_only_the_new_visits_marks():
    # The shipped artwork's scene is kept between summaries: nothing of the last one stays.
    other = VisitMarks(
        (MuscleFinding("soleus", Side.LEFT, Severity.MODERATE),),
        (NeedleSite("soleus", Side.LEFT, View.POSTERIOR, 160.0, 700.0),),
    )
    render_bodymap(View.POSTERIOR, MARKED, width_px=300, dpi=200)
    again = render_bodymap(View.POSTERIOR, other, width_px=300, dpi=200)
    fresh = render_bodymap(
        View.POSTERIOR, other, width_px=300, dpi=200, artwork=load_view(View.POSTERIOR)
    )
    # The same picture: antialiased edges may differ by a few levels, depending on which
    # of Qt's cached item drawings are still held, never by a mark.
    assert largest_difference(again, fresh) <= 8
    assert count_near(again, style.SEVERITY_FILL[Severity.MARKED]) == 0
    assert count_near(again, style.SEVERITY_FILL[Severity.MODERATE]) > 50


@pytest.mark.parametrize(
    ("muscle", "side", "severity"),
    [
        ("gluteus_medius", Side.LEFT, Severity.MARKED),
        ("triceps_brachii", Side.RIGHT, Severity.MILD),
    ],
)
def test_a_marked_muscle_is_coloured_where_its_outline_is(muscle, side, severity):
    art = artwork_loader(View.POSTERIOR)
    region = art.region(muscle, side)
    assert region is not None, f"{muscle} {side} is not drawn in the back view"
    outline = flatten(region, 0.5)
    box = art.view_box
    image = render_bodymap(
        View.POSTERIOR,
        VisitMarks((MuscleFinding(muscle, side, severity),), ()),
        artwork=art,
        width_px=600,
    )
    scale = image.width() / box.width
    colour = style.SEVERITY_FILL[severity]

    def coloured(x: int, y: int) -> bool:
        pixel = image.pixelColor(x, y)
        return all(
            abs(a - b) <= 24 for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)
        )

    inside = outside = coloured_inside = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            within = contains(outline, box.x + (x + 0.5) / scale, box.y + (y + 0.5) / scale)
            if within:
                inside += 1
            if coloured(x, y):
                if within:
                    coloured_inside += 1
                else:
                    outside += 1
    assert inside > 0
    # Much of the outline shows the colour (fibre strokes, overlying muscles and the
    # severity badge cover the rest) and the colour is nowhere else but at its rim: on the
    # patient's own side, not the mirror muscle.
    assert coloured_inside > 0.3 * inside, (coloured_inside, inside)
    assert outside < 0.05 * coloured_inside, (outside, coloured_inside)
