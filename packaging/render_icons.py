"""Render the app icon (resources/icons/imsdesk.svg) to the PNG sizes desktops ask for.

The PNGs ship beside the SVG as package data: the window icon and the Linux menu entry
use them, and Windows/macOS icon files are made from them (see packaging/README.md).

    .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import os
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication([])  # QPainter needs one
    renderer = QSvgRenderer(str(ICONS / "imsdesk.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"imsdesk-{size}.png"
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(ICONS.parent.parent))


if __name__ == "__main__":
    main()
