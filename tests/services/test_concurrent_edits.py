"""Two workstations on one clinic database: a second save of the same draft is detected.

Each workstation is its own Database (its own engine and connections), on SQLite and on a
real PostgreSQL server, as two treatment rooms sharing the clinic's database would be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import text

from imsdesk.domain.adverse_events import AdverseEvent, AdverseEventKind
from imsdesk.domain.anatomy import Region, Side, SpinalLevel
from imsdesk.domain.draft_findings import DraftFindings
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.domain.pain_areas import PainArea
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.domain.users import Role, UserDetails
from imsdesk.domain.visits import VisitStatus
from imsdesk.services.adverse_events import AdverseEventService
from imsdesk.services.database import open_clinic_database
from imsdesk.services.edit_conflicts import EditConflict, MarkConflict, SigningStale
from imsdesk.services.errors import RecordLocked, StoreError
from imsdesk.services.exam_signs import ExamSignService
from imsdesk.services.mark_commands import ReplaceMarks, SetFinding, SetNeedle
from imsdesk.services.marks import MarkService
from imsdesk.services.outcomes import OutcomeService
from imsdesk.services.pain_areas import PainAreaService
from imsdesk.services.patients import PatientService
from imsdesk.services.record_editor import RecordEditor
from imsdesk.services.users import UserService
from imsdesk.services.visit_access import require_draft, visit_row
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService
from imsdesk.store.database import Database
from imsdesk.store.models import ExamSignRow, PainAreaRow
from tests.services.test_marks import needle
from tests.support.charting import record_clear_screen


@dataclass
class Room:
    """One workstation: its own connection to the clinic database, and who is signed in."""

    db: Database
    records: VisitRecordService
    marks: MarkService
    user_id: int


@dataclass
class Clinic:
    one: Room
    two: Room
    visit_id: int


@pytest.fixture
def clinic(any_url: str) -> Iterator[Clinic]:
    first = open_clinic_database(any_url).db
    second = open_clinic_database(any_url).db  # a second engine: the other treatment room
    users = UserService(first)
    alex = users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST))
    sam = users.create(UserDetails("slee", "Sam Lee", Role.THERAPIST))
    patient = PatientService(first).create(PatientDetails("1", "Doe", "Jane", date(1970, 1, 1)))
    visit = VisitService(first).start_draft(patient.id, alex.id)
    record_clear_screen(first, patient.id, alex.id)
    yield Clinic(
        Room(
            first, VisitRecordService(first, workstation_name="ROOM-1"), MarkService(first), alex.id
        ),
        Room(
            second,
            VisitRecordService(second, workstation_name="ROOM-2"),
            MarkService(second),
            sam.id,
        ),
        visit.id,
    )
    first.close()
    second.close()


def editor(room: Room, visit_id: int) -> RecordEditor:
    """A visit screen opening the draft: it reads the record as saved now."""
    return RecordEditor(room.records, room.records.record(visit_id), room.user_id)


PLAN_ONE = "IMS weekly x 4; review in 7 days. Home: hip flexor stretch 3x30 s."
PLAN_TWO = "IMS weekly; add L4-L5 paraspinals next visit. Review after 4 sessions."


def test_second_save_of_the_same_field_gets_both_versions_and_resolving_saves_the_choice(
    clinic: Clinic,
):
    one, two = editor(clinic.one, clinic.visit_id), editor(clinic.two, clinic.visit_id)
    start = one.saved.version
    assert two.saved.version == start

    one.edited("plan")
    one.save("plan", PLAN_ONE)  # first save wins
    two.edited("plan")
    with pytest.raises(EditConflict) as raised:
        two.save("plan", PLAN_TWO)

    conflict = raised.value
    assert (conflict.conflict.base, conflict.conflict.mine, conflict.conflict.theirs) == (
        "",
        PLAN_TWO,
        PLAN_ONE,
    )
    assert conflict.current.version == start + 1
    assert (conflict.current.saved_by, conflict.current.saved_on) == ("Alex Morgan", "ROOM-1")
    assert "Alex Morgan on ROOM-1" in str(conflict)
    saved_now = clinic.one.records.record(clinic.visit_id)
    assert (saved_now.plan, saved_now.version) == (PLAN_ONE, start + 1)  # nothing overwritten

    merged = PLAN_ONE + " Add L4-L5 paraspinals next visit."
    two.resolve(conflict, merged)
    resolved = clinic.one.records.record(clinic.visit_id)
    assert (resolved.plan, resolved.version) == (merged, start + 2)
    assert (resolved.saved_by, resolved.saved_on) == ("Sam Lee", "ROOM-2")

    # The first workstation has not seen the merge: its next plan edit is a conflict too.
    one.edited("plan")
    with pytest.raises(EditConflict):
        one.save("plan", PLAN_ONE + " Ice after.")
    assert clinic.one.records.record(clinic.visit_id).plan == merged


def test_edits_to_different_fields_are_merged_and_taken_in(clinic: Clinic):
    one, two = editor(clinic.one, clinic.visit_id), editor(clinic.two, clinic.visit_id)
    one.edited("subjective")
    assert one.save("subjective", "Low back pain 6/10, worse sitting.") == ()
    two.edited("plan")
    taken = two.save("plan", PLAN_TWO)  # saved on the new version, no conflict
    assert taken == ("subjective",)
    assert two.saved.subjective == "Low back pain 6/10, worse sitting."
    two.edited("pain_before")
    assert two.save("pain_before", 6) == ()  # two now knows the newest version: one statement
    record = clinic.one.records.record(clinic.visit_id)
    assert (record.subjective, record.plan, record.pain_before) == (
        "Low back pain 6/10, worse sitting.",
        PLAN_TWO,
        6,
    )
    assert record.version == one.saved.version + 2


def test_the_same_change_on_both_is_not_a_conflict(clinic: Clinic):
    one, two = editor(clinic.one, clinic.visit_id), editor(clinic.two, clinic.visit_id)
    one.edited("needles_used")
    one.save("needles_used", 12)
    version = clinic.one.records.record(clinic.visit_id).version
    two.edited("needles_used")
    two.save("needles_used", 12)
    assert clinic.one.records.record(clinic.visit_id).version == version  # nothing to write


def test_a_field_being_typed_here_is_not_taken_in_nor_written_over(clinic: Clinic):
    one, two = editor(clinic.one, clinic.visit_id), editor(clinic.two, clinic.visit_id)
    two.edited("plan")  # typing the plan at room 2, not saved yet
    one.edited("plan")
    one.save("plan", PLAN_ONE)
    one.edited("subjective")
    one.save("subjective", "R leg ache since Tuesday.")
    two.edited("objective")
    taken = two.save("objective", "R gluteus medius tender, taut band.")
    assert taken == ("subjective",)  # the plan is being typed here: left as typed
    assert two.saved.plan == PLAN_ONE  # though the saved state is known
    with pytest.raises(EditConflict) as raised:
        two.save("plan", PLAN_TWO)
    assert raised.value.conflict.base == ""  # what room 2 started typing on
    assert clinic.one.records.record(clinic.visit_id).plan == PLAN_ONE


def test_a_save_after_the_visit_was_signed_elsewhere_is_refused(clinic: Clinic):
    one, two = editor(clinic.one, clinic.visit_id), editor(clinic.two, clinic.visit_id)
    for field in ("needles_used", "needles_removed"):
        one.edited(field)
        one.save(field, 0)
    clinic.one.records.sign(clinic.visit_id, clinic.one.user_id, seen=one.saved)
    two.edited("plan")
    with pytest.raises(RecordLocked, match="signed by Alex Morgan"):
        two.save("plan", PLAN_TWO)
    assert clinic.two.records.record(clinic.visit_id).plan == ""


def ready_to_sign(room: Room, visit_id: int) -> RecordEditor:
    typing = editor(room, visit_id)
    for field, value in [("needles_used", 2), ("needles_removed", 2), ("pain_after", 3)]:
        typing.edited(field)
        typing.save(field, value)
    return typing


def test_signing_a_draft_changed_elsewhere_signs_nothing_and_says_what_changed(clinic: Clinic):
    one = ready_to_sign(clinic.one, clinic.visit_id)
    seen_marks = clinic.one.marks.marks(clinic.visit_id)
    two = editor(clinic.two, clinic.visit_id)
    two.edited("pain_after")
    two.save("pain_after", 4)
    with pytest.raises(SigningStale) as raised:
        clinic.one.records.sign(
            clinic.visit_id, clinic.one.user_id, seen=one.saved, seen_marks=seen_marks
        )
    assert raised.value.fields == ("pain_after",)
    assert "pain after" in str(raised.value) and "Sam Lee on ROOM-2" in str(raised.value)
    assert clinic.one.records.record(clinic.visit_id).visit.status is VisitStatus.DRAFT

    assert one.adopt(raised.value.current) == ("pain_after",)  # the screen shows it
    signed = clinic.one.records.sign(
        clinic.visit_id, clinic.one.user_id, seen=one.saved, seen_marks=seen_marks
    )
    assert (signed.visit.status, signed.pain_after) == (VisitStatus.SIGNED, 4)


def test_signing_after_a_mark_added_elsewhere_signs_nothing(clinic: Clinic):
    one = ready_to_sign(clinic.one, clinic.visit_id)
    seen_marks = clinic.one.marks.marks(clinic.visit_id)
    clinic.two.marks.put_finding(
        clinic.visit_id, MuscleFinding("tibialis_anterior", Side.RIGHT), expected=None
    )
    with pytest.raises(SigningStale, match="1 shortened muscle added"):
        clinic.one.records.sign(
            clinic.visit_id, clinic.one.user_id, seen=one.saved, seen_marks=seen_marks
        )
    assert clinic.one.records.record(clinic.visit_id).visit.status is VisitStatus.DRAFT


def test_my_own_saves_do_not_stand_in_the_way_of_signing(clinic: Clinic):
    one = ready_to_sign(clinic.one, clinic.visit_id)
    SetFinding(
        clinic.visit_id,
        "gluteus_medius",
        Side.RIGHT,
        None,
        MuscleFinding("gluteus_medius", Side.RIGHT),
    ).apply(clinic.one.marks)
    signed = clinic.one.records.sign(
        clinic.visit_id,
        clinic.one.user_id,
        seen=one.saved,
        seen_marks=clinic.one.marks.marks(clinic.visit_id),
    )
    assert signed.visit.status is VisitStatus.SIGNED
    assert signed.version == one.saved.version + 1
    assert (signed.saved_by, signed.saved_on) == ("Alex Morgan", "ROOM-1")


def test_a_mark_placed_while_signing_waits_for_the_signature_or_stops_it(clinic: Clinic):
    """Room 2 is saving a needle site (its transaction open) when room 1 signs: the
    signature waits for it and then refuses, or the save waits and is refused; the needle
    never ends up unread under a signature."""
    one = ready_to_sign(clinic.one, clinic.visit_id)
    seen_marks = clinic.one.marks.marks(clinic.visit_id)
    outcome: list[BaseException | None] = []

    def sign() -> None:
        try:
            clinic.one.records.sign(
                clinic.visit_id, clinic.one.user_id, seen=one.saved, seen_marks=seen_marks
            )
            outcome.append(None)
        except (SigningStale, StoreError) as error:  # SQLite: busy, try again
            outcome.append(error)

    with clinic.two.db.statements() as connection:
        require_draft(connection, clinic.visit_id, "its marks")
        connection.execute(
            text(
                "INSERT INTO needle_sites (uid, visit_id, muscle_key, side, view, x, y, gauge, "
                "note, created_at, updated_at) VALUES ('n1', :visit, 'gluteus_medius', 'right', "
                "'posterior', 140, 410, '', '', '2026-11-20', '2026-11-20')"
            ),
            {"visit": clinic.visit_id},
        )
        signer = threading.Thread(target=sign)
        signer.start()
        signer.join(timeout=0.5)  # blocked on room 2's open transaction
    signer.join(timeout=30)
    assert outcome and outcome[0] is not None
    record = clinic.one.records.record(clinic.visit_id)
    assert record.visit.status is VisitStatus.DRAFT
    assert len(clinic.one.marks.marks(clinic.visit_id).needles) == 1


def test_the_signed_visit_lock_refuses_a_version_bump(clinic: Clinic):
    for field in ("needles_used", "needles_removed"):
        clinic.one.records.save_field(clinic.visit_id, field, 0)
    clinic.one.records.sign(clinic.visit_id, clinic.one.user_id)
    with (
        pytest.raises(Exception, match="signed visits cannot be changed"),
        clinic.two.db.engine.begin() as connection,
    ):
        connection.execute(
            text("UPDATE visits SET version = version + 1 WHERE id = :id"), {"id": clinic.visit_id}
        )


# -- the body map -----------------------------------------------------------------------


def site(**changes: object) -> NeedleSite:
    """A needle site on the right gluteus medius, its depth and response not noted yet."""
    return needle(**{"side": Side.RIGHT, "depth_mm": None, "response": None, **changes})


GLUT = MuscleFinding("gluteus_medius", Side.RIGHT)
TIB = MuscleFinding("tibialis_anterior", Side.RIGHT)


def mark(room: Room, visit_id: int, before: MuscleFinding | None, after: MuscleFinding | None):
    target = before or after
    assert target is not None
    SetFinding(visit_id, target.muscle_key, target.side, before, after).apply(room.marks)


def test_different_marks_from_two_workstations_are_all_kept(clinic: Clinic):
    visit = clinic.visit_id
    mark(clinic.one, visit, None, GLUT)
    mark(clinic.two, visit, None, TIB)
    SetNeedle(visit, None, site()).apply(clinic.one.marks)
    SetNeedle(visit, None, site(x=150.0)).apply(clinic.two.marks)
    saved = clinic.one.marks.marks(visit)
    assert {f.muscle_key for f in saved.findings} == {"gluteus_medius", "tibialis_anterior"}
    assert len(saved.needles) == 2


def test_a_finding_changed_elsewhere_is_not_overwritten_by_a_stale_edit(clinic: Clinic):
    visit = clinic.visit_id
    mark(clinic.one, visit, None, GLUT)  # both rooms now show it at severity 1
    moderate = MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MODERATE)
    mark(clinic.two, visit, GLUT, moderate)
    marked = MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MARKED, "taut band")
    with pytest.raises(
        MarkConflict, match=r"Gluteus medius \(right\) was changed.*now severity 2, moderate"
    ) as raised:
        mark(clinic.one, visit, GLUT, marked)
    assert raised.value.saved == moderate
    with pytest.raises(MarkConflict):
        mark(clinic.one, visit, GLUT, None)  # clearing what it no longer is
    assert clinic.one.marks.marks(visit).finding("gluteus_medius", Side.RIGHT) == moderate
    mark(clinic.one, visit, moderate, marked)  # on what is saved now: fine
    assert clinic.two.marks.marks(visit).finding("gluteus_medius", Side.RIGHT) == marked


def test_the_same_muscle_marked_at_both(clinic: Clinic):
    visit = clinic.visit_id
    mark(clinic.one, visit, None, GLUT)
    mark(clinic.two, visit, None, GLUT)  # the same finding: already saved, no conflict
    with pytest.raises(
        MarkConflict, match=r"changed at another workstation meanwhile \(now severity 1, mild\)"
    ):
        mark(clinic.two, visit, None, MuscleFinding("gluteus_medius", Side.RIGHT, note="tender"))
    assert clinic.one.marks.marks(visit).findings == (GLUT,)


def test_an_undo_does_not_take_away_what_another_workstation_changed(clinic: Clinic):
    visit = clinic.visit_id
    added = SetFinding(visit, GLUT.muscle_key, GLUT.side, None, GLUT)
    added.apply(clinic.one.marks)
    moderate = MuscleFinding("gluteus_medius", Side.RIGHT, Severity.MODERATE)
    mark(clinic.two, visit, GLUT, moderate)
    with pytest.raises(MarkConflict):
        added.revert(clinic.one.marks)
    assert clinic.one.marks.marks(visit).findings == (moderate,)


def test_needle_sites_edited_or_removed_elsewhere(clinic: Clinic):
    visit = clinic.visit_id
    placed = site()
    SetNeedle(visit, None, placed).apply(clinic.one.marks)
    deeper = site(uid=placed.uid, depth_mm=35.0)
    SetNeedle(visit, placed, deeper).apply(clinic.two.marks)
    grasp = site(uid=placed.uid, response=Response.GRASP)
    with pytest.raises(MarkConflict, match="was changed at another workstation") as raised:
        SetNeedle(visit, placed, grasp).apply(clinic.one.marks)
    assert raised.value.saved == deeper
    SetNeedle(visit, deeper, None).apply(clinic.two.marks)
    with pytest.raises(MarkConflict, match="was removed"):
        SetNeedle(visit, deeper, grasp).apply(clinic.one.marks)
    SetNeedle(visit, deeper, None).apply(clinic.one.marks)  # removed at both: no conflict
    assert clinic.one.marks.marks(visit).needles == ()


def test_copy_forward_does_not_replace_marks_it_did_not_see(clinic: Clinic):
    visit = clinic.visit_id
    shown = clinic.one.marks.marks(visit)
    mark(clinic.two, visit, None, TIB)
    proposal = clinic.one.marks.copied_forward(visit) or shown
    with pytest.raises(MarkConflict, match="1 shortened muscle added"):
        ReplaceMarks(visit, shown, proposal).apply(clinic.one.marks)
    assert clinic.one.marks.marks(visit).findings == (TIB,)


# -- the draft's other findings: exam signs, areas of pain, outcome scores ----------------

L5_LEFT_TENDER = ExamSign(SpinalLevel.L5, Side.LEFT, SignKind.TENDER_MOTOR_POINT)
LEFT_BACK = PainArea(Region.BACK, Side.LEFT)


def sign_as_read(room: Room, visit_id: int, typing: RecordEditor, findings: DraftFindings):
    return room.records.sign(
        visit_id,
        room.user_id,
        seen=typing.saved,
        seen_marks=room.marks.marks(visit_id),
        seen_findings=findings,
    )


def test_signing_after_findings_added_elsewhere_signs_nothing_and_says_what(clinic: Clinic):
    visit = clinic.visit_id
    one = ready_to_sign(clinic.one, visit)
    shown = clinic.one.records.findings(visit)
    ExamSignService(clinic.two.db).set_sign(visit, L5_LEFT_TENDER, True)
    PainAreaService(clinic.two.db).set_area(visit, LEFT_BACK, True)
    OutcomeService(clinic.two.db).record(visit, "odi", [2, 1, 3, 2, 1, 2, 1, 0, 2, 2])

    with pytest.raises(SigningStale) as raised:
        sign_as_read(clinic.one, visit, one, shown)
    assert raised.value.findings == (
        "an exam sign was added at L5 left: tender motor point",
        "an area of pain was added: left back",
        "an outcome measure was added: ODI 32",
    )
    message = str(raised.value)
    # Only rows were added: the record's last saver (room one itself) is not named.
    assert message.startswith("This visit was changed at another workstation since you last")
    assert "an exam sign was added at L5 left: tender motor point" in message
    assert clinic.one.records.record(visit).visit.status is VisitStatus.DRAFT

    shown = clinic.one.records.findings(visit)  # the screen reads them again
    assert L5_LEFT_TENDER in shown.exam_signs and LEFT_BACK in shown.pain_areas
    signed = sign_as_read(clinic.one, visit, one, shown)
    assert signed.visit.status is VisitStatus.SIGNED


def test_findings_removed_elsewhere_are_named_too(clinic: Clinic):
    visit = clinic.visit_id
    signs = ExamSignService(clinic.one.db)
    taut = ExamSign(SpinalLevel.L5, Side.LEFT, SignKind.TAUT_BAND)
    for sign in (L5_LEFT_TENDER, taut):
        signs.set_sign(visit, sign, True)
    one = ready_to_sign(clinic.one, visit)
    shown = clinic.one.records.findings(visit)
    for sign in (L5_LEFT_TENDER, taut):
        ExamSignService(clinic.two.db).set_sign(visit, sign, False)
    with pytest.raises(
        SigningStale, match="2 exam signs were removed at L5 left: tender motor point, taut band"
    ):
        sign_as_read(clinic.one, visit, one, shown)
    assert clinic.one.records.record(visit).visit.status is VisitStatus.DRAFT


def test_my_own_findings_and_an_adverse_event_do_not_stand_in_the_way(clinic: Clinic):
    visit = clinic.visit_id
    one = ready_to_sign(clinic.one, visit)
    ExamSignService(clinic.one.db).set_sign(visit, L5_LEFT_TENDER, True)
    PainAreaService(clinic.one.db).set_area(visit, LEFT_BACK, True)
    shown = clinic.one.records.findings(visit)  # what this screen shows after its own ticks
    # An adverse event is recorded against the visit, before or after signing alike: it
    # is not what the signature vouches for, so one noted elsewhere does not stop it.
    event = AdverseEvent(
        AdverseEventKind.FAINTING, "Felt faint after needling.", "Lay flat 10 min."
    )
    AdverseEventService(clinic.two.db).record(visit, clinic.two.user_id, event)
    assert sign_as_read(clinic.one, visit, one, shown).visit.status is VisitStatus.SIGNED


def test_an_exam_sign_saved_while_signing_waits_for_the_signature_or_stops_it(clinic: Clinic):
    """Room 2 is saving an exam sign (its transaction open, the visit share-locked as the
    service does) when room 1 signs: the sign never ends up unread under a signature."""
    visit = clinic.visit_id
    one = ready_to_sign(clinic.one, visit)
    shown = clinic.one.records.findings(visit)
    outcome: list[BaseException | None] = []

    def sign() -> None:
        try:
            sign_as_read(clinic.one, visit, one, shown)
            outcome.append(None)
        except (SigningStale, StoreError) as error:  # SQLite: busy, try again
            outcome.append(error)

    with clinic.two.db.transaction() as session:
        visit_row(session, visit, share_lock=True)  # as the service holds it
        session.add(ExamSignRow(visit_id=visit, level="L5", side="left", kind="taut_band"))
        session.flush()
        signer = threading.Thread(target=sign)
        signer.start()
        signer.join(timeout=0.5)  # blocked on room 2's open transaction
    signer.join(timeout=30)
    assert outcome and outcome[0] is not None
    assert clinic.one.records.record(visit).visit.status is VisitStatus.DRAFT
    assert len(clinic.one.records.findings(visit).exam_signs) == 1


@pytest.mark.parametrize("finding", ["exam sign", "area of pain", "outcome measure"])
def test_a_finding_saved_while_the_visit_is_being_signed_is_refused(clinic: Clinic, finding):
    """Room 1's signature is written but not committed when room 2 saves a finding: the
    save waits for the signature and is then refused; the signed visit never gains it."""
    visit = clinic.visit_id
    save = {
        "exam sign": lambda: ExamSignService(clinic.two.db).set_sign(visit, L5_LEFT_TENDER, True),
        "area of pain": lambda: PainAreaService(clinic.two.db).set_area(visit, LEFT_BACK, True),
        "outcome measure": lambda: OutcomeService(clinic.two.db).record(visit, "nprs", [6]),
    }[finding]
    with clinic.one.db.transaction() as session:
        session.execute(
            text(
                "UPDATE visits SET status = 'signed', signed_at = CURRENT_TIMESTAMP, "
                "signed_by_id = :user, version = version + 1 WHERE id = :visit"
            ),
            {"user": clinic.one.user_id, "visit": visit},
        )
        waiting = started_beside(save)  # blocked on the signature's open transaction
    outcome = waiting()
    assert isinstance(outcome, (RecordLocked, StoreError))  # StoreError: SQLite busy
    assert clinic.one.records.findings(visit) == DraftFindings()


@pytest.mark.parametrize("finding", ["exam sign", "area of pain"])
def test_the_same_finding_added_at_both_workstations_at_once_is_recorded_once(
    clinic: Clinic, finding
):
    """Room 1 is adding a finding (not committed yet) when room 2 adds the same one: room 2
    finds it recorded, as asked, instead of an error from the database's unique index."""
    visit = clinic.visit_id
    save, row = {
        "exam sign": (
            lambda: ExamSignService(clinic.two.db).set_sign(visit, L5_LEFT_TENDER, True),
            ExamSignRow(visit_id=visit, level="L5", side="left", kind="tender_motor_point"),
        ),
        "area of pain": (
            lambda: PainAreaService(clinic.two.db).set_area(visit, LEFT_BACK, True),
            PainAreaRow(visit_id=visit, region="back", side="left"),
        ),
    }[finding]
    with clinic.one.db.transaction() as session:
        visit_row(session, visit, share_lock=True)  # as the service holds it
        session.add(row)
        session.flush()
        waiting = started_beside(save)  # waits on room 1's open transaction
    assert waiting() is None
    found = clinic.two.records.findings(visit)
    assert len(found.exam_signs) + len(found.pain_areas) == 1


def started_beside(save: Callable[[], object]) -> Callable[[], Exception | None]:
    """Start ``save`` on another thread (another workstation), give it half a second to
    reach the lock it waits on, and return how to wait for its end: None, or its error."""
    outcome: list[Exception | None] = []

    def saving() -> None:
        try:
            save()
            outcome.append(None)
        except Exception as error:  # what the person would see instead
            outcome.append(error)

    saver = threading.Thread(target=saving)
    saver.start()
    saver.join(timeout=0.5)

    def finished() -> Exception | None:
        saver.join(timeout=30)
        assert outcome, "the save never finished"
        return outcome[0]

    return finished
