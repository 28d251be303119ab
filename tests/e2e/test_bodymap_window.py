"""A real mouse click, through the X server, on the body map of a real window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imsdesk.cli import main as imsdesk_main
from imsdesk.domain.anatomy import Side
from imsdesk.services.database import open_clinic_database
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from tests.e2e.xvfb import xvfb

pytestmark = pytest.mark.xvfb
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "04-bodymap-click.png"


def test_clicking_the_left_gluteus_medius_in_the_back_view_records_the_left_side(
    tmp_path: Path,
):
    database = tmp_path / "clinic.sqlite"
    assert imsdesk_main(["demo-data", "--db", str(database), "--patients", "3"]) == 0
    opened = open_clinic_database(str(database))
    patient = PatientService(opened.db).search("D000001")[0]
    therapist = UserService(opened.db).charting_user()
    visit = VisitService(opened.db).start_draft(patient.id, therapist.id)
    opened.db.close()

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    with xvfb("1366x768x24") as display:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.e2e.bodymap_driver",
                str(database),
                str(visit.id),
                str(SCREENSHOT),
            ],
            env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    opened = open_clinic_database(str(database))
    findings = MarkService(opened.db).marks(visit.id).findings
    opened.db.close()
    assert [(f.muscle_key, f.side) for f in findings] == [("gluteus_medius", Side.LEFT)]
    assert SCREENSHOT.stat().st_size > 10_000
