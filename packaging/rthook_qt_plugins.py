"""Frozen app on Linux only: Qt finds its plugins inside the bundle.

It replaces PyInstaller's PySide6 hook, which also imports QtCore before the app starts:
half a second or more that `imsdesk --version`, `check` and the other commands do not
need (the window imports it anyway). PySide6 itself points Qt at the bundle's Qt folder.
"""

import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")
