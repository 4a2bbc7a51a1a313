"""Read-only questions about the store, answered with frozen read models.

Every function takes the session as its first parameter and builds its SQL
here, so screens and commands never write `select(...)`. Results are plain
frozen dataclasses, safe to hand to a widget or a thread after the session has
closed (a live row would try to lazy-load and fail), and `to_dict()` gives the
JSON every listing command prints.
"""

from tracker.queries.actions import ActionFilter, ActionRow, get_action, list_actions
from tracker.queries.meetings import (
    ItemDetail,
    MeetingDetail,
    MeetingSummary,
    SectionDetail,
    count_rows,
    get_meeting,
    later_meeting_dates,
    list_meetings,
)
from tracker.queries.readmodel import ReadModel

__all__ = [
    "ActionFilter",
    "ActionRow",
    "ItemDetail",
    "MeetingDetail",
    "MeetingSummary",
    "ReadModel",
    "SectionDetail",
    "count_rows",
    "get_action",
    "get_meeting",
    "later_meeting_dates",
    "list_actions",
    "list_meetings",
]
