"""Visit record: notes, pain, needle count, signing; amendments; signed visits locked.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.record_lock import lock_statements
from imsdesk.store.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHECKS = {
    "pain_before": "pain_before BETWEEN 0 AND 10",
    "pain_after": "pain_after BETWEEN 0 AND 10",
    "needles_used": "needles_used BETWEEN 0 AND 200",
    "needles_removed": "needles_removed BETWEEN 0 AND 200",
}
TEXT_COLUMNS = ("subjective", "objective", "assessment", "plan")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    for name in TEXT_COLUMNS:
        op.add_column("visits", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    for name, check in CHECKS.items():
        if dialect == "sqlite":
            # SQLite can add a column with its CHECK, but not add a CHECK afterwards.
            op.execute(
                f"ALTER TABLE visits ADD COLUMN {name} INTEGER "
                f"CONSTRAINT ck_visits_{name} CHECK ({check})"
            )
        else:
            op.add_column("visits", sa.Column(name, sa.Integer(), nullable=True))
            op.create_check_constraint(op.f(f"ck_visits_{name}"), "visits", check)
    if dialect == "sqlite":
        op.execute(
            "ALTER TABLE visits ADD COLUMN signed_by_id INTEGER "
            "CONSTRAINT fk_visits_signed_by_id_users REFERENCES users (id)"
        )
    else:
        op.add_column("visits", sa.Column("signed_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_visits_signed_by_id_users",
            "visits",
            "users",
            ["signed_by_id"],
            ["id"],
        )
    op.create_table(
        "amendments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "visit_id",
            sa.Integer(),
            sa.ForeignKey("visits.id", ondelete="RESTRICT", name="fk_amendments_visit_id_visits"),
            nullable=False,
        ),
        sa.Column(
            "author_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="RESTRICT", name="fk_amendments_author_id_users"),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_amendments_visit_id", "amendments", ["visit_id"])
    for statement in lock_statements(
        dialect, child_tables=["muscle_findings", "needle_sites"], append_only=["amendments"]
    ):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for trigger in (
            "visits_signed_no_update",
            "visits_signed_no_delete",
            *(
                f"{table}_signed_no_{event}"
                for table in ("muscle_findings", "needle_sites")
                for event in ("insert", "update", "delete")
            ),
            "amendments_no_update",
            "amendments_no_delete",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        op.execute("DROP TRIGGER IF EXISTS visits_signed_locked ON visits")
        for table in ("muscle_findings", "needle_sites"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_locked ON {table}")
        op.execute("DROP TRIGGER IF EXISTS amendments_append_only ON amendments")
        for function in ("imsdesk_visit_locked", "imsdesk_child_locked", "imsdesk_append_only"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table("amendments")
    with op.batch_alter_table("visits") as batch:
        for name in CHECKS:
            batch.drop_constraint(op.f(f"ck_visits_{name}"), type_="check")
        batch.drop_column("signed_by_id")
        for name in (*CHECKS, *TEXT_COLUMNS):
            batch.drop_column(name)
