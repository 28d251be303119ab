"""Areas of pain per visit (atlas regions with side), locked once signed; and the
database's own refusal of invalid visit text, dates and questionnaire answers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.input_floor import check_statements, drop_statements
from imsdesk.store.record_lock import child_lock_statements
from imsdesk.store.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

REGIONS = (
    "head_neck",
    "shoulder",
    "arm",
    "forearm",
    "hand",
    "thorax",
    "abdomen",
    "back",
    "hip",
    "thigh",
    "leg",
    "foot",
)
AXIAL = ("head_neck", "thorax", "abdomen", "back")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        "pain_areas",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "visit_id",
            sa.Integer(),
            sa.ForeignKey("visits.id", ondelete="RESTRICT", name="fk_pain_areas_visit_id_visits"),
            nullable=False,
        ),
        sa.Column("region", sa.String(16), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("visit_id", "region", "side", name="uq_pain_areas_area"),
        sa.CheckConstraint(_in("region", REGIONS), name="ck_pain_areas_region"),
        sa.CheckConstraint(_in("side", ("left", "right", "midline")), name="ck_pain_areas_side"),
        # Only the spine, chest and belly have a midline.
        sa.CheckConstraint(
            f"side <> 'midline' OR {_in('region', AXIAL)}", name="ck_pain_areas_axial"
        ),
    )
    for statement in child_lock_statements(dialect, "pain_areas"):
        op.execute(statement)
    for statement in check_statements(dialect):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for statement in drop_statements(dialect):
        op.execute(statement)
    if dialect == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS pain_areas_signed_no_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS pain_areas_signed_locked ON pain_areas")
    op.drop_table("pain_areas")
