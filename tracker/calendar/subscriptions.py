"""Use cases for calendar subscriptions: create one, revoke one.

Like `tracker.services`, these take the caller's session and work inside its
transaction. They live beside the feeds rather than in `services.py` because
the token they mint is only meaningful to the feed server.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.calendar.scopes import checked_scope
from tracker.calendar.tokens import new_token, token_from_url, token_hash
from tracker.errors import InputError
from tracker.models import MAX_ID, Subscription, utcnow
from tracker.organisation import Organisation
from tracker.queries.calendar import FeedScope


@dataclass(frozen=True)
class NewSubscription:
    """A subscription just made, with its token: the only time the token is known."""

    id: int
    scope: FeedScope
    label: str | None
    token: str


def subscribe(
    session: Session,
    scope: FeedScope,
    *,
    label: str | None = None,
    include_confidential: bool = False,
    organisation: Organisation | None = None,
    user: str,
) -> NewSubscription:
    """Make a feed for `scope` and return its token (stored only as a hash).

    The owner or body must exist, on stored actions or in `organisation`
    (`checked_scope`: a typo would make a feed that stays empty for ever);
    its stored spelling is kept.
    """
    scope = checked_scope(session, scope, organisation)
    token = new_token()
    row = Subscription(
        token_sha256=token_hash(token),
        scope=scope.kind,
        value=scope.value,
        label=(label or "").strip() or None,
        include_confidential=include_confidential,
        created_by=user,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return NewSubscription(row.id, scope, row.label, token)


def unsubscribe(session: Session, which: str, *, now: dt.datetime | None = None) -> int:
    """Revoke the subscription `which` names: its ID, its token or its URL.

    Its feed answers 404 from then on. The row stays, as the record of who
    had access; revoking twice is refused so a mistyped ID is noticed.
    """
    text = which.strip()
    if text.isdigit():
        row = session.get(Subscription, int(text)) if int(text) <= MAX_ID else None
    else:
        digest = token_hash(token_from_url(text))
        row = session.exec(
            select(Subscription).where(col(Subscription.token_sha256) == digest)
        ).first()
    if row is None:
        raise InputError(text if text.isdigit() else "URL", "no such subscription")
    if row.revoked_at is not None:
        raise InputError(f"subscription {row.id}", "is already revoked")
    row.revoked_at = now or utcnow()
    assert row.id is not None
    return row.id
