"""The body map drawn without a window, for printed summaries and reports.

Needs a QGuiApplication (QApplication) to exist, as any Qt painting does, but never
shows a window: the scene is rendered straight into a QImage.

The shipped artwork's scenes are kept for the life of the application and given each
new set of marks: building a scene (a hundred muscles, their fibres and labels) took
longer than drawing it, and the muscles a visit leaves unmarked keep their cached
drawing from one summary to the next.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

from imsdesk.domain.anatomy import Atlas, View, load_atlas
from imsdesk.domain.artwork import ViewArtwork, load_view
from imsdesk.domain.marks import VisitMarks
from imsdesk.gui.bodymap.scene import BodyMapScene

SCREEN_DPI = 96.0
INCH_M = 0.0254


def render_bodymap(
    view: View,
    marks: VisitMarks,
    *,
    width_px: int,
    dpi: int = 150,
    previous: VisitMarks | None = None,
    artwork: ViewArtwork | None = None,
    atlas: Atlas | None = None,
) -> QImage:
    """``view`` with ``marks`` (and optionally the previous visit's, faded) as an image.

    The image is ``width_px`` wide and as tall as the drawing's proportions make it; its
    resolution is recorded as ``dpi`` so a PDF places it at the intended size. Needle
    markers and severity badges are sized for ``dpi``: they keep their printed size
    whatever the image's pixel size.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("render_bodymap needs a QGuiApplication (or QApplication) first")
    if width_px <= 0 or dpi <= 0:
        raise ValueError("width_px and dpi must be positive")
    shared = artwork is None and atlas is None
    art = artwork or load_view(view)
    scene = _shared_scene(view) if shared else BodyMapScene(art, atlas or load_atlas())
    scene.set_marker_scale(dpi / SCREEN_DPI)
    scene.show_marks(marks)
    scene.show_previous(previous)
    box = art.view_box
    height_px = max(1, round(width_px * box.height / box.width))
    scene.set_view_scale(width_px / box.width)  # marks that would cover each other, apart
    image = QImage(width_px, height_px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    dots_per_metre = round(dpi / INCH_M)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        scene.render(
            painter,
            QRectF(0, 0, width_px, height_px),
            scene.sceneRect(),
            Qt.AspectRatioMode.KeepAspectRatio,
        )
    finally:
        painter.end()
    if not shared:
        scene.deleteLater()
    return image


_scenes: dict[View, BodyMapScene] = {}


def _shared_scene(view: View) -> BodyMapScene:
    """The shipped artwork's scene for ``view``, built once per application.

    Owned by the application, so it goes when the application does (and a later
    application builds its own).
    """
    scene = _scenes.get(view)
    if scene is None or not shiboken6.isValid(scene):
        scene = BodyMapScene(load_view(view), load_atlas(), QGuiApplication.instance())
        _scenes[view] = scene
    return scene
