"""What typed or pasted text may hold before it is stored: one rule for every form and command.

Tab and line feed are text. Other control characters (NUL among them, which PostgreSQL
cannot store at all) arrive from broken pastes and binary files; lone surrogates arrive from
file names and arguments that are not valid UTF-8, and no database can store them. Such text
is refused with a message, never silently cleaned: a clinical record holds what was typed.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 20_000  # about ten typed pages: far beyond a visit note, short of a paste accident

_LINE_BREAKS = "\n\t"


def has_control_characters(text: str, *, one_line: bool = False) -> bool:
    """True when ``text`` holds a control character (tab and line feed count on one line)."""
    allowed = "" if one_line else _LINE_BREAKS
    return any((ord(ch) < 32 and ch not in allowed) or ch == "\x7f" for ch in text)


def has_broken_characters(text: str) -> bool:
    """True for lone surrogates: what undecodable bytes become, and what no database stores."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def text_problem(
    label: str, text: str, limit: int = MAX_TEXT_CHARS, *, one_line: bool = False
) -> str | None:
    """Why ``text`` cannot be stored under ``label``, or None when it can."""
    if len(text) > limit:
        return f"{label} is {len(text):,} characters; the limit is {limit:,}."
    if has_broken_characters(text):
        return f"{label} contains characters that are not valid text; retype it."
    if one_line and any(ch in text for ch in "\n\r"):
        return f"{label} must be on one line."
    if has_control_characters(text, one_line=one_line):
        return f"{label} contains control characters; paste it as plain text."
    return None


def storable(text: str) -> bool:
    """Whether ``text`` could be in any stored field (for look-ups of what was typed)."""
    return not (has_broken_characters(text) or has_control_characters(text))
