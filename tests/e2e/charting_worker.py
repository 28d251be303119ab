"""A workstation that charts until it is killed, for the crash test.

    python -m tests.e2e.charting_worker DB LOG THERAPIST_ID PATIENT_ID

Imports everything once, then for each line read on stdin forks a fresh process that opens
DB and charts in a loop through the services (start a visit, mark three shortened muscles,
save the note twice; each edit its own transaction). After each commit the edit is appended
to LOG and the log is flushed to disk, so a line in LOG is an edit the database promised to
keep. The worker prints the charting process's id, waits for it to die (the test kills it),
prints "died", and reads the next line. Forking keeps each round fast: no import per round.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from imsdesk.domain.anatomy import Side, load_atlas
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.database import open_clinic_database
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visit_record import VisitRecordService
from imsdesk.services.visits import VisitService

MUSCLES = ("gluteus_medius", "piriformis", "quadratus_lumborum", "gluteus_minimus")
OPENED = "opened"


def chart_until_killed(database: Path, log: Path, therapist_id: int, patient_id: int) -> None:
    atlas = load_atlas()
    worker = os.getppid()
    handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def committed(*edit: object) -> None:
        # One write per line: a kill cannot leave half a line; fsync: the line is on disk.
        os.write(handle, (" ".join(str(part) for part in edit) + "\n").encode())
        os.fsync(handle)

    opened = open_clinic_database(str(database))
    visits, records = VisitService(opened.db), VisitRecordService(opened.db)
    marks = MarkService(opened.db, atlas)
    committed(OPENED)
    edit = 0
    while os.getppid() == worker:  # never outlive the worker, whatever happens to the test
        visit = visits.start_draft(patient_id, therapist_id)
        committed("visit", visit.id)
        for number, muscle in enumerate(MUSCLES[:3]):
            side = Side.LEFT if (visit.id + number) % 2 else Side.RIGHT
            severity = Severity(number + 1)
            marks.put_finding(visit.id, MuscleFinding(muscle, side, severity, note=f"v{visit.id}"))
            committed("finding", visit.id, muscle, side.value, int(severity))
        for _ in range(2):
            edit += 1
            records.save_field(visit.id, "subjective", f"{os.getpid()}:{edit} " + "note " * 50)
            committed("note", visit.id, os.getpid(), edit)


def warm_up() -> None:
    """Chart once on a scratch file, so each fork starts with SQLAlchemy's set-up done."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = open_clinic_database(str(Path(folder) / "scratch.sqlite"))
        therapist = UserService(scratch.db).create(UserDetails("warm", "Warm Up", Role.THERAPIST))
        patient = PatientService(scratch.db).create(
            PatientDetails("1", "Up", "Warm", date(1970, 1, 1))
        )
        visit = VisitService(scratch.db).start_draft(patient.id, therapist.id)
        MarkService(scratch.db).put_finding(visit.id, MuscleFinding(MUSCLES[0], Side.LEFT))
        VisitRecordService(scratch.db).save_field(visit.id, "subjective", "warm")
        scratch.db.close()  # no connection is carried into the forks


def main(arguments: list[str]) -> None:
    database, log = Path(arguments[0]), Path(arguments[1])
    therapist_id, patient_id = int(arguments[2]), int(arguments[3])
    warm_up()
    for _request in sys.stdin:
        child = os.fork()
        if child == 0:
            try:
                chart_until_killed(database, log, therapist_id, patient_id)
            finally:
                os._exit(0)
        print(child, flush=True)
        os.waitpid(child, 0)
        print("died", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
