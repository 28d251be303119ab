"""Areas of pain beside the pain scores: a button opening a tick list of the map's regions
by the patient's side, and a one-line read-out of what is ticked.

Each tick is saved at once through the service; the picker never holds unsaved state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import Region
from imsdesk.domain.pain_areas import (
    REGION_LABELS,
    SIDE_ORDER,
    PainArea,
    area_targets,
    describe_areas,
    sides_for,
)
from imsdesk.gui.elided_label import ElidedLabel
from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.pain_areas import PainAreaService

NONE_TEXT = "none recorded"


class PainAreasPopup(QFrame):
    """The tick list: one row per region of the map, a column per side."""

    toggled = Signal(object, bool)  # PainArea, ticked
    outline_requested = Signal()

    def __init__(self, regions: tuple[Region, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("pain_areas_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.boxes: dict[PainArea, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for column, side in enumerate(SIDE_ORDER, start=1):
            header = QLabel(f"<b>{side.label}</b>")
            grid.addWidget(header, 0, column, Qt.AlignmentFlag.AlignHCenter)
        for row, region in enumerate(regions, start=1):
            grid.addWidget(QLabel(REGION_LABELS[region]), row, 0)
            for side in sides_for(region):
                area = PainArea(region, side)
                box = QCheckBox(objectName=f"pain_{region.value}_{side.value}")
                box.setToolTip(f"{area.label} (the patient's side)")
                box.setAccessibleName(area.label)
                box.toggled.connect(lambda on, a=area: self.toggled.emit(a, on))
                grid.addWidget(box, row, SIDE_ORDER.index(side) + 1, Qt.AlignmentFlag.AlignHCenter)
                self.boxes[area] = box
        self.outline_button = QPushButton("Outline on &map", objectName="pain_areas_outline")
        self.outline_button.setToolTip("Outline the map's muscles in the ticked areas")
        self.outline_button.clicked.connect(self.outline_requested)
        self.done_button = QPushButton("Done", objectName="pain_areas_done")
        self.done_button.setToolTip("Close the list (Esc); every tick is already saved")
        self.done_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.outline_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Where the patient feels pain (patient's side):"))
        layout.addLayout(grid)
        layout.addLayout(buttons)

    def show_areas(self, areas: tuple[PainArea, ...], read_only: bool) -> None:
        for area, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(area in areas)
            box.blockSignals(False)
            box.setEnabled(not read_only)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close()
            return
        super().keyPressEvent(event)


class PainAreasPicker(QWidget):
    status_message = Signal(str)
    outline_requested = Signal(frozenset)  # (muscle key, side) targets on the map

    def __init__(self, service: PainAreaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PainAreasPicker")
        self._service = service
        self.visit_id = 0
        self.read_only = True
        self.areas: tuple[PainArea, ...] = ()
        self.button = QToolButton(objectName="pain_areas_button")
        self.button.setText("Areas of pain…")
        self.button.setToolTip("Tick where the patient feels pain, by region of the map and side")
        self.button.clicked.connect(self.open_list)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.button)  # the tab order reaches the button
        self.readout = ElidedLabel(objectName="pain_areas_readout")
        self.readout.setMinimumWidth(120)
        self.popup = PainAreasPopup(service.regions(), self)
        self.popup.toggled.connect(self._toggled)
        self.popup.outline_requested.connect(self._outline)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.readout, 1)

    def show_visit(self, visit_id: int, read_only: bool, areas: tuple[PainArea, ...]) -> None:
        """Show the visit's areas of pain, as the visit screen read them."""
        self.visit_id, self.read_only = visit_id, read_only
        self._show(areas)

    def reload(self) -> None:
        """Show what the service holds for this visit."""
        self._show(self._service.areas(self.visit_id) if self.visit_id else self.areas)

    def _show(self, areas: tuple[PainArea, ...]) -> None:
        self.areas = areas
        self.popup.show_areas(self.areas, self.read_only)
        self.readout.set_full_text(describe_areas(self.areas) or NONE_TEXT)
        self.readout.setStyleSheet("" if self.areas else "color: gray;")

    def open_list(self) -> None:
        self.popup.adjustSize()
        # Opens upwards from the button: the row sits under the map, near the screen's foot.
        corner = self.button.mapToGlobal(self.button.rect().topLeft())
        self.popup.move(corner.x(), corner.y() - self.popup.height())
        self.popup.show()
        first = next(
            (box for box in self.popup.boxes.values() if box.isEnabled()),
            self.popup.done_button,
        )
        first.setFocus()

    def _toggled(self, area: PainArea, ticked: bool) -> None:
        try:
            self._service.set_area(self.visit_id, area, ticked)
        except (ServiceError, StoreError) as error:
            self.status_message.emit(f"Not saved: {error}")
        else:
            verb = "Added" if ticked else "Removed"
            self.status_message.emit(f"{verb} area of pain: {area.label}.")
        self.reload()

    def _outline(self) -> None:
        self.outline_requested.emit(area_targets(self.areas, self._service.atlas))
