"""The people who chart: therapists, front desk, administrators."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from imsdesk.domain.users import Role, User, UserDetails, validate_user
from imsdesk.services.errors import ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import UserRow


class UserService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list_users(self) -> list[User]:
        with self._db.reading() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.id))
            return [_to_user(row) for row in rows]

    def has_users(self) -> bool:
        with self._db.reading() as session:
            return bool(session.scalar(select(func.count(UserRow.id))))

    def create(self, details: UserDetails) -> User:
        problems = validate_user(details)
        if problems:
            raise ValidationError(problems)
        try:
            with self._db.transaction() as session:
                row = UserRow(
                    username=details.username.strip(),
                    display_name=details.display_name.strip(),
                    role=details.role.value,
                    registration_number=details.registration_number.strip(),
                    active=True,
                )
                session.add(row)
                session.flush()
                return _to_user(row)
        except IntegrityError:
            raise ValidationError(
                {"username": f"User name {details.username.strip()} is already taken."}
            ) from None

    def charting_user(self) -> User | None:
        """Who charts on this workstation until sign-in arrives: the first clinician."""
        with self._db.reading() as session:
            row = session.scalars(
                select(UserRow)
                .where(UserRow.active, UserRow.role.in_([Role.THERAPIST, Role.ADMIN]))
                .order_by(UserRow.id)
            ).first()
            return _to_user(row) if row else None


def _to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        registration_number=row.registration_number,
    )
