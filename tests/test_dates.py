"""Written dates: a year written first is ISO (year, month, day) in every
separator, and day-first applies only where the day comes first."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.dates import find_dates, parse_written_date

# Every case has a day of 12 or less, where reading day-first gives another
# real date: the only cases a user would not notice going wrong.
YEAR_FIRST = [
    ("2026-01-05", date(2026, 1, 5)),
    ("2023-03-07", date(2023, 3, 7)),
    ("2024-12-01", date(2024, 12, 1)),
    ("2023-3-7", date(2023, 3, 7)),
    ("2023/03/07", date(2023, 3, 7)),
    ("2023.03.07", date(2023, 3, 7)),
]


@pytest.mark.parametrize(("written", "expected"), YEAR_FIRST)
def test_a_year_written_first_is_year_month_day(written: str, expected: date) -> None:
    [found] = find_dates(f"Mødet holdes {written}, kl. 10.")
    assert (found.value, found.text) == (expected, written)
    assert parse_written_date(written, on_or_after=date(2030, 1, 1)) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("05-01-2026", date(2026, 1, 5)),
    ("05.01.2026", date(2026, 1, 5)),
    ("5/1-2026", date(2026, 1, 5)),
    ("05.01.26", date(2026, 1, 5)),
    ("5/1 2026", date(2026, 1, 5)),  # as Danes write it by hand
])  # fmt: skip
def test_a_day_written_first_stays_day_first(written: str, expected: date) -> None:
    assert find_dates(written)[0].value == expected


@pytest.mark.parametrize("written", ["2026-13-05", "2026-02-30", "2026-00-10", "2026-01-05.5"])
def test_an_impossible_year_first_date_is_no_date(written: str) -> None:
    assert find_dates(written) == []


@pytest.mark.parametrize("text", ["5/2 1000 kr", "1/13/2026"])
def test_numbers_that_are_no_date(text: str) -> None:
    assert find_dates(text) == []
