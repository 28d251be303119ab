"""Table models that fetch their rows a page at a time share how a page joins the rows."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex

T = TypeVar("T")


def append_page(model: QAbstractItemModel, rows: list[T], page: list[T]) -> None:
    """Add ``page`` to the end of ``model``'s ``rows``, telling its views."""
    if page:
        start = len(rows)
        model.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        rows.extend(page)
        model.endInsertRows()
