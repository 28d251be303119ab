"""Runs the real app window on an X display and clicks the body map with the X mouse.

Started by test_bodymap_window.py as its own process (Qt picks its display once per
process): lets the window build the visit screen and its map while at the patient list,
as the app does once its window is painted, opens the patient's draft visit on that map,
shows the back view, moves the X pointer onto the left gluteus medius and clicks with
xdotool, waits for the mark to be saved, then saves a screenshot of the whole screen.

    python -m tests.e2e.bodymap_driver DB_PATH VISIT_ID SCREENSHOT
"""

from __future__ import annotations

import subprocess
import sys
import time

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.gui.app import build_main_window, make_application
from imsdesk.services.database import open_clinic_database


def main(database: str, visit_id: int, screenshot: str) -> int:
    app = make_application()
    opened = open_clinic_database(database)
    window = build_main_window(opened)
    window.resize(1366, 768)
    window.show()
    window.prepare_visit_screen()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not window.visit_screen_prepared():
        settle(app, 0.05)
    assert window.visit_screen_prepared()
    window.open_visit(visit_id)
    panel = window.visit_page.map_panel
    assert panel is not None
    panel.show_view(View.POSTERIOR)
    settle(app, 1.0)

    region = load_view(View.POSTERIOR).region("gluteus_medius", Side.LEFT)
    assert region is not None
    x, y = interior_point(region)
    view = panel.view
    on_screen = view.viewport().mapToGlobal(view.mapFromScene(QPointF(x, y)))
    subprocess.run(
        ["xdotool", "mousemove", "--sync", str(on_screen.x()), str(on_screen.y()), "click", "1"],
        check=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not panel.marks.findings:
        settle(app, 0.1)
    settle(app, 0.5)
    subprocess.run(["import", "-window", "root", screenshot], check=True)
    found = [(f.muscle_key, f.side.value) for f in window.services.marks.marks(visit_id).findings]
    print(found)
    window.close()
    opened.db.close()
    return 0


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
