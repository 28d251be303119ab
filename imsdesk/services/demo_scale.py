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

import functools
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, select, text

from imsdesk.domain.anatomy import Atlas, Region, Side, SpinalLevel, View, load_atlas
from imsdesk.domain.artwork import available_views, interior_point, load_view
from imsdesk.domain.marks import NeedleSite
from imsdesk.domain.outcomes import Direction, get_instrument, score
from imsdesk.domain.patients import Sex, fold
from imsdesk.domain.safety import has_thorax_precaution, precautions_to_acknowledge
from imsdesk.domain.screening import QUESTION_KEYS
from imsdesk.domain.users import Role
from imsdesk.services.demo_data import (
    DEMO_ADMIN,
    DEMO_PASSWORD,
    DEMO_THERAPISTS,
    STREETS,
    chart_numbers,
)
from imsdesk.services.passwords import hash_password
from imsdesk.services.scale_presets import ScalePreset
from imsdesk.store.bulk import BulkWriter
from imsdesk.store.database import Database
from imsdesk.store.models import (
    AdverseEventRow,
    AmendmentRow,
    EpisodeRow,
    ExamSignRow,
    MuscleFindingRow,
    NeedleSiteRow,
    OutcomeScoreRow,
    PatientRow,
    SafetyScreenRow,
    UserRow,
    VisitRow,
)

BATCH_PATIENTS = 500  # one transaction each: bounded memory, progress to report

THERAPISTS = (
    *DEMO_THERAPISTS,
    ("demo.therapist3", "Priya Raman", "PT-31177"),
    ("demo.therapist4", "Jonas Lindqvist", "PT-40526"),
    ("demo.therapist5", "Marie-Ève Gagnon", "PT-51860"),
)

# Common family names of a mixed North American city, the most frequent first.
FAMILY = (
    "Smith",
    "Brown",
    "Tremblay",
    "Martin",
    "Roy",
    "Wilson",
    "MacDonald",
    "Gagnon",
    "Johnson",
    "Taylor",
    "Campbell",
    "Anderson",
    "Lee",
    "Leblanc",
    "Jones",
    "White",
    "Williams",
    "Thompson",
    "Côté",
    "Wong",
    "Singh",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Miller",
    "Young",
    "Lavoie",
    "Fortin",
    "Chen",
    "Clark",
    "Walker",
    "Scott",
    "Stewart",
    "Robinson",
    "Wright",
    "Patel",
    "Nguyễn",
    "Kaur",
    "Li",
    "Wang",
    "Zhang",
    "Liu",
    "Kim",
    "Park",
    "Gill",
    "Sandhu",
    "Dhillon",
    "Grewal",
    "Sidhu",
    "Fraser",
    "Ross",
    "Murray",
    "Reid",
    "Hughes",
    "Evans",
    "Davies",
    "Roberts",
    "Hall",
    "Allen",
    "King",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Mitchell",
    "Carter",
    "Turner",
    "Phillips",
    "Parker",
    "Collins",
    "Edwards",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "García",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Santos",
    "Da Silva",
    "Oliveira",
    "Ferreira",
    "Costa",
    "Almeida",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Bélanger",
    "Pelletier",
    "Bergeron",
    "Lapointe",
    "Lévesque",
    "Simard",
    "Boucher",
    "Ouellet",
    "Poirier",
    "Kowalski",
    "Nowak",
    "Wójcik",
    "Wiśniewski",
    "Łukasiewicz",
    "Petrović",
    "Jovanović",
    "Ivanova",
    "Ivanov",
    "Popescu",
    "Novák",
    "Horvath",
    "Nagy",
    "Jensen",
    "Nielsen",
    "Hansen",
    "Johansson",
    "Andersson",
    "Karlsson",
    "Larsen",
    "Søndergaard",
    "Gunnarsdóttir",
    "Virtanen",
    "Korhonen",
    "O'Brien",
    "O'Connor",
    "O'Neill",
    "Ó Súilleabháin",
    "Quinn",
    "Walsh",
    "Byrne",
    "Ryan",
    "Doyle",
    "McCarthy",
    "Gallagher",
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Sato",
    "Ito",
    "Ahmed",
    "Khan",
    "Ali",
    "Hussain",
    "Rahman",
    "Hassan",
    "Mohamed",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Mwangi",
    "Çelik",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Van der Berg",
    "De Vries",
    "Janssen",
    "Bakker",
    "Visser",
    "Smith-Jones",
    "Lam",
    "Chan",
    "Cheung",
    "Ho",
    "Tran",
    "Pham",
    "Le",
    "Huang",
    "Zhou",
)
GIVEN = {
    Sex.FEMALE: [
        "Olivia",
        "Emma",
        "Charlotte",
        "Amelia",
        "Sophia",
        "Chloé",
        "Léa",
        "Maya",
        "Ava",
        "Isabella",
        "Mia",
        "Zoë",
        "Hannah",
        "Grace",
        "Julia",
        "Sarah",
        "Emily",
        "Jessica",
        "Ashley",
        "Jennifer",
        "Linda",
        "Susan",
        "Karen",
        "Nancy",
        "Lisa",
        "Margaret",
        "Mary",
        "Patricia",
        "Barbara",
        "Elizabeth",
        "Catherine",
        "Anne",
        "Marie",
        "Nathalie",
        "Isabelle",
        "Sylvie",
        "Chantal",
        "Fatima",
        "Aisha",
        "Priya",
        "Harpreet",
        "Simran",
        "Mei",
        "Ying",
        "Yuki",
        "Sakura",
        "Ana",
        "Maria",
        "Sofia",
        "Lucía",
        "Saoirse",
        "Ingrid",
        "Astrid",
        "Agnieszka",
        "Katarzyna",
        "Olga",
        "Irina",
        "Ngozi",
        "Amara",
        "Elif",
    ],
    Sex.MALE: [
        "Liam",
        "Noah",
        "William",
        "Lucas",
        "Benjamin",
        "Oliver",
        "Ethan",
        "James",
        "Jacob",
        "Logan",
        "Nathan",
        "Samuel",
        "David",
        "Daniel",
        "Michael",
        "John",
        "Robert",
        "Richard",
        "Thomas",
        "Charles",
        "Christopher",
        "Matthew",
        "Mark",
        "Paul",
        "Steven",
        "Kevin",
        "Brian",
        "Jean",
        "Pierre",
        "François",
        "Luc",
        "Marc",
        "André",
        "Martin",
        "Mohammed",
        "Ahmed",
        "Omar",
        "Rajesh",
        "Harjit",
        "Gurpreet",
        "Wei",
        "Jun",
        "Hiroshi",
        "Kenji",
        "Carlos",
        "Mateo",
        "Diego",
        "João",
        "Giovanni",
        "Jörg",
        "Lars",
        "Tomasz",
        "Piotr",
        "Dmitri",
        "Chidi",
        "Kwame",
        "Emre",
    ],
}
GIVEN[Sex.UNKNOWN] = GIVEN[Sex.FEMALE] + GIVEN[Sex.MALE]
# Weights fall off gently: the commonest name about 2% of patients, the rarest 0.2%.
_FAMILY_WEIGHTS = tuple(accumulate(1.0 / (rank + 20) for rank in range(1, len(FAMILY) + 1)))


@dataclass(frozen=True)
class Condition:
    """What brings a patient: which levels are involved and where the limb muscles lie."""

    name: str
    levels: tuple[str, str]  # the segmental range examined and needled
    regions: tuple[Region, ...]  # where the shortened muscles are found
    instrument: str  # the condition's outcome measure, besides the pain rating
    weight: int


CONDITIONS = (
    Condition("Chronic low back pain", ("L3", "S1"), (Region.BACK, Region.HIP), "odi", 30),
    Condition(
        "Low back pain with sciatica",
        ("L4", "S2"),
        (Region.BACK, Region.HIP, Region.THIGH, Region.LEG),
        "odi",
        20,
    ),
    Condition(
        "Chronic neck pain",
        ("C3", "C7"),
        (Region.HEAD_NECK, Region.SHOULDER, Region.BACK),
        "ndi",
        18,
    ),
    Condition(
        "Shoulder pain", ("C4", "C7"), (Region.SHOULDER, Region.ARM, Region.BACK), "quickdash", 10
    ),
    Condition("Lateral elbow pain", ("C5", "C8"), (Region.ARM, Region.FOREARM), "quickdash", 6),
    Condition("Thoracic back pain", ("T2", "T8"), (Region.BACK, Region.THORAX), "nprs", 5),
    Condition("Knee pain", ("L2", "S1"), (Region.THIGH, Region.LEG, Region.HIP), "lefs", 7),
    Condition("Plantar heel pain", ("L4", "S2"), (Region.LEG, Region.FOOT), "lefs", 4),
)
_CONDITION_WEIGHTS = tuple(accumulate(c.weight for c in CONDITIONS))

EXAM_SIGNS = ("tender_motor_point", "taut_band", "restricted_rom", "paraspinal_tenderness")
EXAM_SIGNS += ("pilomotor", "trophedema", "dermatomal_hyperalgesia")
REFERRALS = ("Family physician", "Self-referred", "Sports medicine clinic", "Orthopaedic surgeon")
SUBJECTIVE = (
    "Pain {before}/10 this week; sleep {sleep}.",
    "Reports pain {before}/10, worse after sitting; sleep {sleep}.",
    "About the same as last week, {before}/10; sleep {sleep}.",
    "Better on waking, {before}/10 by evening; sleep {sleep}.",
)
OBJECTIVE = (
    "Taut bands and tender motor points at {levels}; range restricted at the end.",
    "Paraspinal tenderness {levels}; trophedema over the lower segments.",
    "Shortened muscles as marked; tender motor points {levels}.",
)
ASSESSMENT = (
    "Segmental involvement {levels}, settling.",
    "Findings consistent with radiculopathic pain {levels}.",
    "Improving; fewer tender points than last visit.",
)
PLAN = (
    "IMS to the marked muscles and paraspinals {levels}; review in one week.",
    "Continue weekly IMS; home stretches for the shortened muscles.",
    "IMS as today; heat after treatment; next visit in one week.",
)
AMENDMENTS = (
    ("Wrong side noted", "The objective finding refers to the patient's left side."),
    ("Addition", "Patient phoned the next day: soreness settled overnight."),
    ("Typing error", "Pain before treatment was 6/10, not 16/10."),
)
ADVERSE = (
    ("bruising", "Small bruise at a needle site.", "Reassured; ice."),
    ("increased_pain", "Post-needling soreness for two days.", "Advice on heat and movement."),
    ("fainting", "Felt faint after the first needles.", "Lay flat, recovered in minutes."),
    ("nausea", "Brief nausea after treatment.", "Rested, water; settled."),
)
EXPLAINED = (
    "IMS explained: fine needles into shortened muscles; soreness for a day or two is "
    "common; rare risks named, including bruising, fainting and, over the chest, pneumothorax."
)

PATIENT_COLUMNS = [
    "id",
    "chart_number",
    "chart_key",
    "family_name",
    "given_names",
    "family_key",
    "given_key",
    "date_of_birth",
    "sex",
    "phone",
    "email",
    "address",
    "notes",
    "created_at",
    "updated_at",
]
EPISODE_COLUMNS = [
    "id",
    "patient_id",
    "condition",
    "started_on",
    "referral_source",
    "referral_date",
    "goals",
    "closed_on",
    "created_at",
    "updated_at",
]
VISIT_COLUMNS = [
    "id",
    "patient_id",
    "therapist_id",
    "started_at",
    "status",
    "signed_at",
    "signed_by_id",
    "subjective",
    "objective",
    "assessment",
    "plan",
    "pain_before",
    "pain_after",
    "needles_used",
    "needles_removed",
    "episode_id",
    "precautions_acknowledged",
    "precautions_acknowledged_at",
    "created_at",
    "updated_at",
]
FINDING_COLUMNS = ["visit_id", "muscle_key", "side", "severity", "note", "created_at", "updated_at"]
NEEDLE_COLUMNS = [
    "uid",
    "visit_id",
    "muscle_key",
    "side",
    "view",
    "x",
    "y",
    "depth_mm",
    "length_mm",
    "gauge",
    "response",
    "note",
    "created_at",
    "updated_at",
]
SIGN_COLUMNS = ["visit_id", "level", "side", "kind", "note", "created_at"]
SCREEN_COLUMNS = [
    "patient_id",
    "visit_id",
    "recorded_by_id",
    "recorded_at",
    "answers",
    "notes",
    "consent_given",
    "consent_given_by",
    "consent_explained",
]
SCORE_COLUMNS = ["visit_id", "instrument", "answers", "activities", "score", "created_at"]
EVENT_COLUMNS = ["visit_id", "recorded_by_id", "recorded_at", "kind", "description", "action_taken"]
AMENDMENT_COLUMNS = ["visit_id", "author_id", "created_at", "reason", "text"]


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
    maker = _ClinicMaker(rng, preset, as_of or date.today(), _targets())
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


@functools.cache
def _targets() -> _Targets:
    """Placing every target inside its outline takes seconds: once per process."""
    return _Targets.from_atlas(load_atlas())


@dataclass(frozen=True)
class _Placement:
    view: str
    x: float
    y: float


@dataclass(frozen=True)
class _Targets:
    """Where each atlas target is drawn, and each condition's candidate muscles."""

    places: dict[tuple[str, str], _Placement]
    limb: dict[str, tuple[tuple[str, str], ...]]  # condition name -> (key, side) to mark
    levels: dict[str, tuple[SpinalLevel, ...]]  # condition name -> its levels
    paraspinal: dict[tuple[SpinalLevel, str], str]  # (level, side) -> paraspinal key
    thorax: frozenset[str]  # keys with the lung precaution

    @classmethod
    def from_atlas(cls, atlas: Atlas) -> _Targets:
        drawn: dict[tuple[str, str, View], _Placement] = {}
        for view in available_views():
            for region in load_view(view).regions:
                x, y = interior_point(region)
                drawn[(region.muscle_key, region.side.value, view)] = _Placement(
                    view.value, round(x, 2), round(y, 2)
                )
        places: dict[tuple[str, str], _Placement] = {}
        for muscle, side in atlas.targets():
            # A site goes where the map shows the muscle first (its first view drawn).
            shown = [
                drawn[(muscle.key, side.value, v)]
                for v in muscle.views
                if (muscle.key, side.value, v) in drawn
            ]
            if shown:
                places[(muscle.key, side.value)] = shown[0]
        limb, levels = {}, {}
        for condition in CONDITIONS:
            span = SpinalLevel.range(*condition.levels)
            levels[condition.name] = span
            limb[condition.name] = tuple(
                (muscle.key, side.value)
                for muscle in atlas
                if not muscle.is_paraspinal
                and muscle.region in condition.regions
                and set(muscle.principal_roots) & set(span)
                for side in muscle.sides
                if (muscle.key, side.value) in places
            )
        paraspinal = {
            (muscle.paraspinal_level, side.value): muscle.key
            for muscle in atlas.paraspinals()
            for side in muscle.sides
            if (muscle.key, side.value) in places and muscle.paraspinal_level is not None
        }
        thorax = frozenset(m.key for m in atlas if has_thorax_precaution(m))
        return cls(places, limb, levels, paraspinal, thorax)


@dataclass
class _Batch:
    writer: BulkWriter
    patients: list[tuple[Any, ...]] = field(default_factory=list)
    episodes: list[tuple[Any, ...]] = field(default_factory=list)
    visits: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    needles: list[tuple[Any, ...]] = field(default_factory=list)
    signs: list[tuple[Any, ...]] = field(default_factory=list)
    screens: list[tuple[Any, ...]] = field(default_factory=list)
    scores: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    amendments: list[tuple[Any, ...]] = field(default_factory=list)

    def write(self) -> None:
        """Everything of the batch; visits signed only once their children are in."""
        w = self.writer
        w.insert(PatientRow.__table__, PATIENT_COLUMNS, self.patients)
        w.insert(EpisodeRow.__table__, EPISODE_COLUMNS, self.episodes)
        w.insert(VisitRow.__table__, VISIT_COLUMNS, self.visits)
        w.insert(MuscleFindingRow.__table__, FINDING_COLUMNS, self.findings)
        w.insert(NeedleSiteRow.__table__, NEEDLE_COLUMNS, self.needles)
        w.insert(ExamSignRow.__table__, SIGN_COLUMNS, self.signs)
        w.insert(SafetyScreenRow.__table__, SCREEN_COLUMNS, self.screens)
        w.insert(OutcomeScoreRow.__table__, SCORE_COLUMNS, self.scores)
        w.insert(AdverseEventRow.__table__, EVENT_COLUMNS, self.events)
        if self.visits:
            w.connection.execute(
                text(
                    "UPDATE visits SET status = 'signed' "
                    "WHERE id BETWEEN :first AND :last AND signed_at IS NOT NULL"
                ),
                {"first": self.visits[0][0], "last": self.visits[-1][0]},
            )
        w.insert(AmendmentRow.__table__, AMENDMENT_COLUMNS, self.amendments)
        for table in (PatientRow, EpisodeRow, VisitRow):
            w.ids_given_up_to(table.__table__)

    def counts(self) -> dict[str, int]:
        return {
            "patients": len(self.patients),
            "episodes": len(self.episodes),
            "visits": len(self.visits),
            "needle_sites": len(self.needles),
            "findings": len(self.findings),
        }


class _ClinicMaker:
    """Draws the clinic patient by patient from one random stream (hence deterministic)."""

    def __init__(self, rng: random.Random, preset: ScalePreset, today: date, targets: _Targets):
        self.rng = rng
        self.preset = preset
        self.today = today
        self.targets = targets
        self.first_day = today - timedelta(days=365 * preset.years)

    def batch(
        self, writer: BulkWriter, size: int, charts: Iterator[str], therapists: list[int]
    ) -> _Batch:
        batch = _Batch(writer)
        ids = {
            name: writer.next_id(row.__table__)
            for name, row in (("patient", PatientRow), ("episode", EpisodeRow), ("visit", VisitRow))
        }
        for _ in range(size):
            self._patient(batch, ids, next(charts), therapists)
        return batch

    # -- one patient --------------------------------------------------------------
    def _patient(
        self, batch: _Batch, ids: dict[str, int], chart: str, therapists: list[int]
    ) -> None:
        rng = self.rng
        patient_id = ids["patient"]
        ids["patient"] += 1
        span_days = (self.today - self.first_day).days
        first_seen = self.first_day + timedelta(days=rng.randrange(span_days + 1))
        registered = _at(first_seen - timedelta(days=rng.randint(1, 10)), 9 * 60)
        batch.patients.append(self._patient_row(patient_id, chart, registered))
        therapist = therapists[int(rng.random() * len(therapists))]
        condition = CONDITIONS[_weighted(rng, _CONDITION_WEIGHTS)]
        episodes = 1 + _weighted(rng, (70, 85, 93, 97, 100))  # 1 to 5 episodes of care
        start = first_seen
        if rng.random() < 0.03:
            return  # registered, never came
        for number in range(episodes):
            if start > self.today:
                break
            last_day = self._episode(
                batch, ids, patient_id, therapists, therapist, condition, start
            )
            start = last_day + timedelta(days=rng.randint(60, 720))
            if number and rng.random() < 0.5:  # a new problem now and then
                condition = CONDITIONS[_weighted(rng, _CONDITION_WEIGHTS)]

    def _patient_row(self, patient_id: int, chart: str, registered: datetime) -> tuple[Any, ...]:
        rng = self.rng
        sex = (Sex.FEMALE, Sex.MALE, Sex.UNKNOWN)[_weighted(rng, (55, 99, 100))]
        given = GIVEN[sex][int(rng.random() * len(GIVEN[sex]))]
        if rng.random() < 0.15:  # a middle name
            given += " " + GIVEN[sex][int(rng.random() * len(GIVEN[sex]))]
        family = FAMILY[_weighted(rng, _FAMILY_WEIGHTS)]
        born = self.today - timedelta(days=rng.randint(18 * 365 + 5, 88 * 365))
        key = fold(family).replace(" ", "").replace("'", "")
        email = f"{fold(given.split()[0])}.{key}{rng.randint(1, 99)}@example.org"
        return (
            patient_id,
            chart,
            fold(chart),
            family,
            given,
            fold(family),
            fold(given),
            born,
            sex.value,
            f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            email if rng.random() < 0.8 else "",
            f"{rng.randint(1, 2400)} {STREETS[int(rng.random() * len(STREETS))]}",
            "",
            registered,
            registered,
        )

    # -- one episode of care -----------------------------------------------------
    def _episode(
        self,
        batch: _Batch,
        ids: dict[str, int],
        patient_id: int,
        therapists: list[int],
        therapist: int,
        condition: Condition,
        start: date,
    ) -> date:
        """Weekly visits (sometimes two weeks apart) until the course ends or today comes."""
        rng = self.rng
        episode_id = ids["episode"]
        ids["episode"] += 1
        planned = _course_length(rng)
        days = [start]
        for _ in range(planned - 1):
            days.append(days[-1] + timedelta(days=7 if rng.random() < 0.85 else 14))
        days = [day for day in days if day <= self.today]
        finished = len(days) == planned and (self.today - days[-1]).days > 21
        batch.episodes.append(
            (
                episode_id,
                patient_id,
                condition.name,
                start,
                REFERRALS[int(rng.random() * len(REFERRALS))],
                None,
                "Less pain; back to usual activities.",
                days[-1] if finished else None,
                _at(start, 8 * 60),
                _at(start, 8 * 60),
            )
        )
        focus = self._focus(condition)
        pain = rng.randint(5, 9)
        for index, day in enumerate(days):
            by = (
                therapist if rng.random() < 0.9 else therapists[int(rng.random() * len(therapists))]
            )
            visit_id = ids["visit"]
            ids["visit"] += 1
            is_last = index == len(days) - 1
            self._visit(batch, visit_id, patient_id, by, episode_id, condition, focus, day, pain)
            started = batch.visits[-1][3]
            if index == 0:
                self._screen(batch, patient_id, visit_id, by, started)
            if index == 0 or index % 3 == 0 or (is_last and finished):
                self._scores(batch, visit_id, condition, pain, started, index == 0 or is_last)
            pain = max(0, pain - (1 if rng.random() < 0.55 else 0))
        return days[-1]

    def _focus(self, condition: Condition) -> tuple[tuple[SpinalLevel, ...], tuple[str, ...], list]:
        """This episode's levels (2–4 adjacent), sides and pool of muscles."""
        rng = self.rng
        span = self.targets.levels[condition.name]
        width = min(len(span), rng.randint(2, 4))
        first = rng.randint(0, len(span) - width)
        levels = span[first : first + width]
        roll = rng.random()
        sides = ("left",) if roll < 0.45 else ("right",) if roll < 0.85 else ("left", "right")
        candidates = [t for t in self.targets.limb[condition.name] if t[1] in (*sides, "midline")]
        pool = rng.sample(candidates, min(len(candidates), rng.randint(4, 10)))
        return levels, sides, pool

    # -- one visit ---------------------------------------------------------------
    def _visit(
        self,
        batch: _Batch,
        visit_id: int,
        patient_id: int,
        therapist: int,
        episode_id: int,
        condition: Condition,
        focus: tuple[tuple[SpinalLevel, ...], tuple[str, ...], list],
        day: date,
        pain: int,
    ) -> None:
        rng = self.rng
        levels, sides, pool = focus
        slot = 8 * 60 + 15 * int(rng.random() * 38)  # 08:00 to 17:15
        started = _at(day, slot)
        # Notes are signed the same day; a few drafts are left for later, now and then forgotten.
        age = (self.today - day).days
        signed = not (rng.random() < (0.6 if age == 0 else 0.01 if age <= 14 else 0))
        signed_at = started + timedelta(minutes=rng.randint(40, 90)) if signed else None
        level_text = f"{levels[0]}–{levels[-1]}"

        findings = rng.sample(pool, min(len(pool), rng.randint(2, 8)))
        for key, side in findings:
            severity = 3 if pain >= 7 else 2 if pain >= 4 else 1
            batch.findings.append((visit_id, key, side, severity, "", started, started))

        sites = self._needle_sites(visit_id, levels, sides, findings or pool, started)
        batch.needles.extend(sites)
        precaution = ""
        thorax = [s for s in sites if s[2] in self.targets.thorax]
        if thorax:
            precaution = precautions_to_acknowledge(
                NeedleSite(s[2], Side(s[3]), View(s[4]), s[5], s[6], uid=s[0]) for s in thorax
            )
        if rng.random() < 0.4:
            sign_side = sides[int(rng.random() * len(sides))]
            for kind in rng.sample(EXAM_SIGNS, rng.randint(1, 3)):
                level = levels[int(rng.random() * len(levels))].value
                batch.signs.append((visit_id, level, sign_side, kind, "", started))
        after = max(0, pain - rng.randint(1, 3))
        sleep = "good" if pain < 5 else "broken"
        batch.visits.append(
            (
                visit_id,
                patient_id,
                therapist,
                started,
                "draft",  # signed below, once its children are in
                signed_at,
                therapist if signed else None,
                _pick(rng, SUBJECTIVE).format(before=pain, sleep=sleep),
                _pick(rng, OBJECTIVE).format(levels=level_text),
                _pick(rng, ASSESSMENT).format(levels=level_text),
                _pick(rng, PLAN).format(levels=level_text),
                pain,
                after,
                len(sites),
                len(sites),
                episode_id,
                precaution,
                signed_at if precaution and signed else None,
                started,
                signed_at or started,
            )
        )
        if rng.random() < 0.004:
            kind, description, action = _pick(rng, ADVERSE)
            batch.events.append(
                (visit_id, therapist, started + timedelta(hours=1), kind, description, action)
            )
        if signed_at is not None and rng.random() < 0.003:
            reason, note = _pick(rng, AMENDMENTS)
            batch.amendments.append(
                (visit_id, therapist, signed_at + timedelta(days=1), reason, note)
            )

    def _needle_sites(
        self,
        visit_id: int,
        levels: tuple[SpinalLevel, ...],
        sides: tuple[str, ...],
        muscles: list[tuple[str, str]],
        started: datetime,
    ) -> list[tuple[Any, ...]]:
        """5–20 sites: the paraspinals at the involved levels, then the shortened muscles."""
        rng = self.rng
        count = 5 + min(15, int(16 * rng.betavariate(3.2, 1.0)))
        targets = [
            (self.targets.paraspinal[(level, side)], side)
            for level in levels
            for side in sides
            if (level, side) in self.targets.paraspinal
        ]
        muscles = muscles or targets  # a condition without limb muscles: paraspinals only
        while len(targets) < count:
            targets.append(muscles[int(rng.random() * len(muscles))])
        sites = []
        places = self.targets.places
        for index, (key, side) in enumerate(targets[:count]):
            place = places[(key, side)]
            depth = round(10 + rng.random() * 40, 1)
            length = 30 if depth < 20 else 40 if depth < 30 else 50 if depth < 40 else 60
            roll = rng.random()
            sites.append(
                (
                    f"{visit_id:010x}{index:02x}{rng.getrandbits(80):020x}",
                    visit_id,
                    key,
                    side,
                    place.view,
                    place.x + rng.random() - 0.5,  # where it was clicked, near the centre
                    place.y + rng.random() - 0.5,
                    depth,
                    length,
                    "0.25 mm" if roll < 0.7 else "0.30 mm",
                    "grasp" if roll < 0.55 else "twitch" if roll < 0.8 else "none",
                    "",
                    started,
                    started,
                )
            )
        return sites

    def _screen(
        self, batch: _Batch, patient_id: int, visit_id: int, by: int, started: datetime
    ) -> None:
        rng = self.rng
        answers = dict.fromkeys(QUESTION_KEYS, False)
        if rng.random() < 0.15:
            answers[_pick(rng, ("anticoagulants", "needle_phobia", "diabetes", "fainting"))] = True
        batch.screens.append(
            (
                patient_id,
                visit_id,
                by,
                started - timedelta(minutes=5),
                json.dumps(answers, sort_keys=True),
                "",
                True,
                "patient",
                EXPLAINED,
            )
        )

    def _scores(
        self,
        batch: _Batch,
        visit_id: int,
        condition: Condition,
        pain: int,
        started: datetime,
        with_condition_measure: bool,
    ) -> None:
        batch.scores.append((visit_id, "nprs", f"[{pain}]", "[]", float(pain), started))
        if not with_condition_measure or condition.instrument == "nprs":
            return
        instrument = get_instrument(condition.instrument)
        share = pain / 10
        if instrument.direction is Direction.HIGHER_IS_BETTER:
            share = 1 - share
        answers = []
        for _ in range(instrument.item_count):
            spread = instrument.item_max - instrument.item_min
            value = round(instrument.item_min + spread * share + self.rng.uniform(-1, 1))
            answers.append(min(instrument.item_max, max(instrument.item_min, value)))
        result = score(instrument, answers)
        batch.scores.append(
            (visit_id, instrument.key.value, json.dumps(answers), "[]", result.score, started)
        )


def _course_length(rng: random.Random) -> int:
    """Visits planned for an episode: 1 to 15, about seven the most common."""
    while True:
        planned = round(rng.lognormvariate(1.9, 0.55))
        if 1 <= planned <= 15:
            return planned


def _at(day: date, minute: int) -> datetime:
    """A wall-clock time on ``day`` in this workstation's zone, as an aware instant."""
    return datetime.combine(day, time(minute // 60, minute % 60)).astimezone()


def _weighted(rng: random.Random, cumulative: tuple[float, ...]) -> int:
    """An index drawn by cumulative weights (random.choices without its list building)."""
    target = rng.random() * cumulative[-1]
    for index, bound in enumerate(cumulative):
        if target < bound:
            return index
    return len(cumulative) - 1


def _pick(rng: random.Random, options: tuple[Any, ...]) -> Any:
    return options[int(rng.random() * len(options))]
