"""A damaged database at start: say so plainly and offer the latest good backup."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from imsdesk.services.errors import DamagedDatabase, StoreError

TITLE = "The clinic database is damaged"


def offer_latest_backup(damage: DamagedDatabase, db_url: str | None) -> bool:
    """Restore the latest good backup once the user agrees; False when the app cannot go on.

    The damaged file is kept beside the restored one, untouched, for whoever repairs it.
    """
    found = (
        f"<p><b>{escape(str(damage.path))}</b> failed SQLite's integrity check: "
        f"{escape(damage.problem)}</p>"
        "<p>imsdesk has not written to it.</p>"
    )
    backup = damage.latest_good_backup
    if backup is None:
        QMessageBox.critical(
            None,
            TITLE,
            found + "<p>No good backup was found. Keep the file as it is and ask whoever looks "
            "after the clinic's computers to recover it.</p>",
        )
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, found)
    box.setInformativeText(
        f"The latest good backup was made {_when(backup)}:\n{backup}\n\n"
        "Restore it? Anything charted after that backup is not in it. The damaged file is "
        "kept beside the database, renamed."
    )
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    from imsdesk.services.restore import restore_backup  # loads SQLAlchemy: only when needed

    try:
        restored = restore_backup(backup, db_url)
    except StoreError as error:
        QMessageBox.critical(None, "imsdesk could not restore the backup", str(error))
        return False
    QMessageBox.information(
        None,
        "Backup restored",
        f"The backup made {_when(backup)} is now the clinic database.\n\n"
        f"The damaged file was kept as {restored.kept_aside}.",
    )
    return True


def _when(backup: Path) -> str:
    from imsdesk.services.backups import backup_taken_at

    taken_at = backup_taken_at(backup)
    if taken_at is None:
        return "at an unknown time"
    return f"on {taken_at.astimezone():%A %d %B %Y at %H:%M}"
