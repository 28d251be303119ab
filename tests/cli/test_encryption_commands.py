"""`imsdesk encrypt|decrypt` and the clinic passphrase on the command line: one line and exit 1
for every refusal, never a traceback."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from imsdesk.cli import main
from imsdesk.store.encryption import use_passphrase
from imsdesk.store.sqlite_file import is_encrypted_file

PASSPHRASE = "lantern orchard seventeen"


def run(
    args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    use_passphrase(None)  # each command a new process, as from a shell
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def encrypted(demo_clinic: Path, monkeypatch, capsys) -> Path:
    args = ["encrypt", "--db", str(demo_clinic), "--passphrase-stdin"]
    code, out, err = run(args, PASSPHRASE + "\n", monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert f"{demo_clinic} is now encrypted" in out
    assert "Keep the passphrase safe" in out
    return demo_clinic


def test_commands_open_the_encrypted_file_with_the_passphrase_from_stdin(
    encrypted: Path, monkeypatch, capsys
):
    code, out, err = run(
        ["check", "--db", str(encrypted), "--passphrase-stdin"],
        PASSPHRASE + "\n",
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "integrity:      ok" in out


def test_or_from_the_environment(encrypted: Path, monkeypatch, capsys):
    monkeypatch.setenv("IMSDESK_PASSPHRASE", PASSPHRASE)
    code, out, _err = run(["user", "list", "--db", str(encrypted)], "", monkeypatch, capsys)
    assert code == 0 and "demo.admin" in out


def test_a_wrong_passphrase_is_one_line_and_exit_1(encrypted: Path, monkeypatch, capsys):
    code, out, err = run(
        ["check", "--db", str(encrypted), "--passphrase-stdin"],
        "not it at all\n",
        monkeypatch,
        capsys,
    )
    assert code == 1 and out == ""
    assert err == (
        f"imsdesk: error: The passphrase does not open {encrypted} "
        "(a wrong passphrase, or the file is damaged).\n"
    )


def test_no_passphrase_and_no_terminal_says_how_to_give_it(encrypted: Path, monkeypatch, capsys):
    code, _out, err = run(["check", "--db", str(encrypted)], "", monkeypatch, capsys)
    assert code == 1
    assert err.count("\n") == 1 and "--passphrase-stdin" in err and "IMSDESK_PASSPHRASE" in err


def test_changing_the_passphrase_reads_the_current_then_the_new_one(
    encrypted: Path, monkeypatch, capsys
):
    db = ["--db", str(encrypted), "--passphrase-stdin"]
    code, out, err = run(
        ["encrypt", "--change-passphrase", *db],
        f"{PASSPHRASE}\nharbour violet anchor\n",
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "still need the old passphrase" in out
    assert run(["check", *db], PASSPHRASE + "\n", monkeypatch, capsys)[0] == 1
    assert run(["check", *db], "harbour violet anchor\n", monkeypatch, capsys)[0] == 0


def test_decrypt_writes_a_plain_copy_and_leaves_the_database_encrypted(
    encrypted: Path, tmp_path: Path, monkeypatch, capsys
):
    out_file = tmp_path / "moving" / "plain.sqlite"
    args = ["decrypt", "--db", str(encrypted), "--passphrase-stdin", "--out", str(out_file)]
    code, out, err = run(args, PASSPHRASE + "\n", monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert "not encrypted" in out
    with sqlite3.connect(out_file) as connection:
        assert connection.execute("SELECT count(*) FROM patients").fetchone()[0] == 12
    assert is_encrypted_file(encrypted)


def test_encrypting_twice_or_a_server_database_is_refused_in_one_line(
    encrypted: Path, monkeypatch, capsys
):
    args = ["encrypt", "--db", str(encrypted), "--passphrase-stdin"]
    code, _out, err = run(args, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 1 and "already encrypted" in err and err.count("\n") == 1
    server = ["encrypt", "--db", "postgresql://clinic@127.0.0.1/imsdesk", "--passphrase-stdin"]
    code, _out, err = run(server, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 1
    assert err == (
        "imsdesk: error: Encryption at rest is for SQLite files; protect a PostgreSQL database "
        "with its server's disk encryption and TLS connections.\n"
    )


def test_without_the_sqlcipher3_module_an_encrypted_file_gets_one_line(encrypted: Path):
    """The module really absent from the process (an installation without the extra)."""
    probe = (
        "import sys; sys.modules['sqlcipher3'] = None\n"
        "from imsdesk.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "IMSDESK_PASSPHRASE": PASSPHRASE}
    args = [sys.executable, "-c", probe, "check", "--db", str(encrypted)]
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (
        f"imsdesk: error: Opening the encrypted file {encrypted} needs the sqlcipher3 module, "
        "which is not installed (pip install 'imsdesk[encryption]').\n"
    )
    new = str(encrypted.with_name("new.sqlite"))
    plain = [sys.executable, "-c", probe, "demo-data", "--db", new, "--patients", "1"]
    assert subprocess.run(plain, capture_output=True, text=True, timeout=60).returncode == 0


def test_an_encrypted_backup_restores_on_a_new_workstation_with_the_passphrase(
    encrypted: Path, tmp_path: Path, monkeypatch, capsys
):
    usb = tmp_path / "usb"
    backed_up = ["backup", "--db", str(encrypted), "--passphrase-stdin", "--out", str(usb)]
    assert run(backed_up, PASSPHRASE + "\n", monkeypatch, capsys)[0] == 0
    (backup,) = usb.glob("clinic-*-manual.sqlite")
    new_machine = tmp_path / "new" / "clinic.sqlite"
    restore = ["restore", str(backup), "--db", str(new_machine)]

    code, _out, err = run(restore, "", monkeypatch, capsys)
    assert code == 1 and "give the clinic passphrase" in err and not new_machine.exists()

    code, _out, err = run([*restore, "--passphrase-stdin"], PASSPHRASE + "\n", monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert is_encrypted_file(new_machine)
    checked = ["user", "list", "--db", str(new_machine), "--passphrase-stdin"]
    code, out, _err = run(checked, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 0 and "demo.therapist" in out
