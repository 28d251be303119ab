"""The main window: arranges the screens and menus, and routes between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from imsdesk.domain.patients import Patient
from imsdesk.domain.users import User
from imsdesk.domain.visit_record import FIELD_LABELS
from imsdesk.gui import admin_actions
from imsdesk.gui.actions import ADMIN_ACTIONS, ActionId, build_actions
from imsdesk.gui.context import Services
from imsdesk.gui.events import ChartEvents
from imsdesk.gui.first_paint import call_after_first_paint
from imsdesk.gui.idle_lock import IdleWatcher, open_windows_covered
from imsdesk.gui.idle_steps import IdleSteps
from imsdesk.gui.memory import keep_long_lived
from imsdesk.gui.operations import run_service
from imsdesk.gui.patient_list_page import PatientListPage
from imsdesk.gui.patient_page import PatientPage
from imsdesk.gui.window_state import restore_geometry, save_geometry

if TYPE_CHECKING:
    from imsdesk.gui.visit_page import VisitPage

STATUS_MS = 6000
STALE_DRAFT_AGE = timedelta(days=1)


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, user: User | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("Patients")  # Qt adds " — imsdesk" (the display name)
        self.services = services
        # Windows built without a sign-in (tools, tests) chart as the first clinician.
        self.user = user or services.users.charting_user()
        services.acting.id = self.user.id if self.user is not None else None  # audit rows
        self.clinician: User | None = (
            self.user if self.user is not None and self.user.role.charts_visits else None
        )
        self.events = ChartEvents(self)
        self.actions_by_id = build_actions(self)

        self.list_page = PatientListPage(
            search=lambda text, offset, limit: services.patients.listed(
                text, limit=limit, offset=offset
            ),
            count=lambda text, at_most: services.patients.count(text, at_most=at_most),
        )
        self.patient_page = PatientPage()
        # Built when a visit is first opened, or before on idle (prepare_visit_screen).
        self._visit_page: VisitPage | None = None
        self._preparing: IdleSteps | None = None
        self.pages = QStackedWidget(objectName="pages")
        # The visit screen scrolls rather than forcing a window taller than a laptop screen.
        self.visit_scroll = QScrollArea(objectName="visit_scroll")
        self.visit_scroll.setWidgetResizable(True)
        self.visit_scroll.setFrameShape(QFrame.Shape.NoFrame)
        for page in (self.list_page, self.patient_page, self.visit_scroll):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self._build_menus()
        self._connect()
        self.clinician_label = QLabel(objectName="clinician_label")
        self.statusBar().addPermanentWidget(self.clinician_label)
        self.statusBar().addPermanentWidget(QLabel(f"Database: {services.location}"))
        self._show_clinician()
        if not restore_geometry(self):
            self.resize(1100, 720)
        self._update_actions()
        self.refresh_stale_drafts()
        self.list_page.focus_search()
        self._idle: IdleWatcher | None = None
        self._idle_minutes = 0
        self.lock_dialog: QWidget | None = None  # the password prompt while locked

    @property
    def sees_clinical_records(self) -> bool:
        return self.user is None or self.user.role.sees_clinical_records

    @property
    def visit_page(self) -> VisitPage:
        if self._visit_page is None:
            from imsdesk.gui.visit_page import VisitPage

            page = VisitPage(self.services)
            page.clinician_id = self.clinician.id if self.clinician else None
            page.add_header_action(self.actions_by_id[ActionId.PRINT])
            page.signed.connect(lambda _visit_id: self.refresh_stale_drafts())
            page.back_requested.connect(self.return_to_patient)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
            self.visit_scroll.setWidget(page)
            self._visit_page = page
            # Its map, the atlas and the artwork stay for the session: kept out of the
            # collector's full passes once the screen is up.
            call_after_first_paint(page, keep_long_lived)
            if self._preparing is None:  # a visit opened before the screen was prepared:
                # the rest of the drawing (its muscles' badge places, the back view) is
                # made ready on idle from now on, as the preparation would have.
                self._preparing = IdleSteps(self._drawing_steps(), self)
        return self._visit_page

    def prepare_visit_screen(self) -> None:
        """Build the visit screen and its map while the user is at the patient list, a
        short step per turn of the event loop: the first visit of the session then opens
        as fast as the next one (the app asks for this once the window is painted)."""
        if self.sees_clinical_records and self._preparing is None and self._visit_page is None:
            self._preparing = IdleSteps(self._visit_screen_steps(), self)

    def visit_screen_prepared(self) -> bool:
        return self._preparing is not None and self._preparing.done()

    def _visit_screen_steps(self) -> Iterator[None]:
        from imsdesk.gui.bodymap.prepare import drawing_steps

        yield
        import imsdesk.gui.visit_page  # noqa: F401  (the screen's modules, a step of their own)

        yield
        yield from drawing_steps()
        page = self.visit_page  # already there if a visit was opened in the meantime
        yield
        page.prepare_map()
        yield
        yield from self._other_view_steps()

    def _drawing_steps(self) -> Iterator[None]:
        """The drawing made ready after a visit was opened before the screen was prepared:
        the first view's badge places (its paths are there), then the other view."""
        from imsdesk.gui.bodymap.prepare import drawing_steps

        yield from drawing_steps()
        yield from self._other_view_steps()

    def _other_view_steps(self) -> Iterator[None]:
        from imsdesk.gui.bodymap.prepare import OTHER_MAIN_VIEW, drawing_steps

        yield from drawing_steps(OTHER_MAIN_VIEW)  # ready for the first turn to its tab
        keep_long_lived()  # what was just built stays for the session

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.role.manages_users

    # -- layout -----------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions_by_id
        for action_id in ADMIN_ACTIONS:
            a[action_id].setVisible(self.is_admin)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([a[ActionId.NEW_PATIENT], a[ActionId.FIND_PATIENT]])
        file_menu.addSeparator()
        file_menu.addActions([a[ActionId.PRINT], a[ActionId.SAVE_PDF]])
        file_menu.addSeparator()
        file_menu.addActions([a[ActionId.IMPORT_PATIENTS], a[ActionId.EXPORT_ALL]])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.CLINIC_SETTINGS])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.QUIT])
        patient_menu = self.menuBar().addMenu("&Patient")
        patient_menu.addActions(
            [a[ActionId.EDIT_PATIENT], a[ActionId.START_VISIT], a[ActionId.EXPORT_CHART]]
        )
        if self.is_admin:
            patient_menu.addSeparator()
            patient_menu.addAction(a[ActionId.AUDIT_TRAIL])
            admin_menu = self.menuBar().addMenu("A&dmin")
            admin_menu.setObjectName("admin_menu")
            admin_menu.addActions([a[ActionId.MANAGE_USERS], a[ActionId.AUDIT_LOG]])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a[ActionId.ABOUT])
        self.addActions(
            [act for key, act in a.items() if self.is_admin or key not in ADMIN_ACTIONS]
        )
        self.patient_page.add_header_action(a[ActionId.EXPORT_CHART])
        self.patient_page.add_header_action(a[ActionId.PRINT])
        if self.is_admin:
            self.patient_page.add_header_action(a[ActionId.AUDIT_TRAIL])
        self.list_page.add_action(a[ActionId.IMPORT_PATIENTS])

    def _connect(self) -> None:
        a = self.actions_by_id
        a[ActionId.NEW_PATIENT].triggered.connect(self.new_patient)
        a[ActionId.FIND_PATIENT].triggered.connect(self.show_patient_list)
        a[ActionId.EDIT_PATIENT].triggered.connect(self._edit_open_patient)
        a[ActionId.START_VISIT].triggered.connect(self._start_visit_for_open_patient)
        a[ActionId.PRINT].triggered.connect(lambda: self.print_document(save=False))
        a[ActionId.SAVE_PDF].triggered.connect(lambda: self.print_document(save=True))
        a[ActionId.IMPORT_PATIENTS].triggered.connect(self.import_patients)
        a[ActionId.EXPORT_CHART].triggered.connect(self.export_chart)
        a[ActionId.EXPORT_ALL].triggered.connect(self.export_all)
        a[ActionId.CLINIC_SETTINGS].triggered.connect(self.edit_clinic_settings)
        a[ActionId.AUDIT_TRAIL].triggered.connect(self.show_audit_trail)
        a[ActionId.AUDIT_LOG].triggered.connect(self.show_audit_log)
        a[ActionId.MANAGE_USERS].triggered.connect(self.manage_users)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.ABOUT].triggered.connect(self._about)
        self.list_page.patient_opened.connect(self.open_patient)
        self.list_page.new_patient_requested.connect(self.new_patient)
        self.list_page.visit_opened.connect(self.open_visit)
        self.patient_page.back_requested.connect(self.show_patient_list)
        self.patient_page.edit_requested.connect(self.edit_patient)
        self.patient_page.start_visit_requested.connect(self.start_visit)
        self.patient_page.visit_opened.connect(self.open_visit)
        self.events.patient_changed.connect(self._on_patient_changed)
        self.pages.currentChanged.connect(self._update_actions)

    def current_page(self) -> QWidget:
        """The screen showing: the list, the patient or the visit."""
        shown = self.pages.currentWidget()
        return self.visit_page if shown is self.visit_scroll else shown

    def refresh_stale_drafts(self) -> None:
        if self.clinician is not None:
            self.list_page.show_stale_drafts(
                self.services.records.stale_drafts(
                    older_than=STALE_DRAFT_AGE, therapist_id=self.clinician.id
                )
            )

    # -- navigation -------------------------------------------------------------
    def show_patient_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.list_page.focus_search()

    def open_patient(self, patient_id: int) -> None:
        """Open the chart (audited), from the list or after adding the patient."""
        self._show_patient(patient_id, self.services.patients.open_chart)

    def return_to_patient(self, patient_id: int) -> None:
        """Back from one of the patient's visits: the chart was open all along."""
        self._show_patient(patient_id, self.services.patients.get)

    def _show_patient(self, patient_id: int, read: Callable[[int], Patient]) -> None:
        patient = run_service(self, lambda: read(patient_id), failure_title="Open patient")
        if patient is None:
            return
        # What was charted at each visit is for clinicians; front desk sees when and who.
        services = self.services
        visits = run_service(
            self,
            lambda: (
                services.history.lines(patient_id)
                if self.sees_clinical_records
                else services.visits.list_for_patient(patient_id)
            ),
            failure_title="Open patient",
        )
        if visits is None:
            return
        self.patient_page.show_patient(patient, visits, date.today())
        self.pages.setCurrentWidget(self.patient_page)
        self._update_actions()

    def open_visit(self, visit_id: int) -> None:
        if not self.sees_clinical_records:
            self.statusBar().showMessage(
                "Visit notes are open to clinicians only; front desk sees the visit dates.",
                STATUS_MS,
            )
            return
        # Everything the screen shows, read in one unit of work with the opening's audit row.
        screen = run_service(
            self, lambda: self.services.screen.open(visit_id), failure_title="Open visit"
        )
        if screen is None:
            return
        patient = self.patient_page.patient  # opened from its chart: already read
        if patient is None or patient.id != screen.record.visit.patient_id:
            patient = self.services.patients.get(screen.record.visit.patient_id)
        self.visit_page.show_visit(patient, screen)
        self.pages.setCurrentWidget(self.visit_scroll)
        self._update_actions()

    # -- commands ---------------------------------------------------------------
    def new_patient(self) -> None:
        from imsdesk.gui.patient_dialog import PatientDialog

        dialog = PatientDialog(self.services.patients.create, self)
        if dialog.exec() and dialog.saved is not None:
            saved = dialog.saved
            self.statusBar().showMessage(
                f"Saved new patient {saved.display_name} (#{saved.chart_number}).", STATUS_MS
            )
            self.events.patient_changed.emit(saved.id)
            self.open_patient(saved.id)

    def edit_patient(self, patient_id: int) -> None:
        patient = run_service(
            self, lambda: self.services.patients.get(patient_id), failure_title="Edit patient"
        )
        if patient is None:
            return
        from imsdesk.gui.patient_dialog import PatientDialog

        dialog = PatientDialog(
            lambda details: self.services.patients.update(patient_id, details), self, patient
        )
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage(
                f"Saved changes to {dialog.saved.display_name}.", STATUS_MS
            )
            self.events.patient_changed.emit(patient_id)

    def start_visit(self, patient_id: int) -> None:
        clinician = self._ensure_clinician()
        if clinician is None:
            return
        today = date.today()
        found = run_service(
            self,
            lambda: self.services.visits.start_or_continue(patient_id, clinician.id, today),
            failure_title="Start visit",
        )
        if found is None:
            return
        visit, started = found
        if started:
            message = f"Started visit #{visit.number} (draft, saved)."
            self.events.visit_changed.emit(visit.id)
        else:
            message = f"Continuing today's visit #{visit.number}, a draft."
        self.statusBar().showMessage(message, STATUS_MS)
        self.open_visit(visit.id)

    def print_document(self, *, save: bool) -> None:
        """The visit screen prints its take-home summary; the patient screen the progress report."""
        from imsdesk.gui.print_actions import print_or_save, progress_report_pdf, visit_summary_pdf

        page = self.current_page()
        user_id = self._user_id()
        if page is self.visit_page and self.visit_page.record is not None:
            self.visit_page.notes.flush()  # the summary shows what was just typed
            visit = self.visit_page.record.visit
            pdf = visit_summary_pdf(self, self.services, visit.id)
            kind, subject, title = "session_summary", visit.id, f"summary-visit-{visit.number}"
        elif page is self.patient_page and self.patient_page.patient is not None:
            patient = self.patient_page.patient
            pdf = progress_report_pdf(self, self.services, patient.id)
            kind, subject = "progress_report", patient.id
            title = f"progress-report-{patient.chart_number}"
        else:
            return
        done = print_or_save(
            self,
            self.services,
            pdf,
            kind=kind,
            subject_id=subject,
            title=title,
            save=save,
            user_id=user_id,
        )
        if done:
            self.statusBar().showMessage(done, STATUS_MS)

    def import_patients(self) -> None:
        from imsdesk.gui.import_wizard import ImportWizard

        wizard = ImportWizard(self.services.imports, self._user_id(), self)
        wizard.exec()
        if wizard.report is not None:
            self.statusBar().showMessage(wizard.report.summary, STATUS_MS)
            self.list_page.refresh()

    def export_chart(self) -> None:
        patient = self.patient_page.patient
        if self.current_page() is not self.patient_page or patient is None:
            return
        from imsdesk.gui.export_actions import export_patient

        done = export_patient(self, self.services.exports, patient, self._user_id())
        if done:
            self.statusBar().showMessage(done, STATUS_MS)

    def export_all(self) -> None:
        from imsdesk.gui.export_actions import export_clinic

        done = export_clinic(self, self.services.exports, self._user_id())
        if done:
            self.statusBar().showMessage(done, STATUS_MS)

    def _user_id(self) -> int | None:
        """Who the audit trail names for a print or an export: the signed-in user."""
        return self.user.id if self.user else None

    def show_audit_trail(self) -> None:
        patient = self.patient_page.patient
        if self.is_admin and self.current_page() is self.patient_page and patient is not None:
            admin_actions.show_audit_trail(self, self.services, patient)

    def show_audit_log(self) -> None:
        if self.is_admin:
            admin_actions.show_audit_log(self, self.services)

    def manage_users(self) -> None:
        if self.is_admin and self.user is not None:
            admin_actions.manage_users(self, self.services, self.user)

    def edit_clinic_settings(self) -> None:
        settings = self.services.settings
        current = run_service(self, settings.load, failure_title="Clinic settings")
        if current is None:
            return
        from imsdesk.gui.clinic_settings_dialog import ClinicSettingsDialog

        dialog = ClinicSettingsDialog(current, settings.save, self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage(
                "Saved the clinic settings: documents printed from now on use them.", STATUS_MS
            )

    def _ensure_clinician(self) -> User | None:
        if self.clinician is None:
            self.statusBar().showMessage(
                "Visits are started by clinicians: sign in as a therapist or administrator.",
                STATUS_MS,
            )
        return self.clinician

    def _edit_open_patient(self) -> None:
        if self.current_page() is self.patient_page and self.patient_page.patient:
            self.edit_patient(self.patient_page.patient.id)

    def _start_visit_for_open_patient(self) -> None:
        if self.current_page() is self.patient_page and self.patient_page.patient:
            self.start_visit(self.patient_page.patient.id)

    def _about(self) -> None:
        from imsdesk import __version__

        QMessageBox.about(
            self,
            "About imsdesk",
            f"<b>imsdesk {__version__}</b><p>Charting for Gunn IMS physiotherapy.</p>"
            f"<p>Database: {self.services.location}</p>",
        )

    # -- reactions --------------------------------------------------------------
    def _on_patient_changed(self, patient_id: int) -> None:
        self.list_page.refresh()
        self.list_page.select_patient(patient_id)
        if self.current_page() is self.patient_page:
            self.return_to_patient(patient_id)

    def _update_title(self) -> None:
        # The title names the open chart, so the taskbar shows whose chart is up.
        page = self.current_page()
        patient = self.patient_page.patient
        if page is self.list_page or patient is None:
            self.setWindowTitle("Patients")
        elif page is self.patient_page:
            self.setWindowTitle(f"{patient.display_name} · #{patient.chart_number}")
        else:
            self.setWindowTitle(f"{self.visit_page.title.text()}")

    def _update_actions(self) -> None:
        self._update_title()
        on_document = self.current_page() is not self.list_page and self.sees_clinical_records
        self.actions_by_id[ActionId.PRINT].setEnabled(on_document)
        self.actions_by_id[ActionId.SAVE_PDF].setEnabled(on_document)
        on_patient = self.current_page() is self.patient_page
        self.actions_by_id[ActionId.EDIT_PATIENT].setEnabled(on_patient)
        charting = on_patient and (self.clinician is not None or self.user is None)
        self.actions_by_id[ActionId.START_VISIT].setEnabled(charting)
        self.actions_by_id[ActionId.EXPORT_CHART].setEnabled(
            on_patient and self.sees_clinical_records
        )
        self.actions_by_id[ActionId.AUDIT_TRAIL].setEnabled(on_patient and self.is_admin)
        # Whole charts go out and come in through these: clinical notes, for clinicians.
        for bulk in (ActionId.EXPORT_ALL, ActionId.IMPORT_PATIENTS):
            self.actions_by_id[bulk].setEnabled(self.sees_clinical_records)

    def _show_clinician(self) -> None:
        if self.clinician is not None:
            self.clinician_label.setText(f"Charting as {self.clinician.display_name}")
        elif self.user is not None:
            self.clinician_label.setText(f"Signed in as {self.user.display_name} (front desk)")
        else:
            self.clinician_label.setText("No clinician set up yet")
        self.patient_page.start_button.setVisible(self.user is None or self.clinician is not None)

    # -- idle lock --------------------------------------------------------------
    def lock_when_idle(self, minutes: int) -> None:
        """Lock after ``minutes`` without keyboard or mouse input (a signed-in user only)."""
        self._idle_minutes = minutes
        self._idle = IdleWatcher(minutes * 60_000, self.lock)

    def lock(self) -> bool:
        """Cover every window and ask for the user's password; False if they chose to quit."""
        from imsdesk.gui.sign_in_dialog import SignInDialog
        from imsdesk.services.users import SIGN_IN_REFUSED, SignInRefused

        user = self.user
        if user is None:
            return True
        if self._visit_page is not None:
            self._visit_page.notes.flush()  # what was typed is saved before the screen goes
        if self._idle is not None:
            self._idle.pause()

        def unlock(_username: str, password: str) -> User:
            if not self.services.users.unlock(user, password):
                raise SignInRefused(SIGN_IN_REFUSED)
            return user

        with open_windows_covered():
            while True:
                dialog = SignInDialog(
                    unlock, self, locked_user=user, idle_minutes=self._idle_minutes
                )
                self.lock_dialog = dialog
                unlocked = bool(dialog.exec())
                self.lock_dialog = None
                if unlocked or self._may_quit_while_locked():
                    break
        if not unlocked:
            self.close()
            QApplication.quit()
            return False
        if self._idle is not None:
            self._idle.restart()
        if self._visit_page is not None:  # a save met while locked waits for this user
            QTimer.singleShot(0, self._visit_page.notes.resolve_conflicts)
        return True

    def _may_quit_while_locked(self) -> bool:
        """Quitting at the lock discards text met by another workstation's save: it is
        only shown to the user who typed it, so whoever quits is told which fields."""
        notes = self._visit_page.notes if self._visit_page is not None else None
        if notes is None or not notes.conflicts:
            return True
        fields = ", ".join(FIELD_LABELS[f].lower() for f in notes.conflicts)
        answer = QMessageBox.question(
            self,
            "Quit imsdesk",
            f"Text typed in the {fields} of the open visit is not saved: the field was also "
            "changed at another workstation, and only the user who typed it may choose "
            "between the two. Quitting now discards that text (what the other workstation "
            "saved stays).\n\nQuit anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        notes.conflicts.clear()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._idle is not None:
            self._idle.stop()
        if self._visit_page is not None:
            self._visit_page.notes.settle()  # nothing typed is left unsaved on close
        save_geometry(self)
        super().closeEvent(event)
