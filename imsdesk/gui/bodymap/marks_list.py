"""The list beside the map: what is marked, and an editor for the selected mark.

It shows and emits intent only (like the map): the panel turns an edit into a core
command, saves it, and hands the list the marks as saved.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import Atlas, Side
from imsdesk.domain.marks import (
    MAX_DEPTH_MM,
    NEEDLE_LENGTHS_MM,
    MuscleFinding,
    NeedleSite,
    Response,
    Severity,
    VisitMarks,
)
from imsdesk.domain.safety import has_thorax_precaution
from imsdesk.gui.bodymap import style
from imsdesk.gui.bodymap.texts import (
    RESPONSE_WORDS,
    SEVERITY_WORDS,
    THORAX_PRECAUTION,
    lower_first,
    needle_text,
    short_name,
    target_name_for,
)

ROLE = Qt.ItemDataRole.UserRole
# A row is ("finding", muscle_key, side) or ("needle", uid), the panel's selection keys.
RowKey = tuple[Any, ...]
Mark = MuscleFinding | NeedleSite
DETAIL_TITLE = "Finding"  # under "Shortened muscles" a severity, under "Needle sites" a response
GAUGES = ("0.16 mm", "0.18 mm", "0.20 mm", "0.25 mm", "0.30 mm", "0.35 mm")
ICON_PX = 16
CELL_PADDING = 12  # pixels round a cell's text
ROW_INDENT = 8  # rows under their group's heading


def _icon(paint: Any) -> QIcon:
    """A small icon painted with the same code as the map (high-DPI: drawn at 2x)."""
    pixmap = QPixmap(ICON_PX * 2, ICON_PX * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter)
    painter.end()
    return QIcon(pixmap)


@functools.cache
def severity_icon(severity: Severity) -> QIcon:
    def paint(painter: QPainter) -> None:
        painter.setPen(style.SEVERITY_STROKE)
        painter.setBrush(style.SEVERITY_FILL[severity])
        painter.drawRoundedRect(1, 2, ICON_PX - 2, ICON_PX - 4, 3, 3)

    return _icon(paint)


@functools.cache
def response_icon(response: Response | None) -> QIcon:
    return _icon(lambda p: style.paint_marker(p, QPointF(ICON_PX / 2, ICON_PX / 2), response, 5.0))


@functools.lru_cache(maxsize=1024)
def _names(atlas: Atlas, muscle_key: str, side: Side) -> tuple[str, str]:
    """A row's muscle column, short (⚠ over the thorax), and the mark's full title."""
    muscle = atlas.get(muscle_key)
    name = short_name(muscle) if muscle else muscle_key
    if muscle and has_thorax_precaution(muscle):
        name = f"⚠ {name}"
    return name, target_name_for(atlas, muscle_key, side)


class MarkEditor(QStackedWidget):
    """Edits the selected finding (or unmarked muscle) or needle site."""

    severity_chosen = Signal(int)
    note_edited = Signal(str)
    clear_requested = Signal()
    needle_changed = Signal(object)  # {field: new value}; object keeps enums intact
    needle_remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(
            "Select a mark here or on the map to edit it.\n\n"
            "Shortened (S): click a muscle; click again to raise severity.\n"
            "Needle (N): click where you needled.\n"
            "Right-click a muscle or needle for more.",
            wordWrap=True,
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.hint.setObjectName("bodymap_editor_hint")
        self.addWidget(self.hint)
        self.addWidget(self._finding_page())
        self.addWidget(self._needle_page())
        self._finding: MuscleFinding | None = None
        self._site: NeedleSite | None = None
        self.setCurrentIndex(0)

    # -- pages ---------------------------------------------------------------------------

    def _finding_page(self) -> QWidget:
        page = QWidget()
        self.finding_title = QLabel(objectName="bodymap_finding_title", wordWrap=True)
        self.finding_title.setTextFormat(Qt.TextFormat.PlainText)
        self.finding_warning = QLabel(f"⚠ {THORAX_PRECAUTION}", objectName="bodymap_warning")
        self.severity_buttons = QButtonGroup(self)
        self.severity_buttons.setExclusive(True)
        row = QHBoxLayout()
        for severity in Severity:
            button = QPushButton(f"{int(severity)} {SEVERITY_WORDS[severity]}")
            button.setCheckable(True)
            button.setIcon(severity_icon(severity))
            button.setToolTip(
                f"Severity {int(severity)} ({SEVERITY_WORDS[severity]}), key {int(severity)}"
            )
            self.severity_buttons.addButton(button, int(severity))
            row.addWidget(button)
        self.severity_buttons.idClicked.connect(self.severity_chosen.emit)
        self.finding_note = QLineEdit(objectName="bodymap_finding_note")
        self.finding_note.setPlaceholderText("Note (e.g. taut band, jump sign)")
        self.finding_note.editingFinished.connect(
            lambda: self.note_edited.emit(self.finding_note.text())
        )
        self.clear_button = QPushButton("Clear finding (Del)")
        self.clear_button.clicked.connect(self.clear_requested.emit)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.finding_title)
        layout.addWidget(self.finding_warning)
        layout.addLayout(row)
        layout.addWidget(self.finding_note)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _needle_page(self) -> QWidget:
        page = QWidget()
        self.needle_title = QLabel(objectName="bodymap_needle_title", wordWrap=True)
        self.needle_title.setTextFormat(Qt.TextFormat.PlainText)
        self.needle_warning = QLabel(f"⚠ {THORAX_PRECAUTION}")
        self.response_buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for number, response in enumerate(Response):
            button = QPushButton(response.label)
            button.setCheckable(True)
            button.setIcon(response_icon(response))
            self.response_buttons.addButton(button, number)
            row.addWidget(button)
        self.response_buttons.idClicked.connect(
            lambda number: self.needle_changed.emit({"response": list(Response)[number]})
        )
        self.depth = QDoubleSpinBox(objectName="bodymap_depth")
        self.depth.setRange(0.0, MAX_DEPTH_MM)
        self.depth.setDecimals(1)
        self.depth.setSingleStep(5.0)
        self.depth.setSuffix(" mm")
        self.depth.setSpecialValueText("—")  # 0 means not recorded
        self.depth.editingFinished.connect(self._depth_done)
        self.length = QComboBox(objectName="bodymap_length")
        self.length.addItem("—", None)
        for mm in NEEDLE_LENGTHS_MM:
            self.length.addItem(f"{mm} mm", mm)
        self.length.activated.connect(
            lambda index: self.needle_changed.emit({"length_mm": self.length.itemData(index)})
        )
        self.gauge = QComboBox(objectName="bodymap_gauge")
        self.gauge.setEditable(True)
        self.gauge.addItems(["", *GAUGES])
        self.gauge.lineEdit().setPlaceholderText("e.g. 0.30 mm")
        self.gauge.lineEdit().editingFinished.connect(self._gauge_done)
        self.gauge.activated.connect(lambda _index: self._gauge_done())
        self.needle_note = QLineEdit(objectName="bodymap_needle_note")
        self.needle_note.setPlaceholderText("Note")
        self.needle_note.editingFinished.connect(
            lambda: self.needle_changed.emit({"note": self.needle_note.text()})
        )
        self.remove_button = QPushButton("Remove needle (Del)")
        self.remove_button.clicked.connect(self.needle_remove_requested.emit)
        form = QFormLayout()
        form.addRow("Depth", self.depth)
        form.addRow("Needle length", self.length)
        form.addRow("Gauge", self.gauge)
        form.addRow("Note", self.needle_note)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.needle_title)
        layout.addWidget(self.needle_warning)
        # The response buttons get the full width: the thing most often set, in one click.
        layout.addWidget(QLabel("Response"))
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _depth_done(self) -> None:
        value = self.depth.value()
        self.needle_changed.emit({"depth_mm": value if value > 0 else None})

    def _gauge_done(self) -> None:
        self.needle_changed.emit({"gauge": self.gauge.currentText()})

    # -- showing ---------------------------------------------------------------------------

    def setCurrentIndex(self, index: int) -> None:
        # Size to the page shown, not the tallest page, so the list above keeps the room.
        for number in range(self.count()):
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            self.widget(number).setSizePolicy(policy, policy)
        super().setCurrentIndex(index)
        self.updateGeometry()

    def show_nothing(self) -> None:
        self._finding = self._site = None
        self.setCurrentIndex(0)

    def show_target(self, title: str, finding: MuscleFinding | None, precaution: bool) -> None:
        self._finding, self._site = finding, None
        state = "not marked" if finding is None else "shortened"
        self.finding_title.setText(f"{title} — {state}")
        self.finding_warning.setVisible(precaution)
        self.severity_buttons.setExclusive(False)  # so that no button may be checked
        for button in self.severity_buttons.buttons():
            button.setChecked(
                finding is not None and self.severity_buttons.id(button) == finding.severity
            )
        self.severity_buttons.setExclusive(True)
        self.finding_note.setText(finding.note if finding else "")
        self.clear_button.setEnabled(finding is not None)
        self.setCurrentIndex(1)

    def show_needle(self, title: str, site: NeedleSite, precaution: bool) -> None:
        self._finding, self._site = None, site
        self.needle_title.setText(f"Needle in {lower_first(title)}")
        self.needle_warning.setVisible(precaution)
        self.response_buttons.setExclusive(False)
        for number, button in enumerate(self.response_buttons.buttons()):
            button.setChecked(site.response is list(Response)[number])
        self.response_buttons.setExclusive(True)
        for widget in (self.depth, self.length, self.gauge, self.needle_note):
            widget.blockSignals(True)
        self.depth.setValue(site.depth_mm or 0.0)
        self.length.setCurrentIndex(max(0, self.length.findData(site.length_mm)))
        self.gauge.setCurrentText(site.gauge)
        self.needle_note.setText(site.note)
        for widget in (self.depth, self.length, self.gauge, self.needle_note):
            widget.blockSignals(False)
        self.setCurrentIndex(2)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            *self.severity_buttons.buttons(),
            *self.response_buttons.buttons(),
            self.finding_note,
            self.clear_button,
            self.depth,
            self.length,
            self.gauge,
            self.needle_note,
            self.remove_button,
        ):
            widget.setEnabled(not read_only)
        if not read_only:
            self.clear_button.setEnabled(self._finding is not None)


class MarksList(QWidget):
    """Findings and needle sites of the visit, in sync with the map both ways."""

    finding_selected = Signal(str, object)  # muscle_key, Side
    needle_selected = Signal(str)  # uid

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodymap_marks_list")
        self._atlas = atlas
        self._marks = VisitMarks()
        self._items: dict[RowKey, QTreeWidgetItem] = {}
        self._values: dict[RowKey, Mark] = {}
        self._syncing = False
        self.tree = QTreeWidget(objectName="bodymap_marks_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Side", "Muscle", DETAIL_TITLE])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(ROW_INDENT)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIconSize(QSize(ICON_PX, ICON_PX))
        header = self.tree.header()
        header.setStretchLastSection(False)
        # The muscle's name gets the room: the side and the finding take what their longest
        # text needs (ResizeToContents would measure every row on every change instead).
        metrics = self.tree.fontMetrics()
        side = max(metrics.horizontalAdvance(s.short) for s in Side) + CELL_PADDING + ROW_INDENT
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, side)
        self._detail_floor = metrics.horizontalAdvance(DETAIL_TITLE) + CELL_PADDING
        self._detail_width = 0
        self._fit_detail(0)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.findings_group = self._group("Shortened muscles")
        self.needles_group = self._group("Needle sites")
        self.editor = MarkEditor()
        box = QGroupBox("Selected")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(box)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(True)
        return item

    # -- content ----------------------------------------------------------------------------

    def show_marks(self, marks: VisitMarks) -> None:
        """Show the marks as saved; only rows that changed are touched (300 marks: fast)."""
        with self._keeping_selection():
            self._marks = marks
            self._sync_group(
                self.findings_group,
                [(("finding", f.muscle_key, f.side), f) for f in marks.findings],
            )
            self._sync_group(self.needles_group, [(("needle", n.uid), n) for n in marks.needles])
            self._count_groups()

    def blank(self) -> None:
        """Show no marks and nothing selected: another visit's marks are on their way, and
        nothing of the visit shown before (another patient's, perhaps) stays meanwhile."""
        self.show_marks(VisitMarks())
        self.clear_selection()

    def show_mark(self, marks: VisitMarks, key: RowKey, mark: Mark | None) -> None:
        """One mark changed (None: removed) and ``marks`` are all of them as saved now:
        only that mark's row changes (a new one comes last, as the service lists it)."""
        with self._keeping_selection():
            self._marks = marks
            group = self.findings_group if key[0] == "finding" else self.needles_group
            item = self._items.get(key)
            if mark is None:
                if item is not None:
                    group.removeChild(item)
                    del self._items[key], self._values[key]
            elif (row := self._put_row(key, mark)) is not None:
                group.addChild(row)
            self._count_groups()

    @contextmanager
    def _keeping_selection(self) -> Iterator[None]:
        """Rows change without the change reading as the user selecting something."""
        self._syncing = True
        try:
            selected = self.selected_key()
            yield
            if selected is not None and selected != self.selected_key():
                self._select_key(selected)
        finally:
            self._syncing = False

    def _count_groups(self) -> None:
        self.findings_group.setText(0, f"Shortened muscles ({len(self._marks.findings)})")
        self.needles_group.setText(0, f"Needle sites ({len(self._marks.needles)})")

    def _sync_group(self, group: QTreeWidgetItem, wanted: list[tuple[RowKey, Mark]]) -> None:
        keys = {key for key, _ in wanted}
        for index in reversed(range(group.childCount())):
            key = group.child(index).data(0, ROLE)
            if key not in keys:
                group.takeChild(index)
                del self._items[key], self._values[key]
        # The service lists marks in the order they were first recorded, so rows that stay
        # keep their places and new ones come last, as they do here.
        added = [row for key, mark in wanted if (row := self._put_row(key, mark)) is not None]
        group.addChildren(added)  # in one go: filled first, the tree is told once

    def _put_row(self, key: RowKey, mark: Mark) -> QTreeWidgetItem | None:
        """Show ``mark`` in its row; a new row is returned, for the caller to add."""
        item = self._items.get(key)
        new = item is None
        if item is None:
            item = self._items[key] = QTreeWidgetItem()
            item.setData(0, ROLE, key)
        elif self._values[key] == mark:
            return None
        self._values[key] = mark
        self._fill(item, mark)
        return item if new else None

    def _fill(self, item: QTreeWidgetItem, mark: Mark) -> None:
        name, title = _names(self._atlas, mark.muscle_key, mark.side)
        if isinstance(mark, MuscleFinding):
            detail = f"{int(mark.severity)} {SEVERITY_WORDS[mark.severity]}"
            if mark.note:
                detail += " · note"
            icon = severity_icon(mark.severity)
            tip = f"{title}: {detail}{' — ' + mark.note if mark.note else ''}"
        else:
            detail = RESPONSE_WORDS[mark.response]
            if mark.depth_mm is not None:
                detail += f" · {mark.depth_mm:g} mm"
            icon = response_icon(mark.response)
            tip = f"Needle in {lower_first(title)}: {needle_text(mark)}"
        # L and R, the patient's side, as on the map: the muscle's name gets the room.
        for column, text in enumerate((mark.side.short, name, detail)):
            item.setText(column, text)
        item.setIcon(2, icon)
        item.setToolTip(0, f"Patient's {mark.side.value}")
        item.setToolTip(1, tip)
        item.setToolTip(2, tip)
        self._fit_detail(self.tree.fontMetrics().horizontalAdvance(detail))

    def _fit_detail(self, text_width: int) -> None:
        """Widen the finding column to hold a longer text (it never narrows on its own)."""
        wanted = max(self._detail_floor, text_width + ICON_PX + 4 + CELL_PADDING)
        if wanted > self._detail_width:
            self._detail_width = wanted
            self.tree.header().resizeSection(2, wanted)

    # -- selection, both ways ----------------------------------------------------------------

    def selected_key(self) -> tuple[Any, ...] | None:
        items = self.tree.selectedItems()
        return items[0].data(0, ROLE) if items else None

    def _rows(self) -> list[QTreeWidgetItem]:
        return [
            group.child(i)
            for group in (self.findings_group, self.needles_group)
            for i in range(group.childCount())
        ]

    def _select_key(self, key: RowKey | None) -> bool:
        row = self._items.get(key) if key is not None else None
        if row is None:
            self.tree.clearSelection()
            return False
        self.tree.setCurrentItem(row)
        row.setSelected(True)
        self.tree.scrollToItem(row)
        return True

    def select_target(self, muscle_key: str, side: Side) -> None:
        """Show this muscle selected (the map selected it), marked or not."""
        self._syncing = True
        try:
            self._select_key(("finding", muscle_key, side))
        finally:
            self._syncing = False
        self._show_editor_for(("finding", muscle_key, side))

    def select_needle(self, uid: str) -> None:
        self._syncing = True
        try:
            self._select_key(("needle", uid))
        finally:
            self._syncing = False
        self._show_editor_for(("needle", uid))

    def clear_selection(self) -> None:
        self._syncing = True
        try:
            self.tree.clearSelection()
        finally:
            self._syncing = False
        self.editor.show_nothing()

    def refresh_editor(self, key: tuple[Any, ...] | None) -> None:
        self._show_editor_for(key)

    def _show_editor_for(self, key: tuple[Any, ...] | None) -> None:
        if key is None:
            self.editor.show_nothing()
        elif key[0] == "finding":
            _, muscle_key, side = key
            muscle = self._atlas.get(muscle_key)
            self.editor.show_target(
                target_name_for(self._atlas, muscle_key, side),
                self._marks.finding(muscle_key, side),
                bool(muscle and has_thorax_precaution(muscle)),
            )
        else:
            site = self._marks.needle(key[1])
            if site is None:
                self.editor.show_nothing()
                return
            muscle = self._atlas.get(site.muscle_key)
            self.editor.show_needle(
                target_name_for(self._atlas, site.muscle_key, site.side),
                site,
                bool(muscle and has_thorax_precaution(muscle)),
            )

    def _selection_changed(self) -> None:
        if self._syncing:
            return
        key = self.selected_key()
        if key is None:
            return
        self._show_editor_for(key)
        if key[0] == "finding":
            self.finding_selected.emit(key[1], key[2])
        else:
            self.needle_selected.emit(key[1])

    def row_count(self) -> int:
        return len(self._rows())

    def row_texts(self) -> list[tuple[str, str, str]]:
        return [(r.text(0), r.text(1), r.text(2)) for r in self._rows()]

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)
