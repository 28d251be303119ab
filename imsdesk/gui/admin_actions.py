"""The administrator's commands: a chart's audit trail, the clinic's audit log, users.

The main window shows them to administrators only; the services refuse anyone else too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from imsdesk.domain.patients import Patient
from imsdesk.domain.users import User
from imsdesk.gui.context import Services
from imsdesk.gui.operations import run_service


def show_audit_trail(parent: QWidget, services: Services, patient: Patient) -> None:
    from imsdesk.gui.audit_dialog import AuditDialog

    entries = run_service(
        parent, lambda: services.audit.chart_trail(patient.id), failure_title="Audit trail"
    )
    if entries is not None:
        AuditDialog.for_chart(services.audit, patient, entries, parent).exec()


def show_audit_log(parent: QWidget, services: Services) -> None:
    from imsdesk.gui.audit_dialog import AuditDialog

    users = run_service(parent, services.users.list_users, failure_title="Audit log")
    if users is not None:
        AuditDialog.for_clinic(services.audit, users, parent).exec()


def manage_users(parent: QWidget, services: Services, me: User) -> None:
    from imsdesk.gui.users_dialog import UsersDialog

    UsersDialog(services.users, me, parent).exec()
