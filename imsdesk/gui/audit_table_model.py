"""A thin table model over audit entries: a chart's whole trail, or the clinic's log a page
at a time (the view asks for the next page as it scrolls)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from imsdesk.domain.audit import AuditEntry
from imsdesk.gui.table_pages import append_page

Index = QModelIndex | QPersistentModelIndex
NextPage = Callable[[AuditEntry | None], list[AuditEntry]]  # after this entry (None: first)

COLUMNS = ("When", "User", "Workstation", "Action", "Record", "Detail")
NO_USER = "—"
NO_USER_TIP = (
    "No one was signed in: the command line, start-up, or a sign-in with an unknown user name"
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class AuditTableModel(QAbstractTableModel):
    """Holds the entries shown so far. No SQL here: ``next_page`` is a service call."""

    def __init__(self) -> None:
        super().__init__()
        self._next_page: NextPage | None = None
        self._page_size = 0
        self._rows: list[AuditEntry] = []
        self._exhausted = True

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Show exactly ``entries`` (a chart's whole trail)."""
        self.beginResetModel()
        self._rows = list(entries)
        self._exhausted = True
        self.endResetModel()

    def restart(self, next_page: NextPage, page_size: int) -> None:
        """Show the first page of a new query; later pages follow as the view scrolls."""
        self.beginResetModel()
        self._next_page = next_page
        self._page_size = page_size
        self._rows = next_page(None)
        self._exhausted = len(self._rows) < page_size
        self.endResetModel()

    @property
    def entries(self) -> list[AuditEntry]:
        return list(self._rows)

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._next_page is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self._next_page is None or not self._rows:
            return
        more = self._next_page(self._rows[-1])
        self._exhausted = len(more) < self._page_size
        append_page(self, self._rows, more)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Local time of this workstation" if section == 0 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry_at(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, column)
        if role == SORT_ROLE:
            # Time sorts by the UTC instant (ties by order of recording), the rest as shown.
            if column == 0:
                return f"{entry.at:%Y-%m-%dT%H:%M:%S.%f}|{entry.id:012d}"
            return _cell(entry, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return f"{entry.user_name} ({entry.username})" if entry.username else NO_USER_TIP
            if column in (4, 5):  # long names and details are cut short in the table
                return _cell(entry, column) or None
        return None


def _cell(entry: AuditEntry, column: int) -> str:
    if column == 0:
        return entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if column == 1:
        return entry.user_name or NO_USER
    if column == 2:
        return entry.workstation
    if column == 3:
        return entry.action_label
    if column == 4:
        return entry.record
    return entry.detail
