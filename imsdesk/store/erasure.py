"""Removing a plain copy of clinical records so that its bytes do not stay on the disk.

Overwriting before unlinking stops the records being read back from the free space of
an ordinary hard disk. It cannot reach copies the system keeps elsewhere: SSDs remap
written blocks, copy-on-write file systems (btrfs, ZFS, APFS) and snapshots keep the old
ones, and backups of the disk keep theirs. Full-disk encryption covers those.
"""

from __future__ import annotations

import os
from pathlib import Path

from imsdesk.store.errors import StoreError

CHUNK = 1 << 20


def erase_file(path: Path) -> None:
    """Overwrite ``path`` with zeros, sync, then unlink it; nothing when it does not exist."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with path.open("r+b", buffering=0) as handle:
            zeros = bytes(CHUNK)
            for start in range(0, size, CHUNK):
                handle.write(zeros[: min(CHUNK, size - start)])
            os.fsync(handle.fileno())
        path.unlink()
    except OSError as error:
        raise StoreError(
            f"Could not erase {path}: {error.strerror or error}. It holds unencrypted records; "
            "delete it yourself."
        ) from None
