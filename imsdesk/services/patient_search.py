"""The statements that find patients by what was typed, and count them, shaped per database.

The list shows matches A–Z (family name, given names, id) and how many there are.
A word matches the start of the family name, the given names or the chart number,
so matches come from three indexes, but only the family name's index is in list
order. Sorting every match costs milliseconds once thousands match (the first
letter), and walking the list's order index until a page is found costs as much
when matches are rare. Each of the three ways in is therefore read on its own, the
cheap way for that word:

- by family name: the list's order index, from the word on: already in order;
- by given name or chart number: when few patients match, their own index and a
  sort (given names: their index holds the list's order, so no row is read; only
  matches that come before the family names' page end are sorted); when many do,
  the list's order index, walked until a page is found.

The page is the first of their union. The statement says which index each way in
reads, on PostgreSQL too: there it is prepared and planned once for whatever is
typed (a generic plan), so no plan could fit both "d" and "d0194" from the values.
Left to plan an OR of the three ways in for each word, PostgreSQL walked the list's
order index reading a table row for every patient passed ("wi": 12,600 rows, 11 ms).
The matches are counted by a statement of their own, up to a limit (a list only
needs to say "2,000+"): the list shows the page first and its count a moment later.
Each statement is compiled once per database and run on the driver's connection
(store.driver_statements).
"""

from __future__ import annotations

import functools
import itertools
import sys
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    CTE,
    ColumnElement,
    CompoundSelect,
    Dialect,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.ext.compiler import compiles

from imsdesk.domain.patients import PatientQuery
from imsdesk.store.driver_statements import DriverStatement, compiled_once
from imsdesk.store.models import PatientRow

NAME_KEY_CHARS = 200  # PatientRow.family_key and given_key

_S = TypeVar("_S", bound=Select[Any])

# What the list shows of a patient, in this order (to_patient reads them by position).
LISTED = (
    PatientRow.id,
    PatientRow.chart_number,
    PatientRow.family_name,
    PatientRow.given_names,
    PatientRow.date_of_birth,
    PatientRow.sex,
    PatientRow.phone,
    PatientRow.email,
    PatientRow.address,
    PatientRow.notes,
)
LIST_ORDER = (PatientRow.family_key, PatientRow.given_key, PatientRow.id)
# From this many matches on a key, walking the list's order index finds a page sooner
# than sorting them. Measured on the ten-year demo clinic (30,000 patients), a walk costs
# a tenth of a microsecond per patient passed (some 3,000 to find 100 among 1,000
# matches). Sorting costs about 0.4 microseconds a given-name match (read off their
# index, which holds the list's order) and a microsecond a chart number (read from the
# table): the costs meet near 900 and 600 matches, at about 0.35 ms.
DENSE = {"given_key": 900, "chart_key": 600}


@dataclass(frozen=True)
class Shape:
    """What a statement depends on besides the values typed (one statement per shape)."""

    words: int
    dated: bool
    branched: bool  # each way in read on its own (see the module's docstring)
    sqlite: bool  # the count is read differently (_counted_apart)


def shape_of(query: PatientQuery, *, sqlite: bool) -> Shape:
    dated = query.date_of_birth is not None
    # A birth date is selective (its index and a sort); nothing typed walks the index anyway.
    branched = bool(query.words) and not dated
    return Shape(len(query.words), dated, branched, sqlite)


def values_of(query: PatientQuery) -> dict[str, object]:
    """Each word as a range (key >= 'abc' AND key < 'abd'), which an ordinary index serves."""
    values: dict[str, object] = {"born": query.date_of_birth}
    values.update({f"dense_{key}": at for key, at in DENSE.items()})
    for n, word in enumerate(query.words):
        values[f"w{n}"] = word
        values[f"w{n}_end"] = _prefix_end(word)
    return values


@functools.cache
def page_statement(shape: Shape) -> Select[Any]:
    """A page of matches A–Z (binds :limit, :offset and :n, their sum)."""
    if shape.branched:
        return _branched_page(shape.words, merged=not shape.sqlite)
    return (
        _filtered(select(*LISTED), shape.words, shape.dated)
        .order_by(*LIST_ORDER)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )


@functools.cache
def count_statement(shape: Shape, *, capped: bool) -> Select[Any]:
    """How many match; ``capped``: up to :at_most (nothing typed: always all of them)."""
    return select(_matches(shape, capped=capped).scalar_subquery())


def driver_page(shape: Shape, dialect: Dialect) -> DriverStatement:
    """``page_statement``, compiled once for the database's driver (run on every keystroke)."""
    return compiled_once(page_statement(shape), dialect)


def driver_count(shape: Shape, dialect: Dialect, *, capped: bool) -> DriverStatement:
    """``count_statement``, compiled once for the database's driver."""
    return compiled_once(count_statement(shape, capped=capped), dialect)


def _matches(shape: Shape, *, capped: bool = True) -> Select[Any]:
    if not shape.words and not shape.dated:
        # The whole list is counted: SQLite counts a table off its smallest index.
        return select(func.count(PatientRow.id))
    if not capped:
        return _filtered(select(func.count(PatientRow.id)), shape.words, shape.dated)
    if shape.words and not shape.dated:
        return _counted_apart(shape.words, sqlite=shape.sqlite)
    # A birth date: its index, stopping at :at_most.
    return _up_to_at_most(_filtered(select(PatientRow.id), shape.words, shape.dated))


def _up_to_at_most(found: Select[Any] | CompoundSelect[Any]) -> Select[Any]:
    limited = found.limit(bindparam("at_most", type_=Integer)).subquery()
    return select(func.count()).select_from(limited)


def _counted_apart(words: int, *, sqlite: bool) -> Select[Any]:
    """The first word's matches in three parts that share no patient, read in turn until
    :at_most: by chart number; by family name, less those; by given names, less both.

    Each part is one index that holds the keys it is told apart by (the chart number's, the
    list's order, the given names'), read without a table row. An OR of the three reads as
    many entries but then counts each patient once: in a set (SQLite, up to twice as slow;
    "d" matches every chart number) or from the table's pages (PostgreSQL's bitmap scan).
    """
    others = [_word_matches(n, indexed=not sqlite) for n in range(1, words)]
    keys = (PatientRow.chart_key, PatientRow.family_key, PatientRow.given_key)
    chart, family, given = (_in_range(key, 0) for key in keys)
    not_chart, not_family = (~_in_range(_key(key, indexed=not sqlite), 0) for key in keys[:2])
    parts = [
        select(literal_column("1")).where(*match, *others)
        for match in ([chart], [family, not_chart], [given, not_family, not_chart])
    ]
    return _up_to_at_most(union_all(*parts))


def _filtered(statement: _S, words: int, dated: bool) -> _S:
    conditions = [_word_matches(n, indexed=True) for n in range(words)]
    if dated:
        conditions.append(PatientRow.date_of_birth == bindparam("born"))
    return statement.where(and_(*conditions)) if conditions else statement


def _word_matches(n: int, *, indexed: bool) -> ColumnElement[bool]:
    """Word ``n`` starts the family name, the given names or the chart number."""
    keys = (PatientRow.family_key, PatientRow.given_key, PatientRow.chart_key)
    return or_(*(_in_range(_key(key, indexed), n) for key in keys))


def _in_range(key: Any, n: int) -> ColumnElement[bool]:
    return and_(key >= bindparam(f"w{n}"), key < bindparam(f"w{n}_end"))


def _key(column: Any, indexed: bool) -> Any:
    """The column, or the same value through an expression no index lookup uses."""
    return column if indexed else _Unindexed(column)


class _Unindexed(ColumnElement[Any]):
    """A column's value that no index serves: SQLite's "+column"; on PostgreSQL the column
    compared byte by byte as "POSIX", the same order as its "C" but not the collation of
    its indexes (cheaper than "column || ''", which makes a new string for every row)."""

    inherit_cache = False  # compiled once per database (compiled_once)

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(_Unindexed)
def _unindexed_sqlite(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


@compiles(_Unindexed, "postgresql")
def _unindexed_postgresql(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "POSIX"'


# -- each way in read on its own ------------------------------------------------------
def _branched_page(words: int, *, merged: bool) -> Select[Any]:
    """The first word read through each of its three ways in; the other words filter.

    ``merged`` (PostgreSQL): no patient comes from two ways in, each leaving out those an
    earlier one finds, so their pages are merged as they come, already in list order, until
    the page is full (a Merge Append). SQLite sorts their union instead, which costs it less
    than leaving them out.
    """
    others = [_word_matches(n, indexed=False) for n in range(1, words)]
    arms = [_arm(_in_range(PatientRow.family_key, 0), others, bindparam("n", type_=Integer))]
    within = _within_family_page(others)
    density = _density()
    found_before: list[ColumnElement[bool]] = []
    ways_in = (PatientRow.family_key, PatientRow.given_key, PatientRow.chart_key)
    for earlier, key in itertools.pairwise(ways_in):
        if merged:
            found_before.append(~_in_range(_key(earlier, indexed=False), 0))
        dense = select(density.c[key.name]).scalar_subquery()
        # LIMIT is read once before the loop, so the way not taken reads nothing.
        walk, gather = (
            case((dense, bindparam("n")), else_=0),
            case((dense, 0), else_=bindparam("n")),
        )
        arms.append(_arm(_in_range(_key(key, indexed=False), 0), [*others, *found_before], walk))
        gathered = [*others, *found_before, within]
        arms.append(_arm(_in_range(key, 0), gathered, gather, apart=merged))
    columns = [select(arm.c.family_key, arm.c.given_key, arm.c.id) for arm in arms]
    found = union_all(*columns) if merged else union(*columns)
    hits = (
        found.order_by(*found.selected_columns)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
        .subquery("hit")
    )
    return (
        select(*LISTED)
        .join(hits, hits.c.id == PatientRow.id)
        .order_by(hits.c.family_key, hits.c.given_key, hits.c.id)
    )


def _arm(
    match: ColumnElement[bool],
    others: list[ColumnElement[bool]],
    limit: Any,
    *,
    apart: bool = False,
) -> Any:
    """The first :n patients in list order that one way in finds (and the other words match).

    ``apart`` (PostgreSQL, the sorting ways in): the matches are found on their own, then
    sorted. The plan PostgreSQL makes once for every word would otherwise read them in list
    order off the list's own index, filtering the whole index for a rare word's few given
    names or chart numbers (1234: 245 pages, 5 ms); a subquery with an OFFSET is planned
    by itself, so it reads the matches off the key's own index.
    """
    if not apart:
        return (
            select(*LIST_ORDER).where(match, *others).order_by(*LIST_ORDER).limit(limit).subquery()
        )
    found = select(*LIST_ORDER).where(match, *others).offset(0).subquery()
    order = [found.c[column.key] for column in LIST_ORDER]
    return select(*order).order_by(*order).limit(limit).subquery()


def _density() -> CTE:
    """Whether the given names' and the chart numbers' ways in are dense for the first word,
    found once for the walk and the sort that both ask (each costs as much as the walk of a
    rare word)."""
    keys = (PatientRow.given_key, PatientRow.chart_key)
    return select(*(_at_least_dense(key).label(key.name) for key in keys)).cte("density")


def _at_least_dense(key: Any) -> ColumnElement[bool]:
    """Whether :dense_<key> or more patients match the first word on ``key``: whether its
    index has a match at that place (stepping there costs a third of counting up to it)."""
    nth = select(key).where(_in_range(key, 0)).order_by(key).limit(1)
    at = bindparam(f"dense_{key.name}", type_=Integer)
    return nth.offset(at - 1).scalar_subquery().is_not(None)


def _within_family_page(others: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """False for a patient listed after the family-name way in's :n-th: the page ends before.

    Spares sorting given-name or chart-number matches that cannot be on the page, e.g. most
    of "b"'s given names once the "B" family names fill it.
    """
    nth = (
        select(*LIST_ORDER)
        .where(_in_range(PatientRow.family_key, 0), *others)
        .order_by(*LIST_ORDER)
        .limit(1)
        .offset(bindparam("n", type_=Integer) - 1)
    )
    return (tuple_(*LIST_ORDER) > nth.scalar_subquery()).is_not(true())


def _prefix_end(word: str) -> str:
    """The first string after every string that starts with ``word``."""
    stem = word.rstrip(chr(sys.maxunicode))  # the last code point has none after it
    if not stem:
        return chr(sys.maxunicode) * (NAME_KEY_CHARS + 1)  # longer than any stored key
    following = ord(stem[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are not text: no database takes them
        following = 0xE000
    return stem[:-1] + chr(following)
