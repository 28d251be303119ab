"""Recording the body map into a visit: one transaction per mark, refused once signed."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import delete, select

from imsdesk.domain.anatomy import Atlas, Side, View, load_atlas
from imsdesk.domain.marks import (
    MarkError,
    MuscleFinding,
    NeedleSite,
    Response,
    Severity,
    VisitMarks,
    check_finding,
    check_needle,
)
from imsdesk.services.errors import ValidationError
from imsdesk.services.visit_access import draft_row, visit_row
from imsdesk.store.database import Database
from imsdesk.store.models import MuscleFindingRow, NeedleSiteRow, VisitRow


class MarkService:
    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self._db = db
        self._atlas = atlas

    @property
    def atlas(self) -> Atlas:
        # Loaded on first use, so start-up does not pay for it.
        if self._atlas is None:
            self._atlas = load_atlas()
        return self._atlas

    def marks(self, visit_id: int) -> VisitMarks:
        with self._db.reading() as session:
            findings = session.scalars(
                select(MuscleFindingRow)
                .where(MuscleFindingRow.visit_id == visit_id)
                .order_by(MuscleFindingRow.id)
            )
            needles = session.scalars(
                select(NeedleSiteRow)
                .where(NeedleSiteRow.visit_id == visit_id)
                .order_by(NeedleSiteRow.id)
            )
            marks = VisitMarks(
                tuple(_to_finding(row) for row in findings),
                tuple(_to_needle(row) for row in needles),
            )
            if not marks.findings and not marks.needles:
                visit_row(session, visit_id)  # no marks, or no such visit: say which
            return marks

    def put_finding(self, visit_id: int, finding: MuscleFinding) -> MuscleFinding:
        """Record a shortened muscle, or change its severity or note."""
        _checked(check_finding, self.atlas, finding)
        with self._db.transaction() as session:
            draft_row(session, visit_id, "its marks")
            row = session.scalars(
                select(MuscleFindingRow).where(
                    MuscleFindingRow.visit_id == visit_id,
                    MuscleFindingRow.muscle_key == finding.muscle_key,
                    MuscleFindingRow.side == finding.side.value,
                )
            ).first() or MuscleFindingRow(
                visit_id=visit_id, muscle_key=finding.muscle_key, side=finding.side.value
            )
            row.severity = int(finding.severity)
            row.note = finding.note
            session.add(row)
        return finding

    def remove_finding(self, visit_id: int, muscle_key: str, side: Side) -> None:
        with self._db.transaction() as session:
            draft_row(session, visit_id, "its marks")
            session.execute(
                delete(MuscleFindingRow).where(
                    MuscleFindingRow.visit_id == visit_id,
                    MuscleFindingRow.muscle_key == muscle_key,
                    MuscleFindingRow.side == side.value,
                )
            )

    def put_needle(self, visit_id: int, site: NeedleSite) -> NeedleSite:
        """Place a needle site, or update one placed before (same uid)."""
        _checked(check_needle, self.atlas, site)
        with self._db.transaction() as session:
            draft_row(session, visit_id, "its marks")
            row = session.scalars(
                select(NeedleSiteRow).where(NeedleSiteRow.uid == site.uid)
            ).first() or NeedleSiteRow(uid=site.uid, visit_id=visit_id)
            if row.visit_id != visit_id:
                raise ValidationError({"needle": "That needle site belongs to another visit."})
            _fill_needle(row, site)
            session.add(row)
        return site

    def previous_marks(self, visit_id: int) -> tuple[int, VisitMarks] | None:
        """The patient's visit just before this one, and its marks (for fading and copying)."""
        with self._db.reading() as session:
            visit = visit_row(session, visit_id)
            previous = session.scalars(
                select(VisitRow.id)
                .where(
                    VisitRow.patient_id == visit.patient_id,
                    (VisitRow.started_at < visit.started_at)
                    | ((VisitRow.started_at == visit.started_at) & (VisitRow.id < visit.id)),
                )
                .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
            ).first()
        return None if previous is None else (previous, self.marks(previous))

    def copied_forward(self, visit_id: int) -> VisitMarks | None:
        """This visit's marks plus the previous visit's, as new unsigned marks.

        Nothing is saved: the caller applies the result (one undoable step).
        Findings already charted today are kept as they are.
        """
        found = self.previous_marks(visit_id)
        if found is None:
            return None
        current = self.marks(visit_id)
        findings = list(current.findings)
        for finding in found[1].findings:
            if current.finding(finding.muscle_key, finding.side) is None:
                findings.append(finding)
        needles = list(current.needles)
        needles += [replace(site, uid=uuid.uuid4().hex) for site in found[1].needles]
        return VisitMarks(tuple(findings), tuple(needles))

    def replace_all(self, visit_id: int, marks: VisitMarks) -> None:
        """Make the visit's marks exactly ``marks``, in one transaction."""
        for finding in marks.findings:
            _checked(check_finding, self.atlas, finding)
        for site in marks.needles:
            _checked(check_needle, self.atlas, site)
        with self._db.transaction() as session:
            draft_row(session, visit_id, "its marks")
            session.execute(delete(MuscleFindingRow).where(MuscleFindingRow.visit_id == visit_id))
            session.execute(delete(NeedleSiteRow).where(NeedleSiteRow.visit_id == visit_id))
            session.flush()
            for finding in marks.findings:
                session.add(
                    MuscleFindingRow(
                        visit_id=visit_id,
                        muscle_key=finding.muscle_key,
                        side=finding.side.value,
                        severity=int(finding.severity),
                        note=finding.note,
                    )
                )
            for site in marks.needles:
                row = NeedleSiteRow(uid=site.uid, visit_id=visit_id)
                _fill_needle(row, site)
                session.add(row)

    def remove_needle(self, visit_id: int, uid: str) -> None:
        with self._db.transaction() as session:
            draft_row(session, visit_id, "its marks")
            session.execute(
                delete(NeedleSiteRow).where(
                    NeedleSiteRow.visit_id == visit_id, NeedleSiteRow.uid == uid
                )
            )


def _checked(check: object, atlas: Atlas, mark: object) -> None:
    try:
        check(atlas, mark)  # type: ignore[operator]
    except MarkError as error:
        raise ValidationError({"mark": str(error)}) from None


def _fill_needle(row: NeedleSiteRow, site: NeedleSite) -> None:
    row.muscle_key = site.muscle_key
    row.side = site.side.value
    row.view = site.view.value
    row.x, row.y = float(site.x), float(site.y)
    row.depth_mm = site.depth_mm
    row.length_mm = site.length_mm
    row.gauge = site.gauge
    row.response = site.response.value if site.response else None
    row.note = site.note


def _to_finding(row: MuscleFindingRow) -> MuscleFinding:
    return MuscleFinding(row.muscle_key, Side(row.side), Severity(row.severity), row.note)


def _to_needle(row: NeedleSiteRow) -> NeedleSite:
    return NeedleSite(
        muscle_key=row.muscle_key,
        side=Side(row.side),
        view=View(row.view),
        x=row.x,
        y=row.y,
        depth_mm=row.depth_mm,
        length_mm=row.length_mm,
        gauge=row.gauge,
        response=Response(row.response) if row.response else None,
        note=row.note,
        uid=row.uid,
    )
