"""The visit screen: who and when, the body map, notes, pain, needle count, signing."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.anatomy import Side, SpinalLevel
from imsdesk.domain.draft_findings import DraftFindings, findings_changes
from imsdesk.domain.patients import Patient
from imsdesk.domain.safety import precautions_to_acknowledge
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.domain.visits import Visit, days_between
from imsdesk.gui.amend_dialog import AmendDialog
from imsdesk.gui.bodymap.dermatome_overlay import DermatomeOverlay
from imsdesk.gui.bodymap.panel import BodyMapPanel
from imsdesk.gui.bodymap.texts import VIEW_NAMES
from imsdesk.gui.context import Services
from imsdesk.gui.elided_label import ElidedLabel
from imsdesk.gui.pain_areas_picker import PainAreasPicker
from imsdesk.gui.segments_panel import NOTES_WIDTH, SegmentsPanel
from imsdesk.gui.visit_course_bar import VisitCourseBar
from imsdesk.gui.visit_notes import VisitNotesPanel
from imsdesk.gui.window_state import restore_splitters
from imsdesk.services.edit_conflicts import SigningStale
from imsdesk.services.errors import RecordLocked, ServiceError, StoreError
from imsdesk.services.mark_commands import ReplaceMarks, SetFinding
from imsdesk.services.visit_record import SigningRefused
from imsdesk.services.visit_screen import VisitScreen

# Narrower than this, the strip's suggestions start folded away: the map needs the width.
WIDE_WINDOW = 1600
# A draft open on several workstations is read again this often (and on F5, and when the
# app comes back into use), so what another workstation saved shows here.
REFRESH_MS = 20_000


class VisitPage(QWidget):
    back_requested = Signal(int)  # patient id
    status_message = Signal(str)
    signed = Signal(int)  # visit id

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitPage")
        self.services = services
        records = services.records
        self._records = records
        self._screen = services.screen
        self._marks = services.marks
        self.map_panel: BodyMapPanel | None = None
        self.dermatome: DermatomeOverlay | None = None
        self._precaution_text = ""
        self._patient_id = 0
        self._patient: Patient | None = None
        self.record: VisitRecord | None = None
        self.clinician_id: int | None = None

        self.back_button = QPushButton("← &Back to patient", objectName="visit_back_button")
        self.back_button.setToolTip("Back to this patient's visits (Esc); everything is saved")
        self.back_button.clicked.connect(self.leave)
        self.title = QLabel(objectName="visit_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.sign_button = QPushButton("Si&gn visit", objectName="sign_button")
        self.sign_button.setToolTip(
            "Sign this visit (Ctrl+Enter); afterwards it only takes amendments"
        )
        self.sign_button.clicked.connect(self.sign)
        self.amend_button = QPushButton("&Amend…", objectName="amend_button")
        self.amend_button.setToolTip("Add an amendment under this signed visit")
        self.amend_button.clicked.connect(self.amend)
        self.course = VisitCourseBar(services)
        self.course.status_message.connect(self.status_message)
        # One line, cut short with '…' where the window is narrow (the whole text on
        # hover): wrapping would ask the scrolling page for height, a long line for width.
        self.precaution = ElidedLabel(objectName="precaution_banner")
        self.precaution.setMinimumWidth(160)
        self.precaution.setStyleSheet(
            "background: #fff4e5; border: 1px solid #b26a00; border-radius: 3px; padding: 4px;"
        )
        self.acknowledge_button = QPushButton(
            "I have read this: acknowledge", objectName="acknowledge_button"
        )
        self.acknowledge_button.setToolTip(
            "Recorded with this visit; needed before signing when a needle site is over the lung"
        )
        self.acknowledge_button.clicked.connect(self.acknowledge_precautions)
        self.precaution_row = QWidget()
        precaution_layout = QHBoxLayout(self.precaution_row)
        precaution_layout.setContentsMargins(0, 0, 0, 0)
        precaution_layout.addWidget(self.precaution, 1)
        precaution_layout.addWidget(self.acknowledge_button)
        self.precaution_row.hide()
        # Beside the title rather than under it: a laptop screen's height goes to the map.
        self.facts = ElidedLabel(objectName="visit_facts")
        self.facts.setMinimumWidth(120)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.map_area = QWidget(objectName="map_area")
        self.map_layout = QVBoxLayout(self.map_area)
        self.map_layout.setContentsMargins(0, 0, 0, 0)
        self.segments = SegmentsPanel(services.exam_signs, self._run_mark)
        self.segments.status_message.connect(self.status_message)
        self.segments.level_muscles.connect(self._highlight_level)
        self.segments.dermatome_chosen.connect(self._show_dermatome)
        self.segments.notes_toggled.connect(self._show_segment_notes)
        # The map, the spine strip, and the strip's suggestions, which fold away (by their
        # tick box or by dragging) so that a laptop screen gives the map its width.
        self.upper = QSplitter(Qt.Orientation.Horizontal, objectName="map_splitter")
        self.upper.addWidget(self.map_area)
        self.upper.addWidget(self.segments)
        self.upper.addWidget(self.segments.notes)
        for index, stretch in enumerate((1, 0, 0)):
            self.upper.setStretchFactor(index, stretch)
            self.upper.setCollapsible(index, index == 2)
        self.upper.splitterMoved.connect(lambda _pos, _index: self._notes_shown_as_sized())
        self._laid_out = False
        self.notes = VisitNotesPanel(records)
        self.notes.saved.connect(lambda label: self.status_message.emit(f"Saved {label.lower()}."))
        self.notes.save_failed.connect(self.status_message)
        self.notes.status_message.connect(self.status_message)
        self.pain_areas = PainAreasPicker(services.pain_areas)
        self.pain_areas.status_message.connect(self.status_message)
        self.pain_areas.outline_requested.connect(self._highlight_areas)
        self.notes.add_beside_pain(self.pain_areas)
        self.amendments = QLabel(objectName="amendments")
        self.amendments.setWordWrap(True)
        self.amendments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.notes, 1)
        lower_layout.addWidget(self.amendments)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="visit_splitter")
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        header = self.header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(12)
        header.addWidget(self.title)
        header.addSpacing(16)
        header.addWidget(self.facts, 1)
        header.addWidget(self.amend_button)
        header.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        # The precaution shares the strip's row, so the map keeps its height on a laptop.
        course_row = QHBoxLayout()
        course_row.addWidget(self.course)
        course_row.addWidget(self.precaution_row, 1)
        layout.addLayout(course_row)
        layout.addWidget(self.splitter, 1)

        sign_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        sign_shortcut.activated.connect(self.sign)
        QShortcut(QKeySequence("Ctrl+Enter"), self).activated.connect(self.sign)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self).activated.connect(
            lambda: self.refresh(say_unchanged=True)
        )
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # a method slot: let go when the page goes
            app.applicationStateChanged.connect(self._app_state_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            restored = restore_splitters(self)
            if "map_splitter" not in restored:
                self._default_map_layout()
            if self.map_panel is not None and "bodymap_splitter" not in restored:
                self.map_panel.size_list_column()  # for the map's width just given
            self._notes_shown_as_sized()

    def _default_map_layout(self) -> None:
        """The map takes what the strip leaves; the suggestions only on a wide screen."""
        total = sum(self.upper.sizes())
        strip = self.segments.sizeHint().width()
        notes = NOTES_WIDTH if self.window().width() >= WIDE_WINDOW else 0
        self.upper.setSizes([max(0, total - strip - notes), strip, notes])

    def _show_segment_notes(self, shown: bool) -> None:
        map_width, strip, notes = self.upper.sizes()
        if shown and not notes:
            notes = min(NOTES_WIDTH, map_width // 2)
            self.upper.setSizes([map_width - notes, strip, notes])
        elif not shown and notes:
            self.upper.setSizes([map_width + notes, strip, 0])
        self._notes_shown_as_sized()

    def _notes_shown_as_sized(self) -> None:
        self.segments.show_notes(self.upper.sizes()[2] > 0)

    def show_visit(self, patient: Patient, screen: VisitScreen) -> None:
        """Show the visit as ``screen`` read it in one go (VisitScreenService): what this
        page shows is what signing later states it saw."""
        self.notes.settle()
        self._patient_id = patient.id
        self._patient = patient
        record = self.record = screen.record
        visit = record.visit
        self.title.setText(f"{patient.display_name}  ·  visit #{visit.number}")
        self._show_facts(record, screen.previous)
        self.notes.show_record(record, screen.previous_plan, user_id=self.clinician_id)
        self.pain_areas.show_visit(visit.id, not visit.is_editable, screen.pain_areas)
        self.course.clinician_id = self.clinician_id
        self.course.show_for(patient, record, screen.course)
        self._show_map(screen)
        self._show_signing(record)
        if visit.is_editable:
            self.refresh_timer.start()
        else:
            self.refresh_timer.stop()
        # A draft opens ready to type the patient's report; a signed one with nothing focused.
        (self.notes.notes["subjective"] if visit.is_editable else self.back_button).setFocus()

    def _show_again(self, visit_id: int) -> None:
        """The visit already open, read again and shown (signed here or elsewhere). Should
        the read fail, the chart is shown instead of a page that still looks editable."""
        if self._patient is None:
            return
        try:
            screen = self._screen.read(visit_id)
        except (ServiceError, StoreError) as error:
            QMessageBox.warning(
                self,
                "Visit",
                f"The visit was signed, but it could not be read again: {error}\n"
                "Open it again from the patient's chart.",
            )
            self.back_requested.emit(self._patient.id)
            return
        self.show_visit(self._patient, screen)

    def _show_map(self, screen: VisitScreen) -> None:
        """The visit's body map, with the previous visit's marks to compare: the panel and
        its drawn views are kept from one visit to the next, only the marks change."""
        visit_id = screen.record.visit.id
        read_only = not screen.record.visit.is_editable
        panel = self.map_panel
        if panel is not None and panel.visit_id == visit_id:  # the same visit, opened again
            panel.set_read_only(read_only)
            # What another workstation saved meanwhile shows now, as signing expects.
            if panel.adopt(screen.marks):
                self._show_precautions()
            if panel.previous != screen.previous_marks:
                panel.set_previous(screen.previous_marks)
            self.segments.show_visit(visit_id, panel.marks, screen.exam_signs, read_only=read_only)
            return
        if panel is None:
            panel = self._add_map(BodyMapPanel(self._marks, None))
        panel.show_visit(
            visit_id, read_only=read_only, previous=screen.previous_marks, marks=screen.marks
        )
        self.segments.show_visit(visit_id, panel.marks, screen.exam_signs, read_only=read_only)
        self._show_precautions()

    def prepare_map(self) -> None:
        """Build the map before any visit is opened (the drawing without marks): the first
        visit then only brings its marks in, as every later one does."""
        if self.map_panel is None:
            self._add_map(BodyMapPanel(self._marks, None))

    def _add_map(self, panel: BodyMapPanel) -> BodyMapPanel:
        panel.status_message.connect(self.status_message)
        panel.copy_forward_requested.connect(self.copy_forward)
        panel.marks_shown.connect(self._marks_shown)
        self.map_layout.addWidget(panel)
        self.map_panel = panel
        self.dermatome = DermatomeOverlay(panel)
        return panel

    def _marks_shown(self) -> None:
        if self.map_panel is not None:
            self.segments.update_marks(self.map_panel.marks)
        self._show_precautions()

    def _show_precautions(self) -> None:
        """The lung precaution for today's needle sites, until it is acknowledged."""
        record, panel = self.record, self.map_panel
        if record is None or panel is None:
            return
        # From the marks the map already holds: no database read on every click.
        needed = precautions_to_acknowledge(panel.marks.needles, atlas=panel.atlas)
        acknowledged = record.precautions_acknowledged
        self._precaution_text = needed
        if not needed:
            self.precaution_row.hide()
            return
        done = needed == acknowledged
        # One line keeps the map on screen; the full text (what is acknowledged) on hover.
        listed = [line[2:].split(".")[0] for line in needed.splitlines() if line.startswith("- ")]
        sites = "; ".join(listed[:2]) + (f" and {len(listed) - 2} more" if len(listed) > 2 else "")
        self.precaution.set_full_text(
            ("✓ Acknowledged. " if done else "⚠ ")
            + f"Needle sites with a lung and pleura precaution: {sites} (hover for why)."
        )
        self.precaution.setToolTip(needed)
        self.acknowledge_button.setVisible(not done and record.visit.is_editable)
        self.precaution_row.show()

    def acknowledge_precautions(self) -> None:
        record = self.record
        if record is None or not self._precaution_text:
            return
        try:
            self._records.acknowledge_precautions(
                record.visit.id, self._precaution_text, user_id=self.clinician_id
            )
        except (ServiceError, StoreError) as error:
            self.status_message.emit(f"Not saved: {error}")
        else:
            self.status_message.emit("Lung precaution acknowledged for this visit.")
        self.record = self._records.record(record.visit.id)
        self.notes.adopt(self.record)
        self._show_precautions()

    def _highlight_level(self, targets: frozenset[tuple[str, Side]]) -> None:
        if self.map_panel is not None:
            self.map_panel.highlight(targets)
            self.status_message.emit(
                f"Outlined on the map: the {len(targets)} muscles this level supplies."
            )

    def _show_dermatome(self, chosen: tuple[SpinalLevel, Side] | None) -> None:
        overlay, panel = self.dermatome, self.map_panel
        if overlay is None or panel is None:
            return
        changed = chosen != overlay.chosen
        overlay.show_level(chosen)
        views = overlay.views_showing()
        if changed and chosen is not None and views and panel.current_view() not in views:
            panel.show_view(views[0])  # the view that shows the key point
            self.status_message.emit(
                f"{chosen[0]} {chosen[1].value} dermatome: key sensory point marked on the "
                f"{VIEW_NAMES[views[0]].lower()} view."
            )

    def _highlight_areas(self, targets: frozenset[tuple[str, Side]]) -> None:
        if self.map_panel is not None:
            self.map_panel.highlight(targets)
            self.status_message.emit(
                f"Outlined on the map: the {len(targets)} muscles in the areas of pain."
            )

    def _run_mark(self, command: SetFinding) -> bool:
        return self.map_panel.run(command) if self.map_panel is not None else False

    def copy_forward(self) -> None:
        """Bring the previous visit's marks, areas of pain and plan in as new, unsigned content.

        The marks come in as one undoable step on the map; the areas of pain only add to
        today's, and unticking one takes it out again.
        """
        record, panel = self.record, self.map_panel
        if record is None or panel is None or not record.visit.is_editable:
            return
        proposal = self._marks.copied_forward(record.visit.id)
        if proposal is None:
            self.status_message.emit("There is no earlier visit to copy from.")
            return
        panel.run(ReplaceMarks(record.visit.id, panel.marks, proposal))
        try:
            self.services.pain_areas.copy_forward(record.visit.id)
        except (ServiceError, StoreError) as error:
            self.status_message.emit(f"Areas of pain not copied: {error}")
        self.pain_areas.reload()
        plan = self.notes.notes["plan"]
        previous_plan = self.notes.previous_plan_text
        if previous_plan and not plan.toPlainText().strip():
            plan.setPlainText(previous_plan)  # autosaved like typing
        self.status_message.emit(
            "Copied forward the previous visit's marks, areas of pain and plan as new, "
            "unsigned entries."
        )

    def _show_facts(self, record: VisitRecord, previous: Visit | None) -> None:
        visit = record.visit
        local = visit.started_at.astimezone()
        # Draft or signed first: on a narrow window the line's end is what gets cut.
        if visit.is_editable:
            parts = ["Draft, not signed (saved as you type)"]
        else:
            when = (
                record.signed_at.astimezone().strftime("%Y-%m-%d %H:%M") if record.signed_at else ""
            )
            parts = [f"Signed by {record.signed_by_name} {when}".strip()]
        parts += [local.strftime("%A %Y-%m-%d, %H:%M"), visit.therapist_name]
        if previous is None:
            parts.append("first visit")
        else:
            days = days_between(previous.started_at, visit.started_at)
            parts.append(f"{days} days since visit #{previous.number}")
        self.facts.set_full_text("  ·  ".join(parts))

    def _show_signing(self, record: VisitRecord) -> None:
        editable = record.visit.is_editable
        self.sign_button.setVisible(editable)
        self.amend_button.setVisible(not editable)
        lines = [
            f"<p><b>Amendment</b> by {a.author_name}, "
            f"{a.created_at.astimezone().strftime('%Y-%m-%d %H:%M')} — <i>{escape(a.reason)}</i>"
            f"<br>{escape(a.text)}</p>"
            for a in record.amendments
        ]
        self.amendments.setText("".join(lines))
        self.amendments.setVisible(bool(lines))

    # -- actions ----------------------------------------------------------------
    def sign(self) -> None:
        record = self.record
        if record is None or not record.visit.is_editable or self.clinician_id is None:
            return
        # A field refused earlier still shows what was typed: signing now would sign
        # the last saved value instead, so it waits until the field is put right. A field
        # saved at another workstation too is decided first.
        self.notes.flush()
        if not self.notes.resolve_conflicts():
            return
        if self.notes.errors or self.notes.autosaver.has_pending:
            problems = "\n".join(self.notes.errors.values())
            QMessageBox.warning(
                self,
                "Sign visit",
                f"Some fields could not be saved; correct them before signing.\n\n{problems}",
            )
            return
        editor, panel = self.notes.editor, self.map_panel
        try:
            signed = self._records.sign(
                record.visit.id,
                self.clinician_id,
                seen=editor.saved if editor is not None else None,
                seen_marks=panel.marks if panel is not None else None,
                seen_findings=self.findings_shown(),
            )
        except SigningRefused as refused:
            QMessageBox.warning(self, "Not ready to sign", "\n\n".join(refused.problems))
            self.notes.numbers["needles_used"].setFocus()
            return
        except SigningStale as stale:
            self._changed_elsewhere(stale)
            return
        except RecordLocked as locked:
            QMessageBox.information(self, "Sign visit", str(locked))
            self.refresh()
            return
        except (ServiceError, StoreError) as error:
            QMessageBox.warning(self, "Sign visit", f"Not signed: {error}")
            return
        self._show_again(signed.visit.id)
        self.status_message.emit(f"Visit #{signed.visit.number} signed; it is now read-only.")
        self.signed.emit(signed.visit.id)

    def _changed_elsewhere(self, stale: SigningStale) -> None:
        """Signing was refused: show the visit as saved now, and say what changed."""
        self.notes.adopt(stale.current)
        self.record = stale.current
        if stale.marks and self.map_panel is not None:
            self.map_panel.refresh()
        if stale.findings:
            self._show_findings_saved()
        self._show_precautions()
        self.status_message.emit("Not signed: the visit changed at another workstation.")
        QMessageBox.information(self, "Changed at another workstation", str(stale))

    def refresh(self, *, say_unchanged: bool = False) -> None:
        """Read the draft again: what another workstation saved shows here, and is never
        written over (the timer, F5, and the app coming back into use call this)."""
        record = self.record
        if record is None or not record.visit.is_editable or not self.isVisible():
            return
        if self.notes.conflict_dialog is not None:
            return  # the person is choosing between versions right now
        try:
            latest = self._records.record(record.visit.id)
            findings = self._records.findings(record.visit.id)
        except (ServiceError, StoreError) as error:
            self.status_message.emit(f"Could not read the visit again: {error}")
            return
        if not latest.visit.is_editable:
            self._signed_elsewhere(latest)
            return
        self.notes.adopt(latest)
        self.record = latest
        changes = self.map_panel.refresh() if self.map_panel is not None else ()
        if changes:
            self._show_precautions()
        found = findings_changes(self.findings_shown(), findings)
        if found:
            self._show_findings_saved()
            words = [f"body map: {', '.join(changes)}"] if changes else []
            self.status_message.emit(
                f"Updated from another workstation — {'; '.join([*words, *found])}."
            )
        elif changes:
            self.status_message.emit(
                f"Body map updated from another workstation: {', '.join(changes)}."
            )
        elif say_unchanged:
            self.status_message.emit("Read the visit again from the database.")

    def findings_shown(self) -> DraftFindings:
        """The areas of pain, exam signs and outcome scores this screen shows: signing
        signs these only if they are what is saved."""
        return DraftFindings.of(
            self.pain_areas.areas,
            self.segments.exam_signs,
            (score.entry for score in self.course.scores),
        )

    def _show_findings_saved(self) -> None:
        self.pain_areas.reload()
        self.segments.reload_signs()
        self.course.refresh()

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    def _signed_elsewhere(self, latest: VisitRecord) -> None:
        self.refresh_timer.stop()
        if self.notes.has_unsaved:  # keep what was typed in front of the person
            self.status_message.emit(
                f"This visit was signed by {latest.signed_by_name}; what you typed here since "
                "cannot be saved into it. Add it as an amendment."
            )
            return
        self._show_again(latest.visit.id)
        self.status_message.emit(f"This visit was signed by {latest.signed_by_name}.")

    def amend(self) -> None:
        record = self.record
        if record is None or record.visit.is_editable or self.clinician_id is None:
            return
        author = self.clinician_id
        dialog = AmendDialog(
            lambda reason, text: self._records.amend(record.visit.id, author, reason, text), self
        )
        if dialog.exec() and dialog.result_record is not None:
            self.record = dialog.result_record
            self._show_signing(dialog.result_record)
            self.status_message.emit("Amendment added under the signed visit.")

    def leave(self) -> None:
        self.notes.settle()
        self.back_requested.emit(self._patient_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave()
            return
        super().keyPressEvent(event)

    def add_header_action(self, action: QAction) -> None:
        """A button for a window-wide command (e.g. Print) at the end of the header row."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.header.addWidget(button)
