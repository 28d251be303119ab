"""Several workstations on one draft: each visit counts its saves and keeps who saved last.

A save states the version it was based on, so a second save from another workstation
is detected instead of silently overwriting the first; ``saved_by`` and ``saved_on``
(the user's name and the workstation) are what the person then sees beside the other
version. Plain ADD COLUMN on both backends: rebuilding the visits table on SQLite would
drop its signed-visit locks and input checks (record_lock.py, input_floor.py).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = ("version", "saved_by", "saved_on")


def upgrade() -> None:
    op.add_column("visits", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column(
        "visits", sa.Column("saved_by", sa.String(200), nullable=False, server_default="")
    )
    op.add_column(
        "visits", sa.Column("saved_on", sa.String(255), nullable=False, server_default="")
    )


def downgrade() -> None:
    # Both SQLite (3.35+) and PostgreSQL drop a plain column in place; no table rebuild.
    for column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE visits DROP COLUMN {column}")
