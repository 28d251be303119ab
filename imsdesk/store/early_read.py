"""What start-up reads with the standard library alone, before SQLAlchemy has loaded.

Whether the sign-in dialog can be shown at once: only for an up-to-date SQLite
file with an administrator who can sign in. Every other case returns None and
the app takes the ordinary path, which also gives the proper message for a
file that cannot be opened.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from imsdesk.store.revisions import SCHEMA_HEAD
from imsdesk.store.sqlite_file import file_revision, is_sqlite_file, read_rows

# The same question UserService.needs_first_admin answers (a test holds them equal).
_ADMINS_WHO_CAN_SIGN_IN = (
    "SELECT count(*) FROM users WHERE active AND role = 'admin' AND password_hash IS NOT NULL"
)


def read_sign_in_ready(path: Path) -> bool | None:
    """True: sign-in can be asked for now. None: open the database the ordinary way first."""
    if not is_sqlite_file(path) or file_revision(path) != SCHEMA_HEAD:
        return None  # new, older or newer: the ordinary path creates, upgrades or refuses
    try:
        admins = read_rows(path, _ADMINS_WHO_CAN_SIGN_IN)[0][0]
    except sqlite3.Error:
        return None
    return True if admins else None
