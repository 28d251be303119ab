"""`imsdesk encrypt|decrypt`, and the clinic passphrase every command needs on an encrypted file.

The passphrase comes from the first line of standard input (--passphrase-stdin), else
$IMSDESK_PASSPHRASE, else a hidden prompt on the terminal. An environment variable can be
read by other programs running as the same user: prefer standard input in scripts.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "IMSDESK_PASSPHRASE"
NO_TERMINAL = (
    "{what}: give it on standard input with --passphrase-stdin (or in ${env}); "
    "there is no terminal to ask on."
)


def add_passphrase_option(database: argparse.ArgumentParser) -> None:
    database.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the clinic passphrase of an encrypted database from the first line of "
        f"standard input (else ${PASSPHRASE_ENV}, else asked for)",
    )


def add_parsers(commands: argparse._SubParsersAction, database: argparse.ArgumentParser) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        parents=[database],
        help="encrypt the SQLite database with a clinic passphrase (SQLCipher)",
        description="Encrypts the clinic's SQLite file with a passphrase (close imsdesk on "
        "every workstation first). The plain file is overwritten and removed unless "
        "--keep-plain-copy. Without the passphrase the records cannot be read, by anyone: "
        "keep it safe. Backups made from then on are encrypted with it too.",
    )
    encrypt.add_argument(
        "--change-passphrase",
        action="store_true",
        help="give an encrypted database a new passphrase (with --passphrase-stdin: the "
        "current one on the first line, the new one on the second)",
    )
    encrypt.add_argument(
        "--keep-plain-copy",
        action="store_true",
        help="keep the unencrypted file beside the database (anyone with the disk can read it)",
    )
    encrypt.add_argument(
        "--erase-plain-backups",
        action="store_true",
        help="also overwrite and remove the unencrypted backups, once an encrypted one is made",
    )
    decrypt = commands.add_parser(
        "decrypt",
        parents=[database],
        help="write an unencrypted copy of the encrypted database, e.g. to move to another system",
    )
    decrypt.add_argument("--out", type=Path, required=True, metavar="FILE")


def unlock_database(args: argparse.Namespace, db_url: str | None) -> None:
    """Give this process the clinic passphrase the command's database needs, if any."""
    from imsdesk.services.early_read import encrypted_file_at_start, unlock
    from imsdesk.services.encryption import remember_passphrase

    encrypted = encrypted_file_at_start(db_url)
    if encrypted is None and args.command == "encrypt":
        return  # the passphrase given is the new one: encrypt_database takes it
    if encrypted is None:
        given = _given(args)
        if given is not None:  # e.g. restoring an encrypted backup onto a new workstation
            remember_passphrase(given)
        return
    passphrase = _given(args)
    if passphrase is None:
        passphrase = _asked(f"Clinic passphrase for {encrypted}: ", confirm=False, what=encrypted)
    unlock(encrypted, passphrase)


def run(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services import encryption

    if args.command == "decrypt":
        out = encryption.write_plain_copy(db_url, args.out)
        print(f"wrote an unencrypted copy to {out}")
        print("It is not encrypted: anyone who can read that file can read the records.")
        return 0
    if args.change_passphrase:
        new = _next_line(args) or _asked("New clinic passphrase: ", confirm=True)
        backup = encryption.change_passphrase(db_url, new)
        print("the database now opens with the new passphrase")
        _tell_backup(backup)
        print("Backups made before now still need the old passphrase to be restored.")
        return 0
    if args.erase_plain_backups and encryption.is_encrypted(db_url):
        erased = encryption.erase_plain_copies(db_url)
        print(f"erased {len(erased)} unencrypted backups or set-aside files")
        return 0
    encryption.database_to_encrypt(db_url)  # refused before a passphrase is asked for
    passphrase = _given(args) or _asked("New clinic passphrase: ", confirm=True)
    done = encryption.encrypt_database(
        db_url,
        passphrase,
        keep_plain=args.keep_plain_copy,
        erase_plain_copies=args.erase_plain_backups,
    )
    print(f"{done.database} is now encrypted")
    if done.kept_plain is not None:
        print(f"the unencrypted file was kept as {done.kept_plain}: anyone can read it")
    _tell_backup(done.backup)
    if done.plain_copies:
        count = len(done.plain_copies)
        print(
            f"NOT encrypted: {count} earlier backup{'s' if count > 1 else ''} or set-aside "
            f"file{'s' if count > 1 else ''}, e.g. {done.plain_copies[0]}; erase them with "
            "imsdesk encrypt --erase-plain-backups"
        )
    print("Keep the passphrase safe: without it the records and their backups are lost.")
    return 0


def _tell_backup(backup: Path | None) -> None:
    if backup is None:
        print("no encrypted backup could be made now; the app makes one when it starts")
    else:
        print(f"encrypted backup: {backup}")


def _given(args: argparse.Namespace) -> str | None:
    """The passphrase from standard input's next line or the environment, if given there."""
    line = _next_line(args)
    return line if line is not None else os.environ.get(PASSPHRASE_ENV)


def _next_line(args: argparse.Namespace) -> str | None:
    if not getattr(args, "passphrase_stdin", False):
        return None
    line = sys.stdin.readline()
    if not line:
        raise ValueError("--passphrase-stdin: standard input has no (more) lines")
    return line.rstrip("\r\n")


def _asked(prompt: str, *, confirm: bool, what: object = "the clinic passphrase") -> str:
    if not sys.stdin.isatty():
        name = f"{what} is encrypted" if isinstance(what, Path) else "a passphrase is needed"
        raise ValueError(NO_TERMINAL.format(what=name, env=PASSPHRASE_ENV))
    passphrase = getpass.getpass(prompt)
    if confirm and getpass.getpass("The same passphrase again: ") != passphrase:
        raise ValueError("the two passphrases are not the same")
    return passphrase
