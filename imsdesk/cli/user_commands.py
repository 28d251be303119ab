"""`imsdesk user add|list|password`: accounts from the command line (e.g. the first admin)."""

from __future__ import annotations

import argparse
import getpass
import sys

from imsdesk.domain.users import Role, UserDetails


def add_parser(commands: argparse._SubParsersAction, database: argparse.ArgumentParser) -> None:
    user = commands.add_parser(
        "user", parents=[database], help="add or list the people who sign in"
    )
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[database], help="add a user (asks for a password)")
    add.add_argument("--username", required=True, metavar="NAME")
    add.add_argument("--name", required=True, metavar="TEXT", help="as printed on signed notes")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--registration", default="", metavar="TEXT", help="registration number")
    _password_option(add)
    actions.add_parser("list", parents=[database], help="list the users and their roles")
    password = actions.add_parser("password", parents=[database], help="set a user's password")
    password.add_argument("--username", required=True, metavar="NAME")
    _password_option(password)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )


def run(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services.database import open_clinic_database
    from imsdesk.services.errors import ValidationError
    from imsdesk.services.users import UserService

    password = _read_password(args) if args.user_command in ("add", "password") else ""
    opened = open_clinic_database(db_url)
    try:
        users = UserService(opened.db)
        if args.user_command == "list":
            for user in users.list_users():
                print(f"{user.username}\t{user.role.label}\t{user.display_name}")
            return 0
        try:
            if args.user_command == "add":
                details = UserDetails(args.username, args.name, Role(args.role), args.registration)
                created = users.create(details, password)
                print(f"added {created.username} ({created.role.label})")
            else:
                users.set_password(users.by_username(args.username).id, password)
                print(f"password set for {args.username}")
        except ValidationError as error:
            raise ValueError(" ".join(error.problems.values())) from None
    finally:
        opened.db.close()
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        try:
            return sys.stdin.readline().rstrip("\r\n")
        except UnicodeDecodeError:
            raise ValueError("the password on standard input is not UTF-8 text") from None
    if not sys.stdin.isatty():
        raise ValueError("no terminal to ask for the password on; use --password-stdin")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise ValueError("the two passwords are not the same")
    return password
