"""Users sign in: an Argon2 password hash per user (none until one is set).

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("password_hash", sa.String(255), nullable=True))


def downgrade() -> None:
    # Both SQLite (3.35+) and PostgreSQL drop a plain column in place; no table rebuild.
    op.execute("ALTER TABLE users DROP COLUMN password_hash")
