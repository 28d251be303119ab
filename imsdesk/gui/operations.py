"""Running a service call from the GUI: errors reported in one place, success in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from imsdesk.services.errors import ServiceError, StoreError, ValidationError

T = TypeVar("T")


def run_service(parent: QWidget, call: Callable[[], T], *, failure_title: str) -> T | None:
    """Run ``call``; on a refusal show one clear message and return None.

    ValidationError is left to the caller: a form shows it beside its fields.
    """
    try:
        return call()
    except ValidationError:
        raise
    except (ServiceError, StoreError) as error:
        QMessageBox.warning(parent, failure_title, str(error))
        return None
