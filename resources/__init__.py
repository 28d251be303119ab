"""Data files shipped with imsdesk (atlas, artwork, fonts, templates, icons).

This folder is installed as the package ``imsdesk.resources``; every file in it
is found through :func:`resource_path`, never relative to the working directory,
so the same code works from a checkout, a wheel and a frozen bundle.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def resource_path(*parts: str) -> Traversable:
    """Return the shipped resource at ``parts`` (e.g. ``("atlas", "muscles.json")``)."""
    node = resources.files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    """Read a shipped text resource as UTF-8."""
    return resource_path(*parts).read_text(encoding="utf-8")
