"""The schema: created by migrations from empty, identical to the models, on both backends."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from imsdesk.services.backups import default_backup_folder
from imsdesk.services.database import open_clinic_database
from imsdesk.store.database import Database
from imsdesk.store.errors import StoreError
from imsdesk.store.models import Base
from imsdesk.store.schema import SCHEMA_HEAD, alembic_config, check_health, read_schema_state


def test_an_empty_database_is_migrated_to_the_current_schema(db: Database):
    tables = set(inspect(db.engine).get_table_names())
    assert {"patients", "users", "visits", "alembic_version"} <= tables
    assert read_schema_state(db).revision == SCHEMA_HEAD
    assert check_health(db).healthy


def test_models_and_migrations_describe_the_same_schema(db: Database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_schema_head_constant_matches_the_newest_migration():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_opening_again_does_not_migrate_or_back_up(sqlite_url: str):
    open_clinic_database(sqlite_url).db.close()
    again = open_clinic_database(sqlite_url)
    assert again.upgrade_backup is None
    again.db.close()


def test_foreign_keys_are_enforced(db: Database):
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO visits (patient_id, therapist_id, started_at, status, "
                "created_at, updated_at) VALUES (999, 999, '2026-01-01', 'draft', "
                "'2026-01-01', '2026-01-01')"
            )
        )


def test_sqlite_is_tuned_for_safety(sqlite_db: Database):
    with sqlite_db.engine.connect() as connection:
        pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL: a commit survives a power cut
        assert pragma("busy_timeout") >= 1000


def test_a_database_from_a_newer_imsdesk_is_refused_and_untouched(sqlite_db: Database):
    with sqlite_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    path = Path(str(sqlite_db.sqlite_path))
    sqlite_db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer imsdesk"):
        open_clinic_database(str(path))
    assert path.read_bytes() == before


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def insert_therapist_and_patient(connection) -> None:
    """User 1 and patient 1, as an older schema's tables take them (columns since 0001)."""
    connection.execute(
        text(
            "INSERT INTO users (id, username, display_name, role, registration_number, "
            "active, created_at) VALUES (1, 'amorgan', 'Alex Morgan', 'therapist', '', true, "
            "'2026-01-01')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO patients (id, chart_number, chart_key, family_name, given_names, "
            "family_key, given_key, date_of_birth, sex, phone, email, address, notes, "
            "created_at, updated_at) VALUES (1, '7', '7', 'Doe', 'Jane', 'doe', 'jane', "
            "'1970-01-01', 'female', '', '', '', '', '2026-01-01', '2026-01-01')"
        )
    )


def insert_signed_and_draft_visit(connection, subjective: str) -> None:
    """Visit 1 signed and visit 2 a draft of patient 1, with columns since 0003."""
    insert_therapist_and_patient(connection)
    for visit_id, status in ((1, "signed"), (2, "draft")):
        connection.execute(
            text(
                "INSERT INTO visits (id, patient_id, therapist_id, started_at, status, "
                "subjective, created_at, updated_at) VALUES "
                f"({visit_id}, 1, 1, '2026-01-0{visit_id}', '{status}', :subjective, "
                "'2026-01-01', '2026-01-01')"
            ),
            {"subjective": subjective},
        )


def test_an_older_database_is_backed_up_then_upgraded_keeping_its_data(sqlite_db: Database):
    import sqlite3

    path = Path(str(sqlite_db.sqlite_path))
    downgrade(sqlite_db, "0001")
    with sqlite_db.engine.begin() as connection:
        insert_therapist_and_patient(connection)
        connection.execute(
            text(
                "INSERT INTO visits (id, patient_id, therapist_id, started_at, status, "
                "created_at, updated_at) VALUES (1, 1, 1, '2026-01-01', 'signed', "
                "'2026-01-01', '2026-01-01')"
            )
        )
    sqlite_db.close()

    opened = open_clinic_database(str(path))
    assert read_schema_state(opened.db).revision == SCHEMA_HEAD
    with opened.db.engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM visits")).scalars().all() == ["signed"]
        assert connection.execute(text("SELECT count(*) FROM needle_sites")).scalar() == 0
    opened.db.close()

    assert opened.upgrade_backup is not None
    assert opened.upgrade_backup.parent == default_backup_folder()  # none set in the clinic
    assert "before-upgrade-0001" in opened.upgrade_backup.name
    with sqlite3.connect(opened.upgrade_backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT family_name FROM patients").fetchall() == [("Doe",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_every_migration_downgrades_and_upgrades_again(db: Database):
    downgrade(db, "base")
    assert read_schema_state(db).revision is None or not read_schema_state(db).is_current
    from imsdesk.store.schema import upgrade_to_head

    upgrade_to_head(db)
    assert read_schema_state(db).is_current


def test_downgrading_one_step_keeps_signed_visits_locked(sqlite_db: Database):
    def triggers() -> set[str]:
        with sqlite_db.engine.connect() as connection:
            rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
            return set(rows.scalars())

    assert {"visits_signed_no_update", "visits_signed_no_delete"} <= triggers()
    downgrade(sqlite_db, "0003")
    assert {"visits_signed_no_update", "visits_signed_no_delete"} <= triggers()


def test_upgrading_from_0008_keeps_visits_and_scores_and_locks_pain_areas(db: Database):
    from imsdesk.store.schema import upgrade_to_head

    downgrade(db, "0008")
    assert "pain_areas" not in inspect(db.engine).get_table_names()
    with db.engine.begin() as connection:
        insert_signed_and_draft_visit(connection, "Low back pain")
        connection.execute(
            text(
                "INSERT INTO outcome_scores (visit_id, instrument, answers, activities, score, "
                "created_at) VALUES (2, 'nprs', '[6]', '[]', 6, '2026-01-02')"
            )
        )
    upgrade_to_head(db)

    assert read_schema_state(db).revision == SCHEMA_HEAD
    with db.engine.begin() as connection:
        rows = connection.execute(text("SELECT id, status, subjective FROM visits ORDER BY id"))
        assert [tuple(r) for r in rows] == [
            (1, "signed", "Low back pain"),
            (2, "draft", "Low back pain"),
        ]
        assert connection.execute(text("SELECT answers FROM outcome_scores")).scalar() == "[6]"
        connection.execute(
            text(
                "INSERT INTO pain_areas (visit_id, region, side, created_at) "
                "VALUES (2, 'back', 'midline', '2026-01-02')"
            )
        )
    with (
        pytest.raises(DBAPIError, match="signed visits cannot be changed"),
        db.engine.begin() as connection,
    ):
        connection.execute(
            text(
                "INSERT INTO pain_areas (visit_id, region, side, created_at) "
                "VALUES (1, 'back', 'left', '2026-01-01')"
            )
        )


def test_indexes_for_years_of_visits_keep_the_list_and_the_drafts(db: Database):
    """0012 upgrades a database from the previous head: same list, same drafts, new indexes."""
    from imsdesk.services.demo_data import generate_demo_data
    from imsdesk.services.patients import PatientService
    from imsdesk.services.visit_record import VisitRecordService
    from imsdesk.services.visits import VisitService
    from imsdesk.store.schema import upgrade_to_head
    from imsdesk.store.types import utc_now

    def indexes() -> set[str]:
        found = inspect(db.engine)
        return {ix["name"] for table in ("patients", "visits") for ix in found.get_indexes(table)}

    generate_demo_data(db, patients=60, seed=3)
    service = PatientService(db)
    records = VisitRecordService(db)
    VisitService(db).start_draft(1, 1, started_at=utc_now() - timedelta(days=3))
    listed = {text: service.search(text) for text in ("", "m", "d00001", "smi")}
    drafts = records.stale_drafts(older_than=timedelta(0), now=utc_now() + timedelta(days=9))
    downgrade(db, "0008")
    assert "ix_patients_family_key" in indexes()
    assert not {"ix_patients_name_order", "ix_visits_status_therapist_started"} & indexes()
    upgrade_to_head(db)
    assert {"ix_patients_name_order", "ix_visits_status_therapist_started"} <= indexes()
    assert "ix_patients_family_key" not in indexes()
    assert {text: service.search(text) for text in listed} == listed
    assert (
        drafts
        and records.stale_drafts(older_than=timedelta(0), now=utc_now() + timedelta(days=9))
        == drafts
    )


def test_visit_versions_are_added_in_place_and_signed_visits_stay_locked(db: Database):
    """0014 adds each visit's version (and who saved it last) without rebuilding visits:
    the signed-visit locks and the input checks still hold, a version bump included."""
    from imsdesk.store.input_floor import NOTES_MESSAGE
    from imsdesk.store.record_lock import LOCKED_MESSAGE
    from imsdesk.store.schema import upgrade_to_head

    def columns() -> set[str]:
        return {c["name"] for c in inspect(db.engine).get_columns("visits")}

    def refused(statement: str, message: str) -> None:
        with pytest.raises(DBAPIError, match=message), db.engine.begin() as connection:
            connection.execute(text(statement))

    downgrade(db, "0013")
    assert not {"version", "saved_by", "saved_on"} & columns()
    with db.engine.begin() as connection:
        insert_signed_and_draft_visit(connection, "Neck pain")
    upgrade_to_head(db)

    assert {"version", "saved_by", "saved_on"} <= columns()
    with db.engine.begin() as connection:
        rows = connection.execute(text("SELECT id, version, saved_by, saved_on FROM visits"))
        assert sorted(tuple(r) for r in rows) == [(1, 1, "", ""), (2, 1, "", "")]
        connection.execute(text("UPDATE visits SET version = version + 1 WHERE id = 2"))
    refused("UPDATE visits SET version = version + 1 WHERE id = 1", LOCKED_MESSAGE)
    refused("UPDATE visits SET saved_on = 'ROOM-9' WHERE id = 1", LOCKED_MESSAGE)
    refused("DELETE FROM visits WHERE id = 1", LOCKED_MESSAGE)
    refused(
        "UPDATE visits SET subjective = 'a' || chr(7), version = 3 WHERE id = 2"
        if db.url.get_backend_name() == "postgresql"
        else "UPDATE visits SET subjective = 'a' || char(7), version = 3 WHERE id = 2",
        NOTES_MESSAGE,
    )

    downgrade(db, "0013")
    assert not {"version", "saved_by", "saved_on"} & columns()
    refused("UPDATE visits SET subjective = 'changed' WHERE id = 1", LOCKED_MESSAGE)
    upgrade_to_head(db)
    assert read_schema_state(db).is_current


def test_the_given_names_index_in_list_order_keeps_every_search(db: Database):
    """0015 replaces the given names' index with one in list order: the same pages, the
    same counts, after the upgrade and after a downgrade."""
    from imsdesk.services.demo_data import generate_demo_data
    from imsdesk.services.patients import PatientService
    from imsdesk.store.schema import upgrade_to_head

    def indexes() -> set[str]:
        return {ix["name"] for ix in inspect(db.engine).get_indexes("patients")}

    def searches() -> dict[str, tuple[list[int], int]]:
        found = {}
        for typed in ("", "m", "ma", "d00", "smi", "j d0"):
            page = service.search(typed, limit=50)
            found[typed] = ([p.id for p in page], service.count(typed, at_most=120))
        return found

    generate_demo_data(db, patients=300, seed=4)
    service = PatientService(db)
    listed = searches()
    downgrade(db, "0014")
    assert "ix_patients_given_key" in indexes() and "ix_patients_given_order" not in indexes()
    assert searches() == listed
    upgrade_to_head(db)
    assert "ix_patients_given_order" in indexes() and "ix_patients_given_key" not in indexes()
    assert searches() == listed
