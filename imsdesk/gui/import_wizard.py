"""Import patients from another system's CSV: file, columns and dates, decisions, report.

The service reads and checks (``PatientImportService``); this wizard only shows what it
found and collects the choices. Nothing is written until the Import button on the
decisions page; then everything is added in one transaction and the report shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from imsdesk.domain.csv_text import Delimiter, Encoding
from imsdesk.domain.import_dates import DateOrder
from imsdesk.domain.patient_import import Target, column_examples, row_values
from imsdesk.domain.plain_text import text_problem
from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.patient_import import (
    ImportChoices,
    ImportPreview,
    ImportReport,
    PatientImportService,
    RowStatus,
)

PREVIEW_ROWS = 200  # the table shows the first rows; the counts cover the whole file
ROW_COLUMNS = ("Line", "Status", "Chart", "Family name", "Given names", "Born", "Sex", "Why")


class ImportWizard(QWizard):
    def __init__(
        self, importer: PatientImportService, user_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.setWindowTitle("Import patients")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.importer = importer
        self.user_id = user_id
        self.data = b""
        self.source = ""
        self.choices = ImportChoices()
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.decisions_page = DecisionsPage(self)
        self.report_page = ReportPage(self)
        for page in (self.file_page, self.columns_page, self.decisions_page, self.report_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.resize(980, 640)

    def read(self, choices: ImportChoices) -> bool:
        """Preview the file with ``choices``; on a refusal say why and keep the old one."""
        try:
            preview = self.importer.preview(self.data, self.source, choices)
        except (ServiceError, StoreError) as error:
            QMessageBox.warning(self, "Import patients", str(error))
            return False
        self.choices = choices
        self.preview = preview
        return True


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose the file")
        self.setSubTitle(
            "A CSV file exported from another practice system. Nothing is added to imsdesk "
            "until you confirm on the last step."
        )
        self.path = QLineEdit(objectName="import_path")
        self.path.setPlaceholderText("patients.csv")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("&Browse…", objectName="import_browse")
        browse.setToolTip("Choose the CSV file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.encoding = QComboBox(objectName="import_encoding")
        self.encoding.addItem("Detect from the file", None)
        for encoding in Encoding:
            self.encoding.addItem(encoding.label, encoding)
        self.encoding.setToolTip("Change only if names show wrong letters in the preview")
        self.delimiter = QComboBox(objectName="import_delimiter")
        self.delimiter.addItem("Detect from the file", None)
        for delimiter in Delimiter:
            self.delimiter.addItem(delimiter.label, delimiter)
        form = QFormLayout(self)
        form.addRow("&File:", row)
        form.addRow("&Encoding:", self.encoding)
        form.addRow("&Delimiter:", self.delimiter)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Import patients", str(Path.home()), "CSV files (*.csv *.txt);;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        typed = self.path.text().strip()
        if problem := text_problem("The file's name", typed, 4096, one_line=True):
            QMessageBox.warning(self, "Import patients", problem)  # a NUL would raise below
            return False
        path = Path(typed).expanduser()
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            QMessageBox.warning(self, "Import patients", f"Cannot read {path}: {reason}.")
            return False
        wizard = self._wizard
        wizard.data, wizard.source = data, path.name
        return wizard.read(
            ImportChoices(
                encoding=self.encoding.currentData(), delimiter=self.delimiter.currentData()
            )
        )


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check the columns and dates")
        self.setSubTitle(
            "Each column of the file goes into the patient field chosen beside it. "
            "The rows below show what would be imported."
        )
        self.how_read = QLabel(objectName="import_how_read")
        self.how_read.setWordWrap(True)
        self.mapping = QTableWidget(0, 3, objectName="import_mapping")
        self.mapping.setHorizontalHeaderLabels(("Column in the file", "Examples", "Import as"))
        self.mapping.verticalHeader().hide()
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.date_order = QComboBox(objectName="import_date_order")
        self.date_order.addItem("Choose the order…", None)
        for order in DateOrder:
            self.date_order.addItem(order.label, order)
        self.date_order.setToolTip("How the other program writes numeric birth dates")
        self.date_order.activated.connect(self._reread)
        self.date_reason = QLabel(objectName="import_date_reason")
        self.date_reason.setWordWrap(True)
        self.problems = QLabel(objectName="import_mapping_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a61b1b")
        self.rows = _table(ROW_COLUMNS, "import_rows")
        self.summary = QLabel(objectName="import_summary")
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Birth dates are written"))
        dates.addWidget(self.date_order)
        dates.addWidget(self.date_reason, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.how_read)
        layout.addWidget(self.mapping, 2)
        layout.addLayout(dates)
        layout.addWidget(self.problems)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:
        self._show()

    def _show(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        table = preview.table
        blank = f"; {table.blank_lines} blank lines left out" if table.blank_lines else ""
        rows = len(table.rows)
        self.how_read.setText(
            f"<b>{preview.source}</b>: {rows} rows, read as {table.encoding.label}; "
            f"values separated by {table.delimiter.label}{blank}."
        )
        self.mapping.setRowCount(len(table.header))
        for index, name in enumerate(table.header):
            self.mapping.setItem(index, 0, QTableWidgetItem(name))
            examples = " · ".join(column_examples(table.rows, index))
            self.mapping.setItem(index, 1, QTableWidgetItem(examples))
            combo = QComboBox()
            combo.setObjectName(f"import_target_{index}")
            for target in Target:
                combo.addItem(target.label, target)
            combo.setCurrentIndex(combo.findData(preview.mapping[index]))
            combo.activated.connect(self._reread)
            self.mapping.setCellWidget(index, 2, combo)
        self.mapping.resizeRowsToContents()
        self.date_order.setCurrentIndex(self.date_order.findData(preview.date_order))
        guess = preview.date_guess
        self.date_reason.setText(
            ("Detected. " if guess.order and guess.order is preview.date_order else "")
            + guess.reason
        )
        self.problems.setText(" ".join(preview.mapping_problems))
        self.problems.setVisible(bool(preview.mapping_problems))
        _fill_rows(self.rows, preview)
        numbered = (
            " New chart numbers are given (the file has none)." if preview.charts_numbered else ""
        )
        self.summary.setText(f"<b>{preview.summary}.</b>{numbered}")
        self.completeChanged.emit()

    def _reread(self) -> None:
        mapping = tuple(
            Target(self.mapping.cellWidget(index, 2).currentData())  # type: ignore[union-attr]
            for index in range(self.mapping.rowCount())
        )
        order = self.date_order.currentData()
        choices = replace(
            self._wizard.choices, mapping=mapping, date_order=DateOrder(order) if order else None
        )
        self._wizard.read(choices)
        self._show()

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        return bool(
            preview
            and not preview.mapping_problems
            and any(row.status is not RowStatus.PROBLEM for row in preview.rows)
        )


class DecisionsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Decide on possible duplicates, then import")
        self.setCommitPage(True)
        self.explain = QLabel(objectName="import_duplicates_explained")
        self.explain.setWordWrap(True)
        self.duplicates = _table(
            ("Add anyway", "Line", "Patient in the file", "Why"), "import_duplicates"
        )
        self.duplicates.itemChanged.connect(lambda _item: self._count())
        self.summary = QLabel(objectName="import_final_summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.duplicates, 1)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        duplicates = preview.with_status(RowStatus.DUPLICATE)
        self.explain.setText(
            "These rows look like patients the clinic already has (same name and date of "
            "birth, or the same chart number). They are left out unless you tick "
            "“Add anyway”; a row whose chart number is taken cannot be added."
            if duplicates
            else "No row looks like a patient the clinic already has."
        )
        self.duplicates.setVisible(bool(duplicates))
        self.duplicates.blockSignals(True)
        self.duplicates.setRowCount(len(duplicates))
        for index, row in enumerate(duplicates):
            tick = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsUserCheckable
            if row.may_import:
                flags |= Qt.ItemFlag.ItemIsEnabled
            tick.setFlags(flags)
            tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, row.line)
            self.duplicates.setItem(index, 0, tick)
            details = row.details
            who = (
                f"{details.family_name.upper()}, {details.given_names} "
                f"(#{details.chart_number}, born {details.date_of_birth})"
                if details
                else ""
            )
            for column, text in enumerate((str(row.line), who, " ".join(row.reasons)), 1):
                self.duplicates.setItem(index, column, QTableWidgetItem(text))
        self.duplicates.blockSignals(False)
        self.duplicates.resizeColumnsToContents()
        self._count()

    def chosen_lines(self) -> set[int]:
        return {
            int(item.data(Qt.ItemDataRole.UserRole))
            for index in range(self.duplicates.rowCount())
            if (item := self.duplicates.item(index, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        }

    def _count(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        adding = len(preview.with_status(RowStatus.READY)) + len(self.chosen_lines())
        skipping = len(preview.rows) - adding
        self.summary.setText(
            f"<b>{adding} patients will be added</b> in one step; {skipping} rows will be "
            "skipped, each with its reason in the report. Press Import to add them."
        )

    def validatePage(self) -> bool:
        wizard = self._wizard
        assert wizard.preview is not None
        try:
            wizard.report = wizard.importer.run(
                wizard.preview, import_duplicates=self.chosen_lines(), user_id=wizard.user_id
            )
        except (ServiceError, StoreError) as error:
            QMessageBox.warning(self, "Import patients", f"Nothing was imported: {error}")
            return False
        return True


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Import report")
        self.text = QPlainTextEdit(objectName="import_report")
        self.text.setReadOnly(True)
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:
        report = self._wizard.report
        assert report is not None
        self.text.setPlainText("\n".join(report.lines()))


def _table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill_rows(table: QTableWidget, preview: ImportPreview) -> None:
    shown = preview.rows[:PREVIEW_ROWS]
    raw = dict(preview.table.rows)
    table.setRowCount(len(shown))
    for index, row in enumerate(shown):
        d = row.details
        if d is not None:
            who = (d.chart_number, d.family_name, d.given_names)
            born = d.date_of_birth.isoformat() if d.date_of_birth else ""
            sex = d.sex.label
        else:  # what the file says, so the person can find the row to correct
            values = row_values(raw.get(row.line, ()), preview.mapping)
            full = values.get(Target.FULL_NAME, "")
            who = (
                values.get(Target.CHART_NUMBER, ""),
                values.get(Target.FAMILY_NAME, full),
                values.get(Target.GIVEN_NAMES, ""),
            )
            born, sex = values.get(Target.DATE_OF_BIRTH, ""), values.get(Target.SEX, "")
        cells = (str(row.line), row.status.label, *who, born, sex, " ".join(row.reasons))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 7 and text:
                item.setToolTip(text)
            if d is None and 2 <= column <= 6:
                item.setForeground(Qt.GlobalColor.darkGray)
                item.setToolTip("As written in the file")
            table.setItem(index, column, item)
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.horizontalHeader().setStretchLastSection(True)
