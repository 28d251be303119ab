"""Exports leave an audit row; the audit log cannot be edited or emptied."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.services.audit import AuditService
from imsdesk.services.summaries import record_export
from imsdesk.store.database import Database


def test_exports_are_audited_and_the_log_is_append_only(db: Database):
    record_export(db, kind="session_summary", subject_id=12, destination="printer")
    record_export(db, kind="progress_report", subject_id=3, destination="/tmp/report.pdf")
    audit = AuditService(db)
    (printed,) = audit.for_record("visit", 12)
    assert (printed.action, printed.detail) == ("print", "session_summary to printer")
    assert printed.workstation
    (saved,) = audit.for_record("patient", 3)
    assert saved.action == "export" and saved.detail.endswith("/tmp/report.pdf")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
    assert len(audit.for_record("visit", 12)) == 1
