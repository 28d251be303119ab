"""Body-map speed: a click to the repainted map with 300 marks, and opening a visit's map.

Floors measured in the same run: one committed row through raw sqlite3 with the same
durability settings (what any saved click must pay), and a repaint of a bare
QGraphicsView holding 300 simple items. Targets: click ≤ 8 ms median, open ≤ 100 ms.
Clicks are timed twice: cycling over a few muscles (most soon at severity 3, where a click
saves nothing), and on muscles not yet marked, each click saving a mark. Between clicks the
event loop runs, as it does between a therapist's clicks; the list beside the map follows
the map on the event loop's next turn, so a third figure times a click until the list and
tab counts are painted too (the event loop left to run, nothing forced).

Opening: the first map of a session is timed in fresh processes, each opening the visit
(300 marks) in a real main window as a therapist does, from the patient's chart. The app
builds the visit screen and its map while the user is at the patient list, once the main
window is painted (MainWindow.prepare_visit_screen, a step per turn of the event loop);
the headline figure is the first open after that preparation has run, as it has in the
app by the time anyone clicks a visit. The map's share is the time in the visit screen's
map code plus the map's paint; the whole screen (read from the database, notes, pain,
segments) until the map is painted is printed beside it. The same first open without the
preparation (as before it existed: artwork parsed, map built, on the click) is printed for
the record; modules are imported beforehand in both. Processor time (of the main thread)
is given too: on a busy machine the clock also counts other programs' turns.

    .venv/bin/python benchmarks/bodymap.py [--clicks 60] [--first-opens 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsView,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import View, load_atlas
from imsdesk.domain.artwork import ViewArtwork, interior_point, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity, VisitMarks
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.app import build_main_window, make_application
from imsdesk.gui.bodymap.panel import BodyMapPanel
from imsdesk.gui.bodymap.view import BodyMapView, Mode
from imsdesk.gui.idle_steps import IdleSteps
from imsdesk.gui.memory import keep_long_lived
from imsdesk.services.database import open_clinic_database
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService

TARGET_CLICK_MS = 8.0
TARGET_OPEN_MS = 100.0
BETWEEN_CLICKS_S = 0.05
FIRST_OPEN_TAG = "FIRST-OPEN "
AT_THE_LIST_S = 1.0  # the chart looked at before a visit is clicked


def ms(seconds: float) -> float:
    return seconds * 1000


def timed(job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def tenth_slowest(times: list[float]) -> float:
    """The time the slowest tenth of the runs took at least (the 90th percentile)."""
    return sorted(times)[int(len(times) * 0.9)]


def three_hundred_marks(rng: random.Random) -> VisitMarks:
    atlas = load_atlas()
    posterior = load_view(View.POSTERIOR)
    targets = [(r.muscle_key, r.side) for r in posterior.regions]
    rng.shuffle(targets)
    findings = tuple(
        MuscleFinding(key, side, Severity(rng.randint(1, 3))) for key, side in targets[:100]
    )
    needles = []
    for key, side in (targets * 3)[:200]:
        x, y = interior_point(posterior.region(key, side))
        needles.append(
            NeedleSite(
                key,
                side,
                View.POSTERIOR,
                x,
                y,
                depth_mm=30.0,
                length_mm=50,
                response=rng.choice(list(Response)),
            )
        )
    assert atlas
    return VisitMarks(findings, tuple(needles))


def settle(seconds: float = BETWEEN_CLICKS_S) -> None:
    """The event loop left to run as it does between a therapist's clicks (a tenth of a
    second apart at the quickest): whatever follows a click is done before the next."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        QApplication.processEvents()


def next_turns() -> None:
    """The event loop's next few turns, and no more: what a click leaves to them is done
    (the list, the tab counts) and painted."""
    for _ in range(3):
        QApplication.processEvents()


def timed_click(viewport: QWidget, point: QPoint) -> float:
    """A click until the map is repainted; afterwards the event loop catches up, untimed."""
    start = time.perf_counter()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    viewport.repaint()
    elapsed = time.perf_counter() - start
    settle()
    return elapsed


def saving_clicks(panel: BodyMapPanel, art: ViewArtwork, runs: int) -> list[float]:
    """Clicks that each save a new mark: on muscles not yet marked (the clicks above
    mostly land on muscles already at severity 3, where a click changes nothing)."""
    view, viewport = panel.view, panel.view.viewport()
    marked = {(f.muscle_key, f.side) for f in panel.marks.findings}
    points = []
    for region in art.regions:
        point = view.mapFromScene(QPointF(*interior_point(region)))
        hit = view.region_at(point)  # a deep muscle may lie over this one's middle
        if hit is not None and hit.target not in marked:
            marked.add(hit.target)
            points.append(point)
    times = []
    for point in points[:runs]:
        saved = panel.undo_stack.count()
        times.append(timed_click(viewport, point))
        assert panel.undo_stack.count() == saved + 1, "a click meant to save a mark did not"
    return times


def caught_up_clicks(panel: BodyMapPanel, art: ViewArtwork, runs: int) -> list[float]:
    """Needles placed, each saved, timed until the event loop has painted the map, the new
    list row and the tab counts (nothing forced): what the whole panel shows a frame on."""
    view, viewport = panel.view, panel.view.viewport()
    panel.set_mode(Mode.NEEDLE)
    times = []
    for region in art.regions:
        x, y = interior_point(region)
        point = view.mapFromScene(QPointF(x, y)) + QPoint(0, 12)  # beside its needles
        hit = view.item_at(point)
        if hit is None or hit is not view.region_at(point) or len(times) == runs:
            continue  # on no muscle, on a needle (a click there selects it), or done
        rows = panel.list.row_count()
        start = time.perf_counter()
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        next_turns()
        times.append(time.perf_counter() - start)
        settle()
        assert panel.list.row_count() == rows + 1, "a needle placed did not reach the list"
    return times


def floor_commit(folder: Path, runs: int) -> list[float]:
    connection = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
    times = []
    for n in range(runs):
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t (v) VALUES (?)", (n,))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - start)
    connection.close()
    return times


def floor_repaint(runs: int) -> list[float]:
    scene = QGraphicsScene(0, 0, 400, 900)
    rng = random.Random(1)
    for _ in range(300):
        scene.addEllipse(rng.uniform(0, 390), rng.uniform(0, 890), 8, 8, brush=QColor("#b3261e"))
    view = QGraphicsView(scene)
    view.resize(800, 600)
    view.show()
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    QApplication.processEvents()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


class Clocks:
    """Seconds on the clock and of this thread's processor time, summed over the spans
    timed (a span inside another is counted once, in the outer one)."""

    def __init__(self) -> None:
        self._depth = 0
        self.reset()

    def reset(self) -> None:
        self.wall = self.cpu = 0.0
        self.ended_at = 0.0

    def timing(self, job: Callable[[], object]) -> object:
        if self._depth:
            return job()
        started, used = time.perf_counter(), time.thread_time()
        self._depth += 1
        try:
            return job()
        finally:
            self._depth -= 1
            self.ended_at = time.perf_counter()
            self.wall += self.ended_at - started
            self.cpu += time.thread_time() - used

    def wrap(self, owner: type, name: str) -> None:
        """Time every call of ``owner.name`` from now on."""
        original = getattr(owner, name)

        def counted(*args: object, **kwargs: object) -> object:
            return self.timing(lambda: original(*args, **kwargs))

        setattr(owner, name, counted)


def first_open(
    database: str, patient_id: int, visit_id: int, *, prepared: bool
) -> dict[str, float]:
    """The first map of a session, in this fresh process: the visit opened from the
    patient's chart in a main window as the app shows it; with ``prepared``, after the
    preparation the app runs once that window is painted. The map's share: its marks and
    the previous visit's read, the map built or given them, and its paint."""
    import imsdesk.gui.visit_page  # noqa: F401  (imported beforehand either way)

    in_map, painting, steps = Clocks(), Clocks(), []
    step = IdleSteps._step
    IdleSteps._step = lambda runner: steps.append(timed(lambda: step(runner)))
    for owner, name in ((BodyMapPanel, "__init__"), (BodyMapPanel, "show_visit")):
        in_map.wrap(owner, name)
    in_map.wrap(MarkService, "previous_marks")
    viewport_event = BodyMapView.viewportEvent

    def timed_viewport_event(view: BodyMapView, event: QEvent) -> object:
        if event.type() != QEvent.Type.Paint:
            return viewport_event(view, event)
        return painting.timing(lambda: viewport_event(view, event))

    BodyMapView.viewportEvent = timed_viewport_event
    make_application()
    opened = open_clinic_database(database)
    window = build_main_window(opened)
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    keep_long_lived()  # as the app does once the window is painted
    preparing = time.perf_counter()
    if prepared:
        window.prepare_visit_screen()  # as the app does once the window is painted
        while not window.visit_screen_prepared():
            QApplication.processEvents()
    preparing = time.perf_counter() - preparing
    window.open_patient(patient_id)
    settle(AT_THE_LIST_S)
    in_map.reset()  # from the click on, not the preparation
    painting.reset()
    started, used = time.perf_counter(), time.thread_time()
    window.open_visit(visit_id)
    give_up = time.perf_counter() + 10
    while not painting.wall and time.perf_counter() < give_up:
        QApplication.processEvents()
    assert painting.wall, "the visit's map was not painted"
    screen, screen_cpu = painting.ended_at - started, time.thread_time() - used
    window.close()
    opened.db.close()
    return {
        "map": ms(in_map.wall + painting.wall),
        "map_cpu": ms(in_map.cpu + painting.cpu),
        "paint": ms(painting.wall),
        "preparation": ms(preparing),
        "longest_step": ms(max(steps, default=0.0)),
        "screen": ms(screen),
        "screen_cpu": ms(screen_cpu),
    }


def first_opens(
    database: str, patient_id: int, visit_id: int, *, prepared: bool, runs: int
) -> dict[str, list[float]]:
    """``first_open`` in ``runs`` fresh processes, one after another."""
    command = [sys.executable, __file__, "--first-open", database]
    command += ["--patient", str(patient_id), "--visit", str(visit_id)]
    command += [] if prepared else ["--cold"]
    found = []
    for _ in range(runs):
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        line = next(x for x in output.splitlines() if x.startswith(FIRST_OPEN_TAG))
        found.append(json.loads(line[len(FIRST_OPEN_TAG) :]))
    return {key: [run[key] for run in found] for key in found[0]}


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ms (runs {min(values):.0f}-{max(values):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=60)
    parser.add_argument("--first-opens", type=int, default=5, help="fresh processes per way")
    parser.add_argument("--first-open", metavar="DATABASE", help=argparse.SUPPRESS)
    parser.add_argument("--patient", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--visit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_open:  # one fresh process of first_opens()
        found = first_open(args.first_open, args.patient, args.visit, prepared=not args.cold)
        print(FIRST_OPEN_TAG + json.dumps(found), flush=True)
        return 0
    make_application()
    with tempfile.TemporaryDirectory() as folder:
        opened = open_clinic_database(str(Path(folder) / "bench.sqlite"))
        db = opened.db
        therapist = UserService(db).create(UserDetails("b", "Bench", Role.THERAPIST))
        patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
        visit = VisitService(db).start_draft(patient.id, therapist.id)
        marks = MarkService(db)
        marks.replace_all(visit.id, three_hundred_marks(random.Random(7)))

        other = VisitService(db).start_draft(patient.id, therapist.id)
        marks.replace_all(other.id, three_hundred_marks(random.Random(8)))
        # The latest visit, with the one before it to compare, as a therapist opens it.
        database = str(Path(folder) / "bench.sqlite")
        prepared = first_opens(database, patient.id, other.id, prepared=True, runs=args.first_opens)
        cold = first_opens(database, patient.id, other.id, prepared=False, runs=args.first_opens)

        load_view(View.POSTERIOR)  # parsed once per process, as in the app
        # The map opens inside a window already on screen, as the visit screen's does; the
        # time runs until the map is painted (a window not yet on screen paints nothing).
        window = QWidget()
        window.resize(1366, 660)
        layout = QVBoxLayout(window)
        window.show()
        QTest.qWaitForWindowExposed(window)
        opens = []
        for _ in range(7):
            start = time.perf_counter()
            panel = BodyMapPanel(marks, visit.id, view=View.POSTERIOR)
            layout.addWidget(panel)
            panel.show()
            layout.activate()
            panel.view.viewport().repaint()
            opens.append(time.perf_counter() - start)
            assert panel.view.viewport().isVisible()
            layout.removeWidget(panel)
            panel.hide()
            panel.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone, not under
            settle()

        panel = BodyMapPanel(marks, visit.id, view=View.POSTERIOR)
        layout.addWidget(panel)
        settle()
        keep_long_lived()  # as the app does once the visit screen is first up
        # The visit screen keeps its map from one visit to the next: only the marks change.
        switches = []
        for n in range(8):
            start = time.perf_counter()
            panel.show_visit((other, visit)[n % 2].id)
            panel.view.viewport().repaint()
            switches.append(time.perf_counter() - start)
            settle()
        assert panel.visit_id == visit.id
        posterior = load_view(View.POSTERIOR)
        regions = [r for r in posterior.regions if r.muscle_key.startswith(("glute", "semi"))]
        clicks = []
        viewport = panel.view.viewport()
        for n in range(args.clicks):
            region = regions[n % len(regions)]
            x, y = interior_point(region)
            clicks.append(timed_click(viewport, panel.view.mapFromScene(QPointF(x, y))))
        saves = saving_clicks(panel, posterior, args.clicks)
        caught_up = caught_up_clicks(panel, posterior, args.clicks)
        commit_floor = floor_commit(Path(folder), args.clicks)
        repaint_floor = floor_repaint(args.clicks)
        window.close()
        opened.db.close()

    click, opening = statistics.median(clicks), statistics.median(opens)
    floor = statistics.median(commit_floor) + statistics.median(repaint_floor)
    print(f"{'measure':<52}{'median':>10}")
    print(
        f"{'floor: raw sqlite3 commit (WAL, synchronous=FULL)':<52}"
        f"{ms(statistics.median(commit_floor)):>8.2f}ms"
    )
    print(
        f"{'floor: bare QGraphicsView repaint, 300 items':<52}"
        f"{ms(statistics.median(repaint_floor)):>8.2f}ms"
    )
    print(
        f"{'click to repainted map, 300 marks':<52}{ms(click):>8.2f}ms  "
        f"ratio {click / floor:.1f}x floor; target <= {TARGET_CLICK_MS:g} ms: "
        f"{'meets' if ms(click) <= TARGET_CLICK_MS else 'MISSES'}; "
        f"slowest tenth from {ms(tenth_slowest(clicks)):.1f} ms"
    )
    saving = statistics.median(saves)
    print(
        f"{f'click that saves a new mark ({len(saves)} clicks)':<52}{ms(saving):>8.2f}ms  "
        f"ratio {saving / floor:.1f}x floor; target <= {TARGET_CLICK_MS:g} ms: "
        f"{'meets' if ms(saving) <= TARGET_CLICK_MS else 'MISSES'}; "
        f"slowest tenth from {ms(tenth_slowest(saves)):.1f} ms"
    )
    whole = statistics.median(caught_up)
    print(
        f"{f'needle click to map, list, tabs painted ({len(caught_up)})':<52}{ms(whole):>8.2f}ms  "
        f"(within a 60 Hz frame, 16.7 ms: {'yes' if ms(whole) <= 16.7 else 'NO'})"
    )
    first = statistics.median(prepared["map"])
    print(
        f"{'open a visit map, first of session (prepared, app)':<52}{first:>8.2f}ms  "
        f"target <= {TARGET_OPEN_MS:g} ms: "
        f"{'meets' if first <= TARGET_OPEN_MS else 'MISSES'}; "
        f"runs {min(prepared['map']):.0f}-{max(prepared['map']):.0f} ms, "
        f"processor {statistics.median(prepared['map_cpu']):.1f} ms"
    )
    print(
        f"{'  whole visit screen until its map is painted':<52}"
        f"{statistics.median(prepared['screen']):>8.2f}ms  "
        f"runs {min(prepared['screen']):.0f}-{max(prepared['screen']):.0f} ms, "
        f"processor {statistics.median(prepared['screen_cpu']):.1f} ms"
    )
    print(
        f"{'  the preparation, at the patient list':<52}"
        f"{statistics.median(prepared['preparation']):>8.2f}ms  "
        f"on the clock after the window's first paint; longest step "
        f"{statistics.median(prepared['longest_step']):.0f} ms (runs "
        f"{min(prepared['longest_step']):.0f}-{max(prepared['longest_step']):.0f})"
    )
    print(
        f"{'  for the record, not prepared (cold): map':<52}"
        f"{statistics.median(cold['map']):>8.2f}ms  "
        f"runs {min(cold['map']):.0f}-{max(cold['map']):.0f} ms, "
        f"processor {statistics.median(cold['map_cpu']):.1f} ms; whole screen "
        f"{spread(cold['screen'])}"
    )
    print(
        f"{'a map built afresh (artwork parsed), 300 marks':<52}{ms(opening):>8.2f}ms  "
        "what every first map cost before it was prepared"
    )
    switching = statistics.median(switches)
    print(
        f"{'another visit on the open map, 300 marks each':<52}{ms(switching):>8.2f}ms  "
        f"target <= {TARGET_OPEN_MS:g} ms: "
        f"{'meets' if ms(switching) <= TARGET_OPEN_MS else 'MISSES'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
