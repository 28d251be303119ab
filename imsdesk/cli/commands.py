"""Each subcommand: a few lines that call one service and print its result."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from imsdesk.services.database import database_health, open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.errors import DamagedDatabase, StoreError
from imsdesk.services.summaries import (
    ExportError,
    SummaryService,
    check_output_path,
    record_export,
    write_file_atomically,
)
from imsdesk.store.database import Database, resolve_url
from imsdesk.store.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from imsdesk.domain.anatomy import View
    from imsdesk.reports.summary_data import MapImage
    from imsdesk.services.patient_import import ImportPreview


def run(command: str, args: argparse.Namespace, db_url: str | None) -> int:
    handler = {
        "check": check,
        "demo-data": demo_data,
        "summary": summary,
        "report": report,
        "settings": settings,
        "backup": backup,
        "restore": restore,
        "import": import_patients,
        "export": export,
        "user": _user,
        "audit": _audit,
        "encrypt": _encryption,
        "decrypt": _encryption,
    }[command]
    return handler(args, db_url)


def _audit(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.cli import audit_commands

    return audit_commands.run(args, db_url)


def _user(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.cli import user_commands

    return user_commands.run(args, db_url)


def _encryption(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.cli import encryption_commands

    return encryption_commands.run(args, db_url)


def check(args: argparse.Namespace, db_url: str | None) -> int:
    # A health check must not change what it inspects: no upgrade here, and no new file
    # for a mistyped path.
    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        with suppress(OSError):  # e.g. a name too long for the disk: opening says so
            if not path.exists():
                raise StoreError(
                    f"No database at {path}; check the path (the app makes a new clinic "
                    "database only when it is opened)."
                )
            if path.is_file() and path.stat().st_size == 0:
                # SQLite reads an empty file as an empty database; opening writes a header.
                print(f"database:       {path}\nschema version: empty file\nintegrity:      ok")
                return 0
    try:
        opened = open_clinic_database(db_url, upgrade=False)
    except DamagedDatabase as damage:
        print(f"database:       {damage.path}")
        print(f"integrity:      {damage.problem}")
        raise
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
    if summary.therapists_created:
        from imsdesk.services.demo_data import DEMO_PASSWORD

        print(f"demo accounts (demo.therapist, demo.admin) sign in with password {DEMO_PASSWORD}")
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
    "idle_lock": "idle_lock_minutes",
    "backup_folder": "backup_folder",
    "backup_every": "backup_every_hours",
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
        if changes.get("backup_folder"):
            changes["backup_folder"] = str(Path(changes["backup_folder"]).expanduser().absolute())
        if changes:
            current = service.save(replace(current, **changes))
    finally:
        opened.db.close()
    shown = asdict(current)
    if not current.backup_folder:
        from imsdesk.services.backups import default_backup_folder

        shown["backup_folder"] = f"{default_backup_folder()} (the default)"
    for key, value in shown.items():
        print(f"{key.replace('_', ' ')}: {value}")
    return 0


def backup(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services.backups import BackupService, sqlite_file_of

    sqlite_file_of(db_url)  # a server database is refused before connecting to it
    out = args.out.expanduser().absolute() if args.out else None
    opened = open_clinic_database(db_url)
    try:
        path = BackupService(opened.db).back_up("manual", out)
    finally:
        opened.db.close()
    print(f"backed up {opened.location} to {path}")
    return 0


def restore(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services.restore import restore_backup

    restored = restore_backup(args.file, db_url)
    print(f"restored {args.file.expanduser().absolute()} as {restored.database}")
    if restored.kept_aside:
        print(f"the replaced database was kept as {restored.kept_aside}")
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


# -- import and export --------------------------------------------------------------------

_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


def import_patients(args: argparse.Namespace, db_url: str | None) -> int:
    from dataclasses import replace

    from imsdesk.domain.csv_text import Delimiter, Encoding
    from imsdesk.domain.import_dates import DateOrder
    from imsdesk.services.patient_import import (
        ImportChoices,
        ImportRefused,
        PatientImportService,
        mapping_from_names,
    )

    data = _read_input(args.file)
    columns = dict(_column_choice(text) for text in args.column)
    choices = ImportChoices(
        encoding=Encoding(args.encoding) if args.encoding else None,
        delimiter=Delimiter(_DELIMITERS[args.delimiter]) if args.delimiter else None,
        date_order=DateOrder(args.date_order) if args.date_order else None,
    )
    opened = open_clinic_database(db_url)
    try:
        importer = PatientImportService(opened.db)
        preview = importer.preview(data, args.file.name, choices)
        if columns:
            mapping = mapping_from_names(preview.table.header, columns)
            preview = importer.preview(data, args.file.name, replace(choices, mapping=mapping))
        _print_preview(preview)
        if preview.mapping_problems:
            raise ImportRefused(" ".join(preview.mapping_problems) + " Nothing was imported.")
        duplicates = (
            {r.line for r in preview.rows if r.may_import} if args.add_duplicates else set()
        )
        count = sum(r.status.value == "ready" for r in preview.rows) + len(duplicates)
        if count == 0:
            raise ImportRefused(f"No row of {args.file.name} can be imported; nothing was written.")
        if args.dry_run:
            print(f"dry run: {count} patients would be imported; nothing was written")
            return 0
        if not args.yes and not _confirmed(f"Import {count} patients into {opened.location}?"):
            print("imsdesk: nothing was imported (confirm with --yes)", file=sys.stderr)
            return 1
        report = importer.run(preview, import_duplicates=duplicates)
    finally:
        opened.db.close()
    for line in report.lines():
        print(line)
    return 0


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ValueError(f"{path} is a folder; give the CSV file.") from None
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or type(error).__name__}") from None


def _column_choice(text: str) -> tuple[str, str]:
    header, equals, field = text.partition("=")
    if not equals or not header.strip() or not field.strip():
        raise ValueError(
            f"--column takes HEADER=FIELD, e.g. 'Birthday=date_of_birth'; got {text!r}"
        )
    return header.strip(), field.strip()


def _confirmed(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _print_preview(preview: ImportPreview) -> None:
    table = preview.table
    print(f"file:          {preview.source} ({table.encoding.label}, {table.delimiter.label})")
    mapped = [
        f"{name} -> {target.label}"
        for name, target in zip(table.header, preview.mapping, strict=True)
        if target.value != "ignore"
    ]
    print(f"columns:       {'; '.join(mapped) or 'none recognised'}")
    ignored = [n for n, t in zip(table.header, preview.mapping, strict=True) if t.value == "ignore"]
    if ignored:
        print(f"not imported:  {'; '.join(ignored)}")
    order = preview.date_order.label if preview.date_order else "not decided (--date-order)"
    print(f"birth dates:   {order}; {preview.date_guess.reason}")
    if preview.charts_numbered:
        print("chart numbers: the file has none; new numbers follow the highest in use")
    for problem in preview.mapping_problems:
        print(f"mapping:       {problem}")
    blank = f" ({table.blank_lines} blank lines left out)" if table.blank_lines else ""
    print(f"rows:          {preview.summary}{blank}")
    for row in preview.rows:
        if row.status.value != "ready":
            print(f"line {row.line}: {row.status.label.lower()}: {' '.join(row.reasons)}")


def export(args: argparse.Namespace, db_url: str | None) -> int:
    from imsdesk.services.exports import ExportFormat, ExportService

    fmt = ExportFormat(args.format)
    opened = open_clinic_database(db_url)
    try:
        exports = ExportService(opened.db)
        if args.all:
            done = exports.export_clinic(fmt, args.out, progress=_progress_printer())
        else:
            done = exports.export_patient(args.patient, fmt, args.out)
    finally:
        opened.db.close()
    print(done.summary)
    return 0


def _progress_printer() -> Callable[[int, int], bool]:
    """Progress on the terminal every tenth of the way; quiet when not a terminal."""
    shown = -1

    def show(done: int, total: int) -> bool:
        nonlocal shown
        tenth = done * 10 // max(total, 1)
        if sys.stderr.isatty() and tenth != shown:
            shown = tenth
            print(f"\r{done}/{total} patients", end="", file=sys.stderr, flush=True)
            if done == total:
                print(file=sys.stderr)
        return True

    return show
