"""The people who chart: therapists, front desk, administrators."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.plain_text import storable
from imsdesk.domain.users import (
    MAX_USERNAME_CHARS,
    Role,
    User,
    UserDetails,
    password_problem,
    validate_user,
)
from imsdesk.services.audit import ActingUser, AuditService
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.services.passwords import hash_password, needs_rehash, password_matches
from imsdesk.store.database import Database
from imsdesk.store.models import UserRow

SIGN_IN_REFUSED = "That user name and password do not match an active account."
ADMINS_ONLY = "Only an administrator can manage user accounts."


class SignInRefused(ServiceError):
    """Wrong user name or password, or an inactive account; one message for all three."""


class UserService:
    """Accounts, and who may change them.

    With a signed-in user (the app), only an active administrator may add users or change
    another's account; every change is audited in their name. Without one (the command
    line, whose user can read and write the database file anyway), changes are audited
    with the workstation alone.
    """

    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

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
                self._require_admin(session)
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
                detail = f"role {details.role.label}"
                self._acting.audit(session, AuditAction.CREATE, RecordKind.USER, row.id, detail)
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
        """A new password for the user (an administrator's reset, or the command line)."""
        if problem := password_problem(password, confirmation):
            raise ValidationError({"password": problem})
        with self._db.transaction() as session:
            if user_id != self._acting.id:
                self._require_admin(session)
            _user_row(session, user_id).password_hash = hash_password(password)
            self._acting.audit(session, AuditAction.SET_PASSWORD, RecordKind.USER, user_id)

    def change_role(self, user_id: int, role: Role) -> User:
        """What the user may do from their next sign-in; the last administrator stays one."""
        with self._db.transaction() as session:
            self._require_admin(session)
            row = _user_row(session, user_id)
            if row.role == role.value:
                return _to_user(row)
            self._refuse_own_account(user_id, "change your own role")
            _keep_an_administrator(session, row, f"change {row.display_name}'s role")
            detail = f"role {Role(row.role).label} → {role.label}"
            row.role = role.value
            self._acting.audit(session, AuditAction.EDIT, RecordKind.USER, user_id, detail)
            return _to_user(row)

    def set_active(self, user_id: int, active: bool) -> User:
        """Deactivate (they can no longer sign in) or reactivate an account; never delete it:
        visits, signatures and audit rows keep naming the person."""
        with self._db.transaction() as session:
            self._require_admin(session)
            row = _user_row(session, user_id)
            if row.active == active:
                return _to_user(row)
            if not active:
                self._refuse_own_account(user_id, "deactivate your own account")
                _keep_an_administrator(session, row, f"deactivate {row.display_name}")
            row.active = active
            action = AuditAction.REACTIVATE if active else AuditAction.DEACTIVATE
            self._acting.audit(session, action, RecordKind.USER, user_id)
            return _to_user(row)

    def _require_admin(self, session: Session) -> None:
        require_admin(session, self._acting, ADMINS_ONLY)

    def _refuse_own_account(self, user_id: int, what: str) -> None:
        if user_id == self._acting.id:
            raise ServiceError(f"You cannot {what}; another administrator can.")

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
            with self._db.transaction() as session:  # the same password, hashed as now advised
                _user_row(session, found.id).password_hash = hash_password(password)
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


def require_admin(session: Session, acting: ActingUser, refusal: str) -> None:
    """Refuse (``refusal``) unless the signed-in user is an active administrator.

    No one signed in means the command line, or the first start setting up the
    administrator: whoever runs it can read and write the database file anyway.
    """
    if acting.id is None:
        return
    row = session.get(UserRow, acting.id)
    if row is None or not row.active or row.role != Role.ADMIN.value:
        raise ServiceError(refusal)


def _user_row(session: Session, user_id: int) -> UserRow:
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFound(f"No user with id {user_id}.")
    return row


def _keep_an_administrator(session: Session, row: UserRow, what: str) -> None:
    """Refuse a change that would leave no active administrator able to sign in."""
    # Locked on a clinic server, so two administrators demoting each other at the same
    # moment cannot both succeed.
    admins = session.scalars(
        select(UserRow.id)
        .where(
            UserRow.active,
            UserRow.role == Role.ADMIN.value,
            UserRow.password_hash.is_not(None),
        )
        .with_for_update()
    ).all()
    if list(admins) == [row.id]:
        raise ServiceError(
            f"Cannot {what}: {row.display_name} is the clinic's last active administrator. "
            "Make another user an administrator first."
        )


def _to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        registration_number=row.registration_number,
        active=row.active,
        has_password=row.password_hash is not None,
    )
