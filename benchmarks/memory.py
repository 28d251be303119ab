"""Peak resident memory with the big clinic open and a chart shown.

A fresh process opens the main window on the clinic, scrolls the patient list
through five pages, opens the patient with the chart nearest 40 visits and their
latest visit (body map and all), then reports its peak resident set size
(getrusage). Floor: a fresh process showing a bare PySide6 window, measured the
same way in the same run. Target: at most 250 MiB.

    .venv/bin/python benchmarks/memory.py [--db URL] [--scale clinic10y] [--json]
"""

from __future__ import annotations

import os
import subprocess
import sys

from benchlib import ROOT, Figure, bench_main

TARGET_MIB = 250.0
PEAK = (
    "import resource\n"
    "print('PEAK-KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"  # KiB on Linux
)
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "window = QWidget()\n"
    "window.resize(1366, 768)\n"
    "window.show()\n"
    "window.grab()\n"
) + PEAK
CHART_SHOWN = (
    "import sys\n"
    "from imsdesk.gui.app import build_main_window, make_application\n"
    "from imsdesk.services.database import open_clinic_database\n"
    "app = make_application()\n"
    "opened = open_clinic_database(sys.argv[1])\n"
    "window = build_main_window(opened)\n"
    "window.resize(1366, 768)\n"
    "window.show()\n"
    "app.processEvents()\n"
    "model = window.list_page.model\n"
    "for _ in range(5):\n"
    "    model.fetchMore()\n"
    "with opened.db.engine.connect() as connection:\n"
    "    patient, visit = connection.exec_driver_sql(\n"
    "        'SELECT patient_id, max(id) FROM visits GROUP BY patient_id '\n"
    "        'ORDER BY abs(count(*) - 40), patient_id LIMIT 1').first()\n"
    "window.open_patient(patient)\n"
    "window.grab()\n"
    "window.open_visit(visit)\n"
    "window.grab()\n"
    "app.processEvents()\n"
) + PEAK


def peak_mib(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    kib = next(line.split()[1] for line in result.stdout.splitlines() if line.startswith("PEAK"))
    return int(kib) / 1024


def measure(url: str) -> list[Figure]:
    where = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    floor = min(peak_mib(BARE_WINDOW) for _ in range(2))
    shown = max(peak_mib(CHART_SHOWN, url) for _ in range(2))
    return [
        Figure(
            f"peak memory, big clinic open, chart shown ({where})",
            shown,
            "MiB",
            floor,
            f"<= {TARGET_MIB:g} MiB",
            shown <= TARGET_MIB,
        )
    ]


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__, measure))
