"""Every benchmark in one command, on the big clinic, then one table of figures and targets.

Makes the ten-year clinic once (about 30,000 patients, 300,000 visits, 5 million
needle sites; minutes) and keeps it in --data-dir for later runs; then runs each
benchmark in its own process, on SQLite and, where they apply, on a throw-away
PostgreSQL server holding the same clinic, and prints: figure, floor, ratio,
target, met or missed. Each benchmark's own lines are printed as it finishes.

    .venv/bin/python benchmarks/run_all.py [--data-dir DIR] [--scale clinic10y]
        [--pg-scale clinic10y | --no-postgres] [--only search,chart_open,...]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import (
    Figure,
    PostgresMissing,
    clinic_file,
    default_data_dir,
    postgres_clinic,
    print_table,
    read_figures,
)

HERE = Path(__file__).resolve().parent
ON_ANY_DATABASE = ("search", "chart_open", "mark_save", "memory", "startup")
OWN_DATA = ("bodymap", "reports", "segments")  # these make their own small chart


def run(script: str, *args: str) -> str:
    command = [sys.executable, str(HERE / f"{script}.py"), *args]
    print(f"\n$ {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
    output = "\n".join(
        line for line in result.stdout.splitlines() if not line.startswith("BENCH-JSON")
    )
    print(output, flush=True)
    if result.returncode != 0:
        print(result.stderr[-3000:], flush=True)
        return ""
    print(f"({time.perf_counter() - started:.0f} s)", flush=True)
    return result.stdout


def on_database(script: str, url: str) -> list[Figure]:
    extra = ("--runs", "5") if script == "startup" else ()
    output = run(script, "--db", url, "--json", *extra)
    return read_figures(output) or [_failed(f"{script}.py on {url}")]


def _failed(what: str) -> Figure:
    return Figure(f"{what}: did not run (see above)", 0.0, "", None, "", False)


def _number(pattern: str, output: str) -> float | None:
    found = re.search(pattern, output)
    return float(found.group(1)) if found else None


def bodymap(output: str) -> list[Figure]:
    """benchmarks/bodymap.py prints text: its figures are read from its lines."""
    commit = _number(r"floor: raw sqlite3 commit[^\n]*?([\d.]+)ms", output)
    repaint = _number(r"floor: bare QGraphicsView repaint[^\n]*?([\d.]+)ms", output)
    click = _number(r"click to repainted map, 300 marks\s+([\d.]+)ms", output)
    opening = _number(r"open a visit map[^\n]*?\s([\d.]+)ms", output)
    if click is None or opening is None:
        return [_failed("bodymap.py")]
    floor = (commit or 0) + (repaint or 0) or None
    return [
        Figure("body-map click to repaint, 300 marks", click, "ms", floor, "<= 8 ms", click <= 8),
        Figure(
            "first body map of a session, prepared as the app does, 300 marks",
            opening,
            "ms",
            None,
            "<= 100 ms",
            opening <= 100,
        ),
    ]


def reports(output: str) -> list[Figure]:
    floor = _number(r"reportlab, one paragraph on one page \(floor\)\s+([\d.]+)ms", output)
    summary = _number(r"summary: [\d.]+x the floor, ([\d.]+) ms", output)
    report = _number(r"progress report: ([\d.]+) s", output)
    if summary is None or report is None:
        return [_failed("reports.py")]
    ratio_ok = floor is not None and summary <= 3 * floor
    return [
        Figure(
            "take-home summary PDF",
            summary,
            "ms",
            floor,
            "<= 3x and <= 250 ms",
            ratio_ok and summary <= 250,
        ),
        Figure("progress report PDF, 12 visits", report, "s", None, "<= 1.5 s", report <= 1.5),
    ]


def segments(output: str) -> list[Figure]:
    floor = _number(r"floor: 54 empty level scores\s+([\d.]+)ms", output)
    full = _number(r"analysis \+ suggestions, 30 marked muscles\s+([\d.]+)ms", output)
    target = _number(r"target < ([\d.]+) ms", output)
    if full is None or target is None:
        return [_failed("segments.py")]
    return [
        Figure(
            "segment analysis + suggestions, 30 muscles",
            full,
            "ms",
            floor,
            f"< {target:g} ms",
            full < target,
        )
    ]


PARSERS: dict[str, Callable[[str], list[Figure]]] = {
    "bodymap": bodymap,
    "reports": reports,
    "segments": segments,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--scale", default="clinic10y", help="the SQLite clinic's size")
    parser.add_argument("--pg-scale", help="the PostgreSQL clinic's size (default: --scale)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", help="comma-separated benchmark names (default: all)")
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else set(ON_ANY_DATABASE + OWN_DATA)
    started = time.perf_counter()

    clinic = str(clinic_file(args.data_dir, args.scale))
    figures: list[Figure] = []
    for script in ON_ANY_DATABASE:
        if script in chosen:
            figures += on_database(script, clinic)
    for script in OWN_DATA:
        if script in chosen:
            output = run(script)
            figures += PARSERS[script](output) if output else [_failed(f"{script}.py")]
    not_measured = ""
    if not args.no_postgres and chosen & set(ON_ANY_DATABASE):
        try:
            with postgres_clinic(args.pg_scale or args.scale) as url:
                for script in ON_ANY_DATABASE:
                    if script in chosen:
                        figures += on_database(script, url)
        except PostgresMissing as missing:
            not_measured = f"PostgreSQL figures not measured: {missing}."

    print(f"\nimsdesk benchmarks, {args.scale} clinic ({clinic}); all figures from this run")
    print("(a busy or shared machine makes every figure noisy; floors are measured alongside)\n")
    print_table(figures)
    missed = [f.name.strip() for f in figures if not f.met]
    print(f"\n{len(figures) - len(missed)} met, {len(missed)} missed")
    if not_measured:
        print(not_measured)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
