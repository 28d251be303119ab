"""A thin table model over patient search results, fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from imsdesk.domain.patients import Patient
from imsdesk.gui.table_pages import append_page

if TYPE_CHECKING:
    from imsdesk.services.patients import ListedPatients

PAGE_SIZE = 100
Fetch = Callable[[str, int, int], "ListedPatients"]  # (text, offset, limit) -> patients
Index = QModelIndex | QPersistentModelIndex
Row = tuple["ListedPatients", int]  # a page and the row's place in it

COLUMNS = ("Name", "Chart no.", "Date of birth", "Age", "Sex", "Phone")


class PatientTableModel(QAbstractTableModel):
    """Holds the rows fetched so far; the view asks for more as it scrolls.

    No SQL here: ``fetch`` is a service call, so the model works the same
    on a 30-patient clinic and a 30,000-patient one.
    """

    def __init__(self, fetch: Fetch, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._fetch = fetch
        self._today = today
        self._text = ""
        # Each row points into its page, which makes the patient when the view first asks.
        self._rows: list[Row] = []
        self._exhausted = True

    def show_first_page(self, text: str, page: ListedPatients) -> None:
        """Show ``page``, the first of ``text``'s matches; later pages are fetched."""
        self.beginResetModel()
        self._text = text
        self._rows = _rows_of(page)
        self._exhausted = len(page) < PAGE_SIZE
        self.endResetModel()

    def patient_at(self, row: int) -> Patient | None:
        if not 0 <= row < len(self._rows):
            return None
        page, at = self._rows[row]
        return page[at]

    def row_of(self, patient_id: int) -> int | None:
        for row, (page, at) in enumerate(self._rows):
            if page.id_at(at) == patient_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = self._fetch(self._text, len(self._rows), PAGE_SIZE)
        self._exhausted = len(more) < PAGE_SIZE
        append_page(self, self._rows, _rows_of(more))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        patient = self.patient_at(index.row())
        if patient is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(patient, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return patient.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{patient.display_name} · chart {patient.chart_number} · Enter to open"
        return None

    def _cell(self, patient: Patient, column: int) -> str:
        if column == 0:
            return patient.display_name
        if column == 1:
            return patient.chart_number
        if column == 2:
            return patient.date_of_birth.isoformat() if patient.date_of_birth else ""
        if column == 3:
            age = patient.age_on(self._today())
            return "" if age is None else str(age)
        if column == 4:
            return patient.sex.label
        return patient.phone


def _rows_of(page: ListedPatients) -> list[Row]:
    return [(page, at) for at in range(len(page))]
