"""Working days in Viet Nam: the one home of "n working days after" (plain Python).

A working day is a Monday to Friday that is not a public holiday, or a weekend day the
Government has made a working day in exchange for a bridge day off (26/04/2025 for
02/05/2025). Holidays come from the `holidays` package's Vietnamese calendar: lunar Tết,
Hùng Kings' day and the days off substituted for holidays that fall on a weekend, year by
year, instead of a table kept by hand. Offices add their own one-off days off
(`extra_days_off`: a typhoon, a local event); those are passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection

import holidays

# Enough for any petition: a deadline is a few weeks after its assignment.
_MAX_SPAN_DAYS = 3 * 366


@functools.lru_cache(maxsize=64)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def public_holiday(day: dt.date) -> str | None:
    """The name of the public holiday (or substituted day off) on `day`, or None."""
    return _calendar(day.year).get(day)


def is_working_day(day: dt.date, *, extra_days_off: Collection[dt.date] = ()) -> bool:
    if day in extra_days_off:
        return False
    return bool(_calendar(day.year).is_working_day(day))


def add_working_days(start: dt.date, count: int, *, extra_days_off: Collection[dt.date] = ()) -> dt.date:
    """The `count`-th working day after `start` (`start` itself is not counted: a petition
    assigned on Friday with 1 working day is due on Monday). `count` 0 is `start`."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    for _ in range(_MAX_SPAN_DAYS):
        if remaining == 0:
            return day
        day += dt.timedelta(days=1)
        if is_working_day(day, extra_days_off=extra_days_off):
            remaining -= 1
    raise ValueError("too many working days")


def working_days_between(start: dt.date, end: dt.date, *, extra_days_off: Collection[dt.date] = ()) -> int:
    """Working days after `start` up to and including `end` (0 if `end` is not later)."""
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, extra_days_off=extra_days_off):
            days += 1
    return days
