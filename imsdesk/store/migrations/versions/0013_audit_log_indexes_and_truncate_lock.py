"""The clinic's audit log read by time, user and action; no wholesale wiping on a server.

An administrator pages through the log newest first, filtered by user, action or dates:
each filter has an index in that order, so a page of a log of millions of rows reads
only that page.

On PostgreSQL, row triggers do not fire on TRUNCATE, so the append-only and signed-visit
locks could be wiped out in one statement; a statement trigger refuses TRUNCATE on every
locked table. (SQLite has no TRUNCATE: its DELETE fires the row triggers.)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25
"""

from alembic import op

from imsdesk.store.record_lock import LOCKED_TABLES, truncate_lock_statements

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

AUDIT_INDEXES = {
    "ix_audit_log_at": ["at", "id"],
    "ix_audit_log_user_at": ["user_id", "at", "id"],
    "ix_audit_log_action_at": ["action", "at", "id"],
}


def upgrade() -> None:
    for name, columns in AUDIT_INDEXES.items():
        op.create_index(name, "audit_log", columns)
    if op.get_context().dialect.name == "postgresql":
        for table in LOCKED_TABLES:
            for statement in truncate_lock_statements(table):
                op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in LOCKED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    for name in AUDIT_INDEXES:
        op.drop_index(name, table_name="audit_log")
