"""Argument parsing and the one place CLI errors become a single line and an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from imsdesk.services.scale_presets import SCALE_PRESETS

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """Usage mistakes in one line, like every other error, pointing to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database: an SQLAlchemy URL (sqlite:///path, postgresql://user@host/db) or a "
        "file path; default $IMSDESK_DB, else imsdesk.sqlite in your data folder",
    )
    from imsdesk.cli import encryption_commands

    encryption_commands.add_passphrase_option(database)
    parser = _Parser(
        prog="imsdesk",
        description="Charting for Gunn IMS physiotherapy. With no command, opens the app.",
        parents=[database],
    )
    parser.add_argument("--version", action=_ShowVersion)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", parents=[database], help="open the app (the default)")
    commands.add_parser(
        "check",
        parents=[database],
        help="print the database's schema version and run an integrity check",
    )
    settings = commands.add_parser(
        "settings",
        parents=[database],
        help="show the clinic's settings (letterhead, paper, screen interval); change any given",
    )
    settings.add_argument("--clinic-name", metavar="TEXT")
    settings.add_argument("--clinic-address", metavar="TEXT")
    settings.add_argument("--clinic-phone", metavar="TEXT")
    settings.add_argument("--logo", metavar="FILE", help="image printed on the letterhead")
    settings.add_argument("--paper", choices=("A4", "Letter"))
    settings.add_argument(
        "--idle-lock",
        type=_count,
        metavar="MINUTES",
        help="minutes without use before a workstation asks for the password again",
    )
    settings.add_argument(
        "--screen-interval", type=_count, metavar="DAYS", help="days a safety screen stays current"
    )
    settings.add_argument(
        "--backup-folder", metavar="DIR", help="where the app's automatic backups go"
    )
    settings.add_argument(
        "--backup-every",
        type=_count,
        metavar="HOURS",
        help="hours between backups while the app runs (1-24), besides on start and close",
    )
    backup = commands.add_parser(
        "backup",
        parents=[database],
        help="copy the database (SQLite) now, safely even while the app is using it",
    )
    backup.add_argument(
        "--out", type=Path, metavar="DIR", help="folder for the copy (default: the clinic's)"
    )
    restore = commands.add_parser(
        "restore",
        parents=[database],
        help="replace the database with a backup after checking it; the replaced file is kept",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    demo = commands.add_parser(
        "demo-data",
        parents=[database],
        help="add realistic, repeatable demo patients and visits",
    )
    size = demo.add_mutually_exclusive_group()
    size.add_argument("--patients", type=_demo_patients, default=200, metavar="N")
    size.add_argument(
        "--scale",
        choices=tuple(SCALE_PRESETS),
        metavar="SIZE",
        help="a whole clinic with marks, needle sites and outcome scores: "
        + "; ".join(
            f"{p.name} ({p.patients:,} patients, {p.about})" for p in SCALE_PRESETS.values()
        ),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the demo clinic is seen from (default today)",
    )
    summary = commands.add_parser(
        "summary",
        parents=[database],
        help="write a visit's take-home summary for the patient as a PDF",
    )
    summary.add_argument("--visit", type=_record_id, required=True, metavar="ID")
    summary.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    summary.add_argument(
        "--next-appointment",
        default="",
        metavar="TEXT",
        help='printed as typed, e.g. "Thursday 27 November, 10:30"',
    )
    report = commands.add_parser(
        "report",
        parents=[database],
        help="write a patient's progress report (all visits, or one episode) as a PDF",
    )
    report.add_argument("--patient", type=_record_id, required=True, metavar="ID")
    report.add_argument("--episode", type=_record_id, default=None, metavar="ID")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    _add_import(commands, database)
    _add_export(commands, database)
    from imsdesk.cli import audit_commands, user_commands

    user_commands.add_parser(commands, database)
    audit_commands.add_parser(commands, database, _iso_date, _record_id)
    encryption_commands.add_parsers(commands, database)
    return parser


class _ShowVersion(argparse.Action):
    """--version, looked up only when asked: reading it costs start-up time."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from imsdesk import __version__

        print(f"imsdesk {__version__}")
        parser.exit()


def _add_import(commands: argparse._SubParsersAction, database: argparse.ArgumentParser) -> None:
    importing = commands.add_parser(
        "import", parents=[database], help="bring records in from another system"
    )
    kinds = importing.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    patients = kinds.add_parser(
        "patients",
        parents=[database],
        help="add patients from a CSV export of another practice system",
        description="Reads the file, shows how it was read and what would be imported, and "
        "adds the patients in one transaction once confirmed (--yes, or y at the prompt). "
        "Nothing is written before that.",
    )
    patients.add_argument("file", type=Path, metavar="FILE.csv")
    patients.add_argument(
        "--encoding",
        choices=("utf-8", "utf-8-sig", "utf-16", "latin-1"),
        help="default: detected (a byte-order mark, else UTF-8 if it decodes, else Latin-1)",
    )
    patients.add_argument(
        "--delimiter",
        choices=("comma", "semicolon", "tab", "pipe"),
        help="default: detected from the first lines",
    )
    patients.add_argument(
        "--date-order",
        choices=("dmy", "mdy", "ymd"),
        help="how numeric birth dates are written: day/month/year, month/day/year or "
        "year-month-day; default: detected where a day past the 12th shows it",
    )
    patients.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column by its header, overruling the guess; FIELD is one of chart_number, "
        "family_name, given_names, full_name, date_of_birth, sex, phone, email, address, "
        "notes, ignore (repeat for several columns)",
    )
    patients.add_argument(
        "--add-duplicates",
        action="store_true",
        help="also add rows matching a patient by name and date of birth (default: skip them)",
    )
    patients.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    patients.add_argument("--yes", action="store_true", help="import without asking")


def _add_export(commands: argparse._SubParsersAction, database: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[database],
        help="write one patient's chart, or every patient's, for a records request or a move",
        description="One patient: --format pdf or fhir writes a file, csv a folder of tables. "
        "Every patient (--all): csv writes one CSV per table with a README of the columns; "
        "fhir one FHIR R4 bundle per patient. Files appear whole or not at all.",
    )
    whose = export.add_mutually_exclusive_group(required=True)
    whose.add_argument("--patient", type=_record_id, metavar="ID")
    whose.add_argument("--all", action="store_true", help="every patient of the clinic")
    export.add_argument("--format", choices=("pdf", "csv", "fhir"), required=True)
    export.add_argument("--out", type=Path, required=True, metavar="PATH")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db_url: str | None = getattr(args, "db", None)
    if db_url is not None and not db_url.strip():
        # Likely an unset variable in a script: never fall back to the default database.
        parser.error("--db is empty; give a database file or URL, or leave --db out")
    command = args.command or "gui"
    if command == "gui":
        from imsdesk.gui.app import run_app

        return run_app(db_url)

    from imsdesk.cli import commands
    from imsdesk.cli.encryption_commands import unlock_database
    from imsdesk.services.errors import ServiceError, StoreError

    try:
        unlock_database(args, db_url)
        return commands.run(command, args, db_url)
    except (StoreError, ServiceError, ValueError) as error:
        print(f"imsdesk: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("imsdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return EXIT_ERROR


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("cannot be negative")
    return value


MAX_RECORD_ID = 2**31 - 1  # the largest id a PostgreSQL integer column holds
MAX_DEMO_PATIENTS = 100_000


def _record_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a record number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("record numbers start at 1")
    if value > MAX_RECORD_ID:
        raise argparse.ArgumentTypeError(f"no record has a number as large as {text}")
    return value


def _demo_patients(text: str) -> int:
    value = _count(text)
    if value > MAX_DEMO_PATIENTS:
        raise argparse.ArgumentTypeError(f"at most {MAX_DEMO_PATIENTS} demo patients at a time")
    return value


def _iso_date(text: str) -> date:
    from imsdesk.domain.patients import parse_iso_date

    try:
        return parse_iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
