"""The right-click menus of the map: for a muscle and for a needle marker.

They only offer choices; each choice calls back with what was asked for, and the panel
turns it into a command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.gui.bodymap.texts import RESPONSE_WORDS, SEVERITY_WORDS, lower_first


def _titled(parent: QWidget, title: str) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName("bodymap_context_menu")
    heading = menu.addAction(title)  # which muscle and side: the menu's first line
    heading.setEnabled(False)
    menu.addSeparator()
    return menu


def _read_only(menu: QMenu, read_only: bool) -> QMenu:
    if read_only:
        for action in menu.actions():
            action.setEnabled(False)
    return menu


def muscle_menu(
    parent: QWidget,
    name: str,
    finding: MuscleFinding | None,
    *,
    read_only: bool,
    on_severity: Callable[[Severity], object],
    on_note: Callable[[], object],
    on_clear: Callable[[], object],
) -> QMenu:
    """Severity 1/2/3 (the current one checked), Note…, Clear."""
    menu = _titled(parent, name)
    for severity in Severity:
        action = menu.addAction(f"Severity {int(severity)} — {SEVERITY_WORDS[severity]}")
        action.setCheckable(True)
        action.setChecked(finding is not None and finding.severity == severity)
        action.triggered.connect(lambda _=False, s=severity: on_severity(s))
    menu.addAction("Note…").triggered.connect(lambda: on_note())
    menu.addSeparator()
    clear = menu.addAction("Clear")
    clear.triggered.connect(lambda: on_clear())
    menu = _read_only(menu, read_only)
    clear.setEnabled(finding is not None and not read_only)
    return menu


def needle_menu(
    parent: QWidget,
    name: str,
    site: NeedleSite,
    *,
    read_only: bool,
    on_response: Callable[[Response | None], object],
    on_remove: Callable[[], object],
) -> QMenu:
    """The response (the current one checked) and Remove needle."""
    menu = _titled(parent, f"Needle in {lower_first(name)}")
    for response in (*Response, None):
        action = menu.addAction(f"Response: {RESPONSE_WORDS[response]}")
        action.setCheckable(True)
        action.setChecked(site.response == response)
        action.triggered.connect(lambda _=False, r=response: on_response(r))
    menu.addSeparator()
    menu.addAction("Remove needle").triggered.connect(lambda: on_remove())
    return _read_only(menu, read_only)
