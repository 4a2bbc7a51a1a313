"""`tracker serve`: the read-only HTTP server of the subscription feeds.

Starlette (routing, requests, responses) on uvicorn: a small, well-kept ASGI
stack. The server only reads: it answers GET and HEAD for `/health` and for
`/feeds/<token>.ics`, and nothing else.

Security, because a feed URL is the only credential a calendar has:

- An unknown, revoked or malformed token gets the same 404 with the same
  body as any unknown path, so a guess learns nothing.
- The token is hashed before the database is asked and the stored hash is
  compared in constant time (`tracker.calendar.tokens`).
- uvicorn's access log is off: it would write every token to the log.
- Responses are `private` and never compressed: calendar clients
  (Outlook in particular) mishandle compressed feeds, and feeds are small.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import format_datetime, parsedate_to_datetime

import uvicorn
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tracker import queries
from tracker.calendar.build import CalendarOptions
from tracker.calendar.feeds import FeedCache, subscription_options
from tracker.calendar.tokens import same_hash, token_hash, well_formed
from tracker.db import session_scope

CONTENT_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "private, max-age=300"


def create_app(
    engine: Engine, options: CalendarOptions, *, cache: FeedCache | None = None
) -> Starlette:
    """The feed server's ASGI app over `engine`; `options` holds the policy,
    organisation and UID domain every feed is built with."""
    feeds = cache if cache is not None else FeedCache()

    def health(request: Request) -> Response:
        """200 when the database answers, 503 otherwise: for load balancers."""
        try:
            with session_scope(engine) as session:
                session.connection().execute(text("SELECT 1"))
        except SQLAlchemyError:  # the database is down or locked: not healthy, say no more
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "feeds_built": feeds.builds})

    def feed(request: Request) -> Response:
        token = str(request.path_params["token"])
        if not well_formed(token):
            return _not_found()
        with session_scope(engine) as session:
            subscription = queries.active_subscription(session, token_hash(token))
            if subscription is None or not same_hash(token, subscription.token_sha256):
                return _not_found()
            built = feeds.get(
                session, subscription.scope, subscription_options(subscription, options)
            )
        headers = {
            "ETag": built.etag,
            "Last-Modified": format_datetime(built.last_modified, usegmt=True),
            "Cache-Control": CACHE_CONTROL,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        if _not_modified(request, built.etag, built.last_modified):
            return Response(status_code=304, headers=headers)
        return Response(built.body, media_type=CONTENT_TYPE, headers=headers)

    routes = [
        Route("/health", health, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.ics", feed, methods=["GET", "HEAD"]),
    ]
    # Sync endpoints run in Starlette's thread pool; the database calls block.
    return Starlette(routes=routes, exception_handlers={404: _not_found_handler})


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


def serve(engine: Engine, options: CalendarOptions, *, host: str, port: int) -> None:
    """Run the feed server until interrupted (Ctrl-C)."""
    config = uvicorn.Config(
        create_app(engine, options), host=host, port=port, access_log=False, log_level="info"
    )
    uvicorn.Server(config).run()


@contextmanager
def running(
    engine: Engine, options: CalendarOptions, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """The server running in a thread, for tests and benchmarks: yields its
    base URL ("http://127.0.0.1:PORT") and stops it on exit.

    Port 0 lets the OS pick a free port, read back from the bound socket.
    """
    config = uvicorn.Config(
        create_app(engine, options),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        lifespan="off",
    )
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
