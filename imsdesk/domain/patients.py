"""What a valid patient record is, and how patients are found by typing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from imsdesk.domain.plain_text import MAX_TEXT_CHARS, storable, text_problem

OLDEST_AGE_YEARS = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_CHART_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/.]{0,31}$")


class Sex(StrEnum):
    UNKNOWN = "unknown"  # first, so a form never pre-selects a sex nobody chose
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"

    @property
    def label(self) -> str:
        return "Not recorded" if self is Sex.UNKNOWN else self.value.capitalize()


@dataclass(frozen=True)
class PatientDetails:
    """The demographics a therapist types; what the patient dialog edits."""

    chart_number: str
    family_name: str
    given_names: str
    date_of_birth: date | None
    sex: Sex = Sex.UNKNOWN
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""

    def cleaned(self) -> PatientDetails:
        """Trim the stray spaces that creep in when typing or pasting."""
        return replace(
            self,
            chart_number=self.chart_number.strip(),
            family_name=" ".join(self.family_name.split()),
            given_names=" ".join(self.given_names.split()),
            phone=self.phone.strip(),
            email=self.email.strip(),
            address=_unix_lines(self.address).strip(),
            notes=_unix_lines(self.notes).strip(),
        )


def _unix_lines(text: str) -> str:
    """Windows and old Mac line ends (from another system's export) as plain line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Patient(PatientDetails):
    """A stored patient: details plus identity."""

    id: int = 0
    visit_count: int = field(default=0, compare=False)

    @property
    def display_name(self) -> str:
        """Clinical style, family name first: "DOE, Jane"."""
        return f"{self.family_name.upper()}, {self.given_names}".strip(", ")

    def age_on(self, day: date) -> int | None:
        return age_on(self.date_of_birth, day) if self.date_of_birth else None


def age_on(born: date, day: date) -> int:
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


def validate_patient(details: PatientDetails, today: date) -> dict[str, str]:
    """Return a message per field that is wrong; empty when the record may be saved.

    Keys are the PatientDetails field names so a form can show each message
    beside its own field.
    """
    problems: dict[str, str] = {}
    if not details.family_name:
        problems["family_name"] = "Family name is required."
    if not details.given_names:
        problems["given_names"] = "Given name is required."
    if not details.chart_number:
        problems["chart_number"] = "Chart number is required."
    elif not _CHART_NUMBER.match(details.chart_number):
        problems["chart_number"] = (
            "Chart number: up to 32 letters, digits, '-', '/' or '.', starting with a letter "
            "or digit."
        )
    born = details.date_of_birth
    if born is None:
        problems["date_of_birth"] = "Date of birth is required."
    elif born > today:
        problems["date_of_birth"] = "Date of birth is in the future."
    elif age_on(born, today) > OLDEST_AGE_YEARS:
        problems["date_of_birth"] = f"Date of birth gives an age over {OLDEST_AGE_YEARS} years."
    if details.email and not _EMAIL.match(details.email):
        problems["email"] = "Email address looks incomplete (expected name@example.org)."
    for name, label, limit, one_line in _TEXT_FIELDS:
        problem = text_problem(label, getattr(details, name), limit, one_line=one_line)
        if problem:
            problems[name] = problem
    return problems


# Field, label, most characters (the column's size), typed on one line.
_TEXT_FIELDS = (
    ("family_name", "Family name", 200, True),
    ("given_names", "Given name", 200, True),
    ("phone", "Phone", 64, True),
    ("email", "Email address", 254, True),
    ("address", "Address", 1000, False),
    ("notes", "Notes", MAX_TEXT_CHARS, False),
)


def fold(text: str) -> str:
    """Lower-case and strip accents so "Müller" is found by typing "mull"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class PatientQuery:
    """What the search box means, parsed once (Qt-free, so it is tested alone).

    Each word must match the start of the family name, the given names or the
    chart number; a date typed as YYYY-MM-DD matches the date of birth. Only
    the ISO form is read as a date: 03/04/1970 means different days in
    different countries, and a wrong birth date finds the wrong chart.
    """

    words: tuple[str, ...] = ()
    date_of_birth: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.words and self.date_of_birth is None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_patient_query(text: str) -> PatientQuery:
    words: list[str] = []
    born: date | None = None
    for token in text.replace(",", " ").split():
        try:
            born = parse_iso_date(token)
        except ValueError:
            # What no stored name holds (NUL, broken characters) cannot match: left out.
            word = "".join(ch for ch in fold(token) if storable(ch))
            if word:
                words.append(word)
    return PatientQuery(tuple(words), born)


def parse_iso_date(text: str) -> date:
    """Read YYYY-MM-DD; raise ValueError with a message a person can act on."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        raise ValueError("Write the date as YYYY-MM-DD, e.g. 1968-04-23.")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} is not a real date.") from None


PATIENT_FORM_FIELDS = (
    "chart_number",
    "family_name",
    "given_names",
    "date_of_birth",
    "sex",
    "phone",
    "email",
    "address",
    "notes",
)


def details_from_form(
    fields: dict[str, str], today: date
) -> tuple[PatientDetails | None, dict[str, str]]:
    """Turn the dialog's raw text into details, or say what is wrong per field."""
    problems: dict[str, str] = {}
    born: date | None = None
    born_text = fields.get("date_of_birth", "").strip()
    if born_text:
        try:
            born = parse_iso_date(born_text)
        except ValueError as error:
            problems["date_of_birth"] = f"Date of birth: {error}"
    try:
        sex = Sex(fields.get("sex") or Sex.UNKNOWN)
    except ValueError:
        problems["sex"] = "Choose one of the listed values."
        sex = Sex.UNKNOWN
    details = PatientDetails(
        chart_number=fields.get("chart_number", ""),
        family_name=fields.get("family_name", ""),
        given_names=fields.get("given_names", ""),
        date_of_birth=born,
        sex=sex,
        phone=fields.get("phone", ""),
        email=fields.get("email", ""),
        address=fields.get("address", ""),
        notes=fields.get("notes", ""),
    ).cleaned()
    for name, message in validate_patient(details, today).items():
        problems.setdefault(name, message)
    return (None, problems) if problems else (details, {})
