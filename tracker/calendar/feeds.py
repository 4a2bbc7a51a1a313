"""Feeds: a scope's calendar as bytes with an ETag, rebuilt only when data changed.

Calendar clients poll a feed every few minutes to hours, and building one
costs about a second per 10,000 actions, while checking whether anything
changed costs one aggregate query (`queries.feed_fingerprint`). So each
built feed is kept with the fingerprint it was built from, and a request
whose fingerprint matches gets the same bytes and ETag without a rebuild;
a client that sends that ETag back gets a 304 without a body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit, urlunsplit

from sqlmodel import Session

from tracker import queries
from tracker.calendar.build import CalendarOptions, build_calendar, calendar_name
from tracker.calendar_days import TIME_ZONE
from tracker.queries.calendar import FeedFingerprint, FeedScope, SubscriptionRow


@dataclass(frozen=True)
class Feed:
    """A built calendar: the bytes to send and the validators for them.

    `etag` is strong (a hash of the bytes, quoted), so equal bytes always
    get the same tag whichever process built them; `last_modified` is the
    newest change in the scope (the build time for an empty one).
    """

    body: bytes
    etag: str
    last_modified: dt.datetime
    components: int


def build_feed(
    session: Session, scope: FeedScope, options: CalendarOptions, *, now: dt.datetime
) -> tuple[Feed, FeedFingerprint]:
    """Build the calendar of `scope` and say which data it was built from.

    The fingerprint is read first, in the same transaction: a change that
    lands during the build at worst makes the next request rebuild again.
    The calendar is the one of `now`'s day (which reviews it shows).
    """
    fingerprint = queries.feed_fingerprint(session, scope)
    actions = queries.calendar_actions(session, scope)
    built = build_calendar(actions, options, today=local_day(now))
    body = built.text.encode("utf-8")
    last_modified = fingerprint.last_modified or now
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Feed(body, etag, last_modified.replace(microsecond=0), built.components), fingerprint


def subscription_options(subscription: SubscriptionRow, base: CalendarOptions) -> CalendarOptions:
    """The calendar options of one subscription: its name and its confidentiality."""
    return replace(
        base,
        name=calendar_name(subscription.scope, subscription.label),
        include_confidential=subscription.include_confidential,
        todo=False,  # subscribed calendars in Outlook and Google show only VEVENTs
    )


def local_day(moment: dt.datetime) -> dt.date:
    """The municipality's day at `moment`: a feed is built for a day."""
    return moment.astimezone(TIME_ZONE).date()


class FeedCache:
    """Built feeds by scope and options, each kept with its fingerprint and
    the day it was built for (a new day may show other reviews).

    Thread-safe: the server answers requests from a thread pool. Each key
    has its own lock, so many clients polling the same stale feed cause one
    rebuild, and a slow rebuild of one feed does not hold up the others.
    At most `size` feeds are kept, the least recently used dropped first.
    """

    def __init__(
        self,
        *,
        size: int = 256,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.size, self.clock = size, clock
        self._feeds: OrderedDict[tuple[object, ...], tuple[str, Feed]] = OrderedDict()
        self._locks: dict[tuple[object, ...], threading.Lock] = {}
        self._guard = threading.Lock()
        self.builds = 0
        """How many feeds were built, for tests and the health endpoint."""

    def get(self, session: Session, scope: FeedScope, options: CalendarOptions) -> Feed:
        """The feed of `scope`, from the cache if the data has not changed.

        Reads through the caller's `session`, so the server finds the
        subscription and checks its feed in one transaction.
        """
        key = (scope, options)
        with self._lock(key):
            now = self.clock()
            fingerprint = _for_day(queries.feed_fingerprint(session, scope), now)
            cached = self._cached(key)
            if cached is not None and cached[0] == fingerprint:
                return cached[1]
            feed, built_from = build_feed(session, scope, options, now=now)
            self._store(key, _for_day(built_from, now), feed)
            return feed

    def _lock(self, key: tuple[object, ...]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def _cached(self, key: tuple[object, ...]) -> tuple[str, Feed] | None:
        with self._guard:
            found = self._feeds.get(key)
            if found is not None:
                self._feeds.move_to_end(key)
            return found

    def _store(self, key: tuple[object, ...], fingerprint: str, feed: Feed) -> None:
        with self._guard:
            self.builds += 1
            self._feeds[key] = (fingerprint, feed)
            self._feeds.move_to_end(key)
            while len(self._feeds) > self.size:
                old, _ = self._feeds.popitem(last=False)
                self._locks.pop(old, None)


def _for_day(fingerprint: FeedFingerprint, now: dt.datetime) -> str:
    """What a cached feed must match: the data's fingerprint and the day."""
    return f"{fingerprint.key}|{local_day(now).isoformat()}"


def feed_urls(base_url: str, token: str) -> tuple[str, str]:
    """The https (or http, as `base_url` says) and webcal URLs of a feed.

    webcal:// is the same address with the scheme that makes a browser hand
    the link to the calendar app as a subscription rather than a download.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{base_url!r} is not an http(s) URL")
    path = f"{parts.path.rstrip('/')}/feeds/{token}.ics"
    web = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return web, urlunsplit(("webcal", parts.netloc, path, "", ""))
