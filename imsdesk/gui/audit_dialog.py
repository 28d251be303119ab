"""The audit trail for administrators: one chart's (sortable), or the clinic's log (filtered
by user, action and days, loaded a page at a time); either exported as CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QWidget

from imsdesk.domain.audit import AuditAction, AuditEntry, AuditFilter
from imsdesk.domain.patients import Patient
from imsdesk.domain.users import User
from imsdesk.gui.audit_table_model import SORT_ROLE, AuditTableModel
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.forms.ui_audit_dialog import Ui_AuditDialog
from imsdesk.gui.operations import run_service
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.audit_trail import PAGE_SIZE, AuditExport, AuditTrailService
from imsdesk.services.errors import ServiceError, StoreError

CSV_FILTER = "CSV files (*.csv);;All files (*)"
# What each column must show unclipped (the detail column takes the rest).
CHART_SAMPLES = ("0000-00-00 00:00:00", "Demo Administrator", "workstation-01", "Sign-in refused")
RECORD_SAMPLE = {
    True: "Episode: Low back pain with sciatica",
    False: "MACDONALD, Mary (#D000123) · visit #12, 2026-11-25",
}


class AuditDialog(QDialog):
    def __init__(self, audit: AuditTrailService, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.ui = Ui_AuditDialog()
        self.ui.setupUi(self)
        self._audit = audit
        self.model = AuditTableModel()
        self._export: Callable[[Path], AuditExport] | None = None
        self._default_file = "audit.csv"
        self.exported: AuditExport | None = None
        self.ui.filter_error.setStyleSheet(ERROR_STYLE)
        self.ui.export_button.clicked.connect(self.export)
        self.ui.buttons.rejected.connect(self.reject)
        rows = self.ui.table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)  # one line per entry

    # -- one chart ----------------------------------------------------------------
    @classmethod
    def for_chart(
        cls,
        audit: AuditTrailService,
        patient: Patient,
        entries: list[AuditEntry],
        parent: QWidget | None = None,
    ) -> AuditDialog:
        dialog = cls(audit, "AuditTrailDialog", parent)
        dialog.setWindowTitle(f"Audit trail of {patient.display_name} (#{patient.chart_number})")
        dialog.ui.intro.setText(
            "Everything done to this chart (the patient's details, visits and episodes of "
            "care): who did it, when (this workstation's local time) and from which "
            "workstation. Click a column heading to sort."
        )
        dialog.ui.filters.hide()
        dialog.model.set_entries(entries)
        proxy = QSortFilterProxyModel(dialog)
        proxy.setSourceModel(dialog.model)
        proxy.setSortRole(SORT_ROLE)
        dialog.ui.table.setModel(proxy)
        dialog._size_columns(in_chart=True)
        dialog.ui.table.setSortingEnabled(True)
        dialog.ui.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        noun = "entry" if len(entries) == 1 else "entries"
        dialog.ui.count.setText(f"{len(entries):,} {noun}")
        dialog._export = lambda path: audit.export_chart_trail(patient.id, path)
        dialog._default_file = f"audit-trail-{_file_safe(patient.chart_number)}.csv"
        dialog.ui.table.setFocus()
        restore_geometry(dialog)
        return dialog

    # -- the clinic ---------------------------------------------------------------------
    @classmethod
    def for_clinic(
        cls, audit: AuditTrailService, users: list[User], parent: QWidget | None = None
    ) -> AuditDialog:
        dialog = cls(audit, "AuditLogDialog", parent)
        dialog.setWindowTitle("Audit log of the clinic")
        dialog.ui.intro.setText(
            "Everything done in the clinic's records, newest first (this workstation's "
            "local time). Narrow it by user, action or days; more rows load as you scroll."
        )
        ui = dialog.ui
        ui.user.addItem("Everyone", None)
        for user in users:
            suffix = "" if user.active else ", deactivated"
            ui.user.addItem(f"{user.display_name} ({user.username}{suffix})", user.id)
        ui.action.addItem("All actions", None)
        for action in AuditAction:
            ui.action.addItem(action.label, action.value)
        today = date.today()
        ui.since.setDate(_qdate(today - timedelta(days=30)))
        ui.until.setDate(_qdate(today))
        ui.date_range.toggled.connect(ui.since.setEnabled)
        ui.date_range.toggled.connect(ui.until.setEnabled)
        ui.table.setModel(dialog.model)
        dialog._size_columns(in_chart=False)
        for signal in (ui.user.currentIndexChanged, ui.action.currentIndexChanged):
            signal.connect(dialog.reload)
        for signal in (ui.since.dateChanged, ui.until.dateChanged):
            signal.connect(dialog.reload)
        ui.date_range.toggled.connect(dialog.reload)
        dialog.model.rowsInserted.connect(dialog._show_count)
        dialog._default_file = f"audit-log-{today.isoformat()}.csv"
        dialog._export = lambda path: audit.export_log(dialog.current_filter(), path)
        dialog.reload()
        ui.user.setFocus()
        restore_geometry(dialog)
        return dialog

    def _size_columns(self, *, in_chart: bool) -> None:
        self.ui.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.ui.table.fontMetrics()
        for column, sample in enumerate((*CHART_SAMPLES, RECORD_SAMPLE[in_chart])):
            self.ui.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def current_filter(self) -> AuditFilter:
        ui = self.ui
        ranged = ui.date_range.isChecked()
        return AuditFilter(
            user_id=ui.user.currentData(),
            action=ui.action.currentData(),
            since=ui.since.date().toPython() if ranged else None,  # type: ignore[arg-type]
            until=ui.until.date().toPython() if ranged else None,  # type: ignore[arg-type]
        )

    def reload(self) -> None:
        wanted = self.current_filter()
        problem = wanted.problem()
        self.ui.filter_error.setText(problem or "")
        self.ui.filter_error.setVisible(bool(problem))
        self.ui.export_button.setEnabled(not problem)
        if problem:
            self.model.set_entries([])
        else:
            self.model.restart(lambda after: self._page(wanted, after), PAGE_SIZE)
        self._show_count()

    def _page(self, wanted: AuditFilter, after: AuditEntry | None) -> list[AuditEntry]:
        # Called by the view as it scrolls: a failure ends the list with a message instead
        # of a traceback.
        try:
            return self._audit.log(wanted, after=after)
        except (ServiceError, StoreError) as error:
            self.ui.filter_error.setText(str(error))
            self.ui.filter_error.setVisible(True)
            return []

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        noun = "entry" if shown == 1 else "entries"
        more = self.model.canFetchMore()
        self.ui.count.setText(
            f"{shown:,} {noun} shown; scroll down for older ones" if more else f"{shown:,} {noun}"
        )

    # -- both ---------------------------------------------------------------------------
    def export(self) -> None:
        if self._export is None:
            return
        export = self._export
        start = str(Path.home() / self._default_file)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the audit trail", start, CSV_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".csv")
        done = run_service(self, lambda: export(path), failure_title="Export the audit trail")
        if done is not None:
            self.exported = done
            self.ui.count.setText(done.summary)

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _file_safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text) or "chart"
