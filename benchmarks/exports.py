"""Whole-clinic exports of 1,000 patients: CSV tables and one FHIR bundle per patient.

Target (the export issue): each under 30 s on a clinic workstation. Each is also printed
against a floor measured in the same run: dumping the same tables with one query each
straight into CSV files, the least any export of this data can cost.

The demo clinic gets a realistic chart per visit: pain before and after, two shortened
muscles, four needle sites and, at every third visit, an outcome score.

    .venv/bin/python benchmarks/exports.py [--patients 1000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 30.0
TABLES = (
    "patients",
    "users",
    "visits",
    "muscle_findings",
    "needle_sites",
    "outcome_scores",
    "exam_signs",
    "amendments",
    "adverse_events",
    "episodes",
    "safety_screens",
)


def chart_the_visits(db, seed: int = 7) -> int:
    """Fill every demo visit with pain, findings, needle sites and some scores."""
    import uuid

    from sqlalchemy import insert, select, text, update

    from imsdesk.domain.anatomy import load_atlas
    from imsdesk.store.models import MuscleFindingRow, NeedleSiteRow, OutcomeScoreRow, VisitRow
    from imsdesk.store.types import utc_now

    # A throwaway database: the signed-visit locks are lifted so the signed demo visits can
    # be filled in bulk. The exports only read, so they are timed as on a real clinic.
    with db.engine.begin() as connection:
        triggers = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%signed%'")
        ).scalars()
        for name in list(triggers):
            connection.execute(text(f"DROP TRIGGER {name}"))
    rng = random.Random(seed)
    muscles = [(m.key, m.sides, m.views[0].value) for m in load_atlas()]
    now = utc_now()
    findings, needles, scores = [], [], []
    with db.transaction() as session:
        visit_ids = session.scalars(select(VisitRow.id)).all()
        for visit_id in visit_ids:
            before = rng.randint(3, 9)
            session.execute(
                update(VisitRow)
                .where(VisitRow.id == visit_id)
                .values(pain_before=before, pain_after=max(0, before - rng.randint(0, 4)))
            )
            for key, sides, _view in rng.sample(muscles, 2):
                side = rng.choice(sides).value
                findings.append(
                    {
                        "visit_id": visit_id,
                        "muscle_key": key,
                        "side": side,
                        "severity": rng.randint(1, 3),
                        "note": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            for key, sides, view in rng.sample(muscles, 4):
                needles.append(
                    {
                        "uid": uuid.uuid4().hex,
                        "visit_id": visit_id,
                        "muscle_key": key,
                        "side": rng.choice(sides).value,
                        "view": view,
                        "x": rng.uniform(0, 400),
                        "y": rng.uniform(0, 900),
                        "depth_mm": 30.0,
                        "length_mm": 50,
                        "gauge": "0.30",
                        "response": rng.choice(("grasp", "twitch", "none", None)),
                        "note": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            if visit_id % 3 == 0:
                scores.append(
                    {
                        "visit_id": visit_id,
                        "instrument": "nprs",
                        "answers": f"[{before}]",
                        "activities": "[]",
                        "score": float(before),
                        "created_at": now,
                    }
                )
        session.execute(insert(MuscleFindingRow), findings)
        session.execute(insert(NeedleSiteRow), needles)
        session.execute(insert(OutcomeScoreRow), scores)
    return len(visit_ids)


def floor(db, folder: Path) -> float:
    """One query per table, rows written straight to CSV: no chart, no formatting."""
    from sqlalchemy import text

    started = time.perf_counter()
    folder.mkdir()
    with db.engine.connect() as connection:
        for table in TABLES:
            result = connection.execute(text(f"SELECT * FROM {table}"))
            with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(result.keys())
                writer.writerows(result)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    args = parser.parse_args()

    from imsdesk.services.database import open_clinic_database
    from imsdesk.services.demo_data import generate_demo_data
    from imsdesk.services.exports import ExportFormat, ExportService

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        opened = open_clinic_database(f"sqlite:///{base / 'bench.sqlite'}")
        db = opened.db
        made = generate_demo_data(db, patients=args.patients, seed=11)
        chart_the_visits(db)
        print(f"clinic: {made.patients} patients, {made.visits} visits (4 needle sites each)")
        floor_s = floor(db, base / "floor")
        print(f"floor (raw table dump to CSV): {floor_s:.2f} s")
        failed = False
        for fmt in (ExportFormat.CSV, ExportFormat.FHIR):
            started = time.perf_counter()
            done = ExportService(db).export_clinic(fmt, base / f"export-{fmt.value}")
            took = time.perf_counter() - started
            verdict = "ok" if took < TARGET_S else "TOO SLOW"
            failed |= took >= TARGET_S
            print(
                f"{fmt.value:>4} export of {done.patients} patients: {took:.2f} s "
                f"({took / floor_s:.1f}x the floor; target < {TARGET_S:.0f} s: {verdict})"
            )
        opened.db.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
