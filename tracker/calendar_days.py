"""Working days of a Danish municipality.

Due dates such as "inden 14 dage" or "snarest" (five working days) must not
land on a day the administration is closed. The public holidays come from
`holidays.Denmark`; on top of them a municipality is closed on three days
the library files only under its "optional" category: Grundlovsdag (5 June),
Juleaften (24 December) and Nytårsaftensdag (31 December). 1 May, also
"optional" there, is a working day for most municipal staff and stays one.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TIME_ZONE = ZoneInfo("Europe/Copenhagen")
"""The municipality's days: stored moments are UTC, the days people read are Danish."""

# (month, day) of the days off that `holidays` lists only as "optional".
_MUNICIPAL_DAYS_OFF = ((6, 5), (12, 24), (12, 31))
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _days_off(year: int) -> frozenset[date]:
    """Holidays of one year, computed once: `holidays` builds them per call."""
    public = holidays.Denmark(years=year)
    return frozenset(public) | {date(year, month, day) for month, day in _MUNICIPAL_DAYS_OFF}


def is_working_day(day: date) -> bool:
    """Monday to Friday, and neither a public holiday nor a municipal day off."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def roll_forward(day: date) -> date:
    """`day` if it is a working day, else the next working day after it."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def roll_back(day: date) -> date:
    """`day` if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= _ONE_DAY
    return day


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day` (before it if `count` < 0).

    `day` itself does not count, so one working day after a Friday is the
    Monday; zero returns `day` unchanged.
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    for _ in range(abs(count)):
        day += step
        while not is_working_day(day):
            day += step
    return day
