"""Signing in: Argon2 hashes, one refusal message, every attempt audited."""

import pytest

from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.audit import AuditService
from imsdesk.services.errors import ValidationError
from imsdesk.services.users import SIGN_IN_REFUSED, SignInRefused, UserService
from imsdesk.store.database import Database
from imsdesk.store.models import UserRow

ADMIN = UserDetails("dlee", "Dana Lee", Role.ADMIN)
PASSWORD = "correct horse battery"


def stored_hash(db: Database, user_id: int) -> str | None:
    with db.reading() as session:
        return session.get(UserRow, user_id).password_hash


def test_the_right_password_signs_in_and_only_a_hash_is_stored(db: Database):
    users = UserService(db)
    created = users.create(ADMIN, PASSWORD, PASSWORD)
    assert users.sign_in("dlee", PASSWORD) == created
    stored = stored_hash(db, created.id)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    actions = [e.action for e in AuditService(db).for_record("user", created.id)]
    assert actions == ["create", "login"]


@pytest.mark.parametrize(
    ("username", "password"), [("dlee", "wrong password"), ("nobody", PASSWORD), ("dlee", "")]
)
def test_a_wrong_name_or_password_gets_the_same_message_and_an_audit_row(
    db: Database, username: str, password: str
):
    users = UserService(db)
    created = users.create(ADMIN, PASSWORD)
    with pytest.raises(SignInRefused) as caught:
        users.sign_in(username, password)
    assert str(caught.value) == SIGN_IN_REFUSED
    trail = [e for e in AuditService(db).for_record("user", created.id) if e.action != "create"]
    if username == "dlee":
        assert [(e.action, e.user_id) for e in trail] == [("failed_login", created.id)]
    else:
        assert trail == []  # nothing is pinned on an account that was not named


def test_a_user_without_a_password_cannot_sign_in_until_one_is_set(db: Database):
    users = UserService(db)
    therapist = users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    with pytest.raises(SignInRefused):
        users.sign_in("amorgan", "")
    users.set_password(therapist.id, "a longer password")
    assert users.sign_in("amorgan", "a longer password").id == therapist.id


def test_short_or_mismatched_passwords_are_refused_with_a_reason(db: Database):
    users = UserService(db)
    with pytest.raises(ValidationError) as short:
        users.create(ADMIN, "short")
    assert "at least 8 characters" in short.value.problems["password"]
    with pytest.raises(ValidationError) as mismatch:
        users.create(ADMIN, PASSWORD, PASSWORD + "!")
    assert "not the same" in mismatch.value.problems["password"]
    assert users.list_users() == []


def test_the_first_start_needs_an_administrator_who_can_sign_in(db: Database):
    users = UserService(db)
    assert users.needs_first_admin()
    users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD)
    assert users.needs_first_admin()  # a therapist cannot manage accounts
    admin = users.create(ADMIN)
    assert users.needs_first_admin()  # an admin without a password cannot sign in
    users.set_password(admin.id, PASSWORD)
    assert not users.needs_first_admin()


def test_unlock_accepts_only_the_locked_users_own_password(db: Database):
    users = UserService(db)
    dana = users.create(ADMIN, PASSWORD)
    users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), "another password")
    assert users.unlock(dana, PASSWORD)
    assert not users.unlock(dana, "another password")
