"""Errors the store raises with a message fit to show a person, one line each."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database cannot be opened or used; the message says why and what to do."""


class DamagedDatabase(StoreError):
    """The SQLite file failed its integrity check; it has not been written to."""

    def __init__(self, path: Path, problem: str, latest_good_backup: Path | None = None) -> None:
        self.path = path
        self.problem = problem
        self.latest_good_backup = latest_good_backup
        if latest_good_backup is None:
            advice = "No good backup was found; keep the file and ask for help recovering it."
        else:
            advice = f"Restore the latest good backup: imsdesk restore {latest_good_backup}"
        super().__init__(
            f"{path} is damaged; SQLite's check found: {problem}. "
            f"imsdesk has not written to it. {advice}"
        )


def first_line(error: BaseException | object) -> str:
    """The first non-blank line of an error's text: drivers add detail a person cannot use."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
