"""Database triggers that make signed visits read-only whatever writes to the file.

Services refuse such changes first; these triggers are the floor beneath them,
catching a bulk UPDATE, another tool or a bug. Migrations call these
functions, so their output must stay the same for a given table once released.
"""

from __future__ import annotations

LOCKED_MESSAGE = "signed visits cannot be changed; add an amendment instead"
APPEND_ONLY_MESSAGE = "this table is append-only"


def sqlite_visit_lock() -> list[str]:
    return [
        f"""CREATE TRIGGER visits_signed_no_update BEFORE UPDATE ON visits
        WHEN OLD.status = 'signed'
        BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END""",
        f"""CREATE TRIGGER visits_signed_no_delete BEFORE DELETE ON visits
        WHEN OLD.status = 'signed'
        BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END""",
    ]


def sqlite_child_lock(table: str) -> list[str]:
    """Rows of ``table`` (with a visit_id) cannot be added, changed or removed once signed."""
    signed = "(SELECT status FROM visits WHERE id = {row}.visit_id) = 'signed'"
    statements = []
    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        condition = " OR ".join(signed.format(row=row) for row in rows)
        statements.append(
            f"""CREATE TRIGGER {table}_signed_no_{event.lower()} BEFORE {event} ON {table}
            WHEN {condition}
            BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"""
        )
    return statements


def sqlite_append_only(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"""
        for event in ("UPDATE", "DELETE")
    ]


def postgresql_functions() -> list[str]:
    return [
        f"""CREATE FUNCTION imsdesk_visit_locked() RETURNS trigger AS $$
        BEGIN
            IF OLD.status = 'signed' THEN RAISE EXCEPTION '{LOCKED_MESSAGE}'; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE FUNCTION imsdesk_child_locked() RETURNS trigger AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND
               (SELECT status FROM visits WHERE id = OLD.visit_id) = 'signed' THEN
                RAISE EXCEPTION '{LOCKED_MESSAGE}';
            END IF;
            IF TG_OP <> 'DELETE' AND
               (SELECT status FROM visits WHERE id = NEW.visit_id) = 'signed' THEN
                RAISE EXCEPTION '{LOCKED_MESSAGE}';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE FUNCTION imsdesk_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$ LANGUAGE plpgsql""",
    ]


def postgresql_visit_lock() -> list[str]:
    return [
        """CREATE TRIGGER visits_signed_locked BEFORE UPDATE OR DELETE ON visits
        FOR EACH ROW EXECUTE FUNCTION imsdesk_visit_locked()"""
    ]


def postgresql_child_lock(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_signed_locked BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION imsdesk_child_locked()"""
    ]


def postgresql_append_only(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION imsdesk_append_only()"""
    ]


# Every table whose rows a lock protects: signed visits and their parts, and the
# append-only records. Wiping any of them whole must be refused too.
LOCKED_TABLES = (
    "visits",
    "muscle_findings",
    "needle_sites",
    "exam_signs",
    "outcome_scores",
    "pain_areas",
    "amendments",
    "safety_screens",
    "adverse_events",
    "audit_log",
)


def truncate_lock_statements(table: str) -> list[str]:
    """PostgreSQL: refuse TRUNCATE, which fires no row trigger."""
    return [
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION imsdesk_append_only()"""
    ]


def lock_statements(dialect: str, child_tables: list[str], append_only: list[str]) -> list[str]:
    """Every statement that installs the locks, for ``dialect`` ('sqlite' or 'postgresql')."""
    if dialect == "sqlite":
        statements = sqlite_visit_lock()
        for table in child_tables:
            statements += sqlite_child_lock(table)
        for table in append_only:
            statements += sqlite_append_only(table)
        return statements
    statements = postgresql_functions() + postgresql_visit_lock()
    for table in child_tables:
        statements += postgresql_child_lock(table)
    for table in append_only:
        statements += postgresql_append_only(table)
    return statements


def append_only_statements(dialect: str, table: str) -> list[str]:
    """For a table added after 0003 (whose PostgreSQL functions already exist)."""
    return sqlite_append_only(table) if dialect == "sqlite" else postgresql_append_only(table)


def child_lock_statements(dialect: str, table: str) -> list[str]:
    """For a visit child table added after 0003."""
    return sqlite_child_lock(table) if dialect == "sqlite" else postgresql_child_lock(table)
