"""Realistic, repeatable demo patients and visits for training, screenshots and benchmarks.

The same seed and reference day always give the same clinic. Rows go in
with bulk inserts in one transaction, so thousands take seconds.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from imsdesk.domain.patients import Sex, fold
from imsdesk.domain.users import Role
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.passwords import hash_password
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, UserRow, VisitRow
from imsdesk.store.types import utc_now

FAMILY_NAMES = (
    "Anderson",
    "Bélanger",
    "Chen",
    "Da Silva",
    "Dubois",
    "Evans",
    "Fischer",
    "García",
    "Gill",
    "Gunnarsdóttir",
    "Hughes",
    "Ivanova",
    "Jensen",
    "Kaur",
    "Kowalski",
    "Lam",
    "Lefèvre",
    "MacDonald",
    "Martin",
    "Müller",
    "Nakamura",
    "Nguyễn",
    "O'Brien",
    "Okafor",
    "Patel",
    "Petrović",
    "Quinn",
    "Rossi",
    "Santos",
    "Schmidt",
    "Singh",
    "Smith-Jones",
    "Søndergaard",
    "Tanaka",
    "Thompson",
    "Tremblay",
    "Van der Berg",
    "Wang",
    "Wilson",
    "Wójcik",
    "Yamamoto",
    "Zhang",
    "Łukasiewicz",
    "Çelik",
    "Ahmed",
    "Brown",
    "Campbell",
    "Fraser",
    "Johansson",
    "Leblanc",
)
FEMALE_NAMES = (
    "Amelia",
    "Ana",
    "Chloé",
    "Emma",
    "Fatima",
    "Grace",
    "Hannah",
    "Ingrid",
    "Jane",
    "Julia",
    "Mei",
    "Maria",
    "Olivia",
    "Priya",
    "Saoirse",
    "Sofia",
    "Yuki",
    "Zoë",
)
MALE_NAMES = (
    "Ahmed",
    "André",
    "Ben",
    "Carlos",
    "Daniel",
    "David",
    "Ethan",
    "François",
    "Hiroshi",
    "James",
    "Jörg",
    "Liam",
    "Lucas",
    "Mateo",
    "Noah",
    "Rajesh",
    "Tomasz",
    "Wei",
)
STREETS = ("Main St", "Oak Ave", "Harbour Rd", "Cedar Lane", "Kingsway", "Elm Crescent")
DEMO_THERAPISTS = (
    ("demo.therapist", "Alex Morgan", "PT-10482"),
    ("demo.therapist2", "Sam Okoye", "PT-20931"),
)
DEMO_ADMIN = ("demo.admin", "Demo Administrator")
# Demo accounts only: a demo clinic must be explorable, and real accounts are made with
# passwords their owners choose. The demo-data command prints it.
DEMO_PASSWORD = "imsdesk-demo"
CHART_PREFIX = "D"


@dataclass(frozen=True)
class DemoSummary:
    patients: int
    visits: int
    therapists_created: int


EARLIEST_AS_OF = date(1900, 1, 1)


def generate_demo_data(
    db: Database, *, patients: int = 200, seed: int = 1, as_of: date | None = None
) -> DemoSummary:
    """Add ``patients`` demo patients (ages 18–85) with weekly courses of visits."""
    if patients < 0:
        raise ValueError("the number of patients cannot be negative")
    if as_of is not None and not EARLIEST_AS_OF <= as_of <= date.today():
        # Visits are never dated in the future, and patients are born after year 1.
        raise ValueError(
            f"the demo clinic is seen from a day between {EARLIEST_AS_OF} and today, not {as_of}"
        )
    rng = random.Random(seed)
    today = as_of or date.today()
    now = utc_now()
    with db.transaction() as session:
        therapist_ids, created = _demo_therapists(session)
        taken = set(
            session.scalars(
                select(PatientRow.chart_key).where(PatientRow.chart_key.startswith("d"))
            )
        )
        first_id = (session.scalar(select(PatientRow.id).order_by(PatientRow.id.desc())) or 0) + 1
        patient_rows = []
        numbers = chart_numbers(taken)
        for _ in range(patients):
            patient_rows.append(_patient_row(rng, next(numbers), today, now))
        if patient_rows:
            session.execute(insert(PatientRow), patient_rows)
        ids = session.scalars(
            select(PatientRow.id).where(PatientRow.id >= first_id).order_by(PatientRow.id)
        ).all()
        visit_rows = []
        for patient_id in ids:
            visit_rows.extend(_course_of_visits(rng, patient_id, therapist_ids, today, now))
        if visit_rows:
            session.execute(insert(VisitRow), visit_rows)
    return DemoSummary(len(patient_rows), len(visit_rows), created)


def _demo_therapists(session: Session) -> tuple[list[int], int]:
    ids, created = [], 0
    accounts = [(u, n, Role.THERAPIST, r) for u, n, r in DEMO_THERAPISTS]
    accounts.append((*DEMO_ADMIN, Role.ADMIN, ""))
    for username, name, role, registration in accounts:
        row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
        if row is None:
            row = UserRow(
                username=username,
                display_name=name,
                role=role.value,
                registration_number=registration,
                active=True,
                password_hash=hash_password(DEMO_PASSWORD),
            )
            session.add(row)
            session.flush()
            created += 1
        if role is Role.THERAPIST:
            ids.append(row.id)
    return ids, created


def chart_numbers(taken: set[str]) -> Iterator[str]:
    """Demo chart numbers D000001, D000002, ... skipping those ``taken`` (folded)."""
    number = 1
    while True:
        chart = f"{CHART_PREFIX}{number:06d}"
        if fold(chart) not in taken:
            yield chart
        number += 1


def _patient_row(rng: random.Random, chart: str, today: date, now: datetime) -> dict[str, object]:
    sex = rng.choices([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN], weights=[52, 46, 2])[0]
    names = FEMALE_NAMES if sex is Sex.FEMALE else MALE_NAMES
    if sex is Sex.UNKNOWN:
        names = FEMALE_NAMES + MALE_NAMES
    given = rng.choice(names)
    family = rng.choice(FAMILY_NAMES)
    age_days = rng.randint(18 * 365 + 5, 85 * 365)
    born = today - timedelta(days=age_days)
    phone = f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    email = f"{fold(given)}.{fold(family).replace(' ', '').replace(chr(39), '')}@example.org"
    return {
        "chart_number": chart,
        "chart_key": fold(chart),
        "family_name": family,
        "given_names": given,
        "family_key": fold(family),
        "given_key": fold(given),
        "date_of_birth": born,
        "sex": sex.value,
        "phone": phone,
        "email": email if rng.random() < 0.8 else "",
        "address": f"{rng.randint(1, 2400)} {rng.choice(STREETS)}",
        "notes": "",
        "created_at": now,
        "updated_at": now,
    }


def _course_of_visits(
    rng: random.Random, patient_id: int, therapist_ids: list[int], today: date, now: datetime
) -> list[dict[str, object]]:
    """Mostly 1–15 visits, usually a week apart, sometimes two; the last may be a draft."""
    count = min(15, max(0, round(rng.lognormvariate(1.8, 0.6)) - 1))
    if count == 0:
        return []
    gaps = [7 if rng.random() < 0.8 else 14 for _ in range(count - 1)]
    last_day = today - timedelta(days=rng.randint(0, 900))
    day = last_day - timedelta(days=sum(gaps))
    therapist = rng.choice(therapist_ids)
    rows = []
    for index in range(count):
        minute = rng.choice(range(8 * 60, 17 * 60 + 31, 15))
        started = datetime.combine(day, time(minute // 60, minute % 60)).astimezone()
        is_latest_recent = index == count - 1 and (today - day).days <= 7
        status = (
            VisitStatus.DRAFT if is_latest_recent and rng.random() < 0.5 else VisitStatus.SIGNED
        )
        rows.append(
            {
                "patient_id": patient_id,
                "therapist_id": therapist,
                "started_at": started,
                "status": status.value,
                "signed_at": None if status is VisitStatus.DRAFT else started + timedelta(hours=1),
                "created_at": now,
                "updated_at": now,
            }
        )
        if index < len(gaps):
            day += timedelta(days=gaps[index])
    return rows
