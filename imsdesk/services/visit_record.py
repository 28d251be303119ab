"""Charting a visit's record: autosaved fields, signing, amendments, stale drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from types import EllipsisType
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session, aliased

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.draft_findings import DraftFindings, findings_changes
from imsdesk.domain.edit_conflicts import Value, changed_fields, marks_changes
from imsdesk.domain.marks import VisitMarks
from imsdesk.domain.plain_text import text_problem
from imsdesk.domain.safety import precautions_to_acknowledge
from imsdesk.domain.visit_record import (
    CHARTED_FIELDS,
    FIELD_LABELS,
    MAX_REASON_CHARS,
    Amendment,
    ScreenStatus,
    VisitRecord,
    field_problem,
    signing_problems,
)
from imsdesk.domain.visits import Visit, VisitStatus
from imsdesk.services.audit import ActingUser, add_audit_row, workstation
from imsdesk.services.clinic_settings import settings_in
from imsdesk.services.draft_findings import read_findings
from imsdesk.services.edit_conflicts import SigningStale
from imsdesk.services.errors import NotFound, RecordLocked, ServiceError, ValidationError
from imsdesk.services.marks import MarkService, read_marks
from imsdesk.services.record_versions import SavedEdit, save_edit, stamped
from imsdesk.services.screening import screen_status_on
from imsdesk.services.visit_access import draft_row, visit_row
from imsdesk.services.visits import (
    LISTED_VISITS,
    VisitService,
    numbered_in_chart,
    to_visit,
)
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import AmendmentRow, PatientRow, UserRow, VisitRow
from imsdesk.store.types import utc_now

AMEND_HINT = " Add an amendment instead."


class SigningRefused(ServiceError):
    """The visit is not ready to sign; ``problems`` lists what to put right."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class StaleDraft:
    visit: Visit
    patient_name: str


class _MovedOn(Exception):
    """The draft changed between the checks before signing and the signature itself."""


# Signing the draft exactly as checked: the version read, still a draft.
_SIGN = (
    update(VisitRow.__table__)
    .where(
        VisitRow.id == bindparam("b_visit"),
        VisitRow.version == bindparam("b_version"),
        VisitRow.status == VisitStatus.DRAFT.value,
    )
    .values(
        stamped(
            {
                "status": VisitStatus.SIGNED.value,
                "signed_at": bindparam("b_now"),
                "signed_by_id": bindparam("b_user"),
            }
        )
    )
)


class VisitRecordService:
    def __init__(
        self, db: Database, acting: ActingUser | None = None, *, workstation_name: str = ""
    ) -> None:
        self._db = db
        self._acting = acting or ActingUser()
        self._visits = VisitService(db)
        # Shown beside a version saved here when another workstation's save meets it.
        self.workstation = workstation_name[:255] or workstation()

    def record(self, visit_id: int) -> VisitRecord:
        """The visit's record: plain statements, as it is read on every opening and save."""
        with self._db.statements() as connection:
            return record_in(connection, visit_id)

    def findings(self, visit_id: int) -> DraftFindings:
        """The draft's areas of pain, exam signs and outcome scores as saved now."""
        with self._db.reading() as session:
            visit_row(session, visit_id)
            return read_findings(session, visit_id)

    def save_field(self, visit_id: int, field: str, value: str | int | None) -> None:
        """Save one field of a draft whatever was saved before (one workstation, scripts).

        An editor on a shared database saves with ``save_edit``, which states what it saw.
        """
        self._check(field, value)
        with self._db.transaction() as session:
            row = draft_row(session, visit_id, "its record", AMEND_HINT)
            setattr(row, field, value)
            self._stamp(row, self._user_name(session, self._acting.id))
            self._acting.note_edit(session, visit_id, FIELD_LABELS[field].lower())

    def save_edit(
        self,
        seen: VisitRecord,
        field: str,
        value: Value,
        *,
        started_from: Value | EllipsisType = ...,
        user_id: int | None = None,
    ) -> SavedEdit:
        """Autosave one field edited on the record ``seen``, in its own transaction.

        ``started_from`` is the value the editing began from (``seen``'s own when not
        given); ``user_id`` who typed it (the signed-in user when not given). Returns the
        record as saved now, with what other workstations saved meanwhile (and their
        version it was saved onto); raises EditConflict when the same field was changed
        there too.
        """
        self._check(field, value)
        base = seen.value(field) if isinstance(started_from, EllipsisType) else started_from
        return save_edit(
            self._db,
            self.record,
            seen,
            field,
            value,
            base,
            user_id=self._acting.id if user_id is None else user_id,
            workstation=self.workstation,
        )

    @staticmethod
    def _check(field: str, value: object) -> None:
        problem = field_problem(field, value)
        if problem:
            raise ValidationError({field: problem})

    @staticmethod
    def _user_name(session: Session, user_id: int | None) -> str:
        user = session.get(UserRow, user_id) if user_id is not None else None
        return user.display_name if user is not None else ""

    def _stamp(self, row: VisitRow, saved_by: str = "") -> None:
        """A save through the ORM counts as a new version too, made here."""
        row.version = VisitRow.version + 1  # type: ignore[assignment]
        row.saved_by = saved_by
        row.saved_on = self.workstation

    def screen_status(self, visit_id: int) -> ScreenStatus:
        with self._db.reading() as session:
            visit = visit_row(session, visit_id)
            day = visit.started_at.astimezone().date()
            interval = settings_in(session).screen_interval_days
            return screen_status_on(session, visit.patient_id, day, interval)

    def precautions_to_acknowledge(self, visit_id: int) -> str:
        """The lung-precaution text today's needle sites call for; empty when none do."""
        return precautions_to_acknowledge(MarkService(self._db).marks(visit_id).needles)

    def acknowledge_precautions(
        self, visit_id: int, text: str, *, user_id: int | None = None
    ) -> None:
        """Record that the therapist read and accepted exactly ``text`` for this visit."""
        if text != self.precautions_to_acknowledge(visit_id):
            raise ServiceError("The needle sites changed; read the precaution again.")
        with self._db.transaction() as session:
            row = draft_row(session, visit_id, "its record", AMEND_HINT)
            row.precautions_acknowledged = text
            row.precautions_acknowledged_at = utc_now()
            who = self._acting.id if user_id is None else user_id
            self._stamp(row, self._user_name(session, who))
            detail = "lung precaution acknowledged"
            self._acting.audit(session, AuditAction.EDIT, RecordKind.VISIT, visit_id, detail)

    def sign(
        self,
        visit_id: int,
        user_id: int,
        *,
        seen: VisitRecord | None = None,
        seen_marks: VisitMarks | None = None,
        seen_findings: DraftFindings | None = None,
    ) -> VisitRecord:
        """Sign the visit in ``user_id``'s name; from then on it only takes amendments.

        ``seen``, ``seen_marks`` and ``seen_findings`` are the record, the body map and
        the other findings (areas of pain, exam signs, outcome scores) as the signer last
        read them: if another workstation changed any since, SigningStale says what, and
        nothing is signed. Either way what is signed is exactly what was checked.
        """
        current = self.record(visit_id)
        if not current.visit.is_editable:
            raise RecordLocked(f"This visit is already signed by {current.signed_by_name}.")
        marks = MarkService(self._db).marks(visit_id)
        findings = self.findings(visit_id)
        if seen is not None:
            self._refuse_unseen(seen, seen_marks, seen_findings, current, marks, findings)
        problems = signing_problems(
            current, self.screen_status(visit_id), precautions_to_acknowledge(marks.needles)
        )
        if problems:
            raise SigningRefused(problems)
        try:
            with self._db.transaction() as session:
                user = session.get(UserRow, user_id)
                if user is None or not user.active:
                    raise ServiceError("Visits are signed by an active clinician.")
                # The update comes first: it holds the visit (a write lock on SQLite, the
                # row on PostgreSQL, which changes to marks and findings share-lock) while
                # the marks and findings are compared with those checked.
                values = {"b_visit": visit_id, "b_version": current.version, "b_now": utc_now()}
                values |= {"b_user": user_id, "b_workstation": self.workstation}
                if not session.execute(_SIGN, values).rowcount:
                    raise _MovedOn
                if marks_changes(marks, read_marks(session, visit_id)):
                    raise _MovedOn
                if findings != read_findings(session, visit_id):
                    raise _MovedOn
                add_audit_row(
                    session, AuditAction.SIGN, RecordKind.VISIT, visit_id, user_id=user_id
                )
        except _MovedOn:
            pass
        else:
            return self.record(visit_id)
        latest = self.record(visit_id)
        if not latest.visit.is_editable:
            raise RecordLocked(f"This visit is already signed by {latest.signed_by_name}.")
        self._refuse_unseen(seen or current, seen_marks or marks, seen_findings or findings, latest)
        raise SigningStale(latest, (), ())

    def _refuse_unseen(
        self,
        seen: VisitRecord,
        seen_marks: VisitMarks | None,
        seen_findings: DraftFindings | None,
        current: VisitRecord,
        marks: VisitMarks | None = None,
        findings: DraftFindings | None = None,
    ) -> None:
        """SigningStale when the record, the map or the findings differ from what was read."""
        visit_id = current.visit.id
        fields = changed_fields(seen, current)
        if marks is None:
            marks = MarkService(self._db).marks(visit_id)
        map_changes = () if seen_marks is None else marks_changes(seen_marks, marks)
        if findings is None:
            findings = self.findings(visit_id)
        found = () if seen_findings is None else findings_changes(seen_findings, findings)
        if fields or map_changes or found:
            raise SigningStale(current, fields, map_changes, found)

    def amend(self, visit_id: int, author_id: int, reason: str, text: str) -> VisitRecord:
        """Add a correction under a signed visit; the original stays as it was signed."""
        problems = {}
        if not reason.strip():
            problems["reason"] = "Say why the record is amended (e.g. 'wrong side noted')."
        elif problem := text_problem("Reason", reason, MAX_REASON_CHARS):
            problems["reason"] = problem
        if not text.strip():
            problems["text"] = "The amendment needs its text."
        elif problem := text_problem("Amendment", text):
            problems["text"] = problem
        if problems:
            raise ValidationError(problems)
        with self._db.transaction() as session:
            row = visit_row(session, visit_id)
            if row.status != VisitStatus.SIGNED.value:
                raise ServiceError("A draft is edited directly; amendments are for signed visits.")
            session.add(
                AmendmentRow(
                    visit_id=visit_id, author_id=author_id, reason=reason.strip(), text=text
                )
            )
            add_audit_row(
                session,
                AuditAction.AMEND,
                RecordKind.VISIT,
                visit_id,
                detail=reason.strip(),
                user_id=author_id,
            )
        return self.record(visit_id)

    def stale_drafts(
        self,
        *,
        older_than: timedelta,
        therapist_id: int | None = None,
        now: datetime | None = None,
    ) -> list[StaleDraft]:
        """Drafts started more than ``older_than`` ago: listed for the therapist on start."""
        cutoff = (now or utc_now()) - older_than
        statement = (
            LISTED_VISITS.add_columns(
                numbered_in_chart(), PatientRow.family_name, PatientRow.given_names
            )
            .join(PatientRow, PatientRow.id == VisitRow.patient_id)
            .where(VisitRow.status == VisitStatus.DRAFT.value, VisitRow.started_at < cutoff)
            .order_by(VisitRow.started_at)
        )
        if therapist_id is not None:
            statement = statement.where(VisitRow.therapist_id == therapist_id)
        with self._db.statements() as connection:
            rows = connection.execute(statement).all()
        return [
            StaleDraft(
                to_visit(row, row.display_name, row.number),
                f"{row.family_name.upper()}, {row.given_names}",
            )
            for row in rows
        ]


def charted_fields(row: Any) -> dict[str, Any]:
    """The visit row's charted fields by name (VisitRecord, ChartVisit)."""
    return {name: getattr(row, name) for name in CHARTED_FIELDS}


def record_in(reader: Connection | DriverUnit, visit_id: int) -> VisitRecord:
    """The visit's record inside the caller's unit of work, or NotFound: one statement for
    a draft, two for a signed visit (only those take amendments)."""
    record_run, amendments_run = record_reads(visit_id)
    row = reader.execute(*record_run).first()
    if row is None:
        raise NotFound(f"No visit with id {visit_id}.")
    visit = to_visit(row, row.display_name, row.number)
    amendments = () if visit.is_editable else reader.execute(*amendments_run)
    return VisitRecord(
        visit=visit,
        **charted_fields(row),
        signed_at=row.signed_at,
        signed_by_name=row.signed_by_name or "",
        amendments=tuple(Amendment(*amendment) for amendment in amendments),
        version=row.version,
        saved_by=row.saved_by,
        saved_on=row.saved_on,
        saved_at=row.updated_at,
    )


def record_reads(visit_id: int) -> list[Run]:
    """What ``record_in`` runs (DriverUnit.run_together): the record, its amendments."""
    values = {"visit": visit_id}
    return [(_RECORD, values), (_AMENDMENTS, values)]


_SIGNER = aliased(UserRow)
_RECORD = (
    LISTED_VISITS.add_columns(
        numbered_in_chart(),
        VisitRow.subjective,
        VisitRow.objective,
        VisitRow.assessment,
        VisitRow.plan,
        VisitRow.pain_before,
        VisitRow.pain_after,
        VisitRow.needles_used,
        VisitRow.needles_removed,
        VisitRow.signed_at,
        VisitRow.precautions_acknowledged,
        VisitRow.version,
        VisitRow.saved_by,
        VisitRow.saved_on,
        VisitRow.updated_at,
        _SIGNER.display_name.label("signed_by_name"),
    )
    .outerjoin(_SIGNER, _SIGNER.id == VisitRow.signed_by_id)
    .where(VisitRow.id == bindparam("visit"))
)
_AMENDMENTS = (
    select(UserRow.display_name, AmendmentRow.created_at, AmendmentRow.reason, AmendmentRow.text)
    .join(UserRow, UserRow.id == AmendmentRow.author_id)
    .where(AmendmentRow.visit_id == bindparam("visit"))
    .order_by(AmendmentRow.created_at, AmendmentRow.id)
)
