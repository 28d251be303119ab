"""What encryption at rest (SQLCipher) costs, against the same demo clinic left plain.

Both files are made in this run from the same demo data and measured alternately, so the
figures that matter are the ratios encrypted/plain:
- opening a connection: SQLCipher derives the key from the passphrase each time a
  connection reads its first page (PBKDF2-HMAC-SHA512, 256,000 iterations);
- the app's start on the database (open, checks, the backup on start);
- saving a mark on the body map (one committed row), and the patient list's query.

    .venv/bin/python benchmarks/encryption.py [--patients 1000] [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
from contextlib import closing
from pathlib import Path

from integrity_backup import median_ms  # warms once, then the median of the runs

from imsdesk.domain.anatomy import View
from imsdesk.domain.artwork import load_view
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.marks import MarkService
from imsdesk.services.patients import PatientService
from imsdesk.services.users import UserService
from imsdesk.services.visits import VisitService
from imsdesk.store.cipher_swap import re_encrypt
from imsdesk.store.encryption import connect_keyed, use_passphrase
from imsdesk.store.sqlite_file import read_only

PASSPHRASE = "lantern orchard seventeen"


def first_read(path: Path, encrypted: bool) -> None:
    if encrypted:
        connection = connect_keyed(path, PASSPHRASE, read_only=True, timeout=5)
    else:
        connection = read_only(path)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()


def start(path: Path) -> None:
    open_clinic_database(str(path), back_up_on_open=True).db.close()


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
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

        rows = []
        for name, plain_work, encrypted_work, runs in (
            (
                "first read of a new connection",
                lambda: first_read(plain, False),
                lambda: first_read(encrypted, True),
                args.runs,
            ),
            ("start: open, checks, backup", lambda: start(plain), lambda: start(encrypted), 5),
        ):
            plain_ms, encrypted_ms = [], []
            for _ in range(3):  # alternate, so that a busy moment hits both alike
                plain_ms.append(median_ms(plain_work, runs))
                encrypted_ms.append(median_ms(encrypted_work, runs))
            rows.append((name, statistics.median(plain_ms), statistics.median(encrypted_ms)))
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
