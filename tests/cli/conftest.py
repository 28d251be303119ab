"""A clinic file with a charted course of visits, for the commands to work on."""

from __future__ import annotations

from pathlib import Path

import pytest

from imsdesk.services.database import open_clinic_database
from tests.reports.charted_course import Course, chart_course


@pytest.fixture
def clinic(tmp_path: Path) -> tuple[str, Course]:
    """(database URL, the course): three weekly visits, all but the last signed."""
    url = f"sqlite:///{tmp_path / 'clinic.sqlite'}"
    opened = open_clinic_database(url)
    try:
        course = chart_course(opened.db, visits=3)
    finally:
        opened.db.close()
    return url, course
