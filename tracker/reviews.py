"""When an on-hold action is looked at again: one schedule for every screen.

An action on hold waits for a condition ("if the group is needed again"),
and someone must look at it every `Policy.review_months` months so it is not
forgotten. The calendar, the follow-up report and the detail screen all show
these reviews, so they all ask this module, and agree.

The series counts from the hold, not from the meeting: its first review is
the review date the minutes gave when that falls after the hold began, else
`review_months` after the hold began (the meeting may be years before the
action was put on hold). Every review is a whole number of periods after
that one starting day, with the day clipped to the end of shorter months,
so a review on the 31st every three months falls on 30 April, 31 July, 31
October and 31 January, never skipping a month. A review that falls on a
weekend or holiday moves to the next working day, as computed due dates do
(`Policy.roll_to_working_day`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from dateutil.relativedelta import relativedelta

from tracker.calendar_days import TIME_ZONE, roll_forward
from tracker.organisation import Policy


@dataclass(frozen=True)
class ReviewSchedule:
    """The reviews of one hold: review N falls `N - 1 + first_period` times
    `months` months after `anchor` (the day clipped to the month's end),
    moved to a working day when `roll`.

    Counting every review from one anchor, rather than each from the one
    before, keeps a review on the 31st on the last day of short months
    without drifting to the 30th for good.
    """

    anchor: dt.date
    first_period: int
    months: int
    roll: bool

    def review(self, number: int) -> dt.date:
        """The date of review `number`, counted from 1."""
        periods = number - 1 + self.first_period
        day = self.anchor + relativedelta(months=periods * self.months)
        return roll_forward(day) if self.roll else day

    def next_review(self, today: dt.date) -> dt.date:
        """The first review on or after `today`."""
        number = self._before(today)
        while (day := self.review(number)) < today:
            number += 1
        return day

    def around(self, today: dt.date, until: dt.date) -> list[tuple[int, dt.date]]:
        """(number, date) of the last review before `today`, if any, and of
        every review from `today` until before `until`, the next one at least."""
        found: list[tuple[int, dt.date]] = []
        number = self._before(today)
        while True:
            day = self.review(number)
            if day < today:
                found = [(number, day)]
            elif day < until or not found or found[-1][1] < today:
                found.append((number, day))
            else:
                return found
            number += 1

    def _before(self, today: dt.date) -> int:
        """A review number before `today` (or 1): two periods before `today`'s
        month, which skips the years of a long hold and leaves room for a
        review rolled a few days forward."""
        elapsed = (today.year - self.anchor.year) * 12 + today.month - self.anchor.month
        return max(1, elapsed // self.months - 1 - self.first_period)


class OnHold(Protocol):
    """What the schedule is read from: the stored `review` date, when the
    hold began (`held_since`; None for actions held before that was
    recorded) and when the action was made."""

    @property
    def review(self) -> dt.date | None: ...
    @property
    def held_since(self) -> dt.datetime | None: ...
    @property
    def created_at(self) -> dt.datetime: ...


def review_schedule(action: OnHold, policy: Policy) -> ReviewSchedule:
    """The review schedule of an on-hold `action` under the organisation's
    `policy`; a hold of unknown start counts from when the action was made."""
    months, roll = max(policy.review_months, 1), policy.roll_to_working_day
    began = (action.held_since or action.created_at).astimezone(TIME_ZONE).date()
    if action.review is not None and action.review > began:
        return ReviewSchedule(action.review, 0, months, roll)
    return ReviewSchedule(began, 1, months, roll)
