"""`imsdesk user`: the first administrator from a terminal or a script."""

import io
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.services.database import open_clinic_database
from imsdesk.services.users import UserService


def test_add_then_sign_in_with_the_password_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    db = str(tmp_path / "clinic.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    args = ["user", "add", "--db", db, "--username", "dlee", "--name", "Dana Lee"]
    assert main([*args, "--role", "admin", "--password-stdin"]) == 0
    assert "added dlee (Admin)" in capsys.readouterr().out
    assert main(["user", "list", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == ["dlee\tAdmin\tDana Lee"]
    opened = open_clinic_database(db)
    try:
        assert UserService(opened.db).sign_in("dlee", "correct horse battery").username == "dlee"
    finally:
        opened.db.close()


def test_a_short_password_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    args = ["user", "add", "--db", str(tmp_path / "c.sqlite"), "--username", "dlee"]
    assert main([*args, "--name", "Dana Lee", "--role", "admin", "--password-stdin"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "imsdesk: error: The password needs at least 8 characters."


def test_without_a_terminal_or_stdin_option_the_command_says_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    args = ["user", "add", "--db", str(tmp_path / "c.sqlite"), "--username", "dlee"]
    assert main([*args, "--name", "Dana Lee", "--role", "admin"]) == 1
    assert "--password-stdin" in capsys.readouterr().err


def test_setting_a_password_for_an_unknown_user_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    args = ["user", "password", "--db", str(tmp_path / "c.sqlite"), "--username", "ghost"]
    assert main([*args, "--password-stdin"]) == 1
    assert capsys.readouterr().err.strip() == "imsdesk: error: No user named ghost."
