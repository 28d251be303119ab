"""Marks saved into a visit, undone and redone, and refused once the visit is signed."""

import time
from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import RecordLocked, ValidationError
from imsdesk.services.mark_commands import SetFinding, SetNeedle
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import MuscleFindingRow, NeedleSiteRow, VisitRow


@pytest.fixture
def visit_id(db: Database) -> int:
    therapist = UserService(db).create(UserDetails("t", "T", Role.THERAPIST))
    patient = PatientService(db).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    return VisitService(db).start_draft(patient.id, therapist.id).id


@pytest.fixture
def marks(db: Database) -> MarkService:
    return MarkService(db)


def needle(**changes: object) -> NeedleSite:
    fields: dict[str, object] = {
        "muscle_key": "gluteus_medius",
        "side": Side.LEFT,
        "view": View.POSTERIOR,
        "x": 140.5,
        "y": 410.25,
        "depth_mm": 35.0,
        "length_mm": 50,
        "gauge": "0.30 mm",
        "response": Response.GRASP,
    }
    fields.update(changes)
    return NeedleSite(**fields)  # type: ignore[arg-type]


def test_findings_and_needles_read_back_exactly(marks: MarkService, visit_id: int):
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED))
    marks.put_finding(visit_id, MuscleFinding("tibialis_anterior", Side.RIGHT, note="taut band"))
    site = marks.put_needle(visit_id, needle())
    stored = marks.marks(visit_id)
    assert stored.finding("gluteus_medius", Side.RIGHT).severity is Severity.MARKED
    assert stored.finding("gluteus_medius", Side.LEFT) is None
    assert stored.finding("tibialis_anterior", Side.RIGHT).note == "taut band"
    assert stored.needles == (site,)


def test_regrading_a_muscle_keeps_one_finding(marks: MarkService, visit_id: int):
    for severity in (Severity.MILD, Severity.MODERATE, Severity.MARKED):
        marks.put_finding(visit_id, MuscleFinding("soleus", Side.LEFT, severity))
    assert [f.severity for f in marks.marks(visit_id).findings] == [Severity.MARKED]


@pytest.mark.parametrize(
    ("mark", "words"),
    [
        (MuscleFinding("gluteus_maximal", Side.LEFT), "not a muscle in the atlas"),
        (MuscleFinding("soleus", Side.MIDLINE), "not midline"),
        (MuscleFinding("soleus", Side.LEFT, note="a\x00b"), "control characters"),
        (MuscleFinding("soleus", Side.LEFT, note="x" * 2001), "at most 2000"),
        (needle(depth_mm=0.0), "more than 0"),
        (needle(depth_mm=400.0), "at most 150"),
        (needle(length_mm=47), "Needle length is one of"),
        (needle(x=float("nan")), "point on the map"),
        (needle(muscle_key="soleus", view=View.ANTERIOR), "not drawn in the anterior view"),
    ],
)
def test_bad_marks_are_refused_with_a_reason(marks: MarkService, visit_id: int, mark, words):
    put = marks.put_finding if isinstance(mark, MuscleFinding) else marks.put_needle
    with pytest.raises(ValidationError, match=words):
        put(visit_id, mark)
    assert marks.marks(visit_id) == marks.marks(visit_id).__class__()


def test_undo_and_redo_round_trip_through_the_database(marks: MarkService, visit_id: int):
    first = MuscleFinding("piriformis", Side.LEFT, Severity.MILD)
    worse = MuscleFinding("piriformis", Side.LEFT, Severity.MARKED)
    site = needle()
    moved = needle(uid=site.uid, x=150.0, response=Response.TWITCH)
    history = [
        SetFinding(visit_id, "piriformis", Side.LEFT, None, first),
        SetFinding(visit_id, "piriformis", Side.LEFT, first, worse),
        SetNeedle(visit_id, None, site),
        SetNeedle(visit_id, site, moved),
        SetNeedle(visit_id, moved, None),
    ]
    snapshots = [marks.marks(visit_id)]
    for command in history:
        command.apply(marks)
        snapshots.append(marks.marks(visit_id))
    assert snapshots[-2].needles == (moved,)
    for command, expected in zip(reversed(history), reversed(snapshots[:-1]), strict=True):
        command.revert(marks)
        assert marks.marks(visit_id) == expected
    for command, expected in zip(history, snapshots[1:], strict=True):
        command.apply(marks)
        assert marks.marks(visit_id) == expected


def test_a_signed_visit_refuses_every_change(db: Database, marks: MarkService, visit_id: int):
    marks.put_finding(visit_id, MuscleFinding("soleus", Side.LEFT))
    with db.transaction() as session:
        session.execute(update(VisitRow).where(VisitRow.id == visit_id).values(status="signed"))
    before = marks.marks(visit_id)
    for change in (
        lambda: marks.put_finding(visit_id, MuscleFinding("soleus", Side.LEFT, Severity.MARKED)),
        lambda: marks.remove_finding(visit_id, "soleus", Side.LEFT),
        lambda: marks.put_needle(visit_id, needle()),
    ):
        with pytest.raises(RecordLocked):
            change()
    assert marks.marks(visit_id) == before


def test_copy_forward_brings_the_previous_visit_in_as_one_undoable_step(
    db: Database, marks: MarkService, visit_id: int
):
    from datetime import timedelta

    from imsdesk.services.mark_commands import ReplaceMarks

    visits = VisitService(db)
    today = visits.get(visit_id)
    earlier = visits.start_draft(
        today.patient_id, today.therapist_id, started_at=today.started_at - timedelta(days=7)
    )
    marks.put_finding(earlier.id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED))
    old_site = marks.put_needle(earlier.id, needle())
    assert marks.previous_marks(earlier.id) is None
    assert marks.previous_marks(visit_id)[0] == earlier.id
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MILD))

    proposal = marks.copied_forward(visit_id)
    # Today's grading wins; the needle comes across as a new site of this visit.
    assert proposal.finding("gluteus_medius", Side.RIGHT).severity is Severity.MILD
    assert len(proposal.needles) == 1 and proposal.needles[0].uid != old_site.uid
    command = ReplaceMarks(visit_id, marks.marks(visit_id), proposal)
    command.apply(marks)
    assert marks.marks(visit_id) == proposal
    assert marks.marks(earlier.id).needles == (old_site,)  # the earlier visit is untouched
    command.revert(marks)
    assert len(marks.marks(visit_id).needles) == 0


def test_a_visit_without_marks_reads_empty_and_a_missing_one_is_reported(
    marks: MarkService, visit_id: int
):
    from imsdesk.domain.marks import VisitMarks
    from imsdesk.services.errors import NotFound

    assert marks.marks(visit_id) == VisitMarks()
    with pytest.raises(NotFound, match="No visit with id 9999"):
        marks.marks(9999)


def test_each_mark_keeps_the_time_it_was_saved(db: Database, marks: MarkService, visit_id: int):
    # The statements a click runs are compiled once: a time worked out then would stamp
    # every later mark with it.
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT))
    time.sleep(0.01)
    marks.put_needle(visit_id, needle())
    time.sleep(0.01)
    marks.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT, Severity.MARKED))
    with db.reading() as session:
        finding = session.scalars(select(MuscleFindingRow)).one()
        site = session.scalars(select(NeedleSiteRow)).one()
    assert finding.created_at < site.created_at < finding.updated_at
    assert site.created_at == site.updated_at


def test_a_click_whose_audit_row_is_refused_saves_no_mark(db: Database, visit_id: int):
    # The mark and its audit row are one transaction on the driver's connection: the
    # mark is written first, so a refused audit row must take it back with it.
    nobody = MarkService(db, acting=ActingUser(10_000))  # no such user: the row is refused
    with pytest.raises(IntegrityError):
        nobody.put_finding(visit_id, MuscleFinding("gluteus_medius", Side.LEFT), expected=None)
    assert MarkService(db).marks(visit_id).findings == ()
