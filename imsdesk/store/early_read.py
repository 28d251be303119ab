"""What start-up reads before SQLAlchemy has loaded: the standard library, or psycopg alone.

Whether the sign-in dialog can be shown at once: only for an up-to-date database
with an administrator who can sign in. Every other case returns None and the app
takes the ordinary path, which also gives the proper message for a file that
cannot be opened or a server that cannot be reached.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from imsdesk.store.encryption import database_errors
from imsdesk.store.revisions import SCHEMA_HEAD, VERSION_TABLE
from imsdesk.store.sqlite_file import is_encrypted_file, is_sqlite_file, read_only, revision_in

# The same question UserService.needs_first_admin answers (a test holds them equal).
_ADMINS_WHO_CAN_SIGN_IN = (
    "SELECT count(*) FROM users WHERE active AND role = 'admin' AND password_hash IS NOT NULL"
)


SERVER_TIMEOUT_S = 5  # as the engine's: a clinic server that is down fails fast


def read_sign_in_ready(path: Path) -> bool | None:
    """True: sign-in can be asked for now. None: open the database the ordinary way first.

    An encrypted file is read with the clinic passphrase already given (its key derived
    when it was given).
    """
    if not (is_sqlite_file(path) or is_encrypted_file(path)):
        return None
    try:
        with closing(read_only(path)) as connection:
            if revision_in(connection) != SCHEMA_HEAD:
                return None  # new, older or newer: the ordinary path creates, upgrades or refuses
            admins = connection.execute(_ADMINS_WHO_CAN_SIGN_IN).fetchone()[0]
    except database_errors():
        return None
    return True if admins else None


def read_server_sign_in_ready(conninfo: str) -> bool | None:
    """The same question asked of a PostgreSQL server, through psycopg without SQLAlchemy."""
    import psycopg  # only here: a tenth of a second to import, paid behind the dialog

    try:
        with psycopg.connect(conninfo, connect_timeout=SERVER_TIMEOUT_S) as connection:
            revisions = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
            if revisions != [(SCHEMA_HEAD,)]:
                return None
            row = connection.execute(_ADMINS_WHO_CAN_SIGN_IN).fetchone()
    except psycopg.Error:
        return None  # down, refused, no such database or table: the ordinary path says so
    return True if row and row[0] else None
