"""What a use case can refuse, in words fit to show the person who asked."""

from __future__ import annotations

from imsdesk.store.encryption import EncryptionUnavailable, WrongPassphrase
from imsdesk.store.errors import DamagedDatabase, StoreError


class ServiceError(Exception):
    """A request that cannot be carried out; str() is one line for a person."""


class NotFound(ServiceError):
    pass


class ValidationError(ServiceError):
    """The input needs correcting; ``problems`` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class RecordLocked(ServiceError):
    """A signed record was asked to change; it can only be amended."""


__all__ = [
    "DamagedDatabase",
    "EncryptionUnavailable",
    "NotFound",
    "RecordLocked",
    "ServiceError",
    "StoreError",
    "ValidationError",
    "WrongPassphrase",
]
