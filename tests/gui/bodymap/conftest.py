"""Body-map panels on a temporary clinic with one draft visit, and clicks that land on
real muscle outlines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import (
    ViewArtwork,
    available_views,
    interior_point,
    load_view,
    parse_view,
)
from imsdesk.domain.marks import VisitMarks
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.gui.app import make_application
from imsdesk.gui.bodymap.panel import BodyMapPanel
from imsdesk.gui.bodymap.view import BodyMapView
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import VisitRow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bodymap"


def artwork_loader(view: View) -> ViewArtwork:
    """The shipped artwork where it has landed, else the small fixture drawing."""
    if view in available_views():
        return load_view(view)
    fixture = FIXTURES / f"{view.value}.svg"
    if fixture.exists():
        return parse_view(fixture.read_text(encoding="utf-8"), view, source=fixture.name)
    raise FileNotFoundError(view.value)


@pytest.fixture
def visit_id(sqlite_db: Database) -> int:
    therapist = UserService(sqlite_db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(sqlite_db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    return VisitService(sqlite_db).start_draft(patient.id, therapist.id).id


@pytest.fixture
def marks(sqlite_db: Database) -> MarkService:
    return MarkService(sqlite_db)


@pytest.fixture
def sign(sqlite_db: Database) -> Callable[[int], None]:
    """Sign a visit behind the panel's back (the signing service is not this issue's)."""

    def signed(visit: int) -> None:
        with sqlite_db.transaction() as session:
            session.execute(
                update(VisitRow).where(VisitRow.id == visit).values(status=VisitStatus.SIGNED.value)
            )

    return signed


@pytest.fixture
def make_panel(qtbot, marks: MarkService, visit_id: int) -> Iterator[Callable[..., BodyMapPanel]]:
    make_application()
    made: list[BodyMapPanel] = []

    def make(
        *,
        read_only: bool = False,
        previous: VisitMarks | None = None,
        loader: Callable[[View], ViewArtwork] = artwork_loader,
        size: tuple[int, int] = (1280, 860),
    ) -> BodyMapPanel:
        panel = BodyMapPanel(
            marks, visit_id, read_only=read_only, previous=previous, artwork=loader
        )
        qtbot.addWidget(panel)
        panel.resize(*size)
        with qtbot.waitActive(panel):  # shortcuts reach only the active window
            panel.show()
            panel.activateWindow()
        panel.view.setFocus()
        made.append(panel)
        return caught_up(qtbot, panel)

    yield make
    for panel in made:
        if panel.context_menu is not None:
            panel.context_menu.close()
        panel.close()
    QApplication.processEvents()


def visible_point(view: BodyMapView, muscle_key: str, side: Side) -> QPoint:
    """A viewport pixel whose topmost muscle is ``muscle_key`` on ``side``.

    Starts from a point well inside the muscle's outline (from the artwork's own polygon)
    and, where a deep muscle drawn over it hides that point, searches the outline for a
    pixel where the muscle itself is on top.
    """
    scene = view.body_scene()
    assert scene is not None
    item = scene.region_item(muscle_key, side)
    assert item is not None, f"{muscle_key}.{side} is not drawn in {scene.view_id}"
    x, y = interior_point(item.region)
    pos = view.mapFromScene(QPointF(x, y))
    hit = view.region_at(pos)
    if hit is item:
        return pos
    # Try points of a grid over the muscle, nearest the interior point first.
    box = item.path().boundingRect()
    grid = [
        QPointF(box.left() + box.width() * i / 40, box.top() + box.height() * j / 40)
        for i in range(1, 40)
        for j in range(1, 40)
    ]
    grid.sort(key=lambda p: (p.x() - x) ** 2 + (p.y() - y) ** 2)
    for point in grid:
        if item.path().contains(point):
            candidate = view.mapFromScene(point)
            if view.region_at(candidate) is item:
                return candidate
    raise AssertionError(f"{muscle_key}.{side} is hidden everywhere in {scene.view_id}")


def caught_up(qtbot, panel: BodyMapPanel) -> BodyMapPanel:
    """The panel once the list, its editor and the tab counts have followed the map (on
    the event loop's next turn after an edit, as the user sees them)."""
    qtbot.waitUntil(lambda: not panel.list_is_behind(), timeout=2000)
    return panel


def click(qtbot, panel: BodyMapPanel, pos: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    qtbot.mouseClick(panel.view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos)
    caught_up(qtbot, panel)


def click_muscle(
    qtbot, panel: BodyMapPanel, view: View, muscle_key: str, side: Side, button=None
) -> QPoint:
    panel.show_view(view)
    pos = visible_point(panel.view, muscle_key, side)
    click(qtbot, panel, pos, button or Qt.MouseButton.LeftButton)
    return pos
