"""The first screen: find a patient by typing, open with Enter, add with Ctrl+N."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.gui.patient_table_model import PAGE_SIZE, Fetch, PatientTableModel

if TYPE_CHECKING:
    from imsdesk.services.visit_record import StaleDraft

# (text, at most) -> the number of matches, counted up to at most (all, for no text)
Count = Callable[[str, int], int]

SEARCH_DELAY_MS = 120  # coalesce fast typing into one query
# A search is counted up to this many matches: beyond, "2,000+" says to keep typing.
MATCHES_COUNTED = 2000


class PatientListPage(QWidget):
    patient_opened = Signal(int)
    new_patient_requested = Signal()
    visit_opened = Signal(int)

    def __init__(
        self,
        search: Fetch,
        count: Count,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PatientListPage")
        self._search = search
        self._count = count
        self.model = PatientTableModel(search)

        self.search = QLineEdit(objectName="patient_search")
        self.search.setPlaceholderText(
            "Find a patient: family or given name, chart number, or birth date (YYYY-MM-DD)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Type to filter; ↓ moves to the list; Enter opens the highlighted patient"
        )
        self.search.installEventFilter(self)

        self.new_button = QPushButton("&New patient…", objectName="new_patient_button")
        self.new_button.setToolTip("Add a patient (Ctrl+N)")
        self.new_button.clicked.connect(self.new_patient_requested)

        self.table = QTableView(objectName="patient_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)

        self.count_label = QLabel(objectName="patient_count")
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.drafts_label = QLabel(objectName="stale_drafts")
        self.drafts_label.setWordWrap(True)
        self.drafts_label.setTextFormat(Qt.TextFormat.RichText)
        self.drafts_label.linkActivated.connect(lambda link: self.visit_opened.emit(int(link)))
        self.drafts_label.hide()

        top = self._top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.drafts_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.new_button)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        # A timer, not a queued call: the list is painted (a posted event) before it runs.
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self._count_matches)
        self._counted_text = ""
        self.refresh()
        self.table.setColumnWidth(0, 260)

    def add_action(self, action: QAction) -> None:
        """A button for a window-wide command (e.g. Import patients) beside New patient."""
        button = QToolButton()
        button.setObjectName(f"{action.objectName()}_button")
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._top.addWidget(button)

    def refresh(self) -> None:
        """Run the search now (also after an edit elsewhere): the rows first, then how many
        match. Counting up to 2,000 ("d") costs half as much again as the page: the rows
        do not wait for it."""
        self._timer.stop()
        text = self.search.text()
        rows = self._search(text, 0, PAGE_SIZE)
        self.model.show_first_page(text, rows)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._counted_text = text
        if len(rows) < min(PAGE_SIZE, MATCHES_COUNTED):  # every match is on the page
            self._count_timer.stop()
            self._show_count(text, len(rows))
        else:
            self._count_timer.start()

    def _count_matches(self) -> None:
        text = self._counted_text
        self._show_count(text, self._count(text, MATCHES_COUNTED))

    def _show_count(self, text: str, total: int) -> None:
        noun = "patient" if total == 1 else "patients"
        if text.strip():
            more = "+" if total >= MATCHES_COUNTED else ""
            self.count_label.setText(f"{total:,}{more} {noun} match “{text.strip()}”")
        else:
            self.count_label.setText(f"{total:,} {noun}")

    def show_stale_drafts(self, drafts: list[StaleDraft]) -> None:
        """Unsigned visits left from earlier days, each a link that opens it."""
        links = [
            f'<a href="{d.visit.id}">{escape(d.patient_name)}, visit #{d.visit.number} '
            f"({d.visit.started_at.astimezone():%a %Y-%m-%d})</a>"
            for d in drafts
        ]
        self.drafts_label.setText(
            f"<b>Unsigned drafts from earlier days ({len(links)}):</b> " + " · ".join(links)
        )
        self.drafts_label.setVisible(bool(links))

    def select_patient(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        patient = self.model.patient_at(index.row()) if index.isValid() else None
        if patient is not None:
            self.patient_opened.emit(patient.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.refresh()  # Enter right after typing opens what was typed for
                self.open_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus()
                return True
        elif watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        return super().eventFilter(watched, event)
