"""An encrypted clinic database at start: the passphrase first, then signing in as usual."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from imsdesk.gui.app import make_application, run_app
from imsdesk.gui.passphrase_dialog import WRONG_PASSPHRASE, PassphraseDialog
from imsdesk.gui.sign_in_dialog import SignInDialog
from imsdesk.services.encryption import encrypt_database
from imsdesk.store.encryption import clinic_passphrase, use_passphrase
from tests.support.qt import next_message_box, with_modal

PASSPHRASE = "lantern orchard seventeen"


@pytest.fixture
def encrypted(demo_clinic: Path) -> Path:
    encrypt_database(str(demo_clinic), PASSPHRASE)
    use_passphrase(None)  # as at a fresh start
    return demo_clinic


def test_a_wrong_passphrase_says_so_and_lets_the_user_try_again(qtbot, encrypted: Path):
    make_application()
    dialog = PassphraseDialog(encrypted)
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(encrypted) in dialog.ui.intro.text()
    qtbot.keyClicks(dialog.ui.passphrase, "lantern orchard")
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.ui.message.isVisible() and dialog.ui.message.text() == WRONG_PASSPHRASE
    assert dialog.ui.passphrase.text() == ""
    assert dialog.focusWidget() is dialog.ui.passphrase
    assert clinic_passphrase() is None

    qtbot.keyClicks(dialog.ui.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.ui.passphrase, Qt.Key.Key_Return)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert clinic_passphrase() == PASSPHRASE


def test_the_passphrase_is_masked(qtbot, encrypted: Path):
    make_application()
    dialog = PassphraseDialog(encrypted)
    qtbot.addWidget(dialog)
    assert dialog.ui.passphrase.echoMode() == dialog.ui.passphrase.EchoMode.Password


def test_at_start_the_passphrase_comes_before_signing_in(qtbot, encrypted: Path):
    seen: list[str] = []

    def give_passphrase(dialog: PassphraseDialog) -> None:
        seen.append("passphrase")
        with_modal(qtbot, SignInDialog, leave_at_sign_in)
        dialog.ui.passphrase.setText(PASSPHRASE)
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def leave_at_sign_in(dialog: SignInDialog) -> None:
        seen.append("sign in: " + dialog.ui.intro.text().splitlines()[-1])
        dialog.reject()

    with_modal(qtbot, PassphraseDialog, give_passphrase)
    assert run_app(str(encrypted)) == 0
    assert seen == ["passphrase", f"sign in: Database: {encrypted}"]
    gc.collect()  # the dialogs go now, within this test, not during another one
    QApplication.processEvents()


def test_quitting_at_the_passphrase_quits_the_app(qtbot, encrypted: Path):
    with_modal(qtbot, PassphraseDialog, lambda dialog: dialog.reject())
    assert run_app(str(encrypted)) == 0
    assert clinic_passphrase() is None


def test_without_the_sqlcipher3_module_the_app_says_so_in_one_line(
    qtbot, encrypted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # an install without the extra
    seen = next_message_box(qtbot)
    assert run_app(str(encrypted)) == 1
    assert seen == [
        f"{encrypted} is encrypted; opening it needs the sqlcipher3 module, which is not "
        "installed (pip install 'imsdesk[encryption]')."
    ]
