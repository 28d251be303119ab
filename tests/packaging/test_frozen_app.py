"""The packaged app: packaging/build.sh makes a one-folder bundle that runs with nothing but
the bundle, the way a clinic receives it.

Slow (it builds the bundle), so not in the default run:

    .venv/bin/python -m pytest -m frozen -s tests/packaging

prints the bundle's size and its start time against the unfrozen app's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from imsdesk.domain.users import Role
from imsdesk.services.database import open_clinic_database
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from tests.e2e.xvfb import (
    fill_first_admin,
    require_tools,
    running,
    screenshot,
    wait_for_window,
    xdotool,
    xvfb,
)

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(1800)]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
UNFROZEN = Path(sys.executable).parent / "imsdesk"
STARTS = 5  # per program, alternating, for the start-time medians
PASSWORD = "correct horse battery"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    built = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), str(out)],
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"\nbuild: {time.perf_counter() - started:.0f} s")
    return out / "imsdesk"


@pytest.fixture
def clean_machine(tmp_path: Path) -> dict[str, str]:
    """No virtual environment, no Python settings, an empty home: as on a clinic's PC."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def run(program: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args], env=env, cwd=env["HOME"], capture_output=True, text=True, timeout=120
    )


def test_the_frozen_app_tells_its_version(bundle: Path, clean_machine: dict[str, str]):
    result = run(bundle / "imsdesk", "--version", env=clean_machine)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"imsdesk {version('imsdesk')}"


def test_the_bundle_carries_the_qt_plugins_the_app_needs_and_no_more(bundle: Path):
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    for needed in (
        "platforms/libqxcb.so",  # X11
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
    ):
        assert (plugins / needed).is_file(), needed
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    assert not (plugins / "platforms" / "libqvnc.so").exists()


def chart_pain_scores(database: str) -> None:
    """Today's draft for the first patient, with pain before and after."""
    opened = open_clinic_database(database)
    try:
        therapist = UserService(opened.db).by_username("demo.therapist")
        visit = VisitService(opened.db).start_draft(1, therapist.id)
        records = VisitRecordService(opened.db)
        records.save_field(visit.id, "pain_before", 6)
        records.save_field(visit.id, "pain_after", 3)
    finally:
        opened.db.close()


def test_check_and_reports_work_from_the_bundle_alone(
    bundle: Path, clean_machine: dict[str, str], tmp_path: Path
):
    program, database = bundle / "imsdesk", str(tmp_path / "clinic.sqlite")
    checked = run(program, "--db", database, "check", env=clean_machine)
    assert checked.returncode == 1 and "No database at" in checked.stderr, checked.stderr

    # The migrations, the atlas, the artwork, the fonts and the chart backend all come
    # from inside the bundle.
    demo = run(program, "--db", database, "demo-data", "--patients", "3", env=clean_machine)
    assert demo.returncode == 0, demo.stderr
    chart_pain_scores(database)  # demo charts have none; the report then draws a chart
    for command in (
        ("summary", "--visit", "1", "--out", str(tmp_path / "summary.pdf")),
        ("report", "--patient", "1", "--out", str(tmp_path / "report.pdf")),
    ):
        made = run(program, "--db", database, *command, env=clean_machine)
        assert made.returncode == 0, made.stderr
        assert "Traceback" not in made.stderr
    for pdf in ("summary.pdf", "report.pdf"):
        assert (tmp_path / pdf).read_bytes()[:5] == b"%PDF-"
    # The chart fonts were scanned once and kept for the next report.
    font_cache = Path(clean_machine["XDG_CACHE_HOME"]) / "imsdesk" / "matplotlib"
    assert list(font_cache.glob("fontlist-*.json"))
    checked = run(program, "--db", database, "check", env=clean_machine)
    assert checked.returncode == 0 and "(current)" in checked.stdout, checked.stdout
    assert "integrity:      ok" in checked.stdout


def test_the_bundle_encrypts_a_database_and_opens_it_with_the_passphrase(
    bundle: Path, clean_machine: dict[str, str], tmp_path: Path
):
    program, database = bundle / "imsdesk", str(tmp_path / "clinic.sqlite")
    demo = run(program, "--db", database, "demo-data", "--patients", "3", env=clean_machine)
    assert demo.returncode == 0, demo.stderr
    chart_pain_scores(database)  # demo charts have none; the report then draws a chart
    with_passphrase = {**clean_machine, "IMSDESK_PASSPHRASE": "lantern orchard seventeen"}
    encrypted = run(program, "--db", database, "encrypt", env=with_passphrase)
    assert encrypted.returncode == 0, encrypted.stderr
    assert not Path(database).read_bytes().startswith(b"SQLite format 3")
    checked = run(program, "--db", database, "check", env=with_passphrase)
    assert checked.returncode == 0 and "integrity:      ok" in checked.stdout, checked.stderr


def test_first_start_on_an_empty_machine_creates_the_database_and_asks_for_the_admin(
    bundle: Path, clean_machine: dict[str, str]
):
    require_tools()
    database = Path(clean_machine["XDG_DATA_HOME"]) / "imsdesk" / "imsdesk.sqlite"
    with xvfb() as display:
        env = {**clean_machine, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        started = time.perf_counter()
        with running([str(bundle / "imsdesk")], env=env, cwd=env["HOME"]) as app:
            wait_for_window(display, "Set up imsdesk", timeout=60)
            shown = time.perf_counter() - started
            fill_first_admin(display, "Dana Lee", PASSWORD)
            screenshot(display, SCREENSHOTS / "frozen-first-start.png")
            xdotool(display, "key", "Return")
            window = wait_for_window(display, "Patients", timeout=60)
            xdotool(display, "windowfocus", "--sync", window)
            screenshot(display, SCREENSHOTS / "frozen-patient-list.png")
            xdotool(display, "key", "ctrl+q")
            assert app.wait(timeout=20) == 0
    opened = open_clinic_database(str(database))
    try:
        assert UserService(opened.db).sign_in("dlee", PASSWORD).role is Role.ADMIN
    finally:
        opened.db.close()
    print(f"\nfrozen first start under Xvfb, to the set-up dialog: {shown:.2f} s")


def test_bundle_size_and_start_time_against_the_unfrozen_app(
    bundle: Path, clean_machine: dict[str, str], tmp_path: Path
):
    database = str(tmp_path / "clinic.sqlite")
    frozen = bundle / "imsdesk"
    demo = run(frozen, "--db", database, "demo-data", "--patients", "200", env=clean_machine)
    assert demo.returncode == 0, demo.stderr
    env = {**clean_machine, "IMSDESK_QUIT_WHEN_READY": "1"}
    unfrozen_env = {**os.environ, **env}  # the unfrozen app needs its virtual environment

    def start(program: Path, environment: dict[str, str]) -> float:
        began = time.perf_counter()
        done = subprocess.run(
            [str(program), "--db", database], env=environment, capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return time.perf_counter() - began

    start(frozen, env), start(UNFROZEN, unfrozen_env)  # warm the file cache for both
    frozen_times, unfrozen_times = [], []
    for _ in range(STARTS):
        frozen_times.append(start(frozen, env))
        unfrozen_times.append(start(UNFROZEN, unfrozen_env))
    frozen_median, unfrozen_median = (
        statistics.median(frozen_times),
        statistics.median(unfrozen_times),
    )
    size = folder_size(bundle)
    print(
        f"\nbundle: {size / 2**20:.0f} MiB in {sum(1 for _ in bundle.rglob('*'))} files"
        f"\nstart to the sign-in window (200 patients, offscreen, median of {STARTS}): "
        f"frozen {frozen_median:.2f} s, unfrozen {unfrozen_median:.2f} s "
        f"({frozen_median / unfrozen_median:.2f}x)"
    )
