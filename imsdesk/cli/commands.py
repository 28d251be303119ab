"""Each subcommand: a few lines that call one service and print its result."""

from __future__ import annotations

import argparse
import sys

from imsdesk.services.database import database_health, open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.store.schema import SCHEMA_HEAD


def run(command: str, args: argparse.Namespace, db_url: str | None) -> int:
    handler = {"check": check, "demo-data": demo_data}[command]
    return handler(args, db_url)


def check(args: argparse.Namespace, db_url: str | None) -> int:
    # A health check must not change what it inspects: no upgrade here.
    opened = open_clinic_database(db_url, upgrade=False)
    try:
        report = database_health(opened.db)
    finally:
        opened.db.close()
    print(f"database:       {report.database}")
    if report.revision is None:
        schema = "empty (no imsdesk tables yet)"
    elif report.is_current:
        schema = f"{report.revision} (current)"
    else:
        schema = f"{report.revision} (this imsdesk expects {SCHEMA_HEAD}; opening it will upgrade)"
    print(f"schema version: {schema}")
    print(f"integrity:      {report.integrity}")
    if report.integrity != "ok":
        print(
            "imsdesk: error: the integrity check found damage; restore from a backup.",
            file=sys.stderr,
        )
        return 1
    return 0


def demo_data(args: argparse.Namespace, db_url: str | None) -> int:
    opened = open_clinic_database(db_url)
    try:
        summary = generate_demo_data(
            opened.db, patients=args.patients, seed=args.seed, as_of=args.as_of
        )
    finally:
        opened.db.close()
    print(
        f"added {summary.patients} demo patients and {summary.visits} visits to {opened.location}"
    )
    return 0
