"""Each subcommand: a few lines that call one service and print its result."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imsdesk.services.database import database_health, open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.summaries import (
    ExportError,
    SummaryService,
    check_output_path,
    record_export,
    write_file_atomically,
)
from imsdesk.store.database import Database
from imsdesk.store.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from imsdesk.domain.anatomy import View
    from imsdesk.reports.summary_data import MapImage


def run(command: str, args: argparse.Namespace, db_url: str | None) -> int:
    handler = {
        "check": check,
        "demo-data": demo_data,
        "summary": summary,
        "report": report,
        "settings": settings,
    }[command]
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
    if args.scale:
        return demo_clinic(args, db_url)
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


def demo_clinic(args: argparse.Namespace, db_url: str | None) -> int:
    import time

    from imsdesk.services.demo_scale import generate_scale_clinic
    from imsdesk.services.scale_presets import SCALE_PRESETS

    def progress(done: int, asked: int) -> None:
        print(f"  {done:,} of {asked:,} patients written", file=sys.stderr, flush=True)

    opened = open_clinic_database(db_url)
    started = time.perf_counter()
    try:
        made = generate_scale_clinic(
            opened.db,
            SCALE_PRESETS[args.scale],
            seed=args.seed,
            as_of=args.as_of,
            progress=progress if sys.stderr.isatty() else None,
        )
    finally:
        opened.db.close()
    print(
        f"added the {args.scale} clinic to {opened.location}: {made.patients:,} patients, "
        f"{made.episodes:,} episodes, {made.visits:,} visits, {made.findings:,} shortened "
        f"muscles, {made.needle_sites:,} needle sites in {time.perf_counter() - started:.0f} s"
    )
    return 0


SETTING_OPTIONS = {
    "clinic_name": "clinic_name",
    "clinic_address": "clinic_address",
    "clinic_phone": "clinic_phone",
    "logo": "logo_path",
    "paper": "paper_size",
    "screen_interval": "screen_interval_days",
}


def settings(args: argparse.Namespace, db_url: str | None) -> int:
    from dataclasses import asdict, replace

    from imsdesk.services.clinic_settings import ClinicSettingsService

    opened = open_clinic_database(db_url)
    try:
        service = ClinicSettingsService(opened.db)
        current = service.load()
        changes = {
            field: getattr(args, option)
            for option, field in SETTING_OPTIONS.items()
            if getattr(args, option) is not None
        }
        if changes.get("logo_path"):
            logo = Path(changes["logo_path"]).expanduser().resolve()
            if not logo.is_file():
                raise ValueError(f"no logo file at {logo}")
            changes["logo_path"] = str(logo)
        if changes:
            current = service.save(replace(current, **changes))
    finally:
        opened.db.close()
    for key, value in asdict(current).items():
        print(f"{key.replace('_', ' ')}: {value}")
    return 0


def summary(args: argparse.Namespace, db_url: str | None) -> int:
    out = check_output_path(args.out)  # refuse a bad destination before any work
    opened = open_clinic_database(db_url)
    try:
        summaries = SummaryService(opened.db)
        views = summaries.map_views(args.visit)
        maps, notes = _map_images(opened.db, args.visit, views)
        data = summaries.session_summary(
            args.visit, next_appointment=args.next_appointment, maps=maps
        )

        def build() -> bytes:
            from imsdesk.reports.session_summary import build_session_summary

            return build_session_summary(data)

        write_file_atomically(out, _built(build))
        record_export(
            opened.db, kind="session_summary", subject_id=args.visit, destination=str(out)
        )
    finally:
        opened.db.close()
    _print_notes([*notes, *data.notes])
    print(f"wrote the summary of visit {args.visit} to {out}")
    return 0


def report(args: argparse.Namespace, db_url: str | None) -> int:
    out = check_output_path(args.out)
    opened = open_clinic_database(db_url)
    try:
        data = SummaryService(opened.db).progress_report(args.patient, episode_id=args.episode)

        def build() -> bytes:
            from imsdesk.reports.progress_report import build_progress_report

            return build_progress_report(data)

        write_file_atomically(out, _built(build))
        record_export(
            opened.db, kind="progress_report", subject_id=args.patient, destination=str(out)
        )
    finally:
        opened.db.close()
    _print_notes(data.notes)
    scope = f"episode {args.episode}" if args.episode else "all visits"
    print(f"wrote the progress report of patient {args.patient} ({scope}) to {out}")
    return 0


def _built(build: Callable[[], bytes]) -> bytes:
    """Run a report builder; a missing font becomes one line, like every other error."""
    from imsdesk.reports.fonts import FontError

    try:
        return build()
    except FontError as error:
        raise ExportError(str(error)) from None


def _map_images(
    db: Database, visit_id: int, views: Sequence[View]
) -> tuple[tuple[MapImage, ...], list[str]]:
    """The summary's body-map pictures, drawn offscreen; none, with a note, without Qt."""
    if not views:
        return (), []
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from imsdesk.gui.printing import offscreen_application, render_map_images
    except ImportError as error:
        return (), [f"the body map was not drawn ({error}); the summary lists the sites."]
    from imsdesk.services.marks import MarkService

    offscreen_application()
    return render_map_images(views, MarkService(db).marks(visit_id)), []


def _print_notes(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"imsdesk: note: {note}", file=sys.stderr)
