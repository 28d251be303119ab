"""Showing a validation message beside the field it is about (Designer forms)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b3261e;"  # dark red, readable on light and grey backgrounds


def show_field_errors(form: object, fields: tuple[str, ...], problems: dict[str, str]) -> None:
    """Each ``<field>_error`` label shows its message or hides; the first bad field gets focus.

    ``form`` is a generated ``Ui_*`` object whose widgets follow that naming.
    What the user typed is never touched.
    """
    first_bad: QWidget | None = None
    for name in fields:
        label: QLabel | None = getattr(form, f"{name}_error", None)
        if label is None:
            continue
        message = problems.get(name, "")
        label.setText(message)
        label.setStyleSheet(ERROR_STYLE if message else "")
        label.setVisible(bool(message))
        field: QWidget = getattr(form, name)
        field.setProperty("invalid", bool(message))
        field.setAccessibleDescription(message)
        if message and first_bad is None:
            first_bad = field
    if first_bad is not None:
        first_bad.setFocus()
