"""What start-up reads with the standard library alone, before SQLAlchemy has loaded.

Whether the sign-in dialog can be shown at once: only for an up-to-date SQLite
file with an administrator who can sign in. Every other case returns None and
the app takes the ordinary path, which also gives the proper message for a
file that cannot be opened.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from imsdesk.store.encryption import database_errors
from imsdesk.store.revisions import SCHEMA_HEAD
from imsdesk.store.sqlite_file import is_encrypted_file, is_sqlite_file, read_only, revision_in

# The same question UserService.needs_first_admin answers (a test holds them equal).
_ADMINS_WHO_CAN_SIGN_IN = (
    "SELECT count(*) FROM users WHERE active AND role = 'admin' AND password_hash IS NOT NULL"
)


def read_sign_in_ready(path: Path) -> bool | None:
    """True: sign-in can be asked for now. None: open the database the ordinary way first.

    An encrypted file is read with the clinic passphrase already given; one connection,
    as each new one costs SQLCipher's key derivation.
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
