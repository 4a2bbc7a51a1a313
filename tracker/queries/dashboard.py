"""The dashboard's questions: one window of actions, and how many there are.

The dashboard must stay fast with 100,000 actions, so it never loads them
all: filtering, searching, sorting and grouping happen here, in SQL, and the
screen asks for the window of rows it shows (`action_window`) and, in a
separate query, for the total (`count_actions`). The count needs no joins
(every filter and search is on the action row itself), so it is answered
from the action table and its status index alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, or_, select
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlmodel import Session, col

from tracker.models import Action, AgendaItem, Body, Meeting
from tracker.queries.readmodel import ReadModel

DashboardFilter = Literal["mine", "open", "overdue", "week", "on_hold", "proposed", "done"]
SortKey = Literal["due", "owner", "title", "meeting", "item", "status"]
GroupKey = Literal["none", "owner", "meeting"]

FILTERS: tuple[DashboardFilter, ...] = get_args(DashboardFilter)
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
GROUP_KEYS: tuple[GroupKey, ...] = get_args(GroupKey)

# What a search looks in.
_SEARCHED = (col(Action.title), col(Action.owner), col(Action.source))
# Lifecycle order, for sorting by status: what needs review first, finished work last.
_STATUS_ORDER = {"proposed": 0, "open": 1, "on_hold": 2, "done": 3, "rejected": 4}


@dataclass(frozen=True)
class DashboardView:
    """What the dashboard shows: a quick filter, a search, a sort and a grouping.

    `search` is split into words; an action matches when every word occurs
    in its title, owner or source sentence, ignoring case. `user` is who
    "mine" means: an action is theirs when they are its owner or a co-owner.
    """

    filter: DashboardFilter = "open"
    search: str = ""
    sort: SortKey = "due"
    descending: bool = False
    group: GroupKey = "none"
    user: str = ""


@dataclass(frozen=True)
class DashboardRow(ReadModel):
    """One line of the dashboard: only what its columns show, so a window is cheap."""

    id: int
    due: dt.date | None
    owner: str | None
    title: str
    meeting_id: int
    meeting_date: dt.date
    body: str
    item_number: str
    status: str
    kind: str
    overdue: bool
    version: int


def action_window(
    session: Session,
    *,
    view: DashboardView,
    offset: int,
    limit: int,
    today: dt.date,
    total: int | None = None,
) -> list[DashboardRow]:
    """The `limit` actions from position `offset` of the view, in its order.

    Ties are broken by ID, so consecutive windows neither repeat nor skip rows.
    `total`, the view's count if the caller has it, lets a search with few
    matches read the table straight through (see `_scans`).
    """
    if total == 0:
        return []
    indexed = not _scans(session, view, total=total, end=offset + limit)
    query = (
        select(
            col(Action.id),
            col(Action.due),
            col(Action.owner),
            col(Action.title),
            col(Meeting.id),
            col(Meeting.date),
            col(Body.name),
            col(AgendaItem.number),
            col(Action.status),
            col(Action.kind),
            _overdue(today),
            col(Action.version),
        )
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(*_conditions(session, view, today, indexed=indexed))
        .order_by(
            *_group_order(view.group, indexed=indexed),
            *_sort_order(view.sort, view.descending, indexed=indexed),
        )
        .offset(max(offset, 0))
        .limit(limit)
    )
    return [
        DashboardRow(
            id=row[0],
            due=row[1],
            owner=row[2],
            title=row[3],
            meeting_id=row[4],
            meeting_date=row[5],
            body=row[6],
            item_number=row[7],
            status=row[8],
            kind=row[9],
            overdue=bool(row[10]),
            version=row[11],
        )
        for row in session.execute(query)
    ]


def count_actions(session: Session, *, view: DashboardView, today: dt.date) -> int:
    """How many actions the view holds (ignoring its order and grouping)."""
    indexed = not _scans(session, view, total=None, end=0)
    conditions = _conditions(session, view, today, indexed=indexed)
    return int(
        session.execute(select(func.count()).select_from(Action).where(*conditions)).scalar_one()
    )


def week_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of `today`'s week: what "due this week" spans."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def _scans(session: Session, view: DashboardView, *, total: int | None, end: int) -> bool:
    """Whether SQLite should read the action table straight through rather
    than walk the (status, due) index.

    Text matching (a search, or "mine") is checked row by row. Walking the
    index fetches each row from wherever it lies, about 2.7 µs a row, while
    a straight read costs 0.6 µs a row: at 100,000 actions a search that
    matches nothing took 107 ms the one way and 25 ms the other. The walk
    wins only when it can stop early, after `end` matches in due order,
    which takes few rows when matches are many: so a count (which reads
    them all) scans, and a window scans unless the `total` is known to hold
    four windows' worth or more. "Mine" asks for two statuses, which the
    index cannot give in due order, so it always scans.
    """
    if not _is_sqlite(session) or not (view.search.split() or view.filter == "mine"):
        return False
    return view.filter == "mine" or total is None or total < 4 * end


def _conditions(
    session: Session, view: DashboardView, today: dt.date, *, indexed: bool = True
) -> list[ColumnElement[bool]]:
    status = _action_column(Action.status, indexed)
    due = _action_column(Action.due, indexed)
    conditions: list[ColumnElement[bool]] = []
    if view.filter == "mine":
        conditions += [status.in_(("open", "on_hold")), _is_mine(session, view.user)]
    elif view.filter == "overdue":
        conditions += [status == "open", due < today]
    elif view.filter == "week":
        monday, sunday = week_of(today)
        conditions += [status == "open", due.between(monday, sunday)]
    else:
        conditions.append(status == view.filter)
    for word in view.search.split():
        conditions.append(or_(*(_matches(session, c, word, anywhere=True) for c in _SEARCHED)))
    return conditions


def _is_mine(session: Session, user: str) -> ColumnElement[bool]:
    """Owner equal to `user`, or `user` among the co-owners, ignoring case."""
    user = user.strip()
    if not user:
        return false()
    co_owners = cast(Action.co_owners, String)  # a JSON list: ["ØC", "HRC"]
    return or_(
        _matches(session, col(Action.owner), user, anywhere=False),
        _matches(session, co_owners, f'"{user}"', anywhere=True),
    )


def _matches(session: Session, column: Any, text: str, *, anywhere: bool) -> ColumnElement[bool]:
    """`column` is `text` (or contains it, `anywhere`), ignoring case in every alphabet.

    PostgreSQL's ILIKE knows æøå. SQLite's LIKE folds ASCII only, and a Python
    lower() registered as a SQL function costs a call per row (about 0.3 s
    over 100,000 rows and three columns, too slow for a keystroke). So on
    SQLite LIKE does the work, with any non-ASCII letter as its one-character
    wildcard, and a GLOB of character classes holding both cases of each
    letter ("øc" is *[Øø][Cc]*) checks those letters on the rows LIKE let
    through: LIKE is about five times faster than such a GLOB.
    """
    wrap = "%" if anywhere else ""
    if not _is_sqlite(session):
        return column.ilike(f"{wrap}{_escape_like(text)}{wrap}", escape="\\")
    folded = "".join("_" if _needs_class(char) else _escape_like(char) for char in text)
    like = column.like(f"{wrap}{folded}{wrap}", escape="\\")
    if not any(_needs_class(char) for char in text):
        return like
    star = "*" if anywhere else ""
    return and_(like, column.op("GLOB")(f"{star}{_glob(text)}{star}"))


def _needs_class(char: str) -> bool:
    """A non-ASCII letter with two cases, which SQLite's LIKE would match in one only."""
    return not char.isascii() and char.lower() != char.upper()


def _glob(text: str) -> str:
    """A GLOB pattern matching `text` exactly, but for the case of its letters."""
    parts = []
    for char in text:
        lower, upper = char.lower(), char.upper()
        if lower != upper and len(lower) == 1 and len(upper) == 1:
            parts.append(f"[{upper}{lower}]")
        elif char in "*?[":
            parts.append(f"[{char}]")
        else:
            parts.append(char)
    return "".join(parts)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _unindexed(column: Any) -> Any:
    """`column` as "+column": equal in value, but SQLite will not look it up in
    an index (its documented way to steer the planner away from one)."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _overdue(today: dt.date) -> ColumnElement[bool]:
    return case((and_(col(Action.status) == "open", col(Action.due) < today), True), else_=False)


def _group_order(group: GroupKey, *, indexed: bool) -> list[UnaryExpression[Any]]:
    """Rows of a group together, groups in a fixed order whatever the sort."""
    if group == "owner":
        return [_action_column(Action.owner, indexed).asc().nulls_last()]
    if group == "meeting":
        return [col(Meeting.date).asc(), col(Body.name).asc(), col(Meeting.id).asc()]
    return []


def _sort_order(sort: SortKey, descending: bool, *, indexed: bool) -> list[UnaryExpression[Any]]:
    """The sort column's order, then ID; missing owners and dates go last either way."""
    orders: dict[SortKey, list[Any]] = {
        "due": [_action_column(Action.due, indexed)],
        "owner": [_action_column(Action.owner, indexed)],
        "title": [_action_column(Action.title, indexed)],
        "meeting": [col(Meeting.date), col(Body.name), col(Meeting.id)],
        "item": [col(Meeting.date), col(Meeting.id), col(AgendaItem.position)],
        "status": [case(_STATUS_ORDER, value=col(Action.status), else_=len(_STATUS_ORDER))],
    }
    ordered = [c.desc() if descending else c.asc() for c in orders[sort]]
    if sort in ("due", "owner"):
        ordered = [o.nulls_last() for o in ordered]
    return [*ordered, col(Action.id).desc() if descending else col(Action.id).asc()]


def _action_column(attribute: Any, indexed: bool) -> Any:
    """An action column to order by; when scanning, one no index can order."""
    return col(attribute) if indexed else _unindexed(col(attribute))
