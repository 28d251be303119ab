"""The lung precaution a therapist acknowledged for a visit's needle sites, and when.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "visits",
        sa.Column("precautions_acknowledged", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column("visits", sa.Column("precautions_acknowledged_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.execute("PRAGMA legacy_alter_table = ON")  # see 0004: the lock triggers name visits
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("precautions_acknowledged_at")
        batch.drop_column("precautions_acknowledged")
    if dialect == "sqlite":
        from imsdesk.store.record_lock import sqlite_visit_lock

        op.execute("PRAGMA legacy_alter_table = OFF")
        for statement in sqlite_visit_lock():
            op.execute(statement)
