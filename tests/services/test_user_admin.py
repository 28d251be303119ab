"""Administrators manage accounts: each change is audited, the clinic always keeps an
administrator who can sign in, and no one else may change accounts."""

from __future__ import annotations

import pytest

from imsdesk.domain.users import Role, User, UserDetails
from imsdesk.services.audit import ActingUser, AuditService
from imsdesk.services.errors import ServiceError, ValidationError
from imsdesk.services.users import ADMINS_ONLY, SignInRefused, UserService
from imsdesk.store.database import Database

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(db: Database) -> tuple[UserService, User, User]:
    """The app's user service with Dana Lee (admin) signed in, and Alex Morgan (therapist)."""
    setup = UserService(db)
    admin = setup.create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD)
    therapist = setup.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD)
    return UserService(db, ActingUser(admin.id)), admin, therapist


def user_trail(db: Database, user: User) -> list[tuple[str | None, str, str]]:
    names = {u.id: u.username for u in UserService(db).list_users()}
    return [
        (names.get(e.user_id) if e.user_id else None, e.action, e.detail)
        for e in AuditService(db).for_record("user", user.id)
    ]


def test_each_account_change_is_audited_in_the_administrators_name(db: Database, accounts):
    users, admin, therapist = accounts
    added = users.create(UserDetails("rreyes", "Robin Reyes", Role.FRONT_DESK), PASSWORD)
    users.set_password(therapist.id, "a brand new password", "a brand new password")
    users.change_role(therapist.id, Role.ADMIN)
    users.change_role(therapist.id, Role.ADMIN)  # no change, no row
    users.set_active(therapist.id, False)
    users.set_active(therapist.id, False)
    users.set_active(therapist.id, True)

    assert user_trail(db, added) == [("dlee", "create", "role Front desk")]
    assert user_trail(db, therapist) == [
        (None, "create", "role Therapist"),  # set up on the command line
        ("dlee", "set_password", ""),
        ("dlee", "edit", "role Therapist → Admin"),
        ("dlee", "deactivate", ""),
        ("dlee", "reactivate", ""),
    ]
    assert users.sign_in("amorgan", "a brand new password").role is Role.ADMIN
    listed = {u.username: (u.role, u.active) for u in users.list_users()}
    assert listed == {
        "dlee": (Role.ADMIN, True),
        "amorgan": (Role.ADMIN, True),
        "rreyes": (Role.FRONT_DESK, True),
    }
    assert admin.active and admin.status == "Active"


def test_a_deactivated_user_cannot_sign_in_and_keeps_their_records(db: Database, accounts):
    users, _admin, therapist = accounts
    users.set_active(therapist.id, False)
    with pytest.raises(SignInRefused):
        users.sign_in("amorgan", PASSWORD)
    (listed,) = [u for u in users.list_users() if u.id == therapist.id]
    assert listed.status == "Deactivated" and listed.display_name == "Alex Morgan"
    users.set_active(therapist.id, True)
    assert users.sign_in("amorgan", PASSWORD).id == therapist.id


def test_the_last_administrator_stays_one(db: Database, accounts):
    users, admin, therapist = accounts
    with pytest.raises(ServiceError, match="cannot deactivate your own account"):
        users.set_active(admin.id, False)
    with pytest.raises(ServiceError, match="cannot change your own role"):
        users.change_role(admin.id, Role.THERAPIST)
    from_the_command_line = UserService(db)
    with pytest.raises(ServiceError) as demoting:
        from_the_command_line.change_role(admin.id, Role.THERAPIST)
    assert str(demoting.value) == (
        "Cannot change Dana Lee's role: Dana Lee is the clinic's last active administrator. "
        "Make another user an administrator first."
    )
    with pytest.raises(ServiceError, match="last active administrator"):
        from_the_command_line.set_active(admin.id, False)
    # With a second administrator, the first may step down.
    users.change_role(therapist.id, Role.ADMIN)
    from_the_command_line.change_role(admin.id, Role.THERAPIST)
    assert UserService(db).needs_first_admin() is False
    trail = [action for _who, action, _detail in user_trail(db, admin)]
    assert trail == ["create", "edit"]  # the refusals changed nothing


def test_only_an_administrator_changes_accounts(db: Database, accounts):
    _users, _admin, therapist = accounts
    as_therapist = UserService(db, ActingUser(therapist.id))
    desk = UserDetails("rreyes", "Robin Reyes", Role.FRONT_DESK)
    for change in (
        lambda: as_therapist.create(desk, PASSWORD),
        lambda: as_therapist.change_role(therapist.id, Role.ADMIN),
        lambda: as_therapist.set_active(1, False),
        lambda: as_therapist.set_password(1, "someone else's password"),
    ):
        with pytest.raises(ServiceError, match=ADMINS_ONLY):
            change()
    as_therapist.set_password(therapist.id, "my own new password")  # their own is theirs
    with pytest.raises(ValidationError):
        as_therapist.set_password(therapist.id, "short")
    assert [u.username for u in UserService(db).list_users()] == ["dlee", "amorgan"]
