"""Saving one mark on the big clinic: the autosave commit a click on the body map pays.

On a draft visit of the big clinic, places needle sites and marks shortened muscles
one at a time through the mark service (each its own transaction, committed with
the database's durability settings), then removes them again, so the clinic is left
as it was. Floor: one row committed with the raw driver under the same durability
(SQLite: WAL and synchronous=FULL, in a file beside the clinic). Target: at most 15 ms.

    .venv/bin/python benchmarks/mark_save.py [--db URL] [--scale clinic10y] [--json]
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchlib import Figure, bench_main, median, ms, percentile, timed
from sqlalchemy import text

from imsdesk.domain.anatomy import Side, View, load_atlas
from imsdesk.domain.artwork import interior_point, load_view
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.services.database import open_clinic_database
from imsdesk.services.marks import MarkService

TARGET_MS = 15.0
SAVES = 40


def measure(url: str) -> list[Figure]:
    opened = open_clinic_database(url)
    db = opened.db
    where = "SQLite" if db.is_sqlite else "PostgreSQL"
    with db.engine.connect() as connection:
        visit_id = connection.execute(
            text("SELECT max(id) FROM visits WHERE status = 'draft'")
        ).scalar()
    if visit_id is None:
        raise SystemExit("the clinic has no draft visit to chart on")
    marks = MarkService(db, load_atlas())
    posterior = load_view(View.POSTERIOR)
    regions = [r for r in posterior.regions if r.muscle_key.startswith(("glute", "semi", "bic"))]
    before = marks.marks(visit_id)
    sites = []
    for n in range(SAVES):
        region = regions[n % len(regions)]
        x, y = interior_point(region)
        sites.append(
            NeedleSite(
                region.muscle_key,
                region.side,
                View.POSTERIOR,
                x,
                y,
                depth_mm=30.0,
                length_mm=50,
                response=Response.GRASP,
            )
        )
    marks.put_needle(visit_id, sites[0])  # the first write pays for connecting
    marks.remove_needle(visit_id, sites[0].uid)
    needle_times = [timed(lambda s=site: marks.put_needle(visit_id, s)) for site in sites]
    finding_times = []
    for n in range(SAVES):
        region = regions[n % len(regions)]
        finding = MuscleFinding(region.muscle_key, region.side, Severity(n % 3 + 1))
        finding_times.append(timed(lambda f=finding: marks.put_finding(visit_id, f)))
    removal_times = [timed(lambda s=site: marks.remove_needle(visit_id, s.uid)) for site in sites]
    for region in regions:
        for side in (Side.LEFT, Side.RIGHT):
            if before.finding(region.muscle_key, side) is None:
                marks.remove_finding(visit_id, region.muscle_key, side)
    for finding in before.findings:
        marks.put_finding(visit_id, finding)
    assert marks.marks(visit_id) == before, "the clinic is left as it was"
    floor = _floor_times(db.url.render_as_string(False), db.is_sqlite)
    db.close()

    floor_ms = ms(median(floor))
    rows = [
        ("save a needle site (autosave commit)", needle_times),
        ("save a shortened muscle (autosave commit)", finding_times),
        ("remove a needle site (autosave commit)", removal_times),
    ]
    figures = []
    for label, times in rows:
        value = ms(median(times))
        figures.append(
            Figure(
                f"{label}, median ({where})",
                value,
                "ms",
                floor_ms,
                f"<= {TARGET_MS:g} ms",
                value <= TARGET_MS,
            )
        )
    worst = ms(percentile(needle_times, 0.95))
    figures.append(
        Figure(
            f"save a needle site, p95 ({where})",
            worst,
            "ms",
            ms(percentile(floor, 0.95)),
            "(for the record)",
            True,
        )
    )
    return figures


def _floor_times(url: str, is_sqlite: bool) -> list[float]:
    """One row committed with nothing else around it, as durably as the app commits."""
    times = []
    if is_sqlite:
        folder = Path(url.removeprefix("sqlite:///")).parent
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            connection = sqlite3.connect(Path(scratch) / "floor.sqlite", isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
            for n in range(SAVES):

                def commit(value: int = n) -> None:
                    connection.execute("BEGIN")
                    connection.execute("INSERT INTO t (v) VALUES (?)", (value,))
                    connection.execute("COMMIT")

                times.append(timed(commit))
            connection.close()
        return times
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute("CREATE TEMPORARY TABLE t (id serial PRIMARY KEY, v integer)")
        connection.commit()
        for n in range(SAVES):

            def commit(value: int = n) -> None:
                connection.execute("INSERT INTO t (v) VALUES (%s)", (value,))
                connection.commit()

            times.append(timed(commit))
    return times


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__, measure))
