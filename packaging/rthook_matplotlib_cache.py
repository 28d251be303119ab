"""Frozen app only: matplotlib keeps its font cache in imsdesk's cache folder between runs.

It replaces PyInstaller's own hook, which gives matplotlib a new temporary folder on every
run, so that the first chart of each run (progress report) would scan the fonts again.
"""

import os

from platformdirs import user_cache_path

os.environ.setdefault(
    "MPLCONFIGDIR", str(user_cache_path("imsdesk", appauthor=False) / "matplotlib")
)
