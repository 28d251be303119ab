"""Users, patients and visits.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.types import UTCDateTime, search_key

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("registration_number", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint("role IN ('therapist', 'front_desk', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chart_number", sa.String(32), nullable=False),
        sa.Column("chart_key", search_key(32), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("family_key", search_key(200), nullable=False),
        sa.Column("given_key", search_key(200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(16), nullable=False),
        sa.Column("phone", sa.String(64), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("chart_key", name="uq_patients_chart_key"),
        sa.CheckConstraint(
            "sex IN ('female', 'male', 'intersex', 'unknown')", name="ck_patients_sex"
        ),
    )
    op.create_index("ix_patients_family_key", "patients", ["family_key", "given_key"])
    op.create_index("ix_patients_given_key", "patients", ["given_key"])
    op.create_index("ix_patients_date_of_birth", "patients", ["date_of_birth"])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "patient_id",
            sa.Integer(),
            sa.ForeignKey("patients.id", ondelete="RESTRICT", name="fk_visits_patient_id_patients"),
            nullable=False,
        ),
        sa.Column(
            "therapist_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="RESTRICT", name="fk_visits_therapist_id_users"),
            nullable=False,
        ),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("signed_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'signed')", name="ck_visits_status"),
    )
    op.create_index("ix_visits_patient_started", "visits", ["patient_id", "started_at"])
    op.create_index("ix_visits_therapist_id", "visits", ["therapist_id"])


def downgrade() -> None:
    op.drop_table("visits")
    op.drop_table("patients")
    op.drop_table("users")
