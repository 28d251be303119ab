"""Killing the app mid-typing loses at most the last second of what was typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imsdesk.cli import main as imsdesk_main
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import DEMO_PASSWORD
from imsdesk.services.patients import PatientService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from tests.e2e.xvfb import sign_in, wait_for_window, xdotool, xvfb

pytestmark = pytest.mark.xvfb
NOTE = "Low back pain six weeks worse sitting"


def test_sigkill_while_typing_keeps_what_was_typed_before_the_last_second(tmp_path: Path):
    database = tmp_path / "clinic.sqlite"
    assert imsdesk_main(["demo-data", "--db", str(database), "--patients", "5", "--seed", "3"]) == 0
    command = Path(sys.executable).parent / "imsdesk"
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        app = subprocess.Popen([str(command), "--db", str(database)], env=env)
        try:
            sign_in(display, "demo.therapist", DEMO_PASSWORD)
            window = wait_for_window(display, "Patients")
            xdotool(display, "windowfocus", "--sync", window)
            xdotool(display, "type", "--delay", "30", "D000002")
            xdotool(display, "key", "Return")
            wait_for_window(display, "#D000002")
            xdotool(display, "key", "ctrl+shift+v")
            wait_for_window(display, "visit #")
            xdotool(display, "type", "--delay", "30", NOTE)
            time.sleep(1.5)  # the autosave pause has passed for everything typed
            xdotool(display, "type", "--delay", "30", " and more")
            app.send_signal(signal.SIGKILL)  # mid-typing, no chance to clean up
            app.wait(timeout=10)
        finally:
            if app.poll() is None:
                app.kill()

    opened = open_clinic_database(str(database))
    try:
        (patient,) = PatientService(opened.db).search("D000002")
        newest = VisitService(opened.db).list_for_patient(patient.id)[0]
        saved = VisitRecordService(opened.db).record(newest.id).subjective
    finally:
        opened.db.close()
    assert saved.startswith(NOTE)
