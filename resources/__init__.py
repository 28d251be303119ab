"""Data files shipped with imsdesk (atlas, artwork, fonts, templates, icons).

This folder is installed as the package ``imsdesk.resources``; every file in it
is found through :func:`resource_path` (or :func:`resource_folder`), never relative
to the working directory, so the same code works from a checkout, a wheel and a
frozen bundle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable


def resource_path(*parts: str) -> Traversable:
    """Return the shipped resource at ``parts`` (e.g. ``("atlas", "muscles.json")``)."""
    from importlib import resources  # on first use: the first screen needs none of it

    node = resources.files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_folder(*parts: str) -> Path:
    """The shipped folder at ``parts`` on disk, for Qt, which loads files by name.

    Read from the package's own location, which imports nothing, so the first screen
    can use it. imsdesk is always installed as files (checkout, wheel, bundle), never
    zipped.
    """
    return Path(__path__[0]).joinpath(*parts)


def read_text(*parts: str) -> str:
    """Read a shipped text resource as UTF-8."""
    return resource_path(*parts).read_text(encoding="utf-8")
