"""The audit trail's writer: every change a use case makes to an action
becomes an `ActionEvent`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from tracker.errors import ConflictError, InputError
from tracker.history import Change
from tracker.models import Action, ActionEvent, utcnow


class Audit:
    """The events of one use case: every change it makes, by one user at one moment.

    Services change audited fields through `set`, which records an event for
    each field whose value actually changes, so the history never shows a
    change that did not happen and never misses one that did. The first
    change to an action raises its version by one, whatever the use case
    changes in it, and every event carries the version it made.
    """

    def __init__(self, session: Session, user: str) -> None:
        if not user.strip():
            raise InputError("user", "no user to record the change for; set TRACKER_USER")
        self.session, self.user, self.now = session, user.strip(), utcnow()
        self._versioned: set[int] = set()

    def set(self, action: Action, **values: Any) -> None:
        for name, value in values.items():
            old = getattr(action, name)
            if old != value:
                setattr(action, name, value)
                self.record(action, name, old, value)

    def record(self, action: Action, field: str, old: Any = None, new: Any = None) -> None:
        assert action.id is not None  # flushed before its first event
        if action.id not in self._versioned:
            self._versioned.add(action.id)
            if field != "created":  # a new action starts at version 1
                action.version += 1
        self.session.add(
            ActionEvent(
                action_id=action.id,
                at=self.now,
                user=self.user,
                field=field,
                old=event_text(old),
                new=event_text(new),
                version=action.version,
            )
        )


def check_version(session: Session, action: Action, seen: int | None) -> None:
    """Refuse to change `action` when the caller saw an older version of it.

    The caller read the action outside this transaction (a screen, a list, a
    spreadsheet), so a change since then means the caller decided on stale
    facts; `ConflictError` says what the others changed. The action must have
    been read with a row lock (`SELECT ... FOR UPDATE`), so no other writer
    can change it between this check and the commit.
    """
    if seen is None or seen == action.version:
        return
    events = session.exec(
        select(ActionEvent)
        .where(ActionEvent.action_id == action.id, col(ActionEvent.version) > seen)
        .order_by(col(ActionEvent.id))
    ).all()
    assert action.id is not None
    changes = tuple(Change(e.user, e.field, e.old, e.new) for e in events)
    raise ConflictError(action.id, seen, action.version, changes)


def event_text(value: Any) -> str | None:
    """A value as the history shows it: ISO dates, lists joined, nothing for empty."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
