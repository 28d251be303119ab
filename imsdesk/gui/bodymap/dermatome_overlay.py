"""The dermatome overlay: a level's key sensory point marked on the map, with its caution.

Laid over a body-map panel from outside: a target marker and a "C6 right" tag added to
each view's scene when that view is shown, and a note card in the map's lower corner that
names the landmark, says where else it is drawn, and that dermatome maps vary. The map's
own code knows nothing of it; printed maps are drawn from fresh scenes, so it never prints.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsView, QLabel

from imsdesk.domain.anatomy import Side, SpinalLevel, View
from imsdesk.domain.dermatomes import DermatomeMap, load_dermatomes
from imsdesk.gui.bodymap import style
from imsdesk.gui.bodymap.items import IGNORE_TRANSFORMS, Z_LABEL
from imsdesk.gui.bodymap.panel import BodyMapPanel
from imsdesk.gui.bodymap.scene import BodyMapScene
from imsdesk.gui.bodymap.texts import VIEW_NAMES

# Teal: apart from the warm severity hue and the blue hover and myotome outlines; the
# target shape and the written tag tell it apart without colour.
INK = QColor("#00695c")
Z_DERMATOME = Z_LABEL + 500  # over the marks: it is looked at on purpose, then switched off
RING = 9.0  # pixels
TAG_FONT_PX = 13
NOTE_STYLE = (
    "QLabel { background: rgba(255, 255, 255, 238); color: #1b1b1b;"
    " border: 1px solid #00695c; border-left: 4px solid #00695c; border-radius: 3px;"
    " padding: 5px 8px; }"
)
NOTE_MAX_WIDTH = 420
NOTE_MIN_BESIDE = 170  # narrower than this beside the drawing, the note goes below or above
_MOVES_DRAWING = (QEvent.Type.Resize, QEvent.Type.Wheel, QEvent.Type.Gesture)

Chosen = tuple[SpinalLevel, Side]


def note_html(dermatomes: DermatomeMap, level: SpinalLevel, side: Side, view: View) -> str:
    """What the note card says for ``level`` on ``side`` while ``view`` is shown."""
    title = f"<b>{level} {side.value} dermatome</b>"
    dermatome = dermatomes.get(level)
    if dermatome is None:
        return f"{title}: no overlay. {escape(dermatomes.why_absent(level))}"
    where = dermatomes.views_showing(level)
    if view in where:
        place = "marked ◎ on this view"
    else:
        place = "not on this view; marked on the " + " and ".join(
            VIEW_NAMES[v].lower() + " view" for v in where
        )
    return (
        f"{title}: ISNCSCI key sensory point, {escape(_lower_first(dermatome.key_point))}"
        f" ({place}).<br><i>{escape(dermatomes.variability)}</i>"
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


class DermatomeOverlay(QObject):
    """Shows one level's key sensory point (or nothing) on a panel's views."""

    def __init__(self, panel: BodyMapPanel, dermatomes: DermatomeMap | None = None) -> None:
        super().__init__(panel)
        self._panel = panel
        self.dermatomes = dermatomes or load_dermatomes()
        self.chosen: Chosen | None = None
        self._drawn: dict[BodyMapScene, list[QGraphicsItem]] = {}
        self.note = QLabel(panel.view, objectName="dermatome_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setToolTip(self.dermatomes.source)
        self.note.hide()
        # The panel's own slot is connected first: the new view's scene exists by now.
        panel.tabs.currentChanged.connect(lambda _index: self._follow_view())
        panel.view.installEventFilter(self)
        panel.view.viewport().installEventFilter(self)

    def show_level(self, chosen: Chosen | None) -> None:
        """Mark ``(level, side)``'s key sensory point; None takes the overlay away."""
        if chosen == self.chosen:
            return
        for scene, items in self._drawn.items():
            for item in items:
                scene.removeItem(item)
        self._drawn = {}
        self.chosen = chosen
        self._follow_view()

    def views_showing(self) -> tuple[View, ...]:
        return self.dermatomes.views_showing(self.chosen[0]) if self.chosen else ()

    def items(self, scene: BodyMapScene) -> list[QGraphicsItem]:
        """The overlay's items on ``scene`` (for tests)."""
        return list(self._drawn.get(scene, ()))

    # -- drawing ------------------------------------------------------------------------

    def _follow_view(self) -> None:
        scene = self._panel.view.body_scene()
        if self.chosen is None or scene is None:
            self.note.hide()
            return
        level, side = self.chosen
        if scene not in self._drawn:
            at = self.dermatomes.position(level, side, scene.view_id)
            self._drawn[scene] = [] if at is None else self._draw(scene, level, side, *at)
        self.note.setText(note_html(self.dermatomes, level, side, scene.view_id))
        self._place_note()
        self.note.show()
        self.note.raise_()

    def _draw(
        self, scene: BodyMapScene, level: SpinalLevel, side: Side, x: float, y: float
    ) -> list[QGraphicsItem]:
        marker = _target()
        marker.setPos(x, y)
        # The tag points toward the body's midline, where there is room beside any limb.
        toward_right = x <= scene.sceneRect().center().x()
        _tag(marker, f"{level} {side.value}", toward_right)
        marker.setToolTip(
            f"{level} {side.value}: ISNCSCI key sensory point. {self.dermatomes.variability}"
        )
        scene.addItem(marker)
        return [marker]

    def _place_note(self) -> None:
        """Beside the drawing if there is room, else along the bottom or the top: never over
        the marker it explains."""
        view = self._panel.view
        scene = view.body_scene()
        if scene is None:
            return
        drawing = view.mapFromScene(scene.sceneRect()).boundingRect()
        marker = self._marker_at(view, scene)
        margin = 8
        candidates = []
        # Either side of the drawing, at the bottom: the side away from the marker first.
        left_room = drawing.left() - 2 * margin
        right_room = view.width() - drawing.right() - 2 * margin
        for room, on_left in ((left_room, True), (right_room, False)):
            if room >= NOTE_MIN_BESIDE:
                width = min(NOTE_MAX_WIDTH, room)
                height = self.note.heightForWidth(width)
                x = margin if on_left else view.width() - width - margin
                candidates.append(QRect(x, view.height() - height - margin, width, height))
        width = max(160, min(NOTE_MAX_WIDTH, view.width() - 2 * margin))
        height = self.note.heightForWidth(width)
        candidates.append(QRect(margin, view.height() - height - margin, width, height))
        candidates.append(QRect(margin, margin, width, height))
        clear = [
            r
            for r in candidates
            if marker is None or not r.adjusted(-24, -24, 24, 24).contains(marker)
        ]
        self.note.setGeometry((clear or candidates)[0])

    def _marker_at(self, view: QGraphicsView, scene: BodyMapScene) -> QPoint | None:
        items = self._drawn.get(scene)
        return view.mapFromScene(items[0].pos()) if items else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # After the view has refitted or zoomed (filters run before the view's own handler).
        if event.type() in _MOVES_DRAWING and self.note.isVisible():
            QTimer.singleShot(0, self._place_note)
        return False


def _inert(item: QGraphicsItem) -> None:
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)


def _target() -> QGraphicsPathItem:
    """A ring with a centre dot and four ticks: unlike any needle marker or badge."""
    ring = QPainterPath()
    ring.addEllipse(QPointF(0, 0), RING, RING)
    marker = QGraphicsPathItem(ring)
    marker.setFlag(IGNORE_TRANSFORMS)
    marker.setPen(style.pen(INK, 2.6))
    marker.setBrush(QBrush(QColor(255, 255, 255, 150)))
    marker.setZValue(Z_DERMATOME)
    _inert(marker)
    ticks = QPainterPath()
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ticks.moveTo(dx * (RING + 2), dy * (RING + 2))
        ticks.lineTo(dx * (RING + 7), dy * (RING + 7))
    ticks.addEllipse(QPointF(0, 0), 2.4, 2.4)
    inked = QGraphicsPathItem(ticks, marker)
    inked.setPen(style.pen(INK, 2.6))
    inked.setBrush(QBrush(INK))
    _inert(inked)
    return marker


def _tag(marker: QGraphicsPathItem, text: str, toward_right: bool) -> None:
    """ "C6 right" in a white box with a teal rim, beside the marker."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(TAG_FONT_PX)
    font.setBold(True)
    glyphs = QPainterPath()
    glyphs.addText(0, 0, font, text)
    box = glyphs.boundingRect().adjusted(-5, -4, 5, 4)
    gap = RING + 9
    dx = gap - box.left() if toward_right else -gap - box.right()
    dy = -box.center().y()
    frame = QPainterPath()
    frame.addRoundedRect(QRectF(box).translated(dx, dy), 3, 3)
    background = QGraphicsPathItem(frame, marker)
    background.setPen(style.pen(INK, 1.5))
    background.setBrush(QBrush(QColor(255, 255, 255, 240)))
    _inert(background)
    label = QGraphicsPathItem(glyphs.translated(dx, dy), background)
    label.setPen(QPen(Qt.PenStyle.NoPen))
    label.setBrush(QBrush(INK.darker(130)))
    _inert(label)
