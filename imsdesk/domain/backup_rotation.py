"""Which automatic backups to keep: a rotating set that stays small but reaches far back.

Everything from the last day is kept (the morning's copy undoes the afternoon's mistake),
then the newest backup of each day for two weeks, the newest of each week (Monday to
Sunday) for three months, and always the newest backup, however old, so a clinic that was
closed for a season still has its last copy. A backup dated after ``now`` (the clock was
changed) is kept, and does not count as the newest: nothing is deleted on a reading of
time that cannot be right.

Pruning after every backup keeps exactly what pruning once, at the end, would keep: a
backup passed over once is never one the rules want later.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TypeVar

KEEP_ALL_FOR = timedelta(days=1)
DAILY_FOR_DAYS = 14
WEEKLY_FOR_WEEKS = 13  # about three months

K = TypeVar("K", bound=Hashable)


def backups_to_keep(taken: Mapping[K, datetime], now: datetime) -> set[K]:
    """The backups (keys of ``taken``, each mapped to when it was taken) to keep at ``now``.

    Times are compared as given: pass local times (aware or naive, but all alike) so that
    "a day" is the clinic's day.
    """
    today = now.date()
    first_daily = today - timedelta(days=DAILY_FOR_DAYS - 1)
    first_weekly = _week_of(today) - timedelta(weeks=WEEKLY_FOR_WEEKS - 1)
    keep = {key for key, at in taken.items() if at > now or now - at < KEEP_ALL_FOR}
    keep |= _newest_per(taken, lambda at: at.date(), since=first_daily)
    keep |= _newest_per(taken, lambda at: _week_of(at.date()), since=first_weekly)
    past = [(key, at) for key, at in taken.items() if at <= now]
    if past:
        keep.add(_newest(past))
    return keep


def _newest_per(
    taken: Mapping[K, datetime], period_of: Callable[[datetime], date], since: date
) -> set[K]:
    periods: dict[date, list[tuple[K, datetime]]] = {}
    for key, at in taken.items():
        if period_of(at) >= since:
            periods.setdefault(period_of(at), []).append((key, at))
    return {_newest(items) for items in periods.values()}


def _newest(items: Iterable[tuple[K, datetime]]) -> K:
    # Two taken in the same instant are ordered by key, so the choice is always the same.
    return max(items, key=lambda item: (item[1], str(item[0])))[0]


def _week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
