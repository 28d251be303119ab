"""The body-map panel the visit screen embeds: views, modes, the map, the list, undo.

Every edit is one core command (``services.mark_commands``) applied through the
MarkService, then pushed onto a QUndoStack as a thin wrapper; the map and the list are
then redrawn with exactly the change the service accepted. A refusal is shown once, in a
banner over the map, and the marks are re-read from the service so the map never shows
something unsaved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import Side, View
from imsdesk.domain.artwork import ArtworkError, ViewArtwork, load_view
from imsdesk.domain.edit_conflicts import marks_changes
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Severity, VisitMarks
from imsdesk.gui.bodymap import intents, menus
from imsdesk.gui.bodymap.banner import Banner
from imsdesk.gui.bodymap.behind import Behind
from imsdesk.gui.bodymap.commands import MarkUndoCommand
from imsdesk.gui.bodymap.legend import Legend
from imsdesk.gui.bodymap.marks_list import MarksList
from imsdesk.gui.bodymap.scene import BodyMapScene
from imsdesk.gui.bodymap.texts import (
    VIEW_NAMES,
    VIEW_TITLES,
    caption,
    describe_command,
    target_name_for,
)
from imsdesk.gui.bodymap.view import BodyMapView, Mode
from imsdesk.gui.elided_label import ElidedLabel
from imsdesk.services.errors import RecordLocked, ServiceError, StoreError
from imsdesk.services.mark_commands import MarkCommand, SetFinding, SetNeedle
from imsdesk.services.marks import MarkService

# What is selected: ("finding", muscle_key, side), marked or not, or ("needle", uid).
Selection = tuple[Any, ...]
ArtworkLoader = Callable[[View], ViewArtwork]

# The view a map opens on, and the one prepared before any visit is opened.
FIRST_VIEW = View.ANTERIOR
# The list beside the map: a share of the panel (LIST_SHARE), within these bounds (pixels).
SIDE_MIN_WIDTH = 300
SIDE_MAX_WIDTH = 400
# The list's share of the panel: room for a muscle's name whole beside its finding at
# 1280 px, while the map (drawn to the height it has) keeps most of the width.
LIST_SHARE = 0.33
MODE_KEYS = {Mode.SHORTENED: "S", Mode.NEEDLE: "N", Mode.SELECT: "V"}
MODE_TITLES = {Mode.SHORTENED: "Shortened", Mode.NEEDLE: "Needle", Mode.SELECT: "Select"}
MODE_HINTS = {
    Mode.SHORTENED: "Shortened: click a muscle to mark it; click again to raise severity.",
    Mode.NEEDLE: "Needle: click where you needled; the needle attaches to the muscle there.",
    Mode.SELECT: "Select: click a muscle or needle to see and edit it.",
}
# The active mode must be obvious from across the room: filled, not just "pressed".
MODE_STYLE = (
    "QToolButton { padding: 4px 10px; }"
    " QToolButton:checked { background: #0b3d91; color: white; font-weight: bold;"
    " border: 1px solid #0b3d91; border-radius: 4px; }"
)


class BodyMapPanel(QWidget):
    changed = Signal()  # after each saved edit (and undo or redo)
    marks_shown = Signal()  # whenever the map shows a new set of marks (edits and reloads)
    status_message = Signal(str)
    copy_forward_requested = Signal()

    def __init__(
        self,
        marks: MarkService,
        visit_id: int | None,
        *,
        read_only: bool = False,
        previous: VisitMarks | None = None,
        artwork: ArtworkLoader = load_view,
        view: View = FIRST_VIEW,
        parent: QWidget | None = None,
    ) -> None:
        """``visit_id`` None: the drawing alone, read-only, made ready before any visit is
        opened (``show_visit`` then brings the marks in)."""
        super().__init__(parent)
        self.setObjectName("BodyMapPanel")
        self._service = marks
        self.visit_id = visit_id
        self.atlas = marks.atlas
        self._load_artwork = artwork
        self._scenes: dict[View, BodyMapScene] = {}
        self._artwork_problems: dict[View, str] = {}
        self.marks = VisitMarks()
        self.previous = previous
        self.read_only = read_only
        self.selection: Selection | None = None
        self.highlighted: frozenset[tuple[str, Side]] = frozenset()
        self.context_menu: QMenu | None = None
        self._sized = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        # The list, its editor and the tab counts follow the map on the next turn of the
        # event loop: a click repaints the map first and the rest within the same frame.
        self._behind = Behind()
        self._catch_up_timer = QTimer(self, singleShot=True, interval=0)
        self._catch_up_timer.timeout.connect(self.catch_up)

        self.view = BodyMapView()
        self.list = MarksList(self.atlas)
        self.legend = Legend()
        self._build_actions()
        self._build_layout()
        self._connect()
        self.show_visit(visit_id, read_only=read_only, previous=previous)
        self.show_view(view)  # built with the visit's marks in it

    def show_visit(
        self,
        visit_id: int | None,
        *,
        read_only: bool = False,
        previous: VisitMarks | None = None,
        marks: VisitMarks | None = None,
    ) -> None:
        """Show a visit's marks (and the one before it, to compare) on the views already
        drawn: moving between visits redraws the marks, not the map. ``marks`` are the
        visit's as already read (the visit screen reads them with the rest); read here
        when not given."""
        if marks is None:
            marks = VisitMarks() if visit_id is None else self._service.marks(visit_id)
        read_only = read_only or visit_id is None
        if visit_id != self.visit_id:
            # The list follows on the next turn, as after any change; until then it shows
            # nothing rather than the visit before (another patient's, perhaps).
            self.list.blank()
        self.visit_id = visit_id
        self.marks = marks
        self._update_tab_titles()  # counting is cheap: the tabs never show the visit before
        self.undo_stack.clear()  # another visit's steps are not this one's to undo
        self.banner.hide()
        if self.context_menu is not None:
            self.context_menu.close()
        self.set_read_only(read_only)
        self._show_mode(Mode.SELECT if read_only else Mode.SHORTENED)
        self.select(None)
        self.highlight(frozenset())
        self._refresh()
        self.set_previous(previous)

    # -- construction ------------------------------------------------------------------

    def _action(
        self, text: str, keys: str | list[QKeySequence] | QKeySequence.StandardKey, slot: Any
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, list):
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(keys))
        # Keys act while the focus is anywhere in the panel, not in the whole window.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.mode_actions: dict[Mode, QAction] = {}
        group = QActionGroup(self)
        for mode in Mode:
            title = f"{MODE_TITLES[mode]} ({MODE_KEYS[mode]})"
            action = self._action(title, MODE_KEYS[mode], lambda _=False, m=mode: self.set_mode(m))
            action.setCheckable(True)
            action.setToolTip(MODE_HINTS[mode])
            group.addAction(action)
            self.mode_actions[mode] = action
        self.severity_actions = [
            self._action(
                f"Severity {int(s)}", str(int(s)), lambda _=False, s=s: self.set_severity_key(s)
            )
            for s in Severity
        ]
        self.delete_action = self._action(
            "Clear selected mark",
            # Backspace too: the key labelled "delete" on a Mac keyboard sends it.
            [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)],
            self.delete_selected,
        )
        # Short button text; what would be undone goes in the tooltip.
        self.undo_action = self._action("Undo", QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        self.redo_action = self._action(
            "Redo", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self.undo_stack.redo
        )
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_action.setToolTip(f"Undo: {text} (Ctrl+Z)" if text else "Undo")
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_action.setToolTip(f"Redo: {text} (Ctrl+Y)" if text else "Redo")
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.fit_action = self._action("Fit", "Ctrl+0", self.view.fit)
        self.fit_action.setToolTip("Show the whole drawing (Ctrl+0); wheel or pinch to zoom")
        self.previous_action = QAction("Show previous visit", self, checkable=True)
        self.previous_action.toggled.connect(lambda _on: self._show_previous())
        self.copy_forward_action = QAction("Copy forward", self)
        self.copy_forward_action.setToolTip("Bring the previous visit's marks in as new marks")
        self.copy_forward_action.triggered.connect(self.copy_forward_requested.emit)

    def _tool(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton(objectName=name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(False)
        return button

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        self.mode_buttons = {
            mode: self._tool(action, f"bodymap_mode_{mode.value}")
            for mode, action in self.mode_actions.items()
        }
        for button in self.mode_buttons.values():
            button.setMinimumWidth(104)
            button.setMinimumHeight(30)
            button.setStyleSheet(MODE_STYLE)
            bar.addWidget(button)
        bar.addSpacing(16)
        self.undo_button = self._tool(self.undo_action, "bodymap_undo")
        self.redo_button = self._tool(self.redo_action, "bodymap_redo")
        for button in (self.undo_button, self.redo_button):
            bar.addWidget(button)
        bar.addSpacing(16)
        bar.addWidget(self._tool(self.fit_action, "bodymap_fit"))
        bar.addSpacing(16)
        # Which view this is and how it faces the viewer, on the bar: a row of the screen's
        # height given back to the map (cut short with '…' on a narrow window).
        self.caption = ElidedLabel(objectName="bodymap_caption")
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setMinimumWidth(80)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self._tool(self.previous_action, "bodymap_previous"))
        self.copy_forward_button = self._tool(self.copy_forward_action, "bodymap_copy_forward")
        bar.addWidget(self.copy_forward_button)

        # Over the top of the map, so showing it never moves the muscles under the mouse.
        self.banner = Banner(self.view)

        self.tabs = QTabBar(objectName="bodymap_tabs")
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for view in View:
            index = self.tabs.addTab(VIEW_TITLES[view])
            self.tabs.setTabData(index, view.value)
            self.tabs.setTabToolTip(index, VIEW_NAMES[view])
        self.missing = QLabel(objectName="bodymap_missing", wordWrap=True)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = QStackedWidget()
        self.canvas.addWidget(self.view)
        self.canvas.addWidget(self.missing)

        map_column = QWidget()
        left = QVBoxLayout(map_column)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(4)
        left.addWidget(self.tabs)
        left.addWidget(self.canvas, 1)
        # The legend sits under the list, leaving the map column all the height it can get.
        side_column = QWidget()
        right = QVBoxLayout(side_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.list, 1)
        right.addWidget(self.legend)
        side_column.setMinimumWidth(SIDE_MIN_WIDTH)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="bodymap_splitter")
        self.splitter.addWidget(map_column)
        self.splitter.addWidget(side_column)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the map, not the list
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        view = self.view
        view.finding_clicked.connect(self._finding_clicked)
        view.needle_requested.connect(self._needle_requested)
        view.region_selected.connect(lambda key, side: self.select(("finding", key, side)))
        view.needle_clicked.connect(lambda uid: self.select(("needle", uid)))
        view.context_requested.connect(self._region_menu)
        view.needle_context_requested.connect(self._needle_menu)
        view.missed.connect(self._missed)
        self.tabs.currentChanged.connect(
            lambda index: self.show_view(View(self.tabs.tabData(index)))
        )
        self.list.finding_selected.connect(lambda key, side: self.select(("finding", key, side)))
        self.list.needle_selected.connect(lambda uid: self.select(("needle", uid)))
        editor = self.list.editor
        editor.severity_chosen.connect(self._severity_chosen)
        editor.note_edited.connect(self._note_edited)
        editor.clear_requested.connect(self.delete_selected)
        editor.needle_changed.connect(self._needle_changed)
        editor.needle_remove_requested.connect(self.delete_selected)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # Stretch factors act only on later resizes: give the list its share now.
            self._sized = True
            self.size_list_column()

    def size_list_column(self) -> None:
        """The list beside the map at its default width for the panel's width now (a window
        that lays itself out after showing the panel asks again)."""
        total = max(1, self.splitter.width())
        side = max(SIDE_MIN_WIDTH, min(SIDE_MAX_WIDTH, round(total * LIST_SHARE)))
        self.splitter.setSizes([total - side, side])

    # -- views ---------------------------------------------------------------------------

    def current_view(self) -> View:
        return View(self.tabs.tabData(self.tabs.currentIndex()))

    def scene_for(self, view: View) -> BodyMapScene | None:
        """The scene of ``view``, built on first use; None while it has no artwork."""
        scene = self._scenes.get(view)
        if scene is None:
            try:
                artwork = self._load_artwork(view)
            except FileNotFoundError:
                self._artwork_problems[view] = "This view has not been drawn yet."
                return None
            except ArtworkError as error:  # a broken drawing: say what is wrong with it
                self._artwork_problems[view] = f"This view cannot be shown: {error}"
                return None
            scene = BodyMapScene(artwork, self.atlas, self, marks=self.marks)
            scene.show_previous(self._previous_shown())
            scene.set_highlighted(self.highlighted)
            self._apply_selection(scene)
            self._scenes[view] = scene
        return scene

    def show_view(self, view: View) -> None:
        index = next(i for i in range(self.tabs.count()) if self.tabs.tabData(i) == view.value)
        if self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)  # comes back here through currentChanged
            return
        scene = self.scene_for(view)
        if scene is None:
            self.caption.set_full_text(VIEW_TITLES[view])
            self.missing.setText(self._artwork_problems.get(view, ""))
            self.canvas.setCurrentWidget(self.missing)
            return
        self.caption.set_full_text(self._caption(scene))
        self.canvas.setCurrentWidget(self.view)
        self.view.show_scene(scene)

    def _caption(self, scene: BodyMapScene) -> str:
        art = scene.artwork
        # "Patient's left on your left" only means something for a single drawing seen
        # from the front or back; insets in pairs carry their own L and R.
        text = caption(scene.view_id, art.viewer_left() if len(art.panels) <= 1 else None)
        return f"{text}  ·  signed, read-only" if self.read_only else text

    # -- modes and state ---------------------------------------------------------------------

    def mode(self) -> Mode:
        return self.view.mode

    def set_mode(self, mode: Mode) -> None:
        if self.read_only and mode is not Mode.SELECT:
            self.status_message.emit("This visit is signed: its marks can be viewed, not changed.")
            mode = Mode.SELECT
        self._show_mode(mode)
        self.status_message.emit(MODE_HINTS[mode])

    def _show_mode(self, mode: Mode) -> None:
        self.view.set_mode(mode)
        self.mode_actions[mode].setChecked(True)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for mode in (Mode.SHORTENED, Mode.NEEDLE):
            self.mode_actions[mode].setEnabled(not read_only)
        for action in (*self.severity_actions, self.delete_action):
            action.setEnabled(not read_only)
        if read_only:
            self.undo_stack.clear()  # nothing may be undone into a signed visit
            if self.view.mode is not Mode.SELECT:
                self.set_mode(Mode.SELECT)
        # What only changes a draft leaves a signed visit's bar: room for its caption.
        for button in (self.undo_button, self.redo_button, self.copy_forward_button):
            button.setVisible(not read_only)
        self.list.set_read_only(read_only)
        self._update_previous_actions()
        scene = self.view.body_scene()
        if scene is not None:
            self.caption.set_full_text(self._caption(scene))

    def set_previous(self, previous: VisitMarks | None) -> None:
        self.previous = previous
        self._update_previous_actions()
        self._show_previous()

    def _update_previous_actions(self) -> None:
        has_previous = self.previous is not None and bool(
            self.previous.findings or self.previous.needles
        )
        self.previous_action.setEnabled(has_previous)
        if not has_previous:
            self.previous_action.setChecked(False)
        self.copy_forward_action.setEnabled(has_previous and not self.read_only)

    def _previous_shown(self) -> VisitMarks | None:
        return self.previous if self.previous_action.isChecked() else None

    def _show_previous(self) -> None:
        for scene in self._scenes.values():
            scene.show_previous(self._previous_shown())

    # -- reading what is saved -------------------------------------------------------------

    def highlight(self, targets: frozenset[tuple[str, Side]]) -> None:
        """Outline these muscles on every view (a spine level's myotome); empty clears."""
        self.highlighted = targets
        for scene in self._scenes.values():
            scene.set_highlighted(targets)

    def reload(self) -> None:
        """Re-read the visit's marks from the service and redraw (e.g. after copy forward)."""
        if self.visit_id is None:
            return
        try:
            self.marks = self._service.marks(self.visit_id)
        except (ServiceError, StoreError) as error:
            self._show_error(f"Could not read the body map: {error}")
            return
        self._refresh()

    def refresh(self) -> tuple[str, ...]:
        """Re-read the marks, redrawing only when another workstation changed them;
        returns what changed ('1 needle site added'), empty when nothing did."""
        if self.visit_id is None:
            return ()
        try:
            saved = self._service.marks(self.visit_id)
        except (ServiceError, StoreError) as error:
            self._show_error(f"Could not read the body map: {error}")
            return ()
        return self.adopt(saved)

    def adopt(self, saved: VisitMarks) -> tuple[str, ...]:
        """Show the open visit's marks as just read (the map's undo steps stay), redrawing
        only what changed; returns what changed, empty when nothing did."""
        changes = marks_changes(self.marks, saved)
        if changes:
            self.marks = saved
            self._refresh()
        return changes

    def _refresh(self) -> None:
        for scene in self._scenes.values():
            scene.show_marks(self.marks)
        self._behind.all_rows = self._behind.marks = True
        self._catch_up_later()

    def _show_change(self, command: MarkCommand) -> None:
        """After one saved edit: only the changed muscle's or needle's items (and later its
        list row) are touched, on every view built so far (a view built later draws all
        marks)."""
        if isinstance(command, SetFinding):
            key, side = command.muscle_key, command.side
            finding = self.marks.finding(key, side)
            for scene in self._scenes.values():
                scene.show_finding(key, side, finding)
            self._behind.rows[("finding", key, side)] = None
        elif isinstance(command, SetNeedle):
            uid = (command.after or command.before).uid  # type: ignore[union-attr]
            site = self.marks.needle(uid)
            for scene in self._scenes.values():
                scene.show_needle(uid, site)
            self._behind.rows[("needle", uid)] = None
        else:
            self._refresh()
            return
        self._behind.marks = True
        self._catch_up_later()

    def list_is_behind(self) -> bool:
        """Whether the list, editor or tab counts have still to follow the map."""
        return self._catch_up_timer.isActive()

    def _catch_up_later(self) -> None:
        if not self._catch_up_timer.isActive():
            self._catch_up_timer.start()

    def catch_up(self) -> None:
        """Bring the list, the editor and the tab counts up to the map (done by itself on
        the next turn of the event loop after any change)."""
        self._catch_up_timer.stop()
        behind, self._behind = self._behind, Behind()
        if behind.all_rows:
            self.list.show_marks(self.marks)
        else:
            for key in behind.rows:
                self.list.show_mark(self.marks, key, self._mark(key))
        if behind.selection:
            self._select_in_list(self.selection)
        else:
            self.list.refresh_editor(self.selection)
        if behind.marks:
            self._update_tab_titles()
            self.marks_shown.emit()

    def _mark(self, key: Selection) -> MuscleFinding | NeedleSite | None:
        if key[0] == "finding":
            return self.marks.finding(key[1], key[2])
        return self.marks.needle(key[1])

    def _update_tab_titles(self) -> None:
        # Counted from the atlas (cheap), so a mark on an inset not yet opened still shows.
        counts: Counter[View] = Counter(n.view for n in self.marks.needles)
        for finding in self.marks.findings:
            muscle = self.atlas.get(finding.muscle_key)
            for view in muscle.views if muscle is not None else ():
                counts[view] += 1
        for index in range(self.tabs.count()):
            view = View(self.tabs.tabData(index))
            count = counts[view]
            title = VIEW_TITLES[view]
            text = f"{title} ({count})" if count else title
            if self.tabs.tabText(index) != text:  # each change re-lays out the tab bar
                self.tabs.setTabText(index, text)

    # -- selection, map <-> list -----------------------------------------------------------

    def select(self, selection: Selection | None) -> None:
        self.selection = selection
        if selection is not None and selection[0] == "finding":
            self._reveal_muscle(selection[1])
        elif selection is not None:
            site = self.marks.needle(selection[1])
            if site is not None and site.view != self.current_view():
                self.show_view(site.view)
        for scene in self._scenes.values():
            self._apply_selection(scene)
        self._behind.selection = True
        self._catch_up_later()

    def _select_in_list(self, selection: Selection | None) -> None:
        if selection is None:
            self.list.clear_selection()
        elif selection[0] == "finding":
            self.list.select_target(selection[1], selection[2])
        else:
            self.list.select_needle(selection[1])

    def _apply_selection(self, scene: BodyMapScene) -> None:
        selection = self.selection
        if selection is None:
            scene.set_selection(None, None)
        elif selection[0] == "finding":
            scene.set_selection((selection[1], selection[2]), None)
        else:
            scene.set_selection(None, selection[1])

    def _reveal_muscle(self, muscle_key: str) -> None:
        """Switch to a view that draws the muscle if the current one does not."""
        muscle = self.atlas.get(muscle_key)
        if muscle is None or self.current_view() in muscle.views:
            return
        for view in muscle.views:
            if self.scene_for(view) is not None:
                self.show_view(view)
                return

    def _selected_target(self) -> tuple[str, Side] | None:
        if self.selection and self.selection[0] == "finding":
            return self.selection[1], self.selection[2]
        return None

    def _selected_needle(self) -> str | None:
        if self.selection and self.selection[0] == "needle":
            return str(self.selection[1])
        return None

    # -- intent -> command -> service ---------------------------------------------------------

    def _finding_clicked(self, muscle_key: str, side: Side) -> None:
        self.select(("finding", muscle_key, side))
        command = intents.cycle_finding(self.visit_id, self.marks, muscle_key, side)
        if command is None and not self.read_only:
            name = target_name_for(self.atlas, muscle_key, side)
            self.status_message.emit(
                f"{name} is already 3 (marked); right-click to change or clear."
            )
            return
        self.run(command)

    def _needle_requested(
        self, muscle_key: str, side: Side, view: View, x: float, y: float
    ) -> None:
        command = intents.place_needle(self.visit_id, muscle_key, side, view, x, y)
        if self.run(command):
            assert command.after is not None
            self.select(("needle", command.after.uid))

    def _missed(self, _x: float, _y: float) -> None:
        if self.view.mode is Mode.SELECT:
            self.select(None)
            return
        where = "place a needle" if self.view.mode is Mode.NEEDLE else "mark it"
        self.status_message.emit(f"No muscle there: click inside a muscle's outline to {where}.")

    def set_severity_key(self, severity: Severity) -> None:
        """Keys 1-3: the muscle under the pointer, else the selected one."""
        target = self.view.hovered_target or self._selected_target()
        if target is None:
            self.status_message.emit("Point at a muscle, or select one, to set its severity.")
            return
        self.select(("finding", *target))
        self.run(intents.set_severity(self.visit_id, self.marks, *target, severity))

    def delete_selected(self) -> None:
        target, uid = self._selected_target(), self._selected_needle()
        if target is not None:
            self.run(intents.clear_finding(self.visit_id, self.marks, *target))
        elif uid is not None and self.run(intents.remove_needle(self.visit_id, self.marks, uid)):
            self.select(None)

    def _severity_chosen(self, severity: int) -> None:
        target = self._selected_target()
        if target is not None:
            self.run(intents.set_severity(self.visit_id, self.marks, *target, severity))

    def _note_edited(self, note: str) -> None:
        target = self._selected_target()
        if target is not None:
            self.run(intents.set_finding_note(self.visit_id, self.marks, *target, note))

    def _needle_changed(self, changes: dict[str, Any]) -> None:
        uid = self._selected_needle()
        if uid is not None:
            self.run(intents.edit_needle(self.visit_id, self.marks, uid, **changes))

    def run(self, command: MarkCommand | None) -> bool:
        """Save one command, push it for undo and redraw; False if nothing was saved."""
        if command is None:
            return False
        if self.read_only:
            self.status_message.emit("This visit is signed: its marks can no longer change.")
            return False
        try:
            command.apply(self._service)
        except (ServiceError, StoreError) as error:
            self._refused(error)
            return False
        text = self.describe(command)
        self.undo_stack.push(MarkUndoCommand(command, self._service, self._step_done, text))
        self._saved(command, text)
        return True

    def _step_done(self, command: MarkCommand, error: Exception | None, undo: bool) -> None:
        """After an undo or redo: redraw what was saved, or report the refusal."""
        if error is not None:
            self._refused(error)
            # The history no longer matches what is saved: drop it (after Qt's own step).
            QTimer.singleShot(0, self.undo_stack.clear)
            return
        verb = "Undone" if undo else "Redone"
        self._saved(command, f"{verb}: {self.describe(command)}", undo=undo)

    def _saved(self, command: MarkCommand, text: str, *, undo: bool = False) -> None:
        # The service accepted the change: the marks are now exactly the old ones with it
        # applied (re-reading all of them after every click would cost more than the click).
        self.marks = intents.applied(self.marks, command, undo=undo)
        self.banner.hide()
        self._show_change(command)
        self.status_message.emit(text)
        self.changed.emit()

    def _refused(self, error: Exception) -> None:
        self._show_error(f"Not saved: {error}")
        if isinstance(error, RecordLocked):
            self.set_read_only(True)
        self.reload()  # never show something the service did not save

    def _show_error(self, text: str) -> None:
        self.banner.show_text(text)
        self.status_message.emit(text)

    def describe(self, command: MarkCommand) -> str:
        return describe_command(self.atlas, command)

    # -- right-click menus --------------------------------------------------------------------

    def _popup(self, menu: QMenu, global_pos: QPoint) -> None:
        if self.context_menu is not None:
            self.context_menu.close()
            self.context_menu.deleteLater()
        self.context_menu = menu
        menu.popup(global_pos)  # popup(), not exec(): the map stays live

    def _region_menu(self, muscle_key: str, side: Side, global_pos: QPoint) -> None:
        self.select(("finding", muscle_key, side))
        target = (self.visit_id, self.marks, muscle_key, side)
        menu = menus.muscle_menu(
            self,
            target_name_for(self.atlas, muscle_key, side),
            self.marks.finding(muscle_key, side),
            read_only=self.read_only,
            on_severity=lambda s: self.run(intents.set_severity(*target, s)),
            on_note=lambda: self._ask_note(muscle_key, side),
            on_clear=lambda: self.run(intents.clear_finding(*target)),
        )
        self._popup(menu, global_pos)

    def _needle_menu(self, uid: str, global_pos: QPoint) -> None:
        site = self.marks.needle(uid)
        if site is None:
            return
        self.select(("needle", uid))
        menu = menus.needle_menu(
            self,
            target_name_for(self.atlas, site.muscle_key, site.side),
            site,
            read_only=self.read_only,
            on_response=lambda r: self.run(
                intents.edit_needle(self.visit_id, self.marks, uid, response=r)
            ),
            on_remove=self.delete_selected,
        )
        self._popup(menu, global_pos)

    def _ask_note(self, muscle_key: str, side: Side) -> None:
        finding = self.marks.finding(muscle_key, side)
        text, ok = QInputDialog.getMultiLineText(
            self,
            "Note",
            target_name_for(self.atlas, muscle_key, side),
            finding.note if finding else "",
        )
        if ok:
            self.run(intents.set_finding_note(self.visit_id, self.marks, muscle_key, side, text))
