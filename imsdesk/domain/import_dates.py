"""Dates as other programs write them, read without guessing a day for a month.

1968-04-23, 23 Apr 1968 and Apr 23, 1968 say one thing. 03/04/1970 says the 3rd of April
in most of the world and March 4th in North America, so numeric dates are read in the
order the file uses: detected where a day past the 12th gives it away, otherwise chosen
by the person importing. A birth date read in the wrong order opens the wrong chart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# A time after the date, as spreadsheets and databases add it: "1968-04-23 00:00:00".
_TIME_SUFFIX = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_TOKENS = re.compile(r"[A-Za-z]+|\d+")


class DateOrder(StrEnum):
    """How a numeric date with the year last orders day and month."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"  # year first only: such a file has no ambiguous dates

    @property
    def label(self) -> str:
        return _ORDER_LABELS[self]


_ORDER_LABELS = {
    DateOrder.DMY: "day/month/year (23/04/1968)",
    DateOrder.MDY: "month/day/year (04/23/1968)",
    DateOrder.YMD: "year-month-day (1968-04-23)",
}


@dataclass(frozen=True)
class DateOrderGuess:
    """What the values say about their order, in words for the preview."""

    order: DateOrder | None  # None: the values do not say, a person must choose
    reason: str


def detect_date_order(values: Iterable[str]) -> DateOrderGuess:
    """Look for a day past the 12th in the first or second place of numeric dates."""
    day_first = month_first = numeric = 0
    example_dmy = example_mdy = ""
    for value in values:
        parts = _numeric_parts(value)
        if parts is None:
            continue
        first, second, _ = parts
        numeric += 1
        if first > 12 >= second:
            day_first += 1
            example_dmy = example_dmy or value.strip()
        elif second > 12 >= first:
            month_first += 1
            example_mdy = example_mdy or value.strip()
    if numeric == 0:
        return DateOrderGuess(
            DateOrder.YMD, "The dates are written year first or with a month name."
        )
    if day_first and month_first:
        return DateOrderGuess(
            None,
            f"The dates mix orders ({example_dmy} is day first, {example_mdy} month first); "
            "choose the order most of the file uses and correct the rest.",
        )
    if day_first:
        return DateOrderGuess(DateOrder.DMY, f"Day first: {example_dmy} has no 13th month.")
    if month_first:
        return DateOrderGuess(DateOrder.MDY, f"Month first: {example_mdy} has no 13th month.")
    return DateOrderGuess(
        None,
        f"No numeric date has a day past the 12th ({numeric} checked); choose the order "
        "the other program writes.",
    )


def parse_date(text: str, order: DateOrder | None) -> date:
    """Read one date; ValueError says what is wrong in words a person can act on."""
    cleaned = _TIME_SUFFIX.sub("", text.strip())
    tokens = _TOKENS.findall(cleaned)
    if len(tokens) != 3:
        raise ValueError(f"'{text.strip()}' is not a date.")
    words = [t for t in tokens if t.isalpha()]
    if len(words) > 1:
        raise ValueError(f"'{text.strip()}' is not a date.")
    if words:
        month = _MONTHS.get(words[0].lower())
        if month is None:
            raise ValueError(f"'{words[0]}' in '{text.strip()}' is not a month.")
        digits = [t for t in tokens if t.isdigit()]
        years = [t for t in digits if len(t) == 4]
        if len(years) != 1:
            raise ValueError(f"'{text.strip()}' needs a four-digit year.")
        year = int(years[0])
        day = int(next(t for t in digits if t is not years[0]))
        return _real_date(year, month, day, text)
    if len(tokens[0]) == 4:
        return _real_date(int(tokens[0]), int(tokens[1]), int(tokens[2]), text)
    if len(tokens[2]) != 4:
        raise ValueError(
            f"'{text.strip()}' needs a four-digit year (which century is '{tokens[2]}'?)."
        )
    first, second, year = int(tokens[0]), int(tokens[1]), int(tokens[2])
    if order is None or order is DateOrder.YMD:
        if first > 12:
            return _real_date(year, second, first, text)
        if second > 12:
            return _real_date(year, first, second, text)
        raise ValueError(f"'{text.strip()}' could be day or month first; choose the date order.")
    if order is DateOrder.DMY:
        return _real_date(year, second, first, text)
    return _real_date(year, first, second, text)


def _numeric_parts(value: str) -> tuple[int, int, int] | None:
    """(first, second, year) of a numeric date written with the year last."""
    tokens = _TOKENS.findall(_TIME_SUFFIX.sub("", value.strip()))
    if len(tokens) != 3 or not all(t.isdigit() for t in tokens) or len(tokens[0]) == 4:
        return None
    return int(tokens[0]), int(tokens[1]), int(tokens[2])


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real date.") from None
