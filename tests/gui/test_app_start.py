"""Starting the app on a database it cannot use: a clear dialog, exit 1, nothing touched."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from imsdesk.gui.app import run_app
from tests.support.qt import with_modal


def test_a_file_that_is_not_a_database_gets_a_clear_dialog(qtbot, tmp_path: Path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear colleague,\n")
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.windowTitle() + " | " + box.text())
        box.accept()

    with_modal(qtbot, QMessageBox, read_and_close)
    assert run_app(str(letter)) == 1
    assert seen == [
        f"imsdesk cannot open the database | {letter} is not an imsdesk database "
        "(not an SQLite file); left as it is."
    ]
    assert letter.read_text() == "Dear colleague,\n"


def test_an_unreachable_server_gets_a_clear_dialog(qtbot, unused_port: int):
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    with_modal(qtbot, QMessageBox, read_and_close)
    assert run_app(f"postgresql://clinic@127.0.0.1:{unused_port}/imsdesk") == 1
    assert len(seen) == 1 and "Cannot connect to the database server" in seen[0]


def test_a_new_database_asks_for_the_administrator_and_quitting_there_writes_no_user(
    qtbot, tmp_path: Path
):
    from imsdesk.gui.user_dialog import UserDialog
    from imsdesk.services.database import open_clinic_database
    from imsdesk.services.users import UserService

    database = tmp_path / "clinic.sqlite"
    seen: list[str] = []

    def look_and_cancel(dialog: UserDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    with_modal(qtbot, UserDialog, look_and_cancel)
    assert run_app(str(database)) == 0
    assert seen == ["Set up imsdesk"]
    opened = open_clinic_database(str(database))
    try:
        assert UserService(opened.db).list_users() == []
    finally:
        opened.db.close()


@pytest.mark.postgres
def test_a_new_server_database_asks_for_the_administrator_after_the_sign_in_dialog_closes(
    qtbot, postgres_url: str
):
    from imsdesk.gui.sign_in_dialog import SignInDialog
    from imsdesk.gui.user_dialog import UserDialog

    seen: list[str] = []

    def look_and_cancel(dialog: UserDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    # The sign-in dialog comes first, as on a file; the server's answer closes it.
    with_modal(qtbot, SignInDialog, lambda dialog: seen.append(dialog.windowTitle()))
    with_modal(qtbot, UserDialog, look_and_cancel)
    assert run_app(postgres_url) == 0
    assert seen == ["Sign in", "Set up imsdesk"]


@pytest.mark.postgres
def test_on_a_ready_server_the_sign_in_dialog_signs_in(qtbot, postgres_url: str):
    from imsdesk.domain.users import Role, UserDetails
    from imsdesk.gui.app import ClinicDatabase, _sign_in
    from imsdesk.gui.sign_in_dialog import SignInDialog
    from imsdesk.services.database import open_clinic_database
    from imsdesk.services.users import UserService

    opened = open_clinic_database(postgres_url)
    UserService(opened.db).create(UserDetails("dlee", "Dana Lee", Role.ADMIN), "correct horse")
    opened.db.close()
    shown: list[str] = []

    def sign_in_as_dana(dialog: SignInDialog) -> None:
        shown.append(dialog.ui.intro.text())
        dialog.ui.username.setText("dlee")
        dialog.ui.password.setText("correct horse")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    with_modal(qtbot, SignInDialog, sign_in_as_dana)
    database = ClinicDatabase(postgres_url)
    user = _sign_in(database, postgres_url)
    database.close()
    assert user is not None and user.username == "dlee"
    assert shown == [f"Sign in to open the clinic's charts.\nDatabase: {postgres_url}"]
