"""Database triggers that refuse invalid visit input whatever writes to the file.

The forms and services explain a problem first; these triggers are the floor beneath
them, as the signed-visit locks in record_lock.py are. Migrations call these functions,
so their output must stay the same once released. A later migration that rebuilds the
visits table on SQLite (batch mode) drops its triggers and must create these again.
"""

from __future__ import annotations

# No apostrophes: the messages sit inside SQL string literals.
NOTES_MESSAGE = "visit text must be plain text of at most 20000 characters"
DATE_MESSAGE = "a visit cannot be dated in the future or before the birth of its patient"
ANSWERS_MESSAGE = "questionnaire answers or score outside the range of the instrument"

NOTE_COLUMNS = ("subjective", "objective", "assessment", "plan")
MAX_NOTE_CHARS = 20_000
MAX_REASON_CHARS = 500
# Control characters a typed or pasted note never needs (tab and line feed are kept).
CONTROL_CODES = (*range(1, 9), *range(11, 32), 127)
PG_CONTROL_CLASS = r"[\x01-\x08\x0b-\x1f\x7f]"

# Instrument: (fewest answers, most answers, lowest answer, highest answer, highest score).
INSTRUMENT_RANGES = {
    "nprs": (1, 1, 0, 10, 10),
    "odi": (10, 10, 0, 5, 100),
    "ndi": (10, 10, 0, 5, 50),
    "psfs": (1, 5, 0, 10, 10),
    "quickdash": (11, 11, 1, 5, 100),
    "lefs": (20, 20, 0, 4, 80),
}


def _case(column: str, position: int) -> str:
    whens = " ".join(f"WHEN '{k}' THEN {v[position]}" for k, v in INSTRUMENT_RANGES.items())
    return f"(CASE {column} {whens} END)"


# -- SQLite --------------------------------------------------------------------------------


def _sqlite_bad_text(column: str, limit: int) -> str:
    codes = ", ".join(str(code) for code in CONTROL_CODES)
    return f"(length({column}) > {limit} OR {column} GLOB ('*[' || char({codes}) || ']*'))"


def _sqlite_trigger(name: str, event: str, table: str, condition: str, message: str) -> str:
    return f"""CREATE TRIGGER {name} BEFORE {event} ON {table}
        WHEN {condition}
        BEGIN SELECT RAISE(ABORT, '{message}'); END"""


def sqlite_visit_checks() -> list[str]:
    notes = " OR ".join(_sqlite_bad_text(f"NEW.{c}", MAX_NOTE_CHARS) for c in NOTE_COLUMNS)
    born = "(SELECT date_of_birth FROM patients WHERE id = NEW.patient_id)"
    # A day's slack either way: the services hold the exact rule in the clinic's time zone.
    dates = (
        f"(NEW.started_at > datetime('now', '+1 day') "
        f"OR date(NEW.started_at) < date({born}, '-1 day'))"
    )
    columns = ", ".join(NOTE_COLUMNS)
    return [
        _sqlite_trigger("visits_notes_checked_insert", "INSERT", "visits", notes, NOTES_MESSAGE),
        _sqlite_trigger(
            "visits_notes_checked_update", f"UPDATE OF {columns}", "visits", notes, NOTES_MESSAGE
        ),
        _sqlite_trigger("visits_date_checked_insert", "INSERT", "visits", dates, DATE_MESSAGE),
        _sqlite_trigger(
            "visits_date_checked_update",
            "UPDATE OF started_at, patient_id",
            "visits",
            dates,
            DATE_MESSAGE,
        ),
    ]


def sqlite_amendment_checks() -> list[str]:
    bad = (
        f"({_sqlite_bad_text('NEW.reason', MAX_REASON_CHARS)} "
        f"OR {_sqlite_bad_text('NEW.text', MAX_NOTE_CHARS)})"
    )
    return [_sqlite_trigger("amendments_text_checked", "INSERT", "amendments", bad, NOTES_MESSAGE)]


def sqlite_outcome_checks() -> list[str]:
    answers = "NEW.answers"
    low, high = _case("NEW.instrument", 2), _case("NEW.instrument", 3)
    bad = (
        f"(NOT json_valid({answers}) OR json_type({answers}) <> 'array' "
        f"OR json_array_length({answers}) < {_case('NEW.instrument', 0)} "
        f"OR json_array_length({answers}) > {_case('NEW.instrument', 1)} "
        f"OR NEW.score > {_case('NEW.instrument', 4)} "
        f"OR EXISTS (SELECT 1 FROM json_each({answers}) WHERE type <> 'null' "
        f"AND (type <> 'integer' OR value < {low} OR value > {high})))"
    )
    return [
        _sqlite_trigger(
            "outcome_scores_checked_insert", "INSERT", "outcome_scores", bad, ANSWERS_MESSAGE
        ),
        _sqlite_trigger(
            "outcome_scores_checked_update", "UPDATE", "outcome_scores", bad, ANSWERS_MESSAGE
        ),
    ]


SQLITE_TRIGGERS = (
    "visits_notes_checked_insert",
    "visits_notes_checked_update",
    "visits_date_checked_insert",
    "visits_date_checked_update",
    "amendments_text_checked",
    "outcome_scores_checked_insert",
    "outcome_scores_checked_update",
)


# -- PostgreSQL ----------------------------------------------------------------------------


def _pg_bad_text(column: str, limit: int) -> str:
    return f"(length({column}) > {limit} OR {column} ~ '{PG_CONTROL_CLASS}')"


def postgresql_checks() -> list[str]:
    notes = " OR ".join(_pg_bad_text(f"NEW.{c}", MAX_NOTE_CHARS) for c in NOTE_COLUMNS)
    amendment = (
        f"{_pg_bad_text('NEW.reason', MAX_REASON_CHARS)} OR "
        f"{_pg_bad_text('NEW.text', MAX_NOTE_CHARS)}"
    )
    low, high = _case("NEW.instrument", 2), _case("NEW.instrument", 3)
    columns = ", ".join(NOTE_COLUMNS)
    return [
        f"""CREATE FUNCTION imsdesk_visit_checked() RETURNS trigger AS $$
        BEGIN
            IF {notes} THEN RAISE EXCEPTION '{NOTES_MESSAGE}'; END IF;
            IF NEW.started_at > (now() AT TIME ZONE 'UTC') + interval '1 day'
               OR NEW.started_at::date <
                  (SELECT date_of_birth FROM patients WHERE id = NEW.patient_id) - 1 THEN
                RAISE EXCEPTION '{DATE_MESSAGE}';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER visits_input_checked
        BEFORE INSERT OR UPDATE OF started_at, patient_id, {columns} ON visits
        FOR EACH ROW EXECUTE FUNCTION imsdesk_visit_checked()""",
        f"""CREATE FUNCTION imsdesk_amendment_checked() RETURNS trigger AS $$
        BEGIN
            IF {amendment} THEN RAISE EXCEPTION '{NOTES_MESSAGE}'; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER amendments_text_checked BEFORE INSERT ON amendments
        FOR EACH ROW EXECUTE FUNCTION imsdesk_amendment_checked()""",
        f"""CREATE FUNCTION imsdesk_outcome_checked() RETURNS trigger AS $$
        DECLARE answers jsonb := NEW.answers::jsonb;
        BEGIN
            IF jsonb_typeof(answers) <> 'array'
               OR jsonb_array_length(answers) < {_case("NEW.instrument", 0)}
               OR jsonb_array_length(answers) > {_case("NEW.instrument", 1)}
               OR NEW.score > {_case("NEW.instrument", 4)}
               OR EXISTS (
                   SELECT 1 FROM jsonb_array_elements(answers) AS item
                   WHERE jsonb_typeof(item) <> 'null' AND (
                       jsonb_typeof(item) <> 'number'
                       OR item::numeric <> trunc(item::numeric)
                       OR item::numeric < {low} OR item::numeric > {high}))
            THEN
                RAISE EXCEPTION '{ANSWERS_MESSAGE}';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER outcome_scores_checked BEFORE INSERT OR UPDATE ON outcome_scores
        FOR EACH ROW EXECUTE FUNCTION imsdesk_outcome_checked()""",
    ]


def postgresql_drops() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS visits_input_checked ON visits",
        "DROP TRIGGER IF EXISTS amendments_text_checked ON amendments",
        "DROP TRIGGER IF EXISTS outcome_scores_checked ON outcome_scores",
        "DROP FUNCTION IF EXISTS imsdesk_visit_checked()",
        "DROP FUNCTION IF EXISTS imsdesk_amendment_checked()",
        "DROP FUNCTION IF EXISTS imsdesk_outcome_checked()",
    ]


def check_statements(dialect: str) -> list[str]:
    """Every statement that installs the input floor, for 'sqlite' or 'postgresql'."""
    if dialect == "sqlite":
        return sqlite_visit_checks() + sqlite_amendment_checks() + sqlite_outcome_checks()
    return postgresql_checks()


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    return postgresql_drops()
