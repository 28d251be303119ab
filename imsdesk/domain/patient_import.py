"""Turning the rows of another system's patient list into imsdesk patients.

Each column of the file is mapped to one patient field (or ignored); the mapping is
guessed from the header and shown for correction. Each row then becomes patient details,
checked by the same rules as the patient form, or a list of what is wrong with it.
Nothing here touches a database: which rows already exist is the service's question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from imsdesk.domain.import_dates import DateOrder, parse_date
from imsdesk.domain.patients import PatientDetails, Sex, fold, validate_patient


class Target(StrEnum):
    """What a column of the file holds."""

    IGNORE = "ignore"
    CHART_NUMBER = "chart_number"
    FAMILY_NAME = "family_name"
    GIVEN_NAMES = "given_names"
    FULL_NAME = "full_name"  # "Doe, Jane" or "Jane Doe" in one column
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"  # several columns (street, town, postcode) are joined
    NOTES = "notes"  # likewise

    @property
    def label(self) -> str:
        return _TARGET_LABELS[self]


_TARGET_LABELS = {
    Target.IGNORE: "(not imported)",
    Target.CHART_NUMBER: "Chart number",
    Target.FAMILY_NAME: "Family name",
    Target.GIVEN_NAMES: "Given names",
    Target.FULL_NAME: "Full name (split)",
    Target.DATE_OF_BIRTH: "Date of birth",
    Target.SEX: "Sex",
    Target.PHONE: "Phone",
    Target.EMAIL: "Email",
    Target.ADDRESS: "Address (joined)",
    Target.NOTES: "Notes (joined)",
}
JOINED_TARGETS = frozenset({Target.ADDRESS, Target.NOTES})

# Header words other systems use, folded (lower case, no accents, no punctuation).
_HEADER_WORDS: dict[Target, tuple[str, ...]] = {
    Target.CHART_NUMBER: (
        "chart",
        "chart number",
        "chart no",
        "chart id",
        "mrn",
        "medical record number",
        "record number",
        "patient id",
        "patient number",
        "patient no",
        "file number",
        "file no",
        "account number",
        "id",
    ),
    Target.FAMILY_NAME: ("family name", "last name", "lastname", "surname", "nom", "nachname"),
    Target.GIVEN_NAMES: (
        "given name",
        "given names",
        "first name",
        "firstname",
        "forename",
        "forenames",
        "prenom",
        "vorname",
    ),
    Target.FULL_NAME: ("name", "full name", "patient name", "patient", "client", "client name"),
    Target.DATE_OF_BIRTH: (
        "dob",
        "d o b",
        "date of birth",
        "birth date",
        "birthdate",
        "birthday",
        "born",
        "date naissance",
        "date de naissance",
        "geburtsdatum",
    ),
    Target.SEX: ("sex", "gender", "sexe", "geschlecht"),
    Target.PHONE: (
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "phone number",
        "home phone",
        "mobile phone",
        "cell phone",
    ),
    Target.EMAIL: ("email", "e mail", "email address", "e mail address", "mail"),
    Target.ADDRESS: (
        "address",
        "street",
        "address line 1",
        "address line 2",
        "address 1",
        "address 2",
        "city",
        "town",
        "postcode",
        "post code",
        "postal code",
        "zip",
        "zip code",
        "province",
        "state",
        "county",
        "country",
    ),
    Target.NOTES: ("notes", "note", "comments", "comment", "remarks", "alerts"),
}
_WORD_TARGET = {word: target for target, words in _HEADER_WORDS.items() for word in words}
_PUNCTUATION = re.compile(r"[^a-z0-9]+")

_SEX_WORDS = {
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "w": Sex.FEMALE,
    "m": Sex.MALE,
    "male": Sex.MALE,
    "man": Sex.MALE,
    "i": Sex.INTERSEX,
    "intersex": Sex.INTERSEX,
    "u": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
    "not recorded": Sex.UNKNOWN,
    "not known": Sex.UNKNOWN,
}


def _header_key(text: str) -> str:
    return _PUNCTUATION.sub(" ", fold(text)).strip()


def guess_mapping(header: Sequence[str]) -> tuple[Target, ...]:
    """One target per column from the header words; unknown columns are ignored.

    A single-valued field goes to the first column that names it; a full-name column
    is used only when the file has no separate family and given names.
    """
    guessed = [_WORD_TARGET.get(_header_key(name), Target.IGNORE) for name in header]
    taken: set[Target] = set()
    for index, target in enumerate(guessed):
        if target in JOINED_TARGETS or target is Target.IGNORE:
            continue
        if target in taken:
            guessed[index] = Target.IGNORE
        taken.add(target)
    if Target.FAMILY_NAME in taken and Target.GIVEN_NAMES in taken:
        guessed = [Target.IGNORE if t is Target.FULL_NAME else t for t in guessed]
    return tuple(guessed)


def mapping_problems(mapping: Sequence[Target]) -> list[str]:
    """What the mapping lacks or repeats; empty when rows can be read with it."""
    problems = []
    for target in Target:
        if target is Target.IGNORE or target in JOINED_TARGETS:
            continue
        if sum(t is target for t in mapping) > 1:
            problems.append(f"{target.label} is chosen for more than one column.")
    has_parts = Target.FAMILY_NAME in mapping and Target.GIVEN_NAMES in mapping
    if Target.FULL_NAME in mapping and (
        Target.FAMILY_NAME in mapping or Target.GIVEN_NAMES in mapping
    ):
        problems.append("Choose either a full-name column or family and given name columns.")
    elif not has_parts and Target.FULL_NAME not in mapping:
        problems.append("Choose the column(s) with the patient's name (family and given names).")
    if Target.DATE_OF_BIRTH not in mapping:
        problems.append("Choose the column with the date of birth.")
    return problems


def split_full_name(text: str) -> tuple[str, str]:
    """(family, given): "Doe, Jane" and "Jane Doe" both give ("Doe", "Jane")."""
    if "," in text:
        family, _, given = text.partition(",")
        return family.strip(), given.strip()
    words = text.split()
    if len(words) < 2:
        return text.strip(), ""
    return words[-1], " ".join(words[:-1])


@dataclass(frozen=True)
class ParsedRow:
    """One line of the file, read: the details to save, or what is wrong with it."""

    line: int
    details: PatientDetails | None
    problems: tuple[str, ...] = ()


def parse_rows(
    header_width: int,
    rows: Iterable[tuple[int, Sequence[str]]],
    mapping: Sequence[Target],
    order: DateOrder | None,
    *,
    today: date,
    chart_numbers: Iterator[str] | None = None,
) -> list[ParsedRow]:
    """Read every row with ``mapping``; ``chart_numbers`` numbers rows when no column does.

    A chart number repeated within the file is a problem on its second appearance.
    """
    parsed: list[ParsedRow] = []
    seen_charts: dict[str, int] = {}
    for line, cells in rows:
        row = _parse_row(line, header_width, cells, mapping, order, today, chart_numbers)
        if row.details is not None:
            key = fold(row.details.chart_number)
            if key in seen_charts:
                row = ParsedRow(
                    line,
                    None,
                    (
                        f"Chart number {row.details.chart_number} is also on line "
                        f"{seen_charts[key]}.",
                    ),
                )
            else:
                seen_charts[key] = line
        parsed.append(row)
    return parsed


def _parse_row(
    line: int,
    header_width: int,
    cells: Sequence[str],
    mapping: Sequence[Target],
    order: DateOrder | None,
    today: date,
    chart_numbers: Iterator[str] | None,
) -> ParsedRow:
    if len(cells) > header_width and any(cells[header_width:]):
        return ParsedRow(
            line,
            None,
            (
                f"Has {len(cells)} cells but the header names {header_width} columns "
                "(a value with the delimiter in it needs quotes).",
            ),
        )
    values = row_values(cells, mapping)
    problems: list[str] = []
    family, given = values.get(Target.FAMILY_NAME, ""), values.get(Target.GIVEN_NAMES, "")
    if Target.FULL_NAME in values:
        family, given = split_full_name(values[Target.FULL_NAME])
    born: date | None = None
    born_text = values.get(Target.DATE_OF_BIRTH, "")
    if born_text:
        try:
            born = parse_date(born_text, order)
        except ValueError as error:
            problems.append(f"Date of birth: {error}")
    sex = Sex.UNKNOWN
    sex_text = values.get(Target.SEX, "")
    if sex_text:
        found = _SEX_WORDS.get(fold(sex_text))
        if found is None:
            problems.append(
                f"Sex '{sex_text}' is not one imsdesk records (female, male, intersex, "
                "or blank for not recorded)."
            )
        else:
            sex = found
    chart = values.get(Target.CHART_NUMBER, "")
    if Target.CHART_NUMBER not in mapping and chart_numbers is not None:
        chart = next(chart_numbers)
    details = PatientDetails(
        chart_number=chart,
        family_name=family,
        given_names=given,
        date_of_birth=born,
        sex=sex,
        phone=values.get(Target.PHONE, ""),
        email=values.get(Target.EMAIL, ""),
        address=values.get(Target.ADDRESS, ""),
        notes=values.get(Target.NOTES, ""),
    ).cleaned()
    found_problems = validate_patient(details, today)
    if born_text and born is None:
        found_problems.pop("date_of_birth", None)  # already said why it cannot be read
    problems += [message for message in found_problems.values() if message not in problems]
    if problems:
        return ParsedRow(line, None, tuple(problems))
    return ParsedRow(line, details)


def row_values(cells: Sequence[str], mapping: Sequence[Target]) -> dict[Target, str]:
    """The row's text per target; joined targets take every non-empty column, in order."""
    values: dict[Target, str] = {}
    for index, target in enumerate(mapping):
        if target is Target.IGNORE:
            continue
        cell = cells[index].strip() if index < len(cells) else ""
        if target in JOINED_TARGETS:
            if cell:
                joiner = ", " if target is Target.ADDRESS else "\n"
                values[target] = f"{values[target]}{joiner}{cell}" if target in values else cell
        else:
            values[target] = cell
    return values


def column_examples(
    rows: Sequence[tuple[int, Sequence[str]]], column: int, limit: int = 3
) -> tuple[str, ...]:
    """The first few non-empty values of a column, to show beside its mapping."""
    found: list[str] = []
    for _, cells in rows:
        if column < len(cells) and cells[column] and cells[column] not in found:
            found.append(cells[column])
            if len(found) == limit:
                break
    return tuple(found)


def date_values(
    rows: Iterable[tuple[int, Sequence[str]]], mapping: Sequence[Target]
) -> Iterator[str]:
    """The date-of-birth cells of the rows, for detecting the date order."""
    if Target.DATE_OF_BIRTH not in mapping:
        return
    column = list(mapping).index(Target.DATE_OF_BIRTH)
    for _, cells in rows:
        if column < len(cells) and cells[column]:
            yield cells[column]


def numbered_charts(taken: set[str], start: int) -> Iterator[str]:
    """Plain chart numbers from ``start`` up, skipping folded numbers already ``taken``."""
    number = start
    while True:
        chart = str(number)
        if fold(chart) not in taken:
            yield chart
        number += 1
