"""`imsdesk audit`: a chart's audit trail, or the clinic's log, printed or saved as CSV.

The command line has no sign-in: like `imsdesk export`, it serves whoever can open the
database (the file's permissions, or the server's account, decide who that is). Saving
to a file is itself audited, naming this workstation.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from imsdesk.domain.audit import AuditAction, AuditEntry, AuditFilter


def add_parser(
    commands: argparse._SubParsersAction,
    database: argparse.ArgumentParser,
    day: Callable[[str], date],
    record_id: Callable[[str], int],
) -> None:
    """``day`` and ``record_id`` parse arguments as the other commands do."""
    audit = commands.add_parser(
        "audit",
        parents=[database],
        help="show who opened, changed, printed or exported records (one chart, or the clinic)",
        description="With --patient: everything done to that chart (details, visits, "
        "episodes). Without: the clinic's log, narrowed by --since, --until, --user and "
        "--action. Newest first, in this computer's local time; --out saves it as CSV.",
    )
    audit.add_argument("--patient", type=record_id, metavar="ID", help="one patient's chart")
    audit.add_argument("--since", type=day, metavar="YYYY-MM-DD", help="from this day on")
    audit.add_argument("--until", type=day, metavar="YYYY-MM-DD", help="up to this day")
    audit.add_argument("--user", metavar="NAME", help="only what this user (user name) did")
    audit.add_argument("--action", choices=[a.value for a in AuditAction], metavar="ACTION")
    audit.add_argument("--out", type=Path, metavar="FILE.csv", help="save as CSV instead")


def run(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services.audit_trail import AuditTrailService
    from imsdesk.services.database import open_clinic_database
    from imsdesk.services.errors import ValidationError
    from imsdesk.services.users import UserService

    if args.patient is not None and any((args.since, args.until, args.user, args.action)):
        raise ValueError(
            "--patient shows the whole chart; --since, --until, --user and "
            "--action narrow the clinic's log (leave out --patient)"
        )
    out = args.out.expanduser().absolute() if args.out else None
    opened = open_clinic_database(db_url)
    try:
        audit = AuditTrailService(opened.db)
        if args.patient is not None:
            if out is not None:
                print(audit.export_chart_trail(args.patient, out).summary)
            else:
                _print(audit.chart_trail(args.patient))
            return 0
        user_id = UserService(opened.db).by_username(args.user).id if args.user else None
        wanted = AuditFilter(user_id, args.action, args.since, args.until)
        try:
            if out is not None:
                print(audit.export_log(wanted, out).summary)
                return 0
            page = audit.log(wanted)
            while page:
                _print(page)
                page = audit.log(wanted, after=page[-1])
        except ValidationError as error:
            raise ValueError(" ".join(error.problems.values())) from None
    finally:
        opened.db.close()
    return 0


def _print(entries: list[AuditEntry]) -> None:
    for e in entries:
        when = e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = e.username or "-"
        print("\t".join((when, who, e.workstation, e.action, e.record, e.detail)))
