"""Outcome measures answered at a visit, with the score the app computed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.record_lock import child_lock_statements
from imsdesk.store.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcome_scores",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "visit_id",
            sa.Integer(),
            sa.ForeignKey(
                "visits.id", ondelete="RESTRICT", name="fk_outcome_scores_visit_id_visits"
            ),
            nullable=False,
        ),
        sa.Column("instrument", sa.String(16), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "instrument IN ('nprs', 'odi', 'ndi', 'psfs', 'quickdash', 'lefs')",
            name="ck_outcome_scores_instrument",
        ),
        sa.CheckConstraint("score >= 0 AND score <= 100", name="ck_outcome_scores_score"),
    )
    op.create_index("ix_outcome_scores_visit_id", "outcome_scores", ["visit_id"])
    for statement in child_lock_statements(op.get_context().dialect.name, "outcome_scores"):
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS outcome_scores_signed_no_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS outcome_scores_signed_locked ON outcome_scores")
    op.drop_table("outcome_scores")
