"""The audit trail's vocabulary: what was done, to which kind of record, and how to filter it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class AuditAction(StrEnum):
    OPEN = "open"
    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"
    SIGN = "sign"
    AMEND = "amend"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    LOGIN = "login"
    FAILED_LOGIN = "failed_login"
    SET_PASSWORD = "set_password"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"

    @property
    def label(self) -> str:
        return _ACTION_LABELS.get(self, self.value.capitalize())


_ACTION_LABELS = {
    AuditAction.OPEN: "Opened",
    AuditAction.CREATE: "Created",
    AuditAction.EDIT: "Edited",
    AuditAction.DELETE: "Deleted",
    AuditAction.SIGN: "Signed",
    AuditAction.AMEND: "Amended",
    AuditAction.PRINT: "Printed",
    AuditAction.EXPORT: "Exported",
    AuditAction.IMPORT: "Imported",
    AuditAction.BACKUP: "Backed up",
    AuditAction.RESTORE: "Restored",
    AuditAction.LOGIN: "Signed in",
    AuditAction.FAILED_LOGIN: "Sign-in refused",
    AuditAction.SET_PASSWORD: "Password set",
    AuditAction.DEACTIVATE: "Deactivated",
    AuditAction.REACTIVATE: "Reactivated",
}


def action_label(action: str) -> str:
    """The label of a stored action; an action this version does not know shows as stored."""
    try:
        return AuditAction(action).label
    except ValueError:
        return action


class RecordKind(StrEnum):
    PATIENT = "patient"
    VISIT = "visit"
    EPISODE = "episode"
    USER = "user"
    CLINIC = "clinic"  # the clinic as a whole: its settings, an export of every chart
    DATABASE = "database"  # backups and restores
    AUDIT_LOG = "audit_log"  # an export of the clinic-wide log


# One "edit" row per visit, user and part of the record per this many minutes; see
# ``services.audit.note_edit`` for why autosaved edits are not audited one row per save.
EDIT_AUDIT_MINUTES = 5


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail as people read it: names, not ids."""

    id: int
    at: datetime  # UTC, timezone-aware; shown in local time
    user_id: int | None
    username: str  # "" when no one was signed in (the command line, start-up)
    user_name: str  # the display name, as printed on signed notes
    workstation: str
    action: str
    record_kind: str
    record_id: int | None
    record: str  # what was touched, e.g. "Visit #3 (2026-11-20)"
    detail: str

    @property
    def action_label(self) -> str:
        return action_label(self.action)


@dataclass(frozen=True)
class AuditFilter:
    """What the clinic-wide log shows: every field left as None means 'any'."""

    user_id: int | None = None
    action: str | None = None
    since: date | None = None  # from the start of this local day
    until: date | None = None  # to the end of this local day

    def problem(self) -> str | None:
        if self.since and self.until and self.since > self.until:
            return "The first day comes after the last day."
        return None

    def instants(self) -> tuple[datetime | None, datetime | None]:
        """The filter's days as instants in local time: [start of since, end of until)."""
        since = _local_midnight(self.since) if self.since else None
        until = _local_midnight(self.until + timedelta(days=1)) if self.until else None
        return since, until

    def describe(self, username: str = "") -> str:
        """In words, for the audit row of an export (``username``: the filter's user)."""
        parts = []
        if self.action:
            parts.append(f"action {self.action}")
        if self.user_id is not None:
            parts.append(f"user {username or self.user_id}")
        if self.since:
            parts.append(f"from {self.since.isoformat()}")
        if self.until:
            parts.append(f"to {self.until.isoformat()}")
        return ", ".join(parts) or "everything"


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone()


AUDIT_CSV_HEADER = (
    "time",
    "user",
    "user_name",
    "workstation",
    "action",
    "record_kind",
    "record_id",
    "record",
    "detail",
)


def csv_row(entry: AuditEntry) -> tuple[str, ...]:
    """A CSV row: the local time with its UTC offset (unambiguous), names, what was touched."""
    return (
        entry.at.astimezone().isoformat(timespec="seconds"),
        entry.username,
        entry.user_name,
        entry.workstation,
        entry.action,
        entry.record_kind,
        "" if entry.record_id is None else str(entry.record_id),
        entry.record,
        entry.detail,
    )
