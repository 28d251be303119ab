"""The body-map canvas: zoom, pan, hover, and signals that say what the user asked for.

Like OpenMolar's dental chart widget, this view never edits a record: a click in
Shortened mode emits ``finding_clicked``, in Needle mode ``needle_requested`` with the
point in the drawing's own units, and the panel decides what that means.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QGraphicsView, QPinchGesture, QWidget

from imsdesk.gui.bodymap.items import NeedleMarker, RegionItem
from imsdesk.gui.bodymap.scene import BodyMapScene, Target


class Mode(StrEnum):
    SHORTENED = "shortened"
    NEEDLE = "needle"
    SELECT = "select"


MAX_ZOOM = 16.0  # times the fitted scale
ZOOM_SETTLE_MS = 80
MIN_ZOOM = 0.6
WHEEL_STEP = 1.0015  # per 1/8 degree of wheel turn: one notch (120) zooms by ~20 %


class BodyMapView(QGraphicsView):
    # Intent, never edits: the panel turns these into commands.
    finding_clicked = Signal(str, object)  # muscle_key, Side
    needle_requested = Signal(str, object, object, float, float)  # key, Side, View, x, y
    region_selected = Signal(str, object)  # a click in Select mode
    context_requested = Signal(str, object, QPoint)  # key, Side, global position
    needle_clicked = Signal(str)  # uid
    needle_context_requested = Signal(str, QPoint)  # uid, global position
    missed = Signal(float, float)  # a click on no muscle, in scene units
    hovered = Signal(object)  # Target or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodymap_view")
        # No smooth pixmap transform: every picture on the map (cached muscles, marks) is
        # drawn one to one with the screen's pixels, where smoothing only sends each copy
        # down the slow, filtering path (a repaint took three times as long).
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setBackgroundBrush(QColor("#ffffff"))
        # Each item (all Qt's own) sets the pen and brush it paints with and none turns off
        # antialiasing: saving and restoring the painter around every item is wasted.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # Panning is by middle-drag or space-drag (and shift+wheel); scroll bars would only
        # crowd the drawing.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.mode = Mode.SHORTENED
        self.hovered_target: Target | None = None
        self._auto_fit = True
        self._fit_scale = 1.0
        self._pan_from: QPoint | None = None
        self._space_down = False
        # While the wheel turns, marks keep where they were drawn; once it stops, those
        # that now cover each other (or no longer need to) are drawn apart again.
        self._zooming = QTimer(self, singleShot=True, interval=ZOOM_SETTLE_MS)
        self._zooming.timeout.connect(self._spread_marks)

    # -- scene and mode -------------------------------------------------------------------

    def body_scene(self) -> BodyMapScene | None:
        scene = self.scene()
        return scene if isinstance(scene, BodyMapScene) else None

    def show_scene(self, scene: BodyMapScene) -> None:
        if scene is not self.scene():
            self._set_hover(None)
            scene.set_pixel_ratio(self.devicePixelRatioF())
            self.setScene(scene)
            # Room to pan a drawing's width and height past each edge: zooming can then
            # keep the point under the mouse still, even near the edge of the drawing.
            art = scene.sceneRect()
            self.setSceneRect(art.adjusted(-art.width(), -art.height(), art.width(), art.height()))
            self.fit()

    def set_mode(self, mode: Mode) -> None:
        self.mode = Mode(mode)
        self._update_cursor()

    # -- zoom -----------------------------------------------------------------------------

    def zoom(self) -> float:
        """The current scale relative to fit-to-window (1.0 when fitted)."""
        return self.transform().m11() / self._fit_scale if self._fit_scale else 1.0

    def fit(self) -> None:
        """Show the whole drawing and keep it fitted as the window is resized."""
        self._auto_fit = True
        self._fit_now()

    def _fit_now(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        rect: QRectF = scene.sceneRect()  # the drawing (the view's own rect is roomier)
        margin = rect.height() * 0.01
        self.fitInView(
            rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio
        )
        self._fit_scale = self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the scene point under ``anchor`` (viewport pixels) where it is."""
        if self.scene() is None or factor <= 0:
            return
        current = self.zoom()
        wanted = max(MIN_ZOOM, min(MAX_ZOOM, current * factor))
        factor = wanted / current if current else 1.0
        if abs(factor - 1.0) < 1e-6:
            return
        self._auto_fit = False
        self._zooming.start()
        if anchor is None:
            self.scale(factor, factor)
            return
        before = self.mapToScene(anchor.toPoint())
        old = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(factor, factor)
        self.setTransformationAnchor(old)
        # Scroll so the scene point that was under the anchor is under it again.
        shift = self.mapFromScene(before) - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self._fit_now()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or not steps:
            super().wheelEvent(event)  # shift+wheel scrolls, for a mouse without a middle button
            return
        self.zoom_by(WHEEL_STEP**steps, event.position())
        event.accept()

    def _spread_marks(self) -> None:
        """Marks that would cover each other at this zoom are drawn apart."""
        scene = self.body_scene()
        if scene is not None:
            scene.ask_view_scale(self.transform().m11())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # Moved to a screen with another pixel ratio: marks are redrawn to match it.
            scene = self.body_scene()
            if scene is not None and scene.pixel_ratio != self.devicePixelRatioF():
                scene.set_pixel_ratio(self.devicePixelRatioF())
            # Shown, fitted or resized at a new zoom: marks drawn apart just after.
            if scene is not None and not self._zooming.isActive():
                scene.ask_view_scale(self.transform().m11())
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom_by(pinch.scaleFactor(), QPointF(centre))
                event.accept()
                return True
        # Trackpad pinch on macOS (and libinput on Wayland) arrives as native gestures.
        if (
            event.type() == QEvent.Type.NativeGesture
            and isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1.0 + event.value(), event.position())
            return True
        return super().viewportEvent(event)

    # -- pan ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self._update_cursor()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self._pan_from = None
            self._update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _pan_to(self, pos: QPoint) -> None:
        assert self._pan_from is not None
        delta = pos - self._pan_from
        self._pan_from = pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())

    # -- what is under the pointer --------------------------------------------------------

    def item_at(self, pos: QPoint) -> RegionItem | NeedleMarker | None:
        """The topmost muscle (or, outside Shortened mode, needle marker) under ``pos``.

        Hit testing is by each item's shape (the muscle's own outline), never its
        bounding box; faded previous-visit markers and badges are looked through.
        """
        for item in self.items(pos):
            if isinstance(item, NeedleMarker):
                if not item.faded and self.mode is not Mode.SHORTENED:
                    return item
            elif isinstance(item, RegionItem):
                return item
        return None

    def region_at(self, pos: QPoint) -> RegionItem | None:
        for item in self.items(pos):
            if isinstance(item, RegionItem):
                return item
        return None

    def _set_hover(self, target: Target | None) -> None:
        if target != self.hovered_target:
            self.hovered_target = target
            scene = self.body_scene()
            if scene is not None:
                scene.set_hovered(target)
            self.hovered.emit(target)
            self._update_cursor()

    def _update_cursor(self) -> None:
        if self._pan_from is not None:
            cursor = Qt.CursorShape.ClosedHandCursor
        elif self._space_down:
            cursor = Qt.CursorShape.OpenHandCursor
        elif self.mode is Mode.NEEDLE:
            cursor = Qt.CursorShape.CrossCursor
        elif self.hovered_target is not None:
            cursor = Qt.CursorShape.PointingHandCursor
        else:
            cursor = Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)

    # -- mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space_down
        ):
            self._pan_from = pos
            self._update_cursor()
            event.accept()
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        event.accept()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._click(pos)

    def _click(self, pos: QPoint) -> None:
        scene = self.body_scene()
        if scene is None:
            return
        hit = self.item_at(pos)
        point = self.mapToScene(pos)
        if isinstance(hit, NeedleMarker):
            self.needle_clicked.emit(hit.uid)
        elif hit is None:
            self.missed.emit(point.x(), point.y())
        elif self.mode is Mode.SHORTENED:
            self.finding_clicked.emit(*hit.target)
        elif self.mode is Mode.NEEDLE:
            key, side = hit.target
            self.needle_requested.emit(key, side, scene.view_id, point.x(), point.y())
        else:
            self.region_selected.emit(*hit.target)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._pan_from is not None:
            self._pan_to(pos)
            event.accept()
            return
        region = self.region_at(pos)
        self._set_hover(region.target if region else None)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            self._update_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # A needle marker answers a right-click in every mode (its own menu), then muscles.
        marker = next(
            (i for i in self.items(event.pos()) if isinstance(i, NeedleMarker) and not i.faded),
            None,
        )
        hit = marker or self.region_at(event.pos())
        if isinstance(hit, NeedleMarker):
            self.needle_context_requested.emit(hit.uid, event.globalPos())
        elif isinstance(hit, RegionItem):
            key, side = hit.target
            self.context_requested.emit(key, side, event.globalPos())
        event.accept()
