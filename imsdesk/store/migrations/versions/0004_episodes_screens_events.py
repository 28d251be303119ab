"""Episodes of care, safety screens with consent, adverse events, clinic settings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from imsdesk.store.record_lock import append_only_statements, sqlite_visit_lock
from imsdesk.store.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EVENT_KINDS = (
    "fainting",
    "bleeding",
    "bruising",
    "suspected_pneumothorax",
    "increased_pain",
    "nerve_irritation",
    "nausea",
    "needle_problem",
    "other",
)


def _fk(column: str, target: str, name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(f"{target}.id", ondelete="RESTRICT", name=name),
        nullable=nullable,
    )


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("patient_id", "patients", "fk_episodes_patient_id_patients"),
        sa.Column("condition", sa.String(200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("referral_source", sa.String(200), nullable=False),
        sa.Column("referral_date", sa.Date(), nullable=True),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_episodes_patient_id", "episodes", ["patient_id"])
    if dialect == "sqlite":
        op.execute(
            "ALTER TABLE visits ADD COLUMN episode_id INTEGER "
            "CONSTRAINT fk_visits_episode_id_episodes REFERENCES episodes (id)"
        )
    else:
        op.add_column("visits", sa.Column("episode_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_visits_episode_id_episodes", "visits", "episodes", ["episode_id"], ["id"]
        )
    op.create_index("ix_visits_episode_id", "visits", ["episode_id"])
    op.create_table(
        "safety_screens",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("patient_id", "patients", "fk_safety_screens_patient_id_patients"),
        _fk("visit_id", "visits", "fk_safety_screens_visit_id_visits", nullable=True),
        _fk("recorded_by_id", "users", "fk_safety_screens_recorded_by_id_users"),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("consent_given_by", sa.String(200), nullable=False),
        sa.Column("consent_explained", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_safety_screens_patient_recorded", "safety_screens", ["patient_id", "recorded_at"]
    )
    op.create_table(
        "adverse_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("visit_id", "visits", "fk_adverse_events_visit_id_visits"),
        _fk("recorded_by_id", "users", "fk_adverse_events_recorded_by_id_users"),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in EVENT_KINDS) + ")",
            name="ck_adverse_events_kind",
        ),
    )
    op.create_index("ix_adverse_events_visit_id", "adverse_events", ["visit_id"])
    op.create_table(
        "clinic_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    for table in ("safety_screens", "adverse_events"):
        for statement in append_only_statements(dialect, table):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for table in ("safety_screens", "adverse_events"):
        if dialect == "sqlite":
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.drop_table("clinic_settings")
    op.drop_table("adverse_events")
    op.drop_table("safety_screens")
    op.drop_index("ix_visits_episode_id", "visits")
    if dialect == "sqlite":
        # Batch mode rebuilds the table; the lock triggers name it, which the modern
        # RENAME would re-check mid-rebuild. Legacy mode leaves them as they are.
        op.execute("PRAGMA legacy_alter_table = ON")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("episode_id")
    if dialect == "sqlite":
        op.execute("PRAGMA legacy_alter_table = OFF")
        for statement in sqlite_visit_lock():  # the rebuild dropped the table's own triggers
            op.execute(statement)
    op.drop_table("episodes")
