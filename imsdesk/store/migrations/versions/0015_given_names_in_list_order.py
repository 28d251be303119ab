"""Given names read in list order: the index on given names carries the list's order.

A word typed in the patient list matches given names as well as family names. The
given names' matches must be put in list order (family name, given names, id) to
take the first page; from (given_key) alone each match was a read of its table row,
some 500 of them for a first letter or two. With the list's order and the chart
number in the index, they are sorted without reading a row, and counted apart from
the family names' and chart numbers' matches. It replaces the (given_key) index it
extends.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_patients_given_order", "patients", ["given_key", "family_key", "id", "chart_key"]
    )
    op.drop_index("ix_patients_given_key", table_name="patients")


def downgrade() -> None:
    op.create_index("ix_patients_given_key", "patients", ["given_key"])
    op.drop_index("ix_patients_given_order", table_name="patients")
