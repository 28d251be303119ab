"""The rotating set of automatic backups: all of the last day, daily for two weeks, weekly
for three months, the newest always; pruning as you go keeps what pruning at the end keeps."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from imsdesk.domain.backup_rotation import (
    DAILY_FOR_DAYS,
    WEEKLY_FOR_WEEKS,
    backups_to_keep,
)

NOW = datetime(2026, 11, 20, 17, 30)  # a Friday afternoon


def taken(*times: datetime) -> dict[str, datetime]:
    return {at.isoformat(): at for at in times}


def kept(times: dict[str, datetime], now: datetime = NOW) -> list[datetime]:
    return sorted(times[key] for key in backups_to_keep(times, now))


def test_nothing_to_keep_from_nothing():
    assert backups_to_keep({}, NOW) == set()


def test_everything_of_the_last_day_is_kept():
    times = taken(*(NOW - timedelta(hours=h) for h in range(0, 24, 4)))
    assert kept(times) == sorted(times.values())


def test_one_backup_per_day_for_two_weeks_the_newest_of_each():
    # Start, every four hours and close, on each of the last 20 days.
    times = taken(
        *(
            datetime(2026, 11, 20, 8) - timedelta(days=d) + timedelta(hours=h)
            for d in range(1, 20)
            for h in (0, 4, 8, 10)
        )
    )
    daily = [at for at in kept(times) if at.date() >= NOW.date() - timedelta(days=13)]
    assert [at.hour for at in daily] == [18] * 13  # 7 to 19 November: each day's evening copy
    assert len({at.date() for at in daily}) == 13


def test_weekly_for_three_months_then_only_the_newest_of_all():
    times = taken(*(datetime(2026, 11, 19, 18) - timedelta(days=d) for d in range(200)))
    result = kept(times)
    older = [at for at in result if at.date() < NOW.date() - timedelta(days=DAILY_FOR_DAYS - 1)]
    assert older and all(at.weekday() == 6 for at in older)  # each week's newest: its Sunday
    mondays = {(at - timedelta(days=at.weekday())).date() for at in result}
    this_monday = datetime(2026, 11, 16).date()
    assert mondays == {this_monday - timedelta(weeks=w) for w in range(WEEKLY_FOR_WEEKS)}


def test_the_newest_backup_is_kept_however_old():
    times = taken(datetime(2025, 1, 1), datetime(2025, 1, 2), datetime(2025, 6, 1))
    assert kept(times) == [datetime(2025, 6, 1)]


def test_a_backup_from_the_future_is_kept_because_the_clock_cannot_be_trusted():
    future = NOW + timedelta(days=400)
    times = taken(NOW - timedelta(days=200), NOW - timedelta(days=300), future)
    assert kept(times) == [NOW - timedelta(days=200), future]


def test_the_day_boundary_is_midnight_and_the_week_starts_on_monday():
    monday_start = datetime(2026, 11, 16, 0, 0)
    sunday_end = datetime(2026, 11, 15, 23, 59, 59)
    times = taken(monday_start, sunday_end, sunday_end - timedelta(hours=1))
    now = datetime(2026, 12, 10, 12)  # both weeks are past the daily span
    assert kept(times, now) == [sunday_end, monday_start]


def test_two_backups_in_the_same_second_keep_one_and_always_the_same_one():
    same = datetime(2026, 10, 1, 9)
    times = {"b-close": same, "a-start": same}
    assert backups_to_keep(times, NOW) == {"b-close"}


# -- properties -------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 20, 17, 30))


@given(st.lists(moments, min_size=1, max_size=60))
def test_a_kept_set_is_kept_whole_the_next_time(times):
    backups = taken(*times)
    first = backups_to_keep(backups, NOW)
    assert backups_to_keep({k: backups[k] for k in first}, NOW) == first


@given(st.lists(moments, min_size=1, max_size=60))
def test_the_newest_is_kept_and_the_set_stays_small(times):
    backups = taken(*times)
    result = backups_to_keep(backups, NOW)
    assert max(backups.values()) in {backups[k] for k in result}
    recent = sum(1 for at in backups.values() if NOW - at < timedelta(days=1))
    assert len(result) <= recent + DAILY_FOR_DAYS + WEEKLY_FOR_WEEKS + 1


@given(
    st.lists(
        st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=3)),
        min_size=1,
        max_size=120,
    )
)
def test_pruning_after_each_backup_keeps_what_pruning_once_at_the_end_would(gaps):
    """The app prunes after every backup; no backup it deleted is one it would want later."""
    at = datetime(2026, 1, 1, 8)
    everything: dict[str, datetime] = {}
    folder: dict[str, datetime] = {}
    for gap in gaps:
        at += gap
        everything[at.isoformat()] = folder[at.isoformat()] = at
        folder = {k: folder[k] for k in backups_to_keep(folder, at)}
    assert set(folder) == backups_to_keep(everything, at)
