"""The audit trail's writer: every change a use case makes to an action
becomes an `ActionEvent`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from tracker.errors import InputError
from tracker.models import Action, ActionEvent, utcnow


class Audit:
    """The events of one use case: every change it makes, by one user at one moment.

    Services change audited fields through `set`, which records an event for
    each field whose value actually changes, so the history never shows a
    change that did not happen and never misses one that did.
    """

    def __init__(self, session: Session, user: str) -> None:
        if not user.strip():
            raise InputError("user", "no user to record the change for; set TRACKER_USER")
        self.session, self.user, self.now = session, user.strip(), utcnow()

    def set(self, action: Action, **values: Any) -> None:
        for name, value in values.items():
            old = getattr(action, name)
            if old != value:
                setattr(action, name, value)
                self.record(action, name, old, value)

    def record(self, action: Action, field: str, old: Any = None, new: Any = None) -> None:
        assert action.id is not None  # flushed before its first event
        self.session.add(
            ActionEvent(
                action_id=action.id,
                at=self.now,
                user=self.user,
                field=field,
                old=event_text(old),
                new=event_text(new),
            )
        )


def event_text(value: Any) -> str | None:
    """A value as the history shows it: ISO dates, lists joined, nothing for empty."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
