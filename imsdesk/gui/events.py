"""One broadcast of what changed, so each screen decides for itself what to redraw."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChartEvents(QObject):
    patient_changed = Signal(int)  # patient id, after a create or an edit
    visit_changed = Signal(int)  # visit id, after a visit is started or charted
