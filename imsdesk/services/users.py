"""The people who chart: therapists, front desk, administrators."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from imsdesk.domain.plain_text import storable
from imsdesk.domain.users import (
    MAX_USERNAME_CHARS,
    Role,
    User,
    UserDetails,
    password_problem,
    validate_user,
)
from imsdesk.services.audit import AuditService
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.services.passwords import hash_password, needs_rehash, password_matches
from imsdesk.store.database import Database
from imsdesk.store.models import UserRow

SIGN_IN_REFUSED = "That user name and password do not match an active account."


class SignInRefused(ServiceError):
    """Wrong user name or password, or an inactive account; one message for all three."""


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

    def create(
        self, details: UserDetails, password: str | None = None, confirmation: str | None = None
    ) -> User:
        """A new user; without a password they cannot sign in until one is set."""
        problems = validate_user(details)
        if password is not None and (problem := password_problem(password, confirmation)):
            problems["password"] = problem
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
                    password_hash=hash_password(password) if password is not None else None,
                )
                session.add(row)
                session.flush()
                return _to_user(row)
        except IntegrityError:
            raise ValidationError(
                {"username": f"User name {details.username.strip()} is already taken."}
            ) from None

    def by_username(self, username: str) -> User:
        found = self._named(username)
        if found is None:
            raise NotFound(f"No user named {username.strip()}.")
        return _to_user(found)

    def _named(self, username: str) -> UserRow | None:
        name = username.strip()
        if not storable(name) or len(name) > MAX_USERNAME_CHARS:
            return None  # no account can have it, and a database cannot even compare it
        with self._db.reading() as session:
            return session.scalars(select(UserRow).where(UserRow.username == name)).first()

    def set_password(self, user_id: int, password: str, confirmation: str | None = None) -> None:
        if problem := password_problem(password, confirmation):
            raise ValidationError({"password": problem})
        with self._db.transaction() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"No user with id {user_id}.")
            row.password_hash = hash_password(password)

    def needs_first_admin(self) -> bool:
        """True until an active administrator can sign in: the first start sets one up."""
        with self._db.reading() as session:
            admins = session.scalar(
                select(func.count(UserRow.id)).where(
                    UserRow.active, UserRow.role == Role.ADMIN, UserRow.password_hash.is_not(None)
                )
            )
            return not admins

    def sign_in(self, username: str, password: str) -> User:
        """The user, if the password is theirs; every attempt leaves an audit row."""
        found = self._named(username)
        audit = AuditService(self._db)
        if found is None or not found.active or not password_matches(found.password_hash, password):
            # The typed name is not stored: people type passwords into the wrong field.
            detail = "unknown user name" if found is None else "refused"
            audit.record(
                "failed_login",
                "user",
                found.id if found else None,
                detail=detail,
                user_id=found.id if found else None,
            )
            raise SignInRefused(SIGN_IN_REFUSED)
        if needs_rehash(found.password_hash or ""):
            self.set_password(found.id, password)
        audit.record("login", "user", found.id, user_id=found.id)
        return _to_user(found)

    def unlock(self, user: User, password: str) -> bool:
        """Whether ``password`` is ``user``'s own, for the idle lock; audited like a sign-in."""
        try:
            return self.sign_in(user.username, password).id == user.id
        except SignInRefused:
            return False

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
