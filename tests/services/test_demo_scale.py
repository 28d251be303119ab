"""The demo clinic made at scale: realistic, whole, repeatable, and as the app would have saved it.

Run on the small preset; the big ones are made outside the tests (benchmarks/run_all.py).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter, defaultdict
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imsdesk.domain.anatomy import Side, View, load_atlas
from imsdesk.domain.marks import check_finding, check_needle
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import DEMO_PASSWORD
from imsdesk.services.demo_scale import ScaleSummary, generate_scale_clinic
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.scale_presets import SCALE_PRESETS
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database

AS_OF = date(2026, 11, 20)
SMALL = SCALE_PRESETS["small"]


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def made(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One small clinic per backend, shared by the tests that only read it."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("scale") / "clinic.sqlite")
    else:
        import psycopg

        server = request.getfixturevalue("postgres_server")
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE scale_small")
        url = server.url("scale_small")
    opened = open_clinic_database(url)
    summary = generate_scale_clinic(opened.db, SMALL, seed=5, as_of=AS_OF)
    yield opened.db, summary
    opened.db.close()
    if request.param != "sqlite":
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("DROP DATABASE scale_small WITH (FORCE)")


@pytest.fixture
def db(made: tuple[Database, ScaleSummary]) -> Database:
    return made[0]


@pytest.fixture
def clinic(made: tuple[Database, ScaleSummary]) -> ScaleSummary:
    return made[1]


def test_the_small_clinic_has_the_promised_size(db: Database, clinic: ScaleSummary):
    assert clinic.patients == SMALL.patients == rows(db, "SELECT count(*) FROM patients")[0][0]
    assert clinic.visits == rows(db, "SELECT count(*) FROM visits")[0][0]
    assert clinic.needle_sites == rows(db, "SELECT count(*) FROM needle_sites")[0][0]
    assert 4 * SMALL.patients <= clinic.visits <= 15 * SMALL.patients
    therapists = rows(db, "SELECT count(DISTINCT therapist_id) FROM visits")[0][0]
    assert therapists == SMALL.therapists


def test_most_patients_come_for_one_to_fifteen_visits_weekly(db: Database, clinic: ScaleSummary):
    per_patient = Counter(dict(rows(db, "SELECT patient_id, count(*) FROM visits GROUP BY 1")))
    counts = [per_patient[p] for (p,) in rows(db, "SELECT id FROM patients")]
    assert sum(1 <= n <= 15 for n in counts) >= 0.7 * len(counts)

    days_by_episode = defaultdict(list)
    for episode, started in rows(db, "SELECT episode_id, started_at FROM visits ORDER BY 2"):
        days_by_episode[episode].append(date.fromisoformat(str(started)[:10]))
    gaps = [
        (later - earlier).days
        for days in days_by_episode.values()
        for earlier, later in itertools.pairwise(days)
    ]
    courses = sorted(len(days) for days in days_by_episode.values())
    assert courses[0] >= 1 and courses[-1] <= 15, "a course of care is 1 to 15 visits"
    assert 4 <= courses[len(courses) // 2] <= 9, "about a week-by-week course of seven"
    assert set(gaps) <= {7, 14}, "within an episode visits are a week or two apart"
    assert gaps.count(7) >= 0.75 * len(gaps)
    assert max(max(days) for days in days_by_episode.values()) <= AS_OF


def test_every_visit_has_five_to_twenty_needle_sites_on_real_muscles(
    db: Database, clinic: ScaleSummary
):
    per_visit = dict(rows(db, "SELECT visit_id, count(*) FROM needle_sites GROUP BY 1"))
    visits = [v for (v,) in rows(db, "SELECT id FROM visits")]
    assert all(5 <= per_visit.get(v, 0) <= 20 for v in visits)
    mean = sum(per_visit.values()) / len(visits)
    assert 14 <= mean <= 19, "about 5 million sites for 300,000 visits"

    atlas = load_atlas()
    marks = MarkService(db, atlas)
    for visit_id in visits[:: max(1, len(visits) // 60)]:
        charted = marks.marks(visit_id)
        for site in charted.needles:
            check_needle(atlas, site)  # known muscle, its side, a view that draws it
        for finding in charted.findings:
            check_finding(atlas, finding)
        assert {n.view for n in charted.needles} <= set(View)
        assert {n.side for n in charted.needles} <= {Side.LEFT, Side.RIGHT, Side.MIDLINE}


def test_signed_visits_are_as_signing_would_have_left_them(db: Database, clinic: ScaleSummary):
    statuses = Counter(status for (status,) in rows(db, "SELECT status FROM visits"))
    assert statuses["signed"] >= 0.95 * clinic.visits
    records = VisitRecordService(db)
    signed = rows(
        db,
        "SELECT v.id, v.needles_used, v.needles_removed, "
        "(SELECT count(*) FROM needle_sites n WHERE n.visit_id = v.id) "
        "FROM visits v WHERE v.status = 'signed'",
    )
    assert all(used == removed == sites for _, used, removed, sites in signed)
    for visit_id, *_ in signed[:: max(1, len(signed) // 40)]:
        record = records.record(visit_id)
        assert record.signed_by_name
        # The lung precaution stored is exactly what today's sites call for.
        assert record.precautions_acknowledged == records.precautions_to_acknowledge(visit_id)
    screened = rows(db, "SELECT count(DISTINCT patient_id) FROM safety_screens")[0][0]
    with_visits = rows(db, "SELECT count(DISTINCT patient_id) FROM visits")[0][0]
    assert screened == with_visits, "a safety screen opens every course of visits"


def test_signed_visits_stay_locked_and_the_app_carries_on(any_url: str):
    db = open_clinic_database(any_url).db
    clinic = generate_scale_clinic(db, SMALL, seed=6, as_of=AS_OF)
    visit_id = rows(db, "SELECT min(id) FROM visits WHERE status = 'signed'")[0][0]
    locked = pytest.raises(DBAPIError, match="signed visits cannot be changed")
    with locked, db.engine.begin() as connection:
        connection.execute(text("DELETE FROM needle_sites WHERE visit_id = :v"), {"v": visit_id})
    # New rows after generated ones: ids (and PostgreSQL's sequences) carry on.
    patient = PatientService(db).create(
        PatientDetails("N-1", "Newcomer", "Ada", date(1980, 5, 6)), today=AS_OF
    )
    assert patient.id == SMALL.patients + 1
    therapist = rows(db, "SELECT min(id) FROM users")[0][0]
    visit = VisitService(db).start_draft(patient.id, therapist)
    assert visit.id == clinic.visits + 1
    db.close()


def test_every_reference_points_at_a_row(sqlite_db: Database):
    generate_scale_clinic(sqlite_db, SMALL, seed=2, as_of=AS_OF)
    assert rows(sqlite_db, "PRAGMA foreign_key_check") == []
    assert rows(sqlite_db, "PRAGMA integrity_check") == [("ok",)]
    orphans = rows(
        sqlite_db,
        "SELECT count(*) FROM visits v LEFT JOIN episodes e ON e.id = v.episode_id "
        "WHERE e.id IS NULL OR e.patient_id <> v.patient_id",
    )
    assert orphans == [(0,)], "each visit belongs to an episode of its own patient"


def dump(path: str) -> list[str]:
    """Every row of the clinic; password hashes carry a fresh random salt on purpose."""
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE users SET password_hash = 'hashed'")
        return list(connection.iterdump())


def test_the_same_seed_makes_the_same_clinic(tmp_path):
    paths = [str(tmp_path / f"{name}.sqlite") for name in ("a", "b", "c")]
    for path, seed in zip(paths, (4, 4, 5), strict=True):
        opened = open_clinic_database(path)
        generate_scale_clinic(opened.db, SMALL, seed=seed, as_of=AS_OF)
        opened.db.close()
    first, again, other = (dump(path) for path in paths)
    assert first == again
    assert first != other


def test_the_clinics_accounts_sign_in_with_the_demo_password(tmp_path):
    opened = open_clinic_database(str(tmp_path / "clinic.sqlite"))
    generate_scale_clinic(opened.db, SMALL, seed=1, as_of=AS_OF)
    users = UserService(opened.db)
    assert users.sign_in("demo.admin", DEMO_PASSWORD).role is Role.ADMIN
    assert users.sign_in("demo.therapist", DEMO_PASSWORD).role is Role.THERAPIST
    opened.db.close()
