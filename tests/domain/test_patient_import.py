"""Reading other systems' CSV files and dates without guessing."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from imsdesk.domain.csv_text import CsvError, Delimiter, Encoding, detect_delimiter, read_table
from imsdesk.domain.import_dates import DateOrder, detect_date_order, parse_date
from imsdesk.domain.patient_import import Target, guess_mapping, mapping_problems, split_full_name


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1968-04-23", None, date(1968, 4, 23)),
        ("1968-04-23 00:00:00", None, date(1968, 4, 23)),
        ("1968-04-23T00:00:00Z", None, date(1968, 4, 23)),
        ("23 Apr 1968", None, date(1968, 4, 23)),
        ("April 23, 1968", None, date(1968, 4, 23)),
        ("23-APR-1968", None, date(1968, 4, 23)),
        ("23.04.1968", DateOrder.DMY, date(1968, 4, 23)),
        ("03/04/1970", DateOrder.DMY, date(1970, 4, 3)),
        ("03/04/1970", DateOrder.MDY, date(1970, 3, 4)),
        ("23/04/1968", DateOrder.MDY, None),  # no 23rd month: refused, not swapped
        ("03/04/1970", None, None),  # ambiguous until an order is chosen
        ("03/04/70", DateOrder.DMY, None),  # which century?
        ("31/02/1970", DateOrder.DMY, None),
        ("soon", None, None),
    ],
)
def test_dates_are_read_only_when_unambiguous(text, order, expected):
    if expected is None:
        with pytest.raises(ValueError):
            parse_date(text, order)
    else:
        assert parse_date(text, order) == expected


def test_the_date_order_is_detected_from_a_day_past_the_12th():
    assert detect_date_order(["03/04/1970", "23/04/1968"]).order is DateOrder.DMY
    assert detect_date_order(["03/04/1970", "04/23/1968"]).order is DateOrder.MDY
    assert detect_date_order(["1970-03-04"]).order is DateOrder.YMD
    assert detect_date_order(["03/04/1970"]).order is None
    mixed = detect_date_order(["23/04/1968", "04/23/1968"])
    assert mixed.order is None and "mix" in mixed.reason


def test_encoding_and_delimiter_are_detected():
    text = "Name;DOB\nMüller, Jörg;1968-04-23\n"
    assert read_table(codecs.BOM_UTF8 + text.encode()).encoding is Encoding.UTF8_BOM
    assert read_table(text.encode("cp1252")).encoding is Encoding.WESTERN
    assert read_table(text.encode("utf-16")).encoding is Encoding.UTF16
    table = read_table(text.encode())
    assert table.delimiter is Delimiter.SEMICOLON
    assert table.rows == ((2, ("Müller, Jörg", "1968-04-23")),)
    assert detect_delimiter("a\tb\tc\n1\t2\t3\n") is Delimiter.TAB
    assert detect_delimiter('a,b\n"x, y",2\n') is Delimiter.COMMA


def test_unreadable_files_say_why():
    with pytest.raises(CsvError, match="single column"):
        read_table(b"just one column\nvalue\n")
    with pytest.raises(CsvError, match="Line 2"):
        read_table(b'a,b\n"unclosed,1\n', delimiter=Delimiter.COMMA)


def test_columns_are_mapped_from_common_header_words():
    assert guess_mapping(["Patient ID", "Nom", "Prénom", "D.O.B.", "Sexe", "Zip"]) == (
        Target.CHART_NUMBER,
        Target.FAMILY_NAME,
        Target.GIVEN_NAMES,
        Target.DATE_OF_BIRTH,
        Target.SEX,
        Target.ADDRESS,
    )
    # A full-name column is not used beside separate names; a field is taken once.
    assert guess_mapping(["Name", "Last name", "First name", "DOB", "Birthdate"]) == (
        Target.IGNORE,
        Target.FAMILY_NAME,
        Target.GIVEN_NAMES,
        Target.DATE_OF_BIRTH,
        Target.IGNORE,
    )
    assert mapping_problems([Target.FAMILY_NAME, Target.FAMILY_NAME, Target.GIVEN_NAMES]) == [
        "Family name is chosen for more than one column.",
        "Choose the column with the date of birth.",
    ]


def test_full_names_split_either_way():
    assert split_full_name("Doe, Jane Mary") == ("Doe", "Jane Mary")
    assert split_full_name("Jane Mary Doe") == ("Doe", "Jane Mary")
    assert split_full_name("Cher") == ("Cher", "")
