"""Cold start to a shown, populated main window, against a bare PySide6 window.

Both are started as fresh processes the same number of times in this run; the
figure that matters is the ratio of the medians (target: at most 2.5×). The app
shows the list's first page before SQLAlchemy and the services load; the time
until those have loaded behind the shown window is printed too, for the record.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--patients 1000 | --db FILE] [--json]

With --db the app opens that clinic (e.g. the big one run_all.py makes) instead of
a fresh demo clinic of --patients patients; nothing else changes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.5
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "window = QWidget()\n"
    "window.resize(1100, 720)\n"
    "window.show()\n"
    "window.grab()\n"
)


def time_process(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--db", help="an existing clinic file to start on")
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        database: str | Path = Path(folder) / "startup.sqlite"
        if args.db:  # a file, or a server's URL (the ordinary start-up path)
            database = args.db if "://" in args.db else Path(args.db).absolute()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "HOME": folder,
            "XDG_CONFIG_HOME": folder,
        }
        if not args.db:  # a fresh demo clinic, unless one was given
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "imsdesk",
                    "demo-data",
                    "--db",
                    str(database),
                    "--patients",
                    str(args.patients),
                ],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        app_cmd = [sys.executable, "-m", "imsdesk", "--db", str(database)]
        shown_env = {**env, "IMSDESK_QUIT_WHEN_READY": "1"}
        loaded_env = {**env, "IMSDESK_QUIT_WHEN_READY": "loaded"}
        # Warm the file cache once for each, so none pays for the first disk read.
        time_process(bare_cmd, env)
        time_process(app_cmd, loaded_env)
        bare, shown, loaded = [], [], []
        for _ in range(args.runs):
            bare.append(time_process(bare_cmd, env))
            shown.append(time_process(app_cmd, shown_env))
            loaded.append(time_process(app_cmd, loaded_env))

    bare_median = statistics.median(bare)
    ratio = statistics.median(shown) / bare_median
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"{'measure':<48}{'median':>10}{'slowest':>10}{'ratio':>8}")
    clinic = f"{args.patients} patients" if not args.db else Path(args.db).name
    if args.db and "://" in args.db:
        clinic = args.db.split("://")[0].split("+")[0]
    rows = [
        ("bare PySide6 window (floor)", bare),
        (f"imsdesk, {clinic}, list shown", shown),
        ("  ... and services loaded behind it", loaded),
    ]
    for label, times in rows:
        median = statistics.median(times)
        print(f"{label:<48}{median:>9.3f}s{max(times):>9.3f}s{median / bare_median:>7.2f}x")
    print(f"list shown: {ratio:.2f}x the floor, target <= {TARGET_RATIO}x: {verdict} the target")
    if args.json:
        from benchlib import Figure, report

        shown_s, loaded_s = statistics.median(shown), statistics.median(loaded)
        figures = [
            Figure(
                f"cold start to the patient list shown ({clinic})",
                shown_s,
                "s",
                bare_median,
                f"<= {TARGET_RATIO:g}x",
                ratio <= TARGET_RATIO,
            ),
            Figure(
                "  ... and services loaded behind it",
                loaded_s,
                "s",
                bare_median,
                "(for the record)",
                True,
            ),
        ]
        report(figures, as_json=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
