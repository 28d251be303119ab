"""Cold start to the first window, against a bare PySide6 window; and sign-in to the list.

The first window a person sees is the sign-in dialog: it shows before SQLAlchemy
loads, and the database layer loads behind it while they type. Both processes
are started fresh the same number of times in this run; the figure that matters
is the ratio of the medians (target: at most 2.5×). The second figure is what a
person waits after pressing Enter: from the click on "Sign in" (after typing for
--typing seconds) to the shown, populated patient list (1,000 demo patients).

    .venv/bin/python benchmarks/startup.py [--runs 7] [--patients 1000 | --db URL]
        [--typing 1.5] [--json]

With --db the app opens that clinic (e.g. the big one run_all.py makes; its accounts
sign in with the demo password) instead of a fresh demo clinic of --patients patients.
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
# Drives the real app as a person would: waits, fills the dialog, clicks Sign in,
# and prints the seconds from that click to the main window's populated list.
SIGN_IN_DRIVER = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from imsdesk.gui.app import make_application, run_app
from imsdesk.services.demo_data import DEMO_PASSWORD

database, typing = sys.argv[1], float(sys.argv[2])
state = {}

def poll():
    for widget in QApplication.topLevelWidgets():
        kind = type(widget).__name__
        if kind == "SignInDialog" and widget.isVisible() and "typing" not in state:
            state["typing"] = True
            QTimer.singleShot(int(typing * 1000), lambda w=widget: submit(w))
        if kind == "MainWindow" and widget.isVisible() and "clicked" in state:
            widget.grab()
            if widget.list_page.model.rowCount():
                print(f"{time.perf_counter() - state['clicked']:.4f}", flush=True)
                QApplication.quit()
                return
    QTimer.singleShot(2, poll)

def submit(dialog):
    dialog.ui.username.setText("demo.therapist")
    dialog.ui.password.setText(DEMO_PASSWORD)
    state["clicked"] = time.perf_counter()
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

make_application()
QTimer.singleShot(0, poll)
run_app(database)
"""


def time_process(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def sign_in_wait(database: str, typing: float, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", SIGN_IN_DRIVER, database, str(typing)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def clinic_name(db: str) -> str:
    """A short name for the clinic in the table: the file, or the server's kind."""
    if "://" in db:
        return db.split("://")[0].split("+")[0]
    return Path(db).name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--typing", type=float, default=1.5, metavar="SECONDS")
    parser.add_argument("--db", help="an existing clinic (file or URL) to start on")
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        database = args.db or str(Path(folder) / "startup.sqlite")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "HOME": folder,
            "XDG_CONFIG_HOME": folder,
        }
        if not args.db:  # a fresh demo clinic, unless one was given
            subprocess.run(
                [
                    *(sys.executable, "-m", "imsdesk", "demo-data", "--db", database),
                    *("--patients", str(args.patients)),
                ],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        app_cmd = [sys.executable, "-m", "imsdesk", "--db", database]
        first_window_env = {**env, "IMSDESK_QUIT_WHEN_READY": "1"}
        # Warm the file cache once for each, so none pays for the first disk read.
        time_process(bare_cmd, env)
        time_process(app_cmd, first_window_env)
        bare, shown, waits = [], [], []
        for _ in range(args.runs):
            bare.append(time_process(bare_cmd, env))
            shown.append(time_process(app_cmd, first_window_env))
            waits.append(sign_in_wait(database, args.typing, env))

    bare_median = statistics.median(bare)
    ratio = statistics.median(shown) / bare_median
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"{'measure':<56}{'median':>10}{'slowest':>10}")
    print(f"{'bare PySide6 window (floor)':<56}{bare_median:>9.3f}s{max(bare):>9.3f}s")
    label = "imsdesk cold start, sign-in window shown"
    print(f"{label:<56}{statistics.median(shown):>9.3f}s{max(shown):>9.3f}s")
    clinic = clinic_name(args.db) if args.db else f"{args.patients} patients"
    label = f"Sign in clicked after {args.typing:g} s -> list shown ({clinic})"
    print(f"{label:<56}{statistics.median(waits):>9.3f}s{max(waits):>9.3f}s")
    print(f"cold start: {ratio:.2f}x the floor, target <= {TARGET_RATIO}x: {verdict} the target")
    if args.json:
        from benchlib import Figure, report

        figures = [
            Figure(
                f"cold start to the sign-in window ({clinic})",
                statistics.median(shown),
                "s",
                bare_median,
                f"<= {TARGET_RATIO:g}x",
                ratio <= TARGET_RATIO,
            ),
            Figure(
                f"  Sign in after {args.typing:g} s of typing -> list shown",
                statistics.median(waits),
                "s",
                None,
                "(for the record)",
                True,
            ),
        ]
        report(figures, as_json=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
