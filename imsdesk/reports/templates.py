"""Patient-facing wording, read from the editable templates in ``resources/templates``.

The clinic may reword or translate ``summary.toml``. It is checked when loaded: a
missing entry or an unknown ``{placeholder}`` is refused with one line naming it, so a
typo is found when the summary is first printed, not by a patient.
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from imsdesk.resources import read_text

SUMMARY_TEMPLATE = "summary.toml"
# Placeholders a clinic may use anywhere in the summary's wording.
SUMMARY_PLACEHOLDERS = frozenset({"clinic_name", "clinic_contact", "therapist_name"})
_PAGE_PLACEHOLDERS = frozenset({"page", "pages"})

_LABELS = (
    "patient",
    "date",
    "visit",
    "therapist",
    "registration",
    "phone",
    "treated_heading",
    "nothing_treated",
    "pain_heading",
    "pain_scale",
    "pain_before",
    "pain_after",
    "not_recorded",
    "page",
)


class TemplateError(ValueError):
    """A template the clinic edited cannot be used; the message names the entry."""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryWording:
    """Every patient-facing sentence of the take-home summary, placeholders unfilled."""

    title: str
    labels: Mapping[str, str]
    next_hours: Section
    aftercare: Section
    when_to_call: Section
    chest: Section
    next_appointment_heading: str
    none_booked: str
    map_captions: Mapping[str, str]

    def map_caption(self, view: str) -> str:
        return self.map_captions.get(view) or view.replace("_", " ").capitalize()

    def fill(self, text: str, values: Mapping[str, str]) -> str:
        """``text`` with its placeholders replaced (already checked when loaded)."""
        return text.format_map(values)


def load_summary_wording(text: str | None = None) -> SummaryWording:
    """Read the take-home summary's wording: ``text`` if given, else the shipped file.

    The file is read every time, so an edit shows on the next summary printed; the same
    text is parsed and checked only once per process.
    """
    source = read_text("templates", SUMMARY_TEMPLATE) if text is None else text
    return _parse_wording(source)


@functools.lru_cache(maxsize=4)
def _parse_wording(source: str) -> SummaryWording:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{SUMMARY_TEMPLATE} is not valid TOML: {error}") from None
    reader = _Reader(data)
    # Read-only: one parsed wording is shared by every summary the process prints.
    labels = MappingProxyType({name: reader.text(f"labels.{name}") for name in _LABELS})
    _check_placeholders("labels.page", labels["page"], _PAGE_PLACEHOLDERS)
    return SummaryWording(
        title=reader.text("title"),
        labels=labels,
        next_hours=reader.section("next_hours", "paragraphs"),
        aftercare=reader.section("aftercare", "items"),
        when_to_call=reader.section("when_to_call", "items"),
        chest=Section(
            reader.text("chest.heading"), paragraphs=(reader.text("chest.text"),), items=()
        ),
        next_appointment_heading=reader.text("next_appointment.heading"),
        none_booked=reader.text("next_appointment.none_booked"),
        map_captions=MappingProxyType(reader.table("map_captions")),
    )


class _Reader:
    def __init__(self, data: dict[str, object]) -> None:
        self._data = data

    def _value(self, dotted: str) -> object:
        node: object = self._data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise TemplateError(f"{SUMMARY_TEMPLATE} is missing '{dotted}'.")
            node = node[part]
        return node

    def text(self, dotted: str) -> str:
        value = self._value(dotted)
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(f"{SUMMARY_TEMPLATE}: '{dotted}' must be non-empty text.")
        if dotted != "labels.page":
            _check_placeholders(dotted, value, SUMMARY_PLACEHOLDERS)
        return value.strip()

    def texts(self, dotted: str) -> tuple[str, ...]:
        value = self._value(dotted)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TemplateError(f"{SUMMARY_TEMPLATE}: '{dotted}' must be a list of texts.")
        for entry in value:
            _check_placeholders(dotted, entry, SUMMARY_PLACEHOLDERS)
        return tuple(v.strip() for v in value if v.strip())

    def table(self, dotted: str) -> dict[str, str]:
        value = self._value(dotted)
        if not isinstance(value, dict):
            raise TemplateError(f"{SUMMARY_TEMPLATE}: '[{dotted}]' must be a table of texts.")
        return {key: self.text(f"{dotted}.{key}") for key in value}

    def section(self, name: str, body: str) -> Section:
        heading = self.text(f"{name}.heading")
        lines = self.texts(f"{name}.{body}")
        if body == "items":
            return Section(heading, items=lines)
        return Section(heading, paragraphs=lines)


def _check_placeholders(where: str, text: str, allowed: frozenset[str]) -> None:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise TemplateError(
            f"{SUMMARY_TEMPLATE}: '{where}' has a stray brace ({error}); "
            "write {{ or }} for a literal brace."
        ) from None
    for name in fields:
        if name not in allowed:
            known = ", ".join("{" + a + "}" for a in sorted(allowed))
            shown = "{" + name + "}"
            raise TemplateError(
                f"{SUMMARY_TEMPLATE}: '{where}' uses unknown placeholder {shown}; known: {known}."
            )
