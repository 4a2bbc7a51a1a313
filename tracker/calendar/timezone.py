"""Europe/Copenhagen as a VTIMEZONE, built from ics's own grammar objects.

`ics` 0.7.3 writes no VTIMEZONE, and a DTSTART with a TZID that the file
does not define is a guess for the client. Denmark follows the EU rule since
1996: summer time from the last Sunday of March at 02:00 to the last Sunday
of October at 03:00 local time. The offsets and abbreviations are read from
the system's zone database, so only the rule is written down here, and a
test checks it against the database for every year it covers.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from ics.grammar.parse import Container, ContentLine

TZID = "Europe/Copenhagen"
ZONE = ZoneInfo(TZID)

# The first transitions under the current rule (EU summer time, from 1996).
_DAYLIGHT_FROM = dt.datetime(1996, 3, 31, 2, 0)
_STANDARD_FROM = dt.datetime(1996, 10, 27, 3, 0)


@lru_cache(maxsize=1)
def vtimezone() -> Container:
    """The VTIMEZONE component for `TZID`, built once: serialising only reads it."""
    winter = dt.datetime(2001, 1, 15, 12, tzinfo=ZONE)
    summer = dt.datetime(2001, 7, 15, 12, tzinfo=ZONE)
    return Container(
        "VTIMEZONE",
        ContentLine("TZID", value=TZID),
        _observance("DAYLIGHT", _DAYLIGHT_FROM, 3, before=winter, after=summer),
        _observance("STANDARD", _STANDARD_FROM, 10, before=summer, after=winter),
    )


def _observance(
    name: str, start: dt.datetime, month: int, *, before: dt.datetime, after: dt.datetime
) -> Container:
    """One STANDARD or DAYLIGHT rule: from `before`'s offset to `after`'s,
    yearly on the last Sunday of `month`."""
    return Container(
        name,
        ContentLine("DTSTART", value=start.strftime("%Y%m%dT%H%M%S")),
        ContentLine("TZOFFSETFROM", value=_offset(before)),
        ContentLine("TZOFFSETTO", value=_offset(after)),
        ContentLine("TZNAME", value=after.tzname() or ""),
        ContentLine("RRULE", value=f"FREQ=YEARLY;BYMONTH={month};BYDAY=-1SU"),
    )


def _offset(moment: dt.datetime) -> str:
    """The UTC offset in force at `moment`, as "+0100"."""
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
