"""What the safety checks cost at start-up on a demo clinic, against floors measured in the
same run.

The quick check runs before the first screen: its floor is the start of a bare PySide6
window (what any Qt app pays to show itself); target: at most a tenth of it. The backup on
start runs behind the first screen: its floor is a plain durable copy of the same file
(copy, fsync, rename: what any safe backup pays); target: at most 4x.

    .venv/bin/python benchmarks/integrity_backup.py [--patients 1000] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from startup import BARE_WINDOW  # the same bare window the start-up benchmark measures

from imsdesk.store.backup_files import backup_sqlite
from imsdesk.store.sqlite_file import integrity_problem

TARGETS = {"quick check": 0.1, "backup on start": 4.0}


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm the file cache once, for the floor and the measure alike
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def durable_copy(source: Path, folder: Path) -> None:
    partial = folder / "plain.part"
    shutil.copyfile(source, partial)
    descriptor = os.open(partial, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)
    os.replace(partial, folder / "plain.sqlite")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        database = folder / "clinic.sqlite"
        demo = ["demo-data", "--db", str(database), "--patients", str(args.patients)]
        subprocess.run(
            [sys.executable, "-m", "imsdesk", *demo],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**env, "HOME": folder_name, "XDG_DATA_HOME": folder_name},
        )
        bare_window = [sys.executable, "-c", BARE_WINDOW]
        figures = {
            "bare PySide6 window start (floor)": median_ms(
                lambda: subprocess.run(bare_window, env=env, check=True), args.runs
            ),
            "quick check": median_ms(lambda: integrity_problem(database), args.runs),
            "durable plain copy (floor)": median_ms(
                lambda: durable_copy(database, folder), args.runs
            ),
            "backup on start": median_ms(
                lambda: backup_sqlite(database, folder / "backups", "start"), args.runs
            ),
            "full integrity check (restore)": median_ms(
                lambda: integrity_problem(database, quick=False), args.runs
            ),
        }
        size_mb = database.stat().st_size / 1e6
    print(f"{args.patients} demo patients, a {size_mb:.1f} MB file; medians of {args.runs} runs")
    for label, value in figures.items():
        print(f"{label:<40}{value:>9.1f} ms")
    floors = {"quick check": "bare PySide6 window start (floor)"}
    floors["backup on start"] = "durable plain copy (floor)"
    for label, floor in floors.items():
        ratio = figures[label] / figures[floor]
        verdict = "meets" if ratio <= TARGETS[label] else "MISSES"
        print(f"{label}: {ratio:.2f}x its floor, target <= {TARGETS[label]}x: {verdict} the target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
