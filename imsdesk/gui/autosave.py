"""Saving each field shortly after it changes, so a crash loses at most about a second."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from imsdesk.services.edit_conflicts import EditConflict
from imsdesk.services.errors import ServiceError, StoreError, ValidationError

AUTOSAVE_DELAY_MS = 600
RETRY_MS = 10_000  # after a full disk or a lost server, the next try comes by itself
KEPT = "What you typed stays here and is saved by itself once it can be."


class Autosaver(QObject):
    """Collects changed fields and saves each in its own transaction after a short pause."""

    saved = Signal(str)  # field
    failed = Signal(str, str)  # field, message for a person
    # field, EditConflict: saved elsewhere too; the value stays in the form, not pending
    conflicted = Signal(str, object)

    def __init__(
        self,
        save: Callable[[str, object], None],
        parent: QObject | None = None,
        delay_ms: int = AUTOSAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: dict[str, object] = {}
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        self.retry_timer = QTimer(self, singleShot=True, interval=RETRY_MS)
        self.retry_timer.timeout.connect(self.flush)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, field: str, value: object) -> None:
        self._pending[field] = value
        self._timer.start()

    def discard(self, field: str) -> None:
        """Forget an unsaved value (it was invalid and the form says so)."""
        self._pending.pop(field, None)

    def flush(self) -> bool:
        """Save everything pending now; True when all of it reached the database."""
        self._timer.stop()
        self.retry_timer.stop()
        all_saved = True
        for field, value in list(self._pending.items()):
            try:
                self._save(field, value)
            except EditConflict as conflict:
                self.conflicted.emit(field, conflict)
                all_saved = False
            except ValidationError as error:
                self.failed.emit(field, error.problems.get(field, str(error)))
                all_saved = False
            except StoreError as error:
                self.failed.emit(field, f"{error} {KEPT}")
                all_saved = False
                self.retry_timer.start()  # a full disk or a lost server may come back
                continue  # keep it pending
            except ServiceError as error:
                self.failed.emit(field, str(error))
                all_saved = False
                continue  # keep it pending
            else:
                self.saved.emit(field)
            self._pending.pop(field, None)
        return all_saved
