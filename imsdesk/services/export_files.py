"""Writing an export so it appears whole or not at all.

A folder export is written into a hidden sibling folder and renamed into place at the
end, so a cancelled, interrupted or failed export leaves nothing behind that looks like
an export. Single files go through ``summaries.write_file_atomically``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from imsdesk.services.summaries import ExportError, unusable_path_refused


def check_output_folder(path: Path) -> Path:
    """Refuse, before any work, a folder the export cannot become."""
    with unusable_path_refused(path):
        return _checked_output_folder(path)


def _checked_output_folder(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; give the name of a new folder for the export.")
    if path.is_dir() and any(path.iterdir()):
        raise ExportError(f"The folder {path} is not empty; choose a new folder name.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {parent} does not exist.")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"Cannot write {path}: no permission to write in {parent}.")
    return path


@contextmanager
def folder_written_whole(path: Path) -> Iterator[Path]:
    """Yield a private working folder that becomes ``path`` only if the block succeeds."""
    check_output_folder(path)
    with unusable_path_refused(path):  # e.g. a folder that takes no new entries (/proc)
        working = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"))
    try:
        yield working
        os.chmod(working, 0o755)  # mkdtemp makes it private; an export keeps usual rights
        if path.is_dir():
            path.rmdir()  # empty, as checked: the export takes its place
        os.replace(working, path)
    except BaseException as error:
        shutil.rmtree(working, ignore_errors=True)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise ExportError(f"Cannot write {path}: {reason}.") from None
        raise
