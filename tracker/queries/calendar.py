"""What calendar exports and feeds read: actions in a scope, their fingerprint,
and the subscriptions.

A feed is asked for often (calendar clients poll every few minutes) and
changes rarely, so there are two questions per scope: `feed_fingerprint`, a
cheap aggregate that changes whenever anything the feed shows may have
changed, and `calendar_actions`, the full read that building a feed needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, and_, cast, exists, func, or_
from sqlmodel import Session, col, select

from tracker.models import Action, ActionEvent, AgendaItem, Body, Meeting, Subscription
from tracker.queries.actions import _lower
from tracker.queries.readmodel import ReadModel
from tracker.queries.review import known_owners

ScopeKind = Literal["owner", "body", "all"]

EXPORTED_STATUSES = ("open", "on_hold")
"""Statuses that are work to be reminded of. Done actions leave the calendar;
rejected ones that were once agreed work are exported as cancelled."""


@dataclass(frozen=True)
class FeedScope(ReadModel):
    """Whose actions a calendar holds: one owner's, one body's, or all.

    `value` is the owner or body name for those kinds and None for "all".
    An owner scope matches the owner or any co-owner exactly, ignoring case:
    a feed must not leak "HRC"'s actions to the subscriber of "HR".
    """

    kind: ScopeKind
    value: str | None = None

    def __post_init__(self) -> None:
        if (self.kind == "all") != (self.value is None):
            raise ValueError(f"scope {self.kind!r} with value {self.value!r}")

    def describe(self) -> str:
        """As people read it: "owner ØC", "body Direktionen" or "all actions"."""
        return "all actions" if self.kind == "all" else f"{self.kind} {self.value}"


@dataclass(frozen=True)
class CalendarAction(ReadModel):
    """One action as a calendar shows it, with its meeting and agenda item.

    `sequence` counts the action's recorded changes after its creation (its
    `ActionEvent` rows less the "created" one), so it grows on every change
    without a second counter to keep in step. `meeting_start`/`meeting_end`
    are the times of the body's meeting on the due date when one is stored
    (a report to "the next meeting" is due when that meeting starts).
    `cancelled` marks a rejected action that was once agreed work.
    """

    id: int
    title: str
    owner: str | None
    co_owners: tuple[str, ...]
    due: dt.date | None
    due_text: str | None
    kind: str
    condition: str | None
    review: dt.date | None
    status: str
    source: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    held_since: dt.datetime | None
    sequence: int
    body: str
    meeting_date: dt.date
    item_number: str
    item_title: str
    case_number: str | None
    closed: bool
    meeting_start: dt.time | None = None
    meeting_end: dt.time | None = None

    @property
    def cancelled(self) -> bool:
        return self.status == "rejected"


@dataclass(frozen=True)
class FeedFingerprint(ReadModel):
    """A cheap summary of a scope's rows: if it is unchanged, so is the feed.

    Every change to an action bumps its `updated_at`; a re-import that changes
    an item bumps its meeting's `updated_at`; an action leaving the scope
    changes `count`. `last_modified` is the newest of the two timestamps, the
    feed's Last-Modified.
    """

    count: int
    actions_updated: dt.datetime | None
    meetings_updated: dt.datetime | None

    @property
    def last_modified(self) -> dt.datetime | None:
        stamps = [s for s in (self.actions_updated, self.meetings_updated) if s is not None]
        return max(stamps) if stamps else None

    @property
    def key(self) -> str:
        """The fingerprint as text, for cache keys."""
        parts = (self.count, self.actions_updated, self.meetings_updated)
        return "|".join("" if p is None else str(p) for p in parts)


@dataclass(frozen=True)
class SubscriptionRow(ReadModel):
    """A subscription as `tracker subscriptions` lists it and the server uses it
    (the token itself is never stored, see `Subscription`)."""

    id: int
    scope: FeedScope
    label: str | None
    include_confidential: bool
    created_by: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    token_sha256: str

    def to_dict(self) -> dict[str, Any]:
        """JSON without the token hash: listings need not repeat it."""
        data = super().to_dict()
        del data["token_sha256"]
        return data


def calendar_actions(session: Session, scope: FeedScope) -> list[CalendarAction]:
    """The actions a calendar of `scope` shows, by due date, then ID.

    Open and on-hold actions, plus rejected ones that were once accepted
    (their history shows them open or on hold), which calendars must be told
    are cancelled. Proposals are not agreed work yet, and done actions have
    left the calendar.
    """
    events = (
        select(func.count())
        .where(col(ActionEvent.action_id) == col(Action.id))
        .correlate(Action)
        .scalar_subquery()
    )
    # Columns, not ORM rows: building 100,000 Action objects costs seconds.
    query = (
        select(  # type: ignore[call-overload]  # SQLModel types up to 4 columns
            *_ACTION_COLUMNS,
            events,
            Body.id,
            Body.name,
            Meeting.date,
            AgendaItem.number,
            AgendaItem.title,
            AgendaItem.case_number,
            AgendaItem.closed,
        )
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(
            or_(
                col(Action.status).in_(EXPORTED_STATUSES),
                and_(col(Action.status) == "rejected", _was_accepted()),
            )
        )
    )
    query = _in_scope(session, query, scope)
    rows = session.exec(query.order_by(col(Action.due).asc().nulls_last(), col(Action.id))).all()
    kind = _ACTION_NAMES.index("kind")
    times = _meeting_times(session) if any(row[kind] == "report_back" for row in rows) else {}
    actions = [_calendar_action(row, times=times) for row in rows]
    return [a for a in actions if _matches(a, scope)]


def feed_fingerprint(session: Session, scope: FeedScope) -> FeedFingerprint:
    """Count and newest change times of every action in `scope`, any status.

    Every status counts, so an action that is marked done (and so leaves the
    feed) still changes the fingerprint. For an owner the SQL matches a
    superset of the scope (co-owners as text), which can only make a
    rebuild happen when nothing changed, never the other way round.
    """
    query = (
        select(
            func.count(col(Action.id)), func.max(Action.updated_at), func.max(Meeting.updated_at)
        )
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
    )
    count, actions_updated, meetings_updated = session.exec(_in_scope(session, query, scope)).one()
    return FeedFingerprint(count, actions_updated, meetings_updated)


def owner_names(session: Session) -> list[str]:
    """Everyone an owner's calendar can be for: the owners (`known_owners`) and
    co-owners of stored actions, alphabetically. The co-owners are a JSON
    list, which PostgreSQL cannot compare for DISTINCT, so each action's are
    read."""
    co_owners = session.exec(select(col(Action.co_owners))).all()
    names = {*known_owners(session), *(name for names in co_owners for name in names or ())}
    return sorted(names, key=str.casefold)


def list_subscriptions(session: Session, *, include_revoked: bool = False) -> list[SubscriptionRow]:
    """Subscriptions, oldest first; revoked ones only when asked for."""
    query = select(Subscription)
    if not include_revoked:
        query = query.where(col(Subscription.revoked_at).is_(None))
    return [_subscription_row(s) for s in session.exec(query.order_by(col(Subscription.id)))]


def active_subscription(session: Session, token_sha256: str) -> SubscriptionRow | None:
    """The unrevoked subscription whose token has this SHA-256, if any.

    Looking up by the hash, not the token, means the database's index
    comparison never sees a secret; the caller still compares in constant time.
    """
    row = session.exec(
        select(Subscription).where(
            col(Subscription.token_sha256) == token_sha256,
            col(Subscription.revoked_at).is_(None),
        )
    ).first()
    return _subscription_row(row) if row is not None else None


def _was_accepted() -> ColumnElement[bool]:
    """Whether the action's history shows it accepted (open or on hold) once."""
    return exists().where(
        col(ActionEvent.action_id) == col(Action.id),
        col(ActionEvent.field) == "status",
        col(ActionEvent.new).in_(EXPORTED_STATUSES),
    )


def _in_scope(session: Session, query: Any, scope: FeedScope) -> Any:
    """`query` narrowed to the scope in SQL (owner: a superset, see `_matches`)."""
    if scope.kind == "all":
        return query
    assert scope.value is not None
    lower, wanted = _lower(session), scope.value.strip().lower()
    if scope.kind == "body":
        return query.where(lower(col(Body.name)) == wanted)
    return query.where(
        or_(
            lower(col(Action.owner)) == wanted,
            lower(cast(Action.co_owners, String)).contains(wanted, autoescape=True),
        )
    )


def _matches(action: CalendarAction, scope: FeedScope) -> bool:
    """The exact owner test SQL cannot do portably on a JSON list."""
    if scope.kind != "owner":
        return True
    assert scope.value is not None
    wanted = scope.value.strip().lower()
    return any(name.strip().lower() == wanted for name in (action.owner or "", *action.co_owners))


def _meeting_times(session: Session) -> dict[tuple[int, dt.date], tuple[dt.time, dt.time | None]]:
    """(body id, date) -> (start, end) of every stored meeting with a start time."""
    rows = session.exec(
        select(col(Meeting.body_id), col(Meeting.date), col(Meeting.start), col(Meeting.end)).where(
            col(Meeting.start).is_not(None)
        )
    ).all()
    return {(body_id, day): (start, end) for body_id, day, start, end in rows if start is not None}


_ACTION_NAMES = (
    "id", "title", "owner", "co_owners", "due", "due_text", "kind", "condition", "review",
    "status", "source", "created_at", "updated_at", "held_since",
)  # fmt: skip
_ACTION_COLUMNS = tuple(col(getattr(Action, name)) for name in _ACTION_NAMES)


def _calendar_action(
    row: Any, *, times: dict[tuple[int, dt.date], tuple[dt.time, dt.time | None]]
) -> CalendarAction:
    """A row of `calendar_actions`' query: the action's columns, its event
    count, then body, meeting and item."""
    values = dict(zip(_ACTION_NAMES, row, strict=False))
    events, body_id, body, meeting_date, number, item_title, case, closed = row[
        len(_ACTION_COLUMNS) :
    ]
    start, end = (None, None)
    if values["kind"] == "report_back" and values["due"] is not None:
        start, end = times.get((body_id, values["due"]), (None, None))
    values["co_owners"] = tuple(values["co_owners"] or ())
    return CalendarAction(
        **values,
        sequence=max(int(events) - 1, 0),
        body=body,
        meeting_date=meeting_date,
        item_number=number,
        item_title=item_title,
        case_number=case,
        closed=bool(closed),
        meeting_start=start,
        meeting_end=end,
    )


def _subscription_row(row: Subscription) -> SubscriptionRow:
    assert row.id is not None
    kind: ScopeKind = row.scope  # type: ignore[assignment]  # checked when created
    return SubscriptionRow(
        id=row.id,
        scope=FeedScope(kind, row.value),
        label=row.label,
        include_confidential=row.include_confidential,
        created_by=row.created_by,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        token_sha256=row.token_sha256,
    )
