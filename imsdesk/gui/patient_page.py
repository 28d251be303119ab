"""One patient: who they are, their visits, and starting today's visit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.patients import Patient
from imsdesk.domain.visits import Visit, VisitStatus, days_between, todays_draft
from imsdesk.gui.pain_trend import PainPoint, PainTrend

if TYPE_CHECKING:
    from imsdesk.services.visit_history import VisitLine

TREND_VISITS = 30  # the latest visits charted above the table: enough for a long course
TITLE_PADDING = 8  # px beside a column's title (its frame and sort arrow space)
CELL_PADDING = 12  # px round a cell's text, as the style draws it
START_TEXT = "&Start today's visit"
START_TIP = "Start a new draft visit for this patient (Ctrl+Shift+V)"
VISIT_COLUMNS = ("Visit", "Date", "Time", "Since previous", "Therapist", "Status")
# What was charted at each visit, for clinicians only: the course reads down the table.
CHARTED_COLUMNS = (
    "Episode",
    "Pain before → after",
    "Shortened",
    "Needle sites",
    "Spinal levels needled",
)
LONGEST_CELL = 40  # characters; the table stays within a laptop's width
FIRST_CHARTED = len(VISIT_COLUMNS) - 1  # the charted columns come before the status
FIGURE_COLUMNS = range(FIRST_CHARTED + 1, FIRST_CHARTED + 4)  # pain and the two counts
CHARTED_TIPS = (
    "The episode of care the visit belongs to, and the visit's place in it",
    "Pain on the 0–10 scale at the start of the visit and after treatment",
    "Muscles found shortened (each side counts)",
    "Needle sites charted on the body map",
    "Paraspinal levels needled, with the patient's side",
)


class PatientPage(QWidget):
    back_requested = Signal()
    edit_requested = Signal(int)  # patient id
    start_visit_requested = Signal(int)  # patient id
    visit_opened = Signal(int)  # visit id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PatientPage")
        self.patient: Patient | None = None

        self.title = QLabel(objectName="patient_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(objectName="patient_details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.back_button = QPushButton("← &Patients", objectName="back_button")
        self.back_button.setToolTip("Back to the patient list (Esc)")
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button = QPushButton("&Edit details…", objectName="edit_button")
        self.edit_button.setToolTip("Correct this patient's details (Ctrl+E)")
        self.edit_button.clicked.connect(self._edit)
        self.start_button = QPushButton(START_TEXT, objectName="start_visit_button")
        self.start_button.setToolTip(START_TIP)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)

        columns = (*VISIT_COLUMNS[:-1], *CHARTED_COLUMNS, VISIT_COLUMNS[-1])
        self.visits = QTableWidget(0, len(columns), objectName="visit_table")
        self.visits.setHorizontalHeaderLabels(columns)
        for offset, tip in enumerate(CHARTED_TIPS):
            self.visits.horizontalHeaderItem(FIRST_CHARTED + offset).setToolTip(tip)
        self.visits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits.verticalHeader().hide()
        self.visits.setTabKeyNavigation(False)
        # Sized to their contents once per chart shown (_fit_columns), then the user's to drag.
        self.visits.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.visits.horizontalHeader().setStretchLastSection(True)
        self.visits.doubleClicked.connect(self._open_current_visit)
        self.empty_label = QLabel(
            "No visits yet. Start today's visit to chart the first assessment.",
            objectName="no_visits_label",
        )

        header = self.header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(12)
        header.addWidget(self.title, 1)
        header.addWidget(self.edit_button)
        header.addWidget(self.start_button)
        self.pain_trend = PainTrend()
        about = QVBoxLayout()
        about.addWidget(self.details)
        about.addStretch(1)
        about.addWidget(QLabel("<b>Visits</b> (newest first; Enter opens)"))
        facts = QHBoxLayout()
        facts.addLayout(about, 1)
        facts.addWidget(self.pain_trend)  # beside the details: the table keeps its rows
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(facts)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.visits, 1)
        self.setTabOrder(self.start_button, self.visits)
        self.setTabOrder(self.visits, self.edit_button)
        self.setTabOrder(self.edit_button, self.back_button)

    def show_patient(
        self, patient: Patient, visits: list[Visit] | list[VisitLine], today: date
    ) -> None:
        """The patient and their visits, newest first: visit lines (VisitHistoryService)
        show what was charted at each; visits alone (front desk) show when and who."""
        self.patient = patient
        self.title.setText(f"{patient.display_name}  ·  #{patient.chart_number}")
        age = patient.age_on(today)
        born = patient.date_of_birth.isoformat() if patient.date_of_birth else "unknown"
        parts = [f"Born {born} (age {age})", patient.sex.label]
        parts += [p for p in (patient.phone, patient.email) if p]
        self.details.setText("  ·  ".join(parts))
        # Visit lines carry what was charted (clinicians); plain visits do not (front desk).
        lines = [entry for entry in visits if not isinstance(entry, Visit)]
        plain = [entry if isinstance(entry, Visit) else entry.visit for entry in visits]
        self._fill_visits(plain, lines)
        self._offer_todays_visit(plain, today)
        self.pain_trend.show_points(  # clinicians only: pain is a clinical fact
            [
                PainPoint(line.visit.number, line.pain_before, line.pain_after)
                for line in lines[:TREND_VISITS]
            ][::-1]
        )
        self.start_button.setFocus()

    def _offer_todays_visit(self, visits: list[Visit], today: date) -> None:
        """The main button carries on with today's draft rather than start a second."""
        draft = todays_draft(visits, today)
        if draft is None:
            self.start_button.setText(START_TEXT)
            self.start_button.setToolTip(START_TIP)
        else:
            self.start_button.setText("&Continue today's visit")
            self.start_button.setToolTip(
                f"Open today's visit #{draft.number}, a draft not yet signed (Ctrl+Shift+V)"
            )

    def _fill_visits(self, visits: list[Visit], lines: list[VisitLine]) -> None:
        """One row a visit; the charted columns shown when each visit has its line."""
        charted = len(lines) == len(visits) and bool(lines)
        for offset in range(len(CHARTED_COLUMNS)):
            self.visits.setColumnHidden(FIRST_CHARTED + offset, not charted)
        self.visits.setRowCount(len(visits))
        self.visits.setVisible(bool(visits))
        self.empty_label.setVisible(not visits)
        shown: list[set[str]] = [set() for _ in range(self.visits.columnCount())]
        for row, visit in enumerate(visits):
            previous = visits[row + 1] if row + 1 < len(visits) else None
            since = (
                f"{days_between(previous.started_at, visit.started_at)} days"
                if previous
                else "first visit"
            )
            local = visit.started_at.astimezone()
            status = visit.status.label
            if visit.status is VisitStatus.DRAFT:
                status = "Draft (not signed)"
            cells = (
                f"#{visit.number}",
                local.strftime("%a %Y-%m-%d"),
                local.strftime("%H:%M"),
                since,
                visit.therapist_name,
                *(charted_cells(lines[row]) if charted else ("",) * len(CHARTED_COLUMNS)),
                status,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, visit.id)
                if len(text) > LONGEST_CELL:  # a long condition: the rest on hover
                    item.setText(text[: LONGEST_CELL - 1].rstrip() + "…")
                    item.setToolTip(text)
                if column in FIGURE_COLUMNS:  # pain and counts, one above the other
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.visits.setItem(row, column, item)
                shown[column].add(item.text())
        self._fit_columns(shown)
        if visits:
            self.visits.selectRow(0)

    def _fit_columns(self, shown: list[set[str]]) -> None:
        """Each column as wide as its title and its widest text. Measured here, once per
        distinct text: the view's own fitting (ResizeToContents) measured every cell on
        every layout, a third of the time the screen took to open."""
        header = self.visits.horizontalHeader()
        title_metrics, cell_metrics = header.fontMetrics(), self.visits.fontMetrics()
        for column, texts in enumerate(shown):
            if self.visits.isColumnHidden(column):
                continue
            title = self.visits.horizontalHeaderItem(column).text()
            widest = max((cell_metrics.horizontalAdvance(text) for text in texts), default=0)
            width = max(title_metrics.horizontalAdvance(title) + TITLE_PADDING, widest)
            header.resizeSection(column, width + CELL_PADDING)

    def keyPressEvent(self, event: object) -> None:
        key = event.key()  # type: ignore[attr-defined]
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.visits.hasFocus():
            self._open_current_visit()
            return
        if key == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def _open_current_visit(self) -> None:
        item = self.visits.item(self.visits.currentRow(), 0)
        if item is not None:
            self.visit_opened.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _edit(self) -> None:
        if self.patient is not None:
            self.edit_requested.emit(self.patient.id)

    def _start(self) -> None:
        if self.patient is not None:
            self.start_visit_requested.emit(self.patient.id)

    def add_header_action(self, action: QAction) -> None:
        """A button for a window-wide command (e.g. Print) at the end of the header row."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.header.addWidget(button)


def charted_cells(line: VisitLine) -> tuple[str, ...]:
    """The charted columns of one visit: blank where nothing was recorded."""

    def pain(value: int | None) -> str:
        return "–" if value is None else str(value)

    rated = line.pain_before is not None or line.pain_after is not None
    return (
        f"{line.episode[0]} · visit {line.episode[1]}" if line.episode else "",
        f"{pain(line.pain_before)} → {pain(line.pain_after)}" if rated else "",
        str(line.shortened) if line.shortened else "",
        str(line.needle_sites) if line.needle_sites else "",
        ", ".join(line.levels),
    )
