"""Exam signs per spinal level and side (segmental involvement), locked once signed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.record_lock import child_lock_statements
from imsdesk.store.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LEVELS = [f"C{n}" for n in range(1, 9)] + [f"T{n}" for n in range(1, 13)]
LEVELS += [f"L{n}" for n in range(1, 6)] + ["S1", "S2"]
KINDS = (
    "tender_motor_point",
    "taut_band",
    "restricted_rom",
    "pilomotor",
    "trophedema",
    "sudomotor",
    "vasomotor",
    "hair_loss",
    "dermatomal_hyperalgesia",
    "paraspinal_tenderness",
)


def _in(column: str, values: list[str] | tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    op.create_table(
        "exam_signs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "visit_id",
            sa.Integer(),
            sa.ForeignKey("visits.id", ondelete="RESTRICT", name="fk_exam_signs_visit_id_visits"),
            nullable=False,
        ),
        sa.Column("level", sa.String(4), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("visit_id", "level", "side", "kind", name="uq_exam_signs_sign"),
        sa.CheckConstraint(_in("level", LEVELS), name="ck_exam_signs_level"),
        sa.CheckConstraint(_in("side", ("left", "right", "midline")), name="ck_exam_signs_side"),
        sa.CheckConstraint(_in("kind", KINDS), name="ck_exam_signs_kind"),
    )
    for statement in child_lock_statements(op.get_context().dialect.name, "exam_signs"):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS exam_signs_signed_no_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS exam_signs_signed_locked ON exam_signs")
    op.drop_table("exam_signs")
