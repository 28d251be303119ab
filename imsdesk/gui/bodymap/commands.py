"""QUndoCommands that are thin wrappers round the core's Qt-free mark commands.

redo() is apply(), undo() is revert(): each is one saved MarkService transaction. The
first redo() is skipped because the panel applies a command before pushing it, so a
refused edit never reaches the undo history.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.mark_commands import MarkCommand
from imsdesk.services.marks import MarkService

# Called after every undo or redo: the command, None when saved (else the refusal), and
# whether it was an undo.
StepReport = Callable[[MarkCommand, Exception | None, bool], None]


class MarkUndoCommand(QUndoCommand):
    def __init__(
        self, command: MarkCommand, marks: MarkService, report: StepReport, text: str = ""
    ) -> None:
        super().__init__(text or command.text)
        self.command = command
        self._marks = marks
        self._report = report
        self._applied_on_push = True

    def redo(self) -> None:
        if self._applied_on_push:
            self._applied_on_push = False
            return
        self._run(self.command.apply, undo=False)

    def undo(self) -> None:
        self._run(self.command.revert, undo=True)

    def _run(self, step: Callable[[MarkService], None], *, undo: bool) -> None:
        try:
            step(self._marks)
        except (ServiceError, StoreError) as error:
            self._report(self.command, error, undo)
            return
        self._report(self.command, None, undo)
