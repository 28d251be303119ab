"""Body-map marks: shortened muscles and needle sites per visit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _visit_fk(name: str) -> sa.Column:
    return sa.Column(
        "visit_id",
        sa.Integer(),
        sa.ForeignKey("visits.id", ondelete="RESTRICT", name=name),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "muscle_findings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _visit_fk("fk_muscle_findings_visit_id_visits"),
        sa.Column("muscle_key", sa.String(64), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("visit_id", "muscle_key", "side", name="uq_muscle_findings_target"),
        sa.CheckConstraint("side IN ('left', 'right', 'midline')", name="ck_muscle_findings_side"),
        sa.CheckConstraint("severity BETWEEN 1 AND 3", name="ck_muscle_findings_severity"),
    )
    op.create_table(
        "needle_sites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        _visit_fk("fk_needle_sites_visit_id_visits"),
        sa.Column("muscle_key", sa.String(64), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("view", sa.String(24), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("depth_mm", sa.Float(), nullable=True),
        sa.Column("length_mm", sa.Integer(), nullable=True),
        sa.Column("gauge", sa.String(16), nullable=False),
        sa.Column("response", sa.String(8), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("uid", name="uq_needle_sites_uid"),
        sa.CheckConstraint("side IN ('left', 'right', 'midline')", name="ck_needle_sites_side"),
        sa.CheckConstraint(
            "response IS NULL OR response IN ('grasp', 'twitch', 'none')",
            name="ck_needle_sites_response",
        ),
        sa.CheckConstraint(
            "depth_mm IS NULL OR (depth_mm > 0 AND depth_mm <= 150)", name="ck_needle_sites_depth"
        ),
    )
    op.create_index("ix_needle_sites_visit_id", "needle_sites", ["visit_id"])


def downgrade() -> None:
    op.drop_table("needle_sites")
    op.drop_table("muscle_findings")
