"""SQLModel tables: the schema, and nothing else.

Queries live in `tracker.queries`, use cases in `tracker.services`; code
outside the store layer receives read models, never these live rows.

The schema must work on SQLite and PostgreSQL alike, so it uses portable types
only: `sa.JSON` for lists, and `UTCDateTime` for timestamps (SQLite keeps no
time zone, so the type stores UTC and hands back aware UTC datetimes on both).
Every change here needs a migration in `tracker/migrations/versions/`;
`tests/test_store.py` fails when the two disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Every constraint gets a predictable name, so later migrations can drop or
# alter it by name (SQLite's batch mode needs names to find unnamed ones).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


MAX_ID = 2**31 - 1
"""The largest ID or version a row can have: PostgreSQL's INTEGER columns
hold no more, so a larger number typed by a user names no row."""


def utcnow() -> dt.datetime:
    """The current time, aware and in UTC: the only clock the store uses."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A timestamp that is always stored and returned as aware UTC.

    Naive datetimes are refused rather than guessed at: a local time silently
    stored as UTC would shift every reminder by an hour or two.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | None, dialect: sa.Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware datetimes only")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: sa.Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: stored as UTC without an offset
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _created() -> Any:
    """A creation timestamp, filled by the ORM and by Core inserts alike."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime)


def _updated() -> Any:
    """A modification timestamp, bumped by SQLAlchemy whenever the row is UPDATEd
    (and only then, so an import that changes nothing leaves it alone)."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow})


class Body(SQLModel, table=True):
    """A board, committee or council whose meetings are recorded ("Direktionen")."""

    __tablename__ = "body"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Meeting(SQLModel, table=True):
    """One meeting of a body, as recorded by the latest imported minutes document.

    A body meets at most once at a given date and start time; the unique
    constraint on (body_id, date, start) guards that even against concurrent
    imports. Unique constraints treat NULLs as distinct (SQLite, and PostgreSQL
    short of its 15+-only NULLS NOT DISTINCT), so the constraint cannot see a
    meeting whose start time is unknown. The import service therefore does the
    matching itself, taking a missing start on either side to mean "that day's
    meeting of the body", and refuses to guess when a body has several
    meetings that day. The constraint's index also serves lookups by body and
    date.

    `source_sha256` is of the last imported file's bytes; importing that very
    file again is recognised from it before anything is parsed or compared.
    """

    __tablename__ = "meeting"
    __table_args__ = (sa.UniqueConstraint("body_id", "date", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="body.id", ondelete="RESTRICT")
    date: dt.date = Field(index=True)
    start: dt.time | None = None
    end: dt.time | None = None
    place: str | None = None
    participants: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    absent: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    language: str = "da"
    source_name: str
    source_sha256: str = Field(unique=True)
    source_format: str
    imported_at: dt.datetime = _created()
    updated_at: dt.datetime = _updated()


class AgendaItem(SQLModel, table=True):
    """One agenda item of a meeting, as the document has it.

    `sections` holds {kind, heading, text} objects and `decisions` holds
    {heading, body, date, text} objects (date as ISO text or null): they are
    shown and re-parsed, never queried by their parts, so JSON keeps the schema
    small. `decision` is the meeting's own body's decision, the extractor's
    input. Deleting a meeting deletes its items, unless an item has actions
    (see `Action.item_id`).
    """

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int
    number: str
    title: str
    case_number: str | None = None
    closed: bool = False
    sections: list[dict[str, str]] = Field(default_factory=list, sa_type=sa.JSON)
    decisions: list[dict[str, str | None]] = Field(default_factory=list, sa_type=sa.JSON)
    decision: str | None = Field(default=None, sa_type=sa.Text)


def proposal_value(value: Any) -> Any:
    """A field's value as `Action.proposal` (JSON) holds it: dates as ISO text,
    tuples as lists. A field equal to its proposal value was not edited."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class Action(SQLModel, table=True):
    """A follow-up: work someone must do after the meeting.

    Proposed by the extractor (`status` "proposed", with the `source` sentence
    and a `confidence`), then reviewed and edited by people. Hand-edited work
    must never vanish by accident, so the database refuses to delete an item
    that still has actions (RESTRICT), and with it any meeting holding such an
    item. `due_text` keeps the phrase the due date was resolved from.

    `status` is "proposed", "open" (accepted work), "on_hold", "done" or
    "rejected" (a wrong proposal, or work dropped); `tracker.services` owns
    the transitions between them. An on-hold action waits for its
    `condition` and is looked at again on its `review` date; `held_since` and
    `completed_at` say when it entered its current state, for reports of what
    has waited long or was done since the last meeting. `notes` collects what
    people wrote when closing it, one note per line.

    `version` counts the changes people made (1 when created); a change made
    from a stale view names the version it saw and is refused when the action
    has moved on (`tracker.errors.ConflictError`), so nobody silently
    overwrites another's work. `proposal` is what the extractor proposed at
    the last import of its minutes (JSON, dates as ISO text; None for actions
    people added): a field still equal to it was never edited by hand, so a
    re-import of corrected minutes may update it. `source_lost_at` is set
    when a re-import no longer finds the sentence the action came from; the
    action is flagged for people to look at rather than deleted.
    """

    __tablename__ = "action"
    # The dashboard reads one status in due order, a window at a time (migration 0004).
    __table_args__ = (sa.Index("ix_action_status_due", "status", "due"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_item.id", ondelete="RESTRICT", index=True)
    title: str = Field(sa_type=sa.Text)
    owner: str | None = Field(default=None, index=True)
    co_owners: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    due: dt.date | None = Field(default=None, index=True)
    due_text: str | None = None
    kind: str = "task"
    condition: str | None = Field(default=None, sa_type=sa.Text)
    source: str | None = Field(default=None, sa_type=sa.Text)
    confidence: float = 1.0
    rule: str | None = None  # the extractor rule that proposed it (migration 0007)
    status: str = Field(default="proposed", index=True)
    review: dt.date | None = None
    notes: str | None = Field(default=None, sa_type=sa.Text)
    held_since: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # none_as_null: None is SQL NULL, not JSON "null", so "IS NULL" finds people's actions.
    proposal: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON(none_as_null=True))
    source_lost_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = _created()
    updated_at: dt.datetime = _updated()


class ActionEvent(SQLModel, table=True):
    """One change to one field of an action: who, when, the old and the new value.

    The audit trail people read when they ask "who moved this deadline?". An
    event per changed field keeps each line of the history simple; `field`
    is an action column ("status", "owner", "due", ...) or one of the
    happenings that are not a column: "created", "note" (the note's text in
    `new`), "split_from"/"split_into" and "merged_from" (action numbers). Values
    are text as people read them: ISO dates, lists joined by ", ", None for
    empty. `user` is the configured user (`tracker.config.user`) of the CLI
    or the TUI that made the change. `version` is the action's version the
    change made (None for events recorded before versions were kept), so a
    conflict can show exactly what changed after the version someone saw.
    """

    __tablename__ = "action_event"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    at: dt.datetime = _created()
    user: str
    field: str
    old: str | None = Field(default=None, sa_type=sa.Text)
    new: str | None = Field(default=None, sa_type=sa.Text)
    version: int | None = None


class Subscription(SQLModel, table=True):
    """A calendar feed handed to one subscriber: whose actions, under which token.

    `scope` is "owner" (actions `value` owns or co-owns), "body" (actions from
    meetings of the body `value`) or "all". Only the SHA-256 of the token is
    kept: the URL is shown once, when the subscription is made, and a copy of
    the database does not open every feed. Actions on closed agenda items
    ("Lukket") appear as "Confidential follow-up" unless `include_confidential`.
    A revoked subscription keeps its row, with `revoked_at`, as the record of
    who had access.
    """

    __tablename__ = "subscription"

    id: int | None = Field(default=None, primary_key=True)
    token_sha256: str = Field(unique=True)
    scope: str
    value: str | None = None
    label: str | None = None
    include_confidential: bool = False
    created_by: str
    created_at: dt.datetime = _created()
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
