"""What encryption at rest (SQLCipher) costs, against the same demo clinic left plain.

Both files are made in this run from the same demo data and measured alternately, so the
figures that matter are the ratios encrypted/plain:
- opening a connection once the file's key is known (it is derived from the passphrase
  once per file and process: PBKDF2-HMAC-SHA512, 256,000 iterations, printed apart);
- the app's start on the database, each in a new process (imports not timed): the
  passphrase, the early read and quick check before sign-in, opening the database and
  the backup on start;
- saving a mark on the body map (one committed row), and the patient list's query.

    .venv/bin/python benchmarks/encryption.py [--patients 1000] [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from integrity_backup import median_ms  # warms once, then the median of the runs

from imsdesk.domain.anatomy import View
from imsdesk.domain.artwork import load_view
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.services.backups import BackupService
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.early_read import damage_at_start, peek_sign_in_ready, unlock
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.cipher_swap import re_encrypt
from imsdesk.store.encryption import connect_keyed, derive_key, use_passphrase
from imsdesk.store.sqlite_file import read_only

PASSPHRASE = "lantern orchard seventeen"


def first_read(path: Path, encrypted: bool) -> None:
    if encrypted:
        connection = connect_keyed(path, PASSPHRASE, read_only=True, timeout=5)
    else:
        connection = read_only(path)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()


def start_in_this_process(path: Path, encrypted: bool) -> float:
    """Ms from the passphrase (if any) to the database open and backed up, as the app does."""
    started = time.perf_counter()
    if encrypted:
        unlock(path, PASSPHRASE)
    peek_sign_in_ready(str(path))
    damage_at_start(str(path))
    opened = open_clinic_database(str(path))
    try:
        BackupService(opened.db).back_up("start", path.parent / "backups")
    finally:
        opened.db.close()
    return (time.perf_counter() - started) * 1000


def start(path: Path, encrypted: bool) -> float:
    """A start in a new process, as the app's: nothing derived or checked before it."""
    command = [sys.executable, __file__, "--start-once", str(path)]
    done = subprocess.run(
        [*command, "--encrypted"] if encrypted else command,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def median_reported(measure: Callable[[], float], runs: int) -> float:
    """As median_ms, for work that reports its own time."""
    measure()
    return statistics.median(measure() for _ in range(runs))


def everyday_work(path: Path, runs: int) -> tuple[float, float]:
    """Median ms of a mark save (each on a muscle not yet marked, in a new draft visit) and
    of the list's query."""
    opened = open_clinic_database(str(path))
    try:
        db = opened.db
        therapist = UserService(db).by_username("demo.therapist")
        patients = PatientService(db)
        visit = VisitService(db).start_draft(patients.search("", limit=1)[0].id, therapist.id)
        marks = MarkService(db)
        targets = iter([(r.muscle_key, r.side) for r in load_view(View.POSTERIOR).regions])

        def save_mark() -> None:
            key, side = next(targets)
            marks.put_finding(visit.id, MuscleFinding(key, side, Severity.MODERATE))

        save = median_ms(save_mark, runs)
        listing = median_ms(lambda: patients.search("", limit=200), runs)
    finally:
        opened.db.close()
    return save, listing


def alternated(
    name: str, plain: Callable[[], float], encrypted: Callable[[], float]
) -> tuple[str, float, float]:
    """The medians of three rounds, plain then encrypted, so a busy moment hits both alike."""
    rounds = [(plain(), encrypted()) for _ in range(3)]
    return name, statistics.median(p for p, _ in rounds), statistics.median(e for _, e in rounds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--start-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--encrypted", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.start_once:
        print(start_in_this_process(args.start_once, args.encrypted))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain" / "clinic.sqlite"
        plain.parent.mkdir()
        opened = open_clinic_database(str(plain))
        generate_demo_data(opened.db, patients=args.patients)
        opened.db.close()
        encrypted = Path(folder) / "encrypted" / "clinic.sqlite"
        encrypted.parent.mkdir()
        shutil.copy(plain, encrypted)
        re_encrypt(encrypted, None, PASSPHRASE)
        use_passphrase(PASSPHRASE)
        with closing(sqlite3.connect(plain)) as connection:
            version = connection.execute("SELECT sqlite_version()").fetchone()[0]
        with closing(connect_keyed(encrypted, PASSPHRASE, read_only=True, timeout=5)) as keyed:
            cipher = keyed.execute("PRAGMA cipher_version").fetchone()[0]
        salt = encrypted.read_bytes()[:16]
        derivation = median_ms(lambda: derive_key(PASSPHRASE, salt), 5)

        rows = [
            alternated(
                "first read of a new connection",
                lambda: median_ms(lambda: first_read(plain, False), args.runs),
                lambda: median_ms(lambda: first_read(encrypted, True), args.runs),
            ),
            alternated(
                "start: open, checks, backup",
                lambda: median_reported(lambda: start(plain, False), 5),
                lambda: median_reported(lambda: start(encrypted, True), 5),
            ),
        ]
        rounds = [
            (everyday_work(plain, args.runs), everyday_work(encrypted, args.runs))
            for _ in range(3)  # alternating, as above
        ]
        for index, name in enumerate(("save a mark (one committed row)", "patient list (200)")):
            rows.append(
                (
                    name,
                    statistics.median(p[index] for p, _ in rounds),
                    statistics.median(e[index] for _, e in rounds),
                )
            )

    print(f"SQLite {version} (plain) against SQLCipher {cipher}, {args.patients} demo patients")
    print(f"{'measure':<36}{'plain':>10}{'encrypted':>12}{'ratio':>8}")
    for name, plain_ms, encrypted_ms in rows:
        print(
            f"{name:<36}{plain_ms:>8.1f}ms{encrypted_ms:>10.1f}ms{encrypted_ms / plain_ms:>7.1f}x"
        )
    print(f"deriving the key from the passphrase, once per file and process: {derivation:.0f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
