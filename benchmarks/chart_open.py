"""Opening a chart with 40 visits, on the big clinic: the patient screen, then the visit screen.

In the real main window (offscreen), for ten patients with about 40 visits each:
open the patient from the list (their visits listed), then open their latest visit
(record, strip, body map with the previous visit's marks, spine strip), each until
painted. A first patient is opened untimed, as the app builds the visit screen once.
Floor: the same rows (patient, visits, the visit's marks) read with the raw driver.
Target: the visit screen in at most 50 ms (median).

    .venv/bin/python benchmarks/chart_open.py [--db URL] [--scale clinic10y] [--json]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchlib import Figure, bench_main, median, ms, raw_connection, timed
from PySide6.QtWidgets import QApplication

from imsdesk.gui.app import build_main_window, make_application
from imsdesk.services.database import open_clinic_database

TARGET_MS = 50.0
CHARTS = 10
FIND_CHARTS = (  # the charts nearest 40 visits (a smaller clinic has none that long)
    "SELECT patient_id, max(id), count(*) FROM visits GROUP BY patient_id "
    "ORDER BY abs(count(*) - 40), patient_id LIMIT {n}"
)
FLOOR_READS = (
    "SELECT * FROM patients WHERE id = {m}",
    "SELECT * FROM visits WHERE patient_id = {m} ORDER BY started_at",
    "SELECT * FROM muscle_findings WHERE visit_id = {m}",
    "SELECT * FROM needle_sites WHERE visit_id = {m}",
)


def measure(url: str) -> list[Figure]:
    app = make_application()
    opened = open_clinic_database(url)
    where = "SQLite" if opened.db.is_sqlite else "PostgreSQL"
    with opened.db.engine.connect() as connection:
        found = list(connection.exec_driver_sql(FIND_CHARTS.format(n=CHARTS + 1)))
    charts = [(patient_id, visit_id) for patient_id, visit_id, _ in found]
    lengths = sorted({count for *_, count in found[1:]})
    visits = f"{lengths[0]}-{lengths[-1]}" if lengths[0] != lengths[-1] else f"{lengths[0]}"
    window = build_main_window(opened)
    window.resize(1366, 768)
    window.show()
    app.processEvents()

    def open_patient(patient_id: int) -> None:
        window.open_patient(patient_id)
        window.repaint()

    def open_visit(visit_id: int) -> None:
        window.open_visit(visit_id)
        window.repaint()

    first_patient, first_visit = charts[0]
    open_patient(first_patient)
    open_visit(first_visit)  # builds the visit screen once, as the first opening does
    patient_times, visit_times = [], []
    for patient_id, visit_id in charts[1:]:
        window.show_patient_list()
        app.processEvents()
        patient_times.append(timed(lambda p=patient_id: open_patient(p)))
        visit_times.append(timed(lambda v=visit_id: open_visit(v)))
        app.processEvents()
    window.close()
    floors = _floor_times(opened.db.url.render_as_string(False), charts[1:])
    opened.db.close()
    QApplication.processEvents()

    visit_ms, patient_ms = ms(median(visit_times)), ms(median(patient_times))
    return [
        Figure(
            f"open the visit screen, charts of {visits} visits ({where})",
            visit_ms,
            "ms",
            ms(median(floors)),
            f"<= {TARGET_MS:g} ms",
            visit_ms <= TARGET_MS,
        ),
        Figure(
            f"open the patient screen, {visits} visits listed ({where})",
            patient_ms,
            "ms",
            None,
            f"<= {TARGET_MS:g} ms",
            patient_ms <= TARGET_MS,
        ),
    ]


def _floor_times(url: str, charts: list[tuple[int, int]]) -> list[float]:
    connection, mark = raw_connection(url)
    times = []
    for patient_id, visit_id in charts:

        def read(p: int = patient_id, v: int = visit_id) -> None:
            for sql, value in zip(FLOOR_READS, (p, p, v, v), strict=True):
                connection.execute(sql.format(m=mark), (value,)).fetchall()

        times.append(timed(read))
    connection.close()
    return times


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__, measure))
