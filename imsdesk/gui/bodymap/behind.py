"""What the list beside the map has still to show after the map has changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Behind:
    # Rows whose mark changed, in the order they changed (a new mark's row comes last).
    rows: dict[tuple[Any, ...], None] = field(default_factory=dict)
    all_rows: bool = False  # every row: the marks were re-read or replaced
    selection: bool = False  # the map's selection changed
    marks: bool = False  # the marks changed: the tab counts and ``marks_shown``
