"""The installed `imsdesk` command, started as a separate process in a real X window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from imsdesk.cli import main as imsdesk_main
from imsdesk.domain.users import Role
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import DEMO_PASSWORD
from imsdesk.services.users import UserService
from tests.e2e.xvfb import (
    fill_first_admin,
    running,
    screenshot,
    sign_in,
    wait_for_window,
    xdotool,
    xvfb,
)

pytestmark = pytest.mark.xvfb
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_installed_command_opens_a_real_window_a_person_can_use(tmp_path: Path):
    database = tmp_path / "clinic.sqlite"
    assert (
        imsdesk_main(["demo-data", "--db", str(database), "--patients", "40", "--seed", "2"]) == 0
    )
    command = Path(sys.executable).parent / "imsdesk"
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        with running([str(command), "--db", str(database)], env=env) as app:
            wait_for_window(display, "Sign in")
            screenshot(display, SCREENSHOTS / "00-sign-in.png")
            sign_in(display, "demo.therapist", DEMO_PASSWORD)
            window = wait_for_window(display, "Patients")
            xdotool(display, "windowsize", window, "1200", "760")
            xdotool(display, "windowfocus", "--sync", window)  # no window manager here
            first = screenshot(display, SCREENSHOTS / "01-patient-list.png")
            assert png_size(first) == (1280, 800)

            # Type a chart number into the focused search box and press Enter, as a person would.
            xdotool(display, "type", "--delay", "40", "D000007")
            xdotool(display, "key", "Return")
            wait_for_window(display, "#D000007")
            screenshot(display, SCREENSHOTS / "02-patient.png")

            xdotool(display, "key", "ctrl+shift+v")
            wait_for_window(display, "visit #")
            screenshot(display, SCREENSHOTS / "03-visit.png")
            xdotool(display, "key", "ctrl+q")
            assert app.wait(timeout=20) == 0


def test_first_start_on_an_empty_machine_sets_up_the_administrator(tmp_path: Path):
    database = tmp_path / "new" / "clinic.sqlite"
    command = Path(sys.executable).parent / "imsdesk"
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        with running([str(command), "--db", str(database)], env=env) as app:
            fill_first_admin(display, "Dana Lee", "correct horse battery")
            screenshot(display, SCREENSHOTS / "00-first-start.png")
            xdotool(display, "key", "Return")
            window = wait_for_window(display, "Patients")
            xdotool(display, "windowfocus", "--sync", window)
            xdotool(display, "key", "ctrl+q")
            assert app.wait(timeout=20) == 0
    opened = open_clinic_database(str(database))
    try:
        assert UserService(opened.db).sign_in("dlee", "correct horse battery").role is Role.ADMIN
    finally:
        opened.db.close()
