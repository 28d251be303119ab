"""A whole demo clinic at a chosen scale, up to ten busy years, for benchmarks and training.

``imsdesk demo-data --scale clinic10y`` writes about 30,000 patients, 300,000 visits
and 5 million needle sites. Each patient comes with a condition (low back pain,
sciatica, neck pain, ...) that decides which spinal levels and which muscles of the
real atlas are examined and needled; episodes of care run weekly (sometimes every
two weeks) for mostly 1–15 visits, and some patients come back for further episodes.
Each visit has its shortened muscles, 5–20 needle sites placed inside their muscle on
the body map, exam signs, pain before and after, notes, and is signed; a safety
screen opens each episode, outcome measures are scored by the domain's own rules.

The same preset, seed and reference day always give the same rows. Rows go in
through the bulk writer, a batch of patients per transaction, children before the
visit is signed (the database refuses them afterwards), so ten years take minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, select

from imsdesk.domain.users import Role
from imsdesk.services.demo_data import DEMO_ADMIN, DEMO_PASSWORD, DEMO_THERAPISTS, chart_numbers
from imsdesk.services.passwords import hash_password
from imsdesk.services.scale_clinic.course import ClinicMaker
from imsdesk.services.scale_clinic.placement import targets
from imsdesk.services.scale_presets import ScalePreset
from imsdesk.store.bulk import BulkWriter
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, UserRow

BATCH_PATIENTS = 500  # one transaction each: bounded memory, progress to report

THERAPISTS = (
    *DEMO_THERAPISTS,
    ("demo.therapist3", "Priya Raman", "PT-31177"),
    ("demo.therapist4", "Jonas Lindqvist", "PT-40526"),
    ("demo.therapist5", "Marie-Ève Gagnon", "PT-51860"),
)


@dataclass(frozen=True)
class ScaleSummary:
    patients: int
    episodes: int
    visits: int
    needle_sites: int
    findings: int


Progress = Callable[[int, int], None]  # (patients written, patients asked for)


def generate_scale_clinic(
    db: Database,
    preset: ScalePreset,
    *,
    seed: int = 1,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> ScaleSummary:
    """Add ``preset``'s clinic to ``db``: the same seed and day give the same rows."""
    rng = random.Random(seed)
    maker = ClinicMaker(rng, preset, as_of or date.today(), targets())
    totals = dict.fromkeys(("patients", "episodes", "visits", "needle_sites", "findings"), 0)
    with db.engine.begin() as connection:
        therapists = _therapists(connection, preset.therapists)
        taken = set(
            connection.execute(
                select(PatientRow.chart_key).where(PatientRow.chart_key.startswith("d"))
            ).scalars()
        )
    charts = chart_numbers(taken)
    done = 0
    while done < preset.patients:
        size = min(BATCH_PATIENTS, preset.patients - done)
        with db.engine.begin() as connection:
            if db.is_sqlite:
                connection.exec_driver_sql("PRAGMA cache_size = -131072")  # 128 MiB for indexes
            batch = maker.batch(BulkWriter(connection), size, charts, therapists)
            batch.write()
        for name, count in batch.counts().items():
            totals[name] += count
        done += size
        if progress is not None:
            progress(done, preset.patients)
    return ScaleSummary(**totals)


def _therapists(connection: Connection, count: int) -> list[int]:
    """The clinic's therapists and the demo administrator, all signing in with the demo
    password (hashed once: argon2 is slow on purpose)."""
    password_hash = hash_password(DEMO_PASSWORD)
    accounts = [(u, n, Role.THERAPIST, r) for u, n, r in THERAPISTS[:count]]
    accounts.append((*DEMO_ADMIN, Role.ADMIN, ""))
    ids = []
    for username, name, role, registration in accounts:
        found = connection.execute(select(UserRow.id).where(UserRow.username == username)).scalar()
        if found is None:
            found = connection.execute(
                UserRow.__table__.insert().values(
                    username=username,
                    display_name=name,
                    role=role.value,
                    registration_number=registration,
                    active=True,
                    password_hash=password_hash,
                    created_at=datetime(2015, 1, 5, 9, tzinfo=UTC),
                )
            ).inserted_primary_key[0]
        if role is Role.THERAPIST:
            ids.append(found)
    return ids
