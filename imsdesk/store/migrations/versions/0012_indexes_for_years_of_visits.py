"""Indexes for a clinic of many years: the patient list's order, and unsigned drafts.

The list is sorted by family name, given names and id, and each word typed is
matched against the family name, the given names and the chart number. With all
four in one index, a search that matches thousands of patients (the first letter
or two) walks the index in list order and stops after a page, reading no table
row it does not show. It replaces the (family_key, given_key) index it extends.

The unsigned drafts a therapist is reminded of at start-up are found by status,
therapist and start, not by reading every visit that therapist ever signed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_patients_name_order", "patients", ["family_key", "given_key", "id", "chart_key"]
    )
    op.drop_index("ix_patients_family_key", table_name="patients")
    op.create_index(
        "ix_visits_status_therapist_started", "visits", ["status", "therapist_id", "started_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_visits_status_therapist_started", table_name="visits")
    op.create_index("ix_patients_family_key", "patients", ["family_key", "given_key"])
    op.drop_index("ix_patients_name_order", table_name="patients")
