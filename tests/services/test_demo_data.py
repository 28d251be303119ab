import itertools
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from imsdesk.domain.patients import age_on
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.patients import PatientService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, VisitRow

AS_OF = date(2026, 11, 20)


def test_demo_clinic_is_realistic(db: Database):
    summary = generate_demo_data(db, patients=150, seed=7, as_of=AS_OF)
    assert summary.patients == 150
    patients = PatientService(db).search("", limit=1000)
    assert len(patients) == 150
    ages = [age_on(p.date_of_birth, AS_OF) for p in patients]
    assert min(ages) >= 18 and max(ages) <= 85
    assert len({p.chart_number for p in patients}) == 150
    visits = VisitService(db)
    counts = Counter()
    for patient in patients:
        course = visits.list_for_patient(patient.id)
        counts[len(course)] += 1
        starts = sorted(v.started_at.date() for v in course)
        gaps = {(b - a).days for a, b in itertools.pairwise(starts)}
        assert gaps <= {7, 14}, "visits are weekly, sometimes every two weeks"
        assert all(day <= AS_OF for day in starts)
    assert max(counts) <= 15
    assert sum(n * c for n, c in counts.items()) == summary.visits
    assert counts[0] < 150 // 3  # most patients have a course of visits


def test_same_seed_same_clinic_and_more_can_be_added(sqlite_db: Database, tmp_path):
    from imsdesk.services.database import open_clinic_database

    other = open_clinic_database(str(tmp_path / "other.sqlite")).db
    generate_demo_data(sqlite_db, patients=40, seed=3, as_of=AS_OF)
    generate_demo_data(other, patients=40, seed=3, as_of=AS_OF)

    def snapshot(db: Database) -> list[tuple]:
        with db.reading() as session:
            return session.execute(
                select(
                    PatientRow.chart_number, PatientRow.family_name, PatientRow.date_of_birth
                ).order_by(PatientRow.id)
            ).all()

    assert snapshot(sqlite_db) == snapshot(other)
    generate_demo_data(sqlite_db, patients=10, seed=3, as_of=AS_OF)
    with sqlite_db.reading() as session:
        assert session.scalar(select(func.count(PatientRow.id))) == 50
        assert session.scalar(select(func.count(func.distinct(PatientRow.chart_key)))) == 50
        orphans = session.scalar(
            select(func.count(VisitRow.id)).where(~VisitRow.patient_id.in_(select(PatientRow.id)))
        )
        assert orphans == 0
    other.close()
