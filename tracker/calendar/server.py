"""`tracker serve`: the read-only HTTP server of the subscription feeds.

Starlette (routing, requests, responses) on uvicorn: a small, well-kept ASGI
stack. The server only reads: it answers GET and HEAD for `/health` and for
`/feeds/<token>.ics`, and nothing else.

Security, because a feed URL is the only credential a calendar has:

- An unknown, revoked or malformed token gets the same 404 with the same
  body as any unknown path, so a guess learns nothing. A path with a
  trailing slash is one of those, not a redirect (Starlette's default would
  answer 307 with a Location built from the client's Host header).
- No `server` header (`connections.uvicorn_config`): it would only tell a
  scanner what to try.
- The token is hashed before the database is asked and the stored hash is
  compared in constant time (`tracker.calendar.tokens`).
- uvicorn's access log is off: it would write every token to the log.
- Slow and idle clients are dropped, and open connections are bounded
  (`tracker.calendar.connections`).
- Responses are `private` and never compressed: calendar clients
  (Outlook in particular) mishandle compressed feeds, and feeds are small.

Speed, because hundreds of calendars poll at once: a feed request costs a
token lookup and a fingerprint query (a few ms on SQLite, where every
session also takes the write lock, so they queue one after another). Both
answers are therefore trusted for `FRESH_FOR` seconds: a polled feed is
answered from memory on the event loop, and the database is asked at most
once per `FRESH_FOR` per token and per feed, in a thread, by one request
while the others wait for its answer (or, for a token or feed in steady use,
in the background before the answer expires: see `Recent`). That is also
the bound on how long a revoked token keeps working and a change stays out
of its feed. A token that is not found is remembered as unknown for
`MISSES_FOR` seconds, apart from the tokens found, so calendars that keep
polling a revoked feed cost no lookup each, and a flood of made-up tokens
cannot push the real ones out of memory. (A token the database does not
know cannot become valid: new tokens are random.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from typing import Generic, TypeVar

import anyio
import uvicorn
from anyio.to_thread import run_sync
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tracker import queries
from tracker.calendar.build import CalendarOptions
from tracker.calendar.connections import DEFAULT_LIMITS, Limits, uvicorn_config
from tracker.calendar.feeds import Feed, FeedCache, subscription_options
from tracker.calendar.tokens import same_hash, token_hash, well_formed
from tracker.db import read_session
from tracker.queries.calendar import FeedScope, SubscriptionRow

CONTENT_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "private, max-age=300"

FRESH_FOR = 1.0
"""Seconds a looked-up token or a checked feed is trusted without asking the
database again: a revoked token stops working, and a change reaches its
feed, at most this long (plus one check) after it is committed."""

DB_THREADS = 4
"""Threads that may run the feeds' database work at once. With the one
health check below SQLAlchemy's default pool of 5, so a thread never waits
for a connection; more would only queue on SQLite's write lock, which every
session takes."""

TOKENS_KEPT = 4096
"""Looked-up tokens kept at most, the least recently asked dropped first.
(Feeds are kept as many as the `FeedCache` keeps: they hold the bodies.)"""

MISSES_FOR = 60.0
"""Seconds a token that was not found is answered 404 without asking again."""

MISSES_KEPT = 16384
"""Unknown tokens remembered at most (their hashes: a few MB)."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """Values loaded at most once per `fresh_for` seconds per key.

    Why: hundreds of clients poll the same few feeds, and asking the
    database for each request made them queue on it. A value counts as
    fresh from when its load *started*, so no answer reflects data read
    more than `fresh_for` seconds before it. Concurrent requests for a key
    share one load (the first starts it, the rest await it). Past half its
    freshness a value is still returned at once while a load runs in the
    background ("refresh ahead"), so a key in steady use never expires and
    nobody waits for the database, which under load takes long to get back
    the GIL from the busy event loop. Not thread-safe: used only on the
    server's event loop.
    """

    def __init__(self, fresh_for: float, *, size: int, clock: Callable[[], float]) -> None:
        self.fresh_for, self.size, self.clock = fresh_for, size, clock
        self._values: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._loading: dict[K, asyncio.Task[V]] = {}

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        """The value of `key`: remembered if fresh, else from `load()` (shared)."""
        found = self._values.get(key)
        if found is not None:
            age = self.clock() - found[0]
            if age < self.fresh_for:
                if age >= self.fresh_for / 2:
                    self._start(key, load)
                self._values.move_to_end(key)
                return found[1]
        # Shielded: a waiter that is cancelled must not cancel the others' load.
        return await asyncio.shield(self._start(key, load))

    def _start(self, key: K, load: Callable[[], Awaitable[V]]) -> asyncio.Task[V]:
        """The load of `key` under way, started now if none is."""
        loading = self._loading.get(key)
        if loading is None:
            loading = asyncio.create_task(self._load(key, load))
            self._loading[key] = loading
            # Mark a failure as seen even if nobody awaits it (a refresh ahead,
            # or clients that hung up), so asyncio does not log it as lost.
            loading.add_done_callback(lambda task: task.cancelled() or task.exception())
        return loading

    async def _load(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        started = self.clock()
        try:
            value = await load()
        finally:
            del self._loading[key]
        self._values[key] = (started, value)
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)
        return value


class Misses(Generic[K]):
    """Keys recently looked up and not found, each remembered for `remember_for`
    seconds, at most `size` of them (the oldest forgotten first). Not
    thread-safe: used only on the server's event loop."""

    def __init__(self, remember_for: float, *, size: int, clock: Callable[[], float]) -> None:
        self.remember_for, self.size, self.clock = remember_for, size, clock
        self._seen: OrderedDict[K, float] = OrderedDict()

    def __contains__(self, key: K) -> bool:
        seen = self._seen.get(key)
        if seen is None:
            return False
        if self.clock() - seen < self.remember_for:
            return True
        del self._seen[key]
        return False

    def add(self, key: K) -> None:
        self._seen[key] = self.clock()
        self._seen.move_to_end(key)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)


class _Unknown(Exception):
    """A token the database does not know: a failed load, so `Recent` keeps
    it out of the tokens found."""


@dataclass(frozen=True)
class Served:
    """A feed with its response headers, formatted once rather than per request."""

    feed: Feed
    headers: Mapping[str, str]

    @classmethod
    def of(cls, feed: Feed) -> Served:
        headers = {
            "ETag": feed.etag,
            "Last-Modified": format_datetime(feed.last_modified, usegmt=True),
            "Cache-Control": CACHE_CONTROL,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        return cls(feed, headers)


FeedKey = tuple[FeedScope, str | None, bool]
"""What a subscription's feed depends on besides the server's options: its
scope, label (the calendar's name) and confidentiality. Subscriptions that
agree on these share one feed."""


def create_app(
    engine: Engine,
    options: CalendarOptions,
    *,
    cache: FeedCache | None = None,
    fresh_for: float = FRESH_FOR,
    clock: Callable[[], float] = time.monotonic,
) -> Starlette:
    """The feed server's ASGI app over `engine`; `options` holds the policy,
    organisation and UID domain every feed is built with. `fresh_for` and
    `clock` are the freshness bound and its clock (tests pass a fake one)."""
    feeds = cache if cache is not None else FeedCache()
    subscriptions: Recent[str, SubscriptionRow] = Recent(fresh_for, size=TOKENS_KEPT, clock=clock)
    unknown: Misses[str] = Misses(MISSES_FOR, size=MISSES_KEPT, clock=clock)
    served: Recent[FeedKey, Served] = Recent(fresh_for, size=feeds.size, clock=clock)
    # Never reused (fresh for 0 s), only shared: health checks that arrive
    # while the database is being asked wait for that answer, not a new one.
    probes: Recent[str, None] = Recent(0.0, size=1, clock=clock)
    # Endpoints are async: the event loop answers from memory, and only the
    # blocking database work goes to threads, at most DB_THREADS at a time.
    database = anyio.CapacityLimiter(DB_THREADS)

    def lookup(digest: str) -> SubscriptionRow:
        with read_session(engine) as session:
            found = queries.active_subscription(session, digest)
        if found is None:
            raise _Unknown
        return found

    def check(subscription: SubscriptionRow) -> Served:
        """The feed, rebuilt only if its fingerprint changed (`FeedCache`)."""
        with read_session(engine) as session:
            feed = feeds.get(
                session, subscription.scope, subscription_options(subscription, options)
            )
        return Served.of(feed)

    def ping() -> None:
        with read_session(engine) as session:
            session.connection().execute(text("SELECT 1"))

    async def health(request: Request) -> Response:
        """200 when the database answers, 503 otherwise: for load balancers.

        Asks the database every time (concurrent checks share one question),
        outside the feeds' thread limit, so a slow rebuild does not make a
        healthy server look down."""
        try:
            await probes.get("database", lambda: run_sync(ping))
        except SQLAlchemyError:  # the database is down or locked: not healthy, say no more
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "feeds_built": feeds.builds})

    async def feed(request: Request) -> Response:
        token = str(request.path_params["token"])
        if not well_formed(token):
            return _not_found()
        digest = token_hash(token)
        if digest in unknown:
            return _not_found()
        try:
            subscription = await subscriptions.get(
                digest, lambda: run_sync(lookup, digest, limiter=database)
            )
        except _Unknown:
            unknown.add(digest)
            return _not_found()
        if not same_hash(token, subscription.token_sha256):
            return _not_found()
        key = (subscription.scope, subscription.label, subscription.include_confidential)
        answer = await served.get(key, lambda: run_sync(check, subscription, limiter=database))
        built = answer.feed
        if _not_modified(request, built.etag, built.last_modified):
            return Response(status_code=304, headers=answer.headers)
        return Response(built.body, media_type=CONTENT_TYPE, headers=answer.headers)

    routes = [
        Route("/health", health, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.ics", feed, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found_handler})
    app.router.redirect_slashes = False
    return app


def _not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404)


async def _not_found_handler(request: Request, exc: Exception) -> Response:
    return _not_found()


def _not_modified(request: Request, etag: str, last_modified: dt.datetime) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins; If-Modified-Since only
    without it."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        return False
    return last_modified <= when


def serve(
    engine: Engine,
    options: CalendarOptions,
    *,
    host: str,
    port: int,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Run the feed server until interrupted (Ctrl-C)."""
    app = create_app(engine, options)
    config = uvicorn_config(app, host=host, port=port, limits=limits, log_level="info")
    uvicorn.Server(config).run()


@contextmanager
def running(
    engine: Engine,
    options: CalendarOptions,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    fresh_for: float = FRESH_FOR,
    clock: Callable[[], float] = time.monotonic,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[str]:
    """The server running in a thread, for tests and benchmarks: yields its
    base URL ("http://127.0.0.1:PORT") and stops it on exit.

    Port 0 lets the OS pick a free port, read back from the bound socket.
    `fresh_for` and `clock` are passed to `create_app`.
    """
    app = create_app(engine, options, fresh_for=fresh_for, clock=clock)
    config = uvicorn_config(app, host=host, port=port, limits=limits, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="tracker-feeds", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the feed server did not start")
            threading.Event().wait(0.01)
        (bound,) = {s.getsockname()[1] for srv in server.servers for s in srv.sockets}
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
