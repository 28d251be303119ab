"""What the therapist sees when the disk is full, a backup fails or the database is damaged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from imsdesk.domain.patients import PatientDetails
from imsdesk.gui.app import build_main_window, make_application, run_app
from imsdesk.gui.backup_schedule import BackupSchedule
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.recovery import offer_latest_backup
from imsdesk.services.backups import BackupService, default_backup_folder
from imsdesk.services.clinic_settings import ClinicSettingsService
from imsdesk.services.database import OpenedDatabase, open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.errors import DamagedDatabase
from imsdesk.services.patients import PatientService
from tests.conftest import AS_OF
from tests.support.qt import with_modal
from tests.support.sqlite_trouble import (
    a_note_that_needs_new_pages,
    damage_table,
    fill_the_disk,
    fingerprint,
    make_read_only,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def opened(sqlite_url: str) -> Iterator[OpenedDatabase]:
    opened = open_clinic_database(sqlite_url)
    generate_demo_data(opened.db, patients=1, seed=5, as_of=AS_OF)
    yield opened
    opened.db.close()


@pytest.fixture
def window(qtbot, opened: OpenedDatabase) -> MainWindow:
    make_application()
    window = build_main_window(opened)
    qtbot.addWidget(window)
    window.resize(1366, 768)  # a treatment-room laptop
    window.show()
    patient = window.services.patients.create(
        PatientDetails("77", "Doe", "Jane", date(1968, 4, 23))
    )
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    return window


def saved_subjective(window: MainWindow) -> str:
    return window.services.records.record(window.visit_page.record.visit.id).subjective


def test_a_full_disk_keeps_the_note_in_the_form_says_so_and_saves_it_once_there_is_room(
    qtbot, window: MainWindow, opened: OpenedDatabase
):
    notes = window.visit_page.notes
    notes.autosaver.retry_timer.setInterval(200)
    free_space = fill_the_disk(opened.db)
    long_note = a_note_that_needs_new_pages()

    notes.notes["subjective"].setPlainText(long_note)  # as pasted from a referral letter
    qtbot.waitUntil(notes.error_line.isVisible, timeout=3000)

    assert "is full" in notes.error_line.text()
    assert "is full" in window.statusBar().currentMessage()
    assert notes.notes["subjective"].toPlainText() == long_note
    assert saved_subjective(window) == ""  # nothing half-written
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "disk-full-note-kept.png"))

    free_space()
    qtbot.waitUntil(lambda: saved_subjective(window) == long_note, timeout=3000)
    assert not notes.error_line.isVisible()


def test_a_read_only_database_keeps_what_was_typed(
    qtbot, window: MainWindow, opened: OpenedDatabase
):
    notes = window.visit_page.notes
    make_read_only(opened.db)
    qtbot.keyClicks(notes.notes["plan"], "Review in one week")
    qtbot.waitUntil(notes.error_line.isVisible, timeout=3000)
    assert "read-only" in notes.error_line.text()
    assert notes.notes["plan"].toPlainText() == "Review in one week"
    assert not notes.flush()


def test_backups_run_on_the_clinics_interval_and_a_failure_is_said(
    qtbot, window: MainWindow, opened: OpenedDatabase, tmp_path: Path
):
    schedule = BackupSchedule(window, lambda: opened)
    with qtbot.waitSignal(schedule.finished, timeout=10_000):
        schedule.check()  # no backup yet this session: the start's copy, made meanwhile
    (backup,) = default_backup_folder().glob("*-start.sqlite")
    assert window.statusBar().currentMessage() == f"Backed up to {backup}"
    schedule.check()
    assert len(list(default_backup_folder().iterdir())) == 1  # not due again yet

    hours = ClinicSettingsService(opened.db).load().backup_every_hours
    schedule.last_backup -= timedelta(hours=hours)
    blocked = tmp_path / "unplugged-usb"
    blocked.write_text("a file where the folder should be")
    settings = ClinicSettingsService(opened.db)
    settings.save(replace(settings.load(), backup_folder=str(blocked / "backups")))
    with qtbot.waitSignal(schedule.finished, timeout=10_000):
        schedule.check()
    assert window.statusBar().currentMessage().startswith("Backup failed: Cannot back up to")
    schedule.timer.stop()


def test_charting_goes_on_while_a_backup_is_copied(
    qtbot, window: MainWindow, opened: OpenedDatabase
):
    schedule = BackupSchedule(window, lambda: opened)
    copying = schedule.back_up("scheduled")
    PatientService(opened.db).create(PatientDetails("B-1", "Okafor", "Ada", date(1971, 3, 9)))
    assert copying is not None
    copying.join(10)
    assert schedule.back_up("scheduled") is not None  # one copy at a time, then the next
    schedule.timer.stop()


def test_the_app_backs_up_on_start_and_on_close(qtbot, window: MainWindow, opened: OpenedDatabase):
    schedule = BackupSchedule(window, lambda: opened)
    with qtbot.waitSignal(schedule.finished, timeout=10_000):
        schedule.check()
    schedule.back_up_on_close()
    reasons = sorted(p.name.rsplit("-", 1)[1] for p in default_backup_folder().iterdir())
    assert reasons == ["close.sqlite", "start.sqlite"]


def test_a_backup_on_close_that_fails_is_said_in_a_dialog(
    qtbot, window: MainWindow, opened: OpenedDatabase, tmp_path: Path
):
    blocked = tmp_path / "unplugged-usb"
    blocked.write_text("a file where the folder should be")
    settings = ClinicSettingsService(opened.db)
    settings.save(replace(settings.load(), backup_folder=str(blocked / "backups")))
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    with_modal(qtbot, QMessageBox, read)
    BackupSchedule(window, lambda: opened).back_up_on_close()
    assert seen and seen[0].startswith("Cannot back up to")
    assert "Everything you charted is saved in the database itself." in seen[0]


# -- a damaged database at start -----------------------------------------------------------------


@pytest.fixture
def damaged(sqlite_url: str) -> Path:
    """A clinic with one good backup whose file was then damaged."""
    opened = open_clinic_database(sqlite_url)
    generate_demo_data(opened.db, patients=2, seed=5, as_of=AS_OF)
    BackupService(opened.db).back_up("close")
    path = opened.db.sqlite_path
    opened.db.close()
    damage_table(path, "patients")
    return path


def test_a_damaged_database_offers_the_latest_backup_and_restores_it_when_asked(
    qtbot, damaged: Path
):
    make_application()
    damaged_bytes = fingerprint(damaged)[0]
    seen: list[str] = []

    def confirm_done(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    def restore(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()} | {box.text()} | {box.informativeText()}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        box.grab().save(str(SCREENSHOTS / "damaged-database-offer.png"))
        with_modal(qtbot, QMessageBox, confirm_done)
        box.defaultButton().click()

    with pytest.raises(DamagedDatabase) as caught:
        open_clinic_database(str(damaged))
    with_modal(qtbot, QMessageBox, restore)
    assert offer_latest_backup(caught.value, str(damaged))

    opened = open_clinic_database(str(damaged))
    offer, done = seen
    assert offer.startswith("The clinic database is damaged | ")
    assert "imsdesk has not written to it" in offer and "latest good backup" in offer
    (kept,) = damaged.parent.glob("clinic-damaged-*.sqlite")
    assert f"kept as {kept}" in done
    assert fingerprint(kept)[0] == damaged_bytes
    assert PatientService(opened.db).count("") == 2
    opened.db.close()


def test_declining_the_backup_quits_and_leaves_the_damaged_file_as_it_was(qtbot, damaged: Path):
    before = fingerprint(damaged)

    def quit_(box: QMessageBox) -> None:
        box.reject()

    with_modal(qtbot, QMessageBox, quit_)
    assert run_app(str(damaged)) == 1
    assert fingerprint(damaged) == before


def test_without_a_good_backup_the_dialog_says_what_to_do(qtbot, damaged: Path):
    for backup in default_backup_folder().iterdir():
        backup.unlink()
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    with_modal(qtbot, QMessageBox, read)
    assert run_app(str(damaged)) == 1
    assert "No good backup was found" in seen[0]
