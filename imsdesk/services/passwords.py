"""Password hashes: Argon2id through argon2-cffi, never the password itself."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # the library's defaults follow RFC 9106's recommendation


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    if not stored_hash:
        return False
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):
        return False  # a password that is not valid text was never set


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker settings than today's."""
    return _hasher().check_needs_rehash(stored_hash)
