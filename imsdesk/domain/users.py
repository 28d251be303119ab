"""People who use imsdesk and what they may do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: Role
    registration_number: str = ""


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
    username = details.username.strip()
    if not username:
        problems["username"] = "User name is required."
    elif not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        problems["username"] = "User name: letters, digits, '.', '_' or '-' only."
    return problems
