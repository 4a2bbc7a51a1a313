"""Read-only questions about the store, answered with frozen read models.

Every function takes the session as its first parameter and builds its SQL
here, so screens and commands never write `select(...)`. Results are plain
frozen dataclasses, safe to hand to a widget or a thread after the session has
closed (a live row would try to lazy-load and fail), and `to_dict()` gives the
JSON every listing command prints.
"""

from tracker.queries.actions import ActionFilter, ActionRow, get_action, list_actions
from tracker.queries.calendar import (
    CalendarAction,
    FeedFingerprint,
    FeedScope,
    SubscriptionRow,
    active_subscription,
    calendar_actions,
    feed_fingerprint,
    list_subscriptions,
    owner_names,
)
from tracker.queries.dashboard import (
    DashboardRow,
    DashboardView,
    action_window,
    count_actions,
)
from tracker.queries.detail import ActionDetail, EventRow, action_detail, action_history
from tracker.queries.meetings import (
    ItemDetail,
    MeetingDetail,
    MeetingOverview,
    MeetingSummary,
    SectionDetail,
    count_rows,
    get_meeting,
    item_actions,
    later_meeting_dates,
    list_meeting_overviews,
    list_meetings,
    waiting_for_a_meeting,
)
from tracker.queries.readmodel import ReadModel
from tracker.queries.review import (
    AssignTarget,
    DueFacts,
    Proposal,
    ReviewItem,
    assign_target,
    known_owners,
    review_items,
)

__all__ = [
    "ActionDetail",
    "ActionFilter",
    "ActionRow",
    "AssignTarget",
    "CalendarAction",
    "DashboardRow",
    "DashboardView",
    "DueFacts",
    "EventRow",
    "FeedFingerprint",
    "FeedScope",
    "ItemDetail",
    "MeetingDetail",
    "MeetingOverview",
    "MeetingSummary",
    "Proposal",
    "ReadModel",
    "ReviewItem",
    "SectionDetail",
    "SubscriptionRow",
    "action_detail",
    "action_history",
    "action_window",
    "active_subscription",
    "assign_target",
    "calendar_actions",
    "count_actions",
    "count_rows",
    "feed_fingerprint",
    "get_action",
    "get_meeting",
    "item_actions",
    "known_owners",
    "later_meeting_dates",
    "list_actions",
    "list_meeting_overviews",
    "list_meetings",
    "waiting_for_a_meeting",
    "list_subscriptions",
    "owner_names",
    "review_items",
    "RuleOutcome",
    "rule_outcomes",
    "rule_trust",
]
from tracker.queries.rules import RuleOutcome, rule_outcomes, rule_trust
from tracker.queries.report import (
    FollowUpReport,
    OwnerSection,
    ReportLine,
    follow_up_report,
    report_bodies,
)

__all__ += ["FollowUpReport", "OwnerSection", "ReportLine", "follow_up_report", "report_bodies"]
