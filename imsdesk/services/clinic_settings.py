"""Settings the whole clinic shares, stored in its database (every workstation sees them)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.episodes import TYPICAL_COURSE
from imsdesk.domain.plain_text import text_problem
from imsdesk.domain.screening import DEFAULT_SCREEN_INTERVAL_DAYS
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.encryption import database_errors
from imsdesk.store.errors import StoreError
from imsdesk.store.models import ClinicSettingRow
from imsdesk.store.sqlite_file import read_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_LOGO_BYTES = 5_000_000


@dataclass(frozen=True)
class ClinicSettings:
    clinic_name: str = ""
    clinic_address: str = ""
    clinic_phone: str = ""
    logo_path: str = ""  # an image file printed on the letterhead; missing: printed without
    paper_size: str = "A4"  # or "Letter"
    screen_interval_days: int = DEFAULT_SCREEN_INTERVAL_DAYS
    typical_course_visits: float = TYPICAL_COURSE.visits
    typical_course_source: str = TYPICAL_COURSE.source
    idle_lock_minutes: int = 10  # the workstation asks for the password again after this
    backup_folder: str = ""  # e.g. a USB disk or network share; empty: the user's data folder
    backup_every_hours: int = 4  # while the app runs, besides on start and on close


def settings_problems(settings: ClinicSettings) -> dict[str, str]:
    problems = {}
    if settings.paper_size not in ("A4", "Letter"):
        problems["paper_size"] = "Paper size is A4 or Letter."
    if not 1 <= settings.screen_interval_days <= 3650:
        problems["screen_interval_days"] = "The screen interval is 1 to 3650 days."
    if not 1 <= settings.idle_lock_minutes <= 240:
        problems["idle_lock_minutes"] = "The idle lock is 1 to 240 minutes."
    if not 1 <= settings.typical_course_visits <= 100:
        problems["typical_course_visits"] = "The typical course is 1 to 100 visits."
    if problem := text_problem("The backup folder", settings.backup_folder, 4096, one_line=True):
        problems["backup_folder"] = problem
    elif settings.backup_folder and not Path(settings.backup_folder).is_absolute():
        problems["backup_folder"] = "The backup folder is a full path, e.g. /media/usb/backups."
    if not 1 <= settings.backup_every_hours <= 24:
        problems["backup_every_hours"] = "Backups while the app runs are 1 to 24 hours apart."
    for name, label, limit, one_line in _TEXT_SETTINGS:
        if problem := text_problem(label, getattr(settings, name), limit, one_line=one_line):
            problems[name] = problem
    return problems


# Setting, label, most characters, typed on one line: what a letterhead can hold.
_TEXT_SETTINGS = (
    ("clinic_name", "The clinic's name", 200, True),
    ("clinic_address", "The clinic's address", 1000, False),
    ("clinic_phone", "The clinic's phone", 64, True),
    ("typical_course_source", "The typical course's source", 500, True),
)


def read_logo(path_text: str) -> tuple[bytes | None, str]:
    """The logo file's contents, or None and one line saying why it cannot be printed."""
    if problem := text_problem("The logo file's name", path_text, 4096, one_line=True):
        return None, problem
    path = Path(path_text).expanduser()
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            return None, f"The logo file {path} is over 5 MB."
        data = path.read_bytes()
    except FileNotFoundError:
        return None, f"The logo file {path} does not exist."
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, f"The logo file {path} cannot be read ({reason})."
    from imsdesk.reports.pictures import read_picture  # imports reportlab: only when asked

    if read_picture(data) is None:
        return None, f"The logo file {path} is not a picture that can be printed (PNG or JPEG)."
    return data, ""


class ClinicSettingsService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def load(self) -> ClinicSettings:
        with self._db.reading() as session:
            return settings_in(session)

    def save(self, settings: ClinicSettings) -> ClinicSettings:
        """Keep ``settings``; a logo must be a picture that prints, kept by its full path."""
        problems = settings_problems(settings)
        logo = settings.logo_path.strip()
        if logo:
            _, problem = read_logo(logo)
            if problem:
                problems["logo_path"] = problem
            else:
                logo = str(Path(logo).expanduser().resolve())
        if problems:
            raise ValidationError(problems)
        settings = replace(settings, logo_path=logo)
        before = asdict(self.load())
        with self._db.transaction() as session:
            for key, value in asdict(settings).items():
                session.merge(ClinicSettingRow(key=key, value=json.dumps(value)))
            changed = [k for k, v in asdict(settings).items() if before.get(k) != v]
            if changed:
                detail = "changed settings " + ", ".join(changed)
                self._acting.audit(session, AuditAction.EDIT, RecordKind.CLINIC, None, detail)
        return settings


_KEYS_AND_VALUES = select(ClinicSettingRow.key, ClinicSettingRow.value)  # built once


def settings_read() -> Run:
    """What ``settings_in`` runs (DriverUnit.run_together)."""
    return _KEYS_AND_VALUES, {}


_KNOWN = frozenset(f.name for f in fields(ClinicSettings))


def settings_in(reader: Session | Connection | DriverUnit) -> ClinicSettings:
    """The clinic's settings, read in an open session or connection (keys and values
    only: no row objects to build, it is read for every printed page)."""
    stored = {key: json.loads(value) for key, value in reader.execute(*settings_read())}
    return replace(ClinicSettings(), **{k: v for k, v in stored.items() if k in _KNOWN})


def setting_in_file(path: Path, name: str) -> object | None:
    """One setting read straight from an SQLite file that is not opened for use (it may be
    damaged, or of an older schema); None when it is not set or cannot be read."""
    try:
        rows = read_rows(
            path, f"SELECT value FROM {ClinicSettingRow.__tablename__} WHERE key = ?", (name,)
        )
        return json.loads(rows[0][0]) if rows else None
    except (*database_errors(), StoreError, ValueError):  # StoreError: a passphrase not given
        return None
