"""Settings the whole clinic shares, stored in its database (every workstation sees them)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from imsdesk.domain.episodes import TYPICAL_COURSE
from imsdesk.domain.screening import DEFAULT_SCREEN_INTERVAL_DAYS
from imsdesk.services.errors import ValidationError
from imsdesk.store.database import Database
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
    if settings.backup_folder and not Path(settings.backup_folder).is_absolute():
        problems["backup_folder"] = "The backup folder is a full path, e.g. /media/usb/backups."
    if not 1 <= settings.backup_every_hours <= 24:
        problems["backup_every_hours"] = "Backups while the app runs are 1 to 24 hours apart."
    return problems


def read_logo(path_text: str) -> tuple[bytes | None, str]:
    """The logo file's contents, or None and one line saying why it cannot be printed."""
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
    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self) -> ClinicSettings:
        with self._db.reading() as session:
            return read_settings(session)

    def save(self, settings: ClinicSettings) -> ClinicSettings:
        """Keep ``settings``; a logo must be a picture that prints, kept by its full path."""
        problems = settings_problems(settings)
        logo = settings.logo_path.strip()
        if logo:
            _, problem = read_logo(logo)
            if problem:
                problems["logo_path"] = problem
            logo = str(Path(logo).expanduser().resolve())
        if problems:
            raise ValidationError(problems)
        settings = replace(settings, logo_path=logo)
        with self._db.transaction() as session:
            for key, value in asdict(settings).items():
                session.merge(ClinicSettingRow(key=key, value=json.dumps(value)))
        return settings


def read_settings(session: Session) -> ClinicSettings:
    """The clinic's settings, read inside a unit of work that needs them among other rows."""
    stored = {row.key: json.loads(row.value) for row in session.query(ClinicSettingRow)}
    known = {f.name for f in fields(ClinicSettings)}
    return replace(ClinicSettings(), **{k: v for k, v in stored.items() if k in known})


def setting_in_file(path: Path, name: str) -> object | None:
    """One setting read straight from an SQLite file that is not opened for use (it may be
    damaged, or of an older schema); None when it is not set or cannot be read."""
    try:
        rows = read_rows(
            path, f"SELECT value FROM {ClinicSettingRow.__tablename__} WHERE key = ?", (name,)
        )
        return json.loads(rows[0][0]) if rows else None
    except (sqlite3.Error, ValueError):
        return None
