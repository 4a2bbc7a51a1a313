"""What day it is for the commands: the one clock that "overdue" and reports count from.

Due dates are calendar days in the municipality's time zone, so "overdue"
turns over at midnight in Denmark wherever the command runs. Commands call
`clock.today()` through this module, so a test fixes the date for all of
them by patching `tracker.cli.clock.today`.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(TIME_ZONE).date()
