"""What the benchmarks share: the big clinic database, percentiles, and one way to report.

Every benchmark prints its own lines; with ``--json`` it also prints one line
starting with ``BENCH-JSON`` that run_all.py gathers into its table.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests.support.postgres starts the PostgreSQL server

BENCH_AS_OF = "2026-11-20"  # the big clinic is always seen from the same day: same rows
# Raised when the generator changes what it writes (e.g. accounts that sign in), so a
# clinic kept from an older generator is made again rather than reused.
CLINIC_MAKE = 2
JSON_TAG = "BENCH-JSON "


@dataclass(frozen=True)
class Figure:
    """One measured figure against its floor and its target."""

    name: str
    value: float
    unit: str  # "ms", "s" or "MiB"
    floor: float | None  # same unit; None where no floor applies
    target: str  # as a person reads it: "p95 <= 10 ms and <= 3x"
    met: bool

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.value / self.floor


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> float:
    return seconds * 1000


def timed(job: object) -> float:
    started = time.perf_counter()
    job()  # type: ignore[operator]
    return time.perf_counter() - started


def timed_both(job: object) -> tuple[float, float]:
    """Seconds on the clock, and seconds of this thread's processor time (which a busy
    machine's other work does not add to)."""
    started, used = time.perf_counter(), time.thread_time()
    job()  # type: ignore[operator]
    return time.perf_counter() - started, time.thread_time() - used


def report(figures: Sequence[Figure], as_json: bool) -> None:
    print_table(figures)
    if as_json:
        print(JSON_TAG + json.dumps([asdict(f) for f in figures]), flush=True)


def print_table(figures: Sequence[Figure]) -> None:
    print(f"{'figure':<64}{'value':>12}{'floor':>12}{'ratio':>8}  {'target':<30}")
    for f in figures:
        floor = "" if f.floor is None else f"{f.floor:.2f} {f.unit}"
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}x"
        verdict = "met" if f.met else "MISSED"
        value = f"{f.value:.2f} {f.unit}"
        print(f"{f.name:<64}{value:>12}{floor:>12}{ratio:>8}  {f.target:<30}{verdict:>7}")


def read_figures(output: str) -> list[Figure]:
    figures = []
    for line in output.splitlines():
        if line.startswith(JSON_TAG):
            figures += [Figure(**item) for item in json.loads(line[len(JSON_TAG) :])]
    return figures


# -- the big clinic -------------------------------------------------------------------
def default_data_dir() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "imsdesk-bench"


def clinic_file(data_dir: Path, scale: str, seed: int = 1) -> Path:
    """The clinic's SQLite file, made once (minutes) and kept for later runs."""
    path = data_dir / f"{scale}-seed{seed}-{BENCH_AS_OF}-make{CLINIC_MAKE}.sqlite"
    if path.exists():
        _bring_up_to_date(path)
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    # Each run makes its own partial file: two runs at once never write into one file,
    # and the first to finish puts its clinic in place (the same rows either way).
    partial = path.with_suffix(f".partial-{os.getpid()}")
    _remove_abandoned(path)
    print(f"making the {scale} clinic in {path} (once; this takes minutes) ...", flush=True)
    started = time.perf_counter()
    try:
        make_clinic(str(partial), scale, seed)
        os.replace(partial, path)
    finally:
        for leftover in data_dir.glob(partial.name + "*"):
            leftover.unlink()  # the WAL was checkpointed into the file when it closed
    print(f"made in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _remove_abandoned(path: Path) -> None:
    """Partial clinics (and their journals) of runs that were stopped before they finished."""
    if not Path("/proc/self").exists():
        return  # no way to tell a stopped run from a running one here: leave them
    for leftover in path.parent.glob(path.with_suffix(".partial-*").name):
        pid = leftover.name.rpartition(".partial-")[2].split("-")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            leftover.unlink(missing_ok=True)


def make_clinic(url: str, scale: str, seed: int) -> None:
    command = [sys.executable, "-m", "imsdesk", "demo-data", "--db", url, "--scale", scale]
    command += ["--seed", str(seed), "--as-of", BENCH_AS_OF]
    subprocess.run(command, check=True, cwd=ROOT)


def _bring_up_to_date(path: Path) -> None:
    """A clinic made by an older imsdesk is upgraded in place (no backup: it is made data)."""
    from imsdesk.store.database import connect, resolve_url
    from imsdesk.store.schema import read_schema_state, upgrade_to_head

    db = connect(resolve_url(str(path)))
    try:
        if not read_schema_state(db).is_current:
            print(f"upgrading {path} to this imsdesk's schema ...", flush=True)
            upgrade_to_head(db)
    finally:
        db.close()


class PostgresMissing(RuntimeError):
    """No PostgreSQL server programs on this machine: the server's figures cannot be taken."""


@contextlib.contextmanager
def postgres_clinic(scale: str, seed: int = 1) -> Iterator[str]:
    """A throw-away PostgreSQL server holding the same clinic; yields its URL."""
    from tests.support.postgres import start_server

    server = start_server()
    if server is None:
        raise PostgresMissing(
            "the PostgreSQL server is not installed (packaging/setup.sh --tests installs it)"
        )
    try:
        import psycopg

        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE bench")
        url = server.url("bench")
        print(f"making the {scale} clinic on PostgreSQL ...", flush=True)
        started = time.perf_counter()
        make_clinic(url, scale, seed)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
            # The test server skips waiting for its log on commit; a clinic's does not.
            # (It also runs with fsync off, which no setting here can change.)
            connection.execute("ALTER DATABASE bench SET synchronous_commit = on")
        print(f"made in {time.perf_counter() - started:.0f} s", flush=True)
        yield url
    finally:
        server.stop()


def database_arguments(parser: object, default_scale: str = "clinic10y") -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--db", help="a clinic database URL or file (default: the cached big clinic)"
    )
    parser.add_argument(  # type: ignore[attr-defined]
        "--scale", default=default_scale, help="the clinic to make when --db is not given"
    )
    parser.add_argument(  # type: ignore[attr-defined]
        "--data-dir", type=Path, default=default_data_dir(), help="where the clinic is kept"
    )
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")  # type: ignore[attr-defined]


def database_url(args: object) -> str:
    if args.db:  # type: ignore[attr-defined]
        return args.db  # type: ignore[attr-defined]
    return str(clinic_file(args.data_dir, args.scale))  # type: ignore[attr-defined]


def raw_connection(url: str) -> tuple[Any, str]:
    """The driver's own connection to the clinic (the floors' way in), and its placeholder."""
    if url.startswith("sqlite"):
        import sqlite3

        return sqlite3.connect(Path(url.removeprefix("sqlite:///"))), "?"
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg", "postgresql")), "%s"


def bench_main(doc: str, measure: Callable[[str], Sequence[Figure]]) -> int:
    """A benchmark run alone: its database options, its figures, optionally as JSON."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    database_arguments(parser)
    args = parser.parse_args()
    report(measure(database_url(args)), args.json)
    return 0
