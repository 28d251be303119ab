"""Reading the audit trail: one chart's, or the clinic's filtered log, and exporting it.

Administrators only (when someone is signed in). The clinic log may hold millions of
rows: it is read a page at a time, newest first, each page continuing from the last row
shown (keyset paging: the database seeks, it does not count its way past the rows
already shown).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from imsdesk.domain.audit import (
    AUDIT_CSV_HEADER,
    AuditAction,
    AuditEntry,
    AuditFilter,
    RecordKind,
    csv_row,
)
from imsdesk.services.audit import ActingUser, entry_query, to_entry
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.services.summaries import file_written_whole
from imsdesk.services.users import require_admin
from imsdesk.store.database import Database
from imsdesk.store.models import AuditRow, EpisodeRow, PatientRow, UserRow, VisitRow

REVIEWERS_ONLY = "Only an administrator can read the audit trail."
PAGE_SIZE = 200
_EXPORT_PAGE = 2000
CSV_ENCODING = "utf-8-sig"  # with a byte-order mark, so spreadsheets read accents right


@dataclass(frozen=True)
class AuditExport:
    path: Path
    rows: int

    @property
    def summary(self) -> str:
        noun = "entry" if self.rows == 1 else "entries"
        return f"Exported {self.rows:,} audit {noun} to {self.path}."


class AuditTrailService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    # -- one chart ------------------------------------------------------------------
    def chart_trail(self, patient_id: int) -> list[AuditEntry]:
        """Everything done to the patient's chart (details, visits, episodes), newest first.

        Read whole: one chart's trail is thousands of rows at most, and a person sorts it.
        """
        with self._db.reading() as session:
            require_admin(session, self._acting, REVIEWERS_ONLY)
            if session.get(PatientRow, patient_id) is None:
                raise NotFound(f"No patient with id {patient_id}.")
            statement = entry_query().where(_of_chart(patient_id)).order_by(*_NEWEST_FIRST)
            return _described(session, session.execute(statement).all(), in_chart=True)

    def export_chart_trail(self, patient_id: int, path: Path) -> AuditExport:
        entries = self.chart_trail(patient_id)
        detail = f"audit trail to {path}"
        return self._export(path, [entries], RecordKind.PATIENT, patient_id, detail)

    # -- the clinic ---------------------------------------------------------------------
    def log(
        self, wanted: AuditFilter, *, after: AuditEntry | None = None, limit: int = PAGE_SIZE
    ) -> list[AuditEntry]:
        """A page of the clinic's log, newest first: the ``limit`` rows after ``after``."""
        if problem := wanted.problem():
            raise ValidationError({"since": problem})
        statement = entry_query().where(*_filtered(wanted))
        if after is not None:
            # Newest first is (at, id) descending: continue strictly below the last row.
            statement = statement.where(
                AuditRow.at <= after.at,
                or_(AuditRow.at < after.at, AuditRow.id < after.id),
            )
        statement = statement.order_by(*_NEWEST_FIRST).limit(limit)
        with self._db.reading() as session:
            require_admin(session, self._acting, REVIEWERS_ONLY)
            return _described(session, session.execute(statement).all(), in_chart=False)

    def export_log(self, wanted: AuditFilter, path: Path) -> AuditExport:
        """Every row the filter lets through (not only the pages shown), as CSV."""
        username = ""
        if wanted.user_id is not None:
            with self._db.reading() as session:
                user = session.get(UserRow, wanted.user_id)
                username = user.username if user else ""
        detail = f"audit log ({wanted.describe(username)}) to {path}"
        return self._export(path, self._all_pages(wanted), RecordKind.AUDIT_LOG, None, detail)

    def _all_pages(self, wanted: AuditFilter) -> Iterator[list[AuditEntry]]:
        page = self.log(wanted, limit=_EXPORT_PAGE)
        yield page
        while len(page) == _EXPORT_PAGE:
            page = self.log(wanted, after=page[-1], limit=_EXPORT_PAGE)
            yield page

    def _export(
        self,
        path: Path,
        pages: Iterable[list[AuditEntry]],
        record_kind: RecordKind,
        record_id: int | None,
        detail: str,
    ) -> AuditExport:
        """Write the CSV whole or not at all; the export's own audit row is committed
        before the file takes its name, so no file can exist without its row."""
        rows = 0
        with file_written_whole(path) as handle:
            text = io.TextIOWrapper(handle, encoding=CSV_ENCODING, newline="")
            writer = csv.writer(text)
            writer.writerow(AUDIT_CSV_HEADER)
            for page in pages:
                writer.writerows(csv_row(entry) for entry in page)
                rows += len(page)
            text.flush()
            text.detach()  # the handle stays open for file_written_whole to finish
            with self._db.transaction() as session:
                self._acting.audit(session, AuditAction.EXPORT, record_kind, record_id, detail)
        return AuditExport(path, rows)


_NEWEST_FIRST = (AuditRow.at.desc(), AuditRow.id.desc())


def _of_chart(patient_id: int) -> ColumnElement[bool]:
    """The rows about the patient, their visits and their episodes (each served by the
    (record_kind, record_id) index)."""
    visits = select(VisitRow.id).where(VisitRow.patient_id == patient_id)
    episodes = select(EpisodeRow.id).where(EpisodeRow.patient_id == patient_id)
    return or_(
        and_(AuditRow.record_kind == RecordKind.PATIENT.value, AuditRow.record_id == patient_id),
        and_(AuditRow.record_kind == RecordKind.VISIT.value, AuditRow.record_id.in_(visits)),
        and_(AuditRow.record_kind == RecordKind.EPISODE.value, AuditRow.record_id.in_(episodes)),
    )


def _filtered(wanted: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.user_id is not None:
        conditions.append(AuditRow.user_id == wanted.user_id)
    if wanted.action:
        conditions.append(AuditRow.action == wanted.action)
    since, until = wanted.instants()
    if since is not None:
        conditions.append(AuditRow.at >= since)
    if until is not None:
        conditions.append(AuditRow.at < until)
    return conditions


# -- what each row touched, in words -------------------------------------------------------


def _described(session: Session, rows: list[Any], *, in_chart: bool) -> list[AuditEntry]:
    """Entries with the record each touched named (a page's records read at once)."""
    ids: dict[str, set[int]] = {}
    for row in rows:
        audit = row[0]
        if audit.record_id is not None:
            ids.setdefault(audit.record_kind, set()).add(audit.record_id)
    names = _RecordNames(session, ids, in_chart)
    return [to_entry(row, names.name(row[0].record_kind, row[0].record_id)) for row in rows]


class _RecordNames:
    def __init__(self, session: Session, ids: dict[str, set[int]], in_chart: bool) -> None:
        self._in_chart = in_chart
        self._visits = _visits(session, ids.get(RecordKind.VISIT.value, set()))
        episodes = ids.get(RecordKind.EPISODE.value, set())
        self._episodes = {
            e.id: e for e in session.scalars(select(EpisodeRow).where(EpisodeRow.id.in_(episodes)))
        }
        patient_ids = set(ids.get(RecordKind.PATIENT.value, set()))
        patient_ids |= {v[0] for v in self._visits.values()}
        patient_ids |= {e.patient_id for e in self._episodes.values()}
        self._patients = {
            p.id: f"{p.family_name.upper()}, {p.given_names} (#{p.chart_number})"
            for p in session.scalars(select(PatientRow).where(PatientRow.id.in_(patient_ids)))
        }
        users = ids.get(RecordKind.USER.value, set())
        self._users = {
            u.id: f"User {u.username} ({u.display_name})"
            for u in session.scalars(select(UserRow).where(UserRow.id.in_(users)))
        }

    def name(self, kind: str, record_id: int | None) -> str:
        if kind == RecordKind.PATIENT.value and record_id is not None:
            return "Patient" if self._in_chart else self._patient(record_id)
        if kind == RecordKind.VISIT.value and record_id in self._visits:
            patient_id, number, started_at = self._visits[record_id]
            day = started_at.astimezone()
            if self._in_chart:
                return f"Visit #{number} ({day:%a %Y-%m-%d})"
            return f"{self._patient(patient_id)} · visit #{number}, {day:%Y-%m-%d}"
        if kind == RecordKind.EPISODE.value and record_id in self._episodes:
            episode = self._episodes[record_id]
            if self._in_chart:
                return f"Episode: {episode.condition} (from {episode.started_on.isoformat()})"
            return f"{self._patient(episode.patient_id)} · episode: {episode.condition}"
        if kind == RecordKind.USER.value and record_id in self._users:
            return self._users[record_id]
        fixed = _FIXED_NAMES.get(kind)
        if fixed is not None:
            return fixed
        return kind if record_id is None else f"{kind} {record_id}"

    def _patient(self, patient_id: int) -> str:
        return self._patients.get(patient_id, f"patient {patient_id}")


_FIXED_NAMES = {
    RecordKind.CLINIC.value: "Clinic",
    RecordKind.DATABASE.value: "Database",
    RecordKind.AUDIT_LOG.value: "Audit log",
}


def _visits(session: Session, visit_ids: set[int]) -> dict[int, tuple[int, int, datetime]]:
    """Each visit's patient, number in the patient's course (1 for the first) and start."""
    if not visit_ids:
        return {}
    earlier = aliased(VisitRow)
    number = (
        select(func.count(earlier.id))
        .where(
            earlier.patient_id == VisitRow.patient_id,
            or_(
                earlier.started_at < VisitRow.started_at,
                and_(earlier.started_at == VisitRow.started_at, earlier.id <= VisitRow.id),
            ),
        )
        .scalar_subquery()
    )
    statement: Select[Any] = select(
        VisitRow.id, VisitRow.patient_id, number, VisitRow.started_at
    ).where(VisitRow.id.in_(visit_ids))
    return {row[0]: (row[1], row[2], row[3]) for row in session.execute(statement)}
