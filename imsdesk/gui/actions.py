"""Every menu command, declared once: id, text, shortcut and tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionId(Enum):
    NEW_PATIENT = "new_patient"
    FIND_PATIENT = "find_patient"
    EDIT_PATIENT = "edit_patient"
    START_VISIT = "start_visit"
    PRINT = "print"
    SAVE_PDF = "save_pdf"
    IMPORT_PATIENTS = "import_patients"
    EXPORT_CHART = "export_chart"
    EXPORT_ALL = "export_all"
    CLINIC_SETTINGS = "clinic_settings"
    AUDIT_TRAIL = "audit_trail"
    AUDIT_LOG = "audit_log"
    MANAGE_USERS = "manage_users"
    QUIT = "quit"
    ABOUT = "about"


# Shown to administrators only: other users never see them in a menu.
ADMIN_ACTIONS = (ActionId.AUDIT_TRAIL, ActionId.AUDIT_LOG, ActionId.MANAGE_USERS)


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence | str
    tip: str


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_PATIENT: ActionSpec(
        "&New patient…", QKeySequence.StandardKey.New, "Add a patient to the clinic"
    ),
    ActionId.FIND_PATIENT: ActionSpec(
        "&Find patient", QKeySequence.StandardKey.Find, "Go to the patient list and search"
    ),
    ActionId.EDIT_PATIENT: ActionSpec(
        "&Edit patient…", "Ctrl+E", "Correct the open patient's details"
    ),
    ActionId.START_VISIT: ActionSpec(
        "&Start visit", "Ctrl+Shift+V", "Start a new draft visit for the open patient"
    ),
    ActionId.PRINT: ActionSpec(
        "&Print…",
        QKeySequence.StandardKey.Print,
        "Print the open visit's take-home summary, or the open patient's progress report",
    ),
    ActionId.SAVE_PDF: ActionSpec(
        "Save as P&DF…", "Ctrl+Shift+S", "Save the same document as a PDF file"
    ),
    ActionId.IMPORT_PATIENTS: ActionSpec(
        "&Import patients…", "Ctrl+I", "Add patients from another system's CSV export"
    ),
    ActionId.EXPORT_CHART: ActionSpec(
        "E&xport chart…",
        "Ctrl+Shift+E",
        "Write the open patient's whole chart as PDF, CSV tables or a FHIR bundle",
    ),
    ActionId.EXPORT_ALL: ActionSpec(
        "Export &all patients…", "", "Write every chart as CSV tables or FHIR bundles"
    ),
    ActionId.CLINIC_SETTINGS: ActionSpec(
        "Clinic se&ttings…",
        "Ctrl+,",
        "Letterhead, logo, paper size and safety-screen interval for the whole clinic",
    ),
    ActionId.AUDIT_TRAIL: ActionSpec(
        "Audit &trail…",
        "",
        "Who opened, changed, printed or exported the open patient's chart, and when",
    ),
    ActionId.AUDIT_LOG: ActionSpec(
        "Audit &log…",
        "",
        "Everything done in the clinic's records, by user, action and date; export as CSV",
    ),
    ActionId.MANAGE_USERS: ActionSpec(
        "&Users…",
        "",
        "Add users, reset passwords, change roles, deactivate or reactivate accounts",
    ),
    ActionId.QUIT: ActionSpec("&Quit", QKeySequence.StandardKey.Quit, "Close imsdesk"),
    ActionId.ABOUT: ActionSpec("&About imsdesk", "", "Version and database in use"),
}


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(action_id.value)
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
        action.setStatusTip(spec.tip)
        actions[action_id] = action
    return actions
