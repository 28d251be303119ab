"""People who use imsdesk and what they may do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from imsdesk.domain.plain_text import (
    has_broken_characters,
    has_control_characters,
    text_problem,
)


class Role(StrEnum):
    THERAPIST = "therapist"
    FRONT_DESK = "front_desk"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"front_desk": "Front desk"}.get(self.value, self.value.capitalize())

    @property
    def charts_visits(self) -> bool:
        return self in (Role.THERAPIST, Role.ADMIN)

    @property
    def sees_clinical_records(self) -> bool:
        """Front desk books and finds patients; notes, findings and reports are clinical."""
        return self.charts_visits

    @property
    def manages_users(self) -> bool:
        return self is Role.ADMIN

    @property
    def reviews_audit(self) -> bool:
        """Who may read the audit trail: who opened, changed or exported which chart."""
        return self is Role.ADMIN


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: Role
    registration_number: str = ""
    active: bool = True  # deactivated users cannot sign in; their records keep their name
    has_password: bool = True  # one made on the command line without a password cannot yet

    @property
    def status(self) -> str:
        if not self.active:
            return "Deactivated"
        return "Active" if self.has_password else "Active, no password yet"


@dataclass(frozen=True)
class UserDetails:
    username: str
    display_name: str
    role: Role
    registration_number: str = ""


def validate_user(details: UserDetails) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not details.display_name.strip():
        problems["display_name"] = "Name is required."
    elif problem := text_problem("Name", details.display_name.strip(), 200, one_line=True):
        problems["display_name"] = problem
    username = details.username.strip()
    if not username:
        problems["username"] = "User name is required."
    elif not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        problems["username"] = "User name: letters, digits, '.', '_' or '-' only."
    elif len(username) > MAX_USERNAME_CHARS:
        problems["username"] = f"User name is at most {MAX_USERNAME_CHARS} characters."
    registration = details.registration_number.strip()
    if problem := text_problem("Registration number", registration, 64, one_line=True):
        problems["registration_number"] = problem
    return problems


MAX_USERNAME_CHARS = 64


MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256


def password_problem(password: str, confirmation: str | None = None) -> str | None:
    """What is wrong with a new password, or None.

    Length only, as NIST SP 800-63B advises: composition rules make passwords
    harder to remember without making them harder to guess.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password can have at most {MAX_PASSWORD_LENGTH} characters."
    if has_control_characters(password, one_line=True):
        return "The password cannot contain control characters."
    if has_broken_characters(password):
        return "The password contains characters that are not valid text; retype it."
    if confirmation is not None and confirmation != password:
        return "The two passwords are not the same."
    return None
