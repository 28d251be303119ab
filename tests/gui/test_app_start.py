"""Starting the app on a database it cannot use: a clear dialog, exit 1, nothing touched."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

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
