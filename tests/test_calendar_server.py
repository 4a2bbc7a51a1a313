"""`tracker serve` over real HTTP on 127.0.0.1: uvicorn in a thread on a free
port, asked with the standard library's client (no test client shortcuts)."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import select
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine, event

from tests.calendar_support import USER, Store, check_both, seed
from tracker import services
from tracker.calendar import server as server_module
from tracker.calendar.build import CalendarOptions
from tracker.calendar.connections import Limits
from tracker.calendar.server import CONTENT_TYPE, FRESH_FOR, MISSES_FOR, Recent, running
from tracker.calendar.subscriptions import NewSubscription, subscribe, unsubscribe
from tracker.calendar.tokens import new_token
from tracker.db import session_scope
from tracker.queries.calendar import FeedScope


class Client:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        assert parts.hostname == "127.0.0.1"
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def get(
        self, path: str, method: str = "GET", **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        self.connection.request(
            method, path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
        response = self.connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


class FakeClock:
    """A monotonic clock that moves only when told: the server trusts what it
    read from the database for `FRESH_FOR` seconds of this clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = FRESH_FOR) -> None:
        self.now += seconds


@pytest.fixture
def store(engine: Engine) -> Store:
    return seed(engine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(engine: Engine, store: Store, clock: FakeClock) -> Iterator[str]:
    with running(engine, CalendarOptions(name="unused"), clock=clock) as base:
        yield base


def make(engine: Engine, scope: FeedScope, **values: object) -> NewSubscription:
    with session_scope(engine) as session:
        return subscribe(session, scope, user=USER, **values)  # type: ignore[arg-type]


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    seen: list[str] = []

    def count(connection: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_feed_is_served_with_validators_and_304(
    engine: Engine, store: Store, server: str, tmp_path: Path
) -> None:
    feed = make(engine, FeedScope("owner", "HRC"), label="HRC i Direktionen")
    client = Client(server)
    status, headers, body = client.get(f"/feeds/{feed.token}.ics", accept_encoding="gzip, br")
    assert status == 200
    assert headers["content-type"] == CONTENT_TYPE
    assert "content-encoding" not in headers  # never compressed
    assert headers["etag"].startswith('"') and headers["last-modified"].endswith("GMT")
    assert "private" in headers["cache-control"]
    assert int(headers["content-length"]) == len(body)
    text = body.decode("utf-8")
    _, parsed = check_both(tmp_path, text)
    assert parsed["name"] == "HRC i Direktionen"
    assert "Confidential follow-up" in text and "Hemmelig" not in text
    assert "BEGIN:VTODO" not in text

    status, again, empty = client.get(f"/feeds/{feed.token}.ics", if_none_match=headers["etag"])
    assert (status, empty) == (304, b"")
    assert again["etag"] == headers["etag"]
    status, _, _ = client.get(
        f"/feeds/{feed.token}.ics", if_none_match='"other", ' + headers["etag"]
    )
    assert status == 304
    status, _, _ = client.get(f"/feeds/{feed.token}.ics", if_none_match='"other"')
    assert status == 200
    status, _, _ = client.get(
        f"/feeds/{feed.token}.ics", if_modified_since=headers["last-modified"]
    )
    assert status == 304
    status, head, body = client.get(f"/feeds/{feed.token}.ics", method="HEAD")
    assert (status, body, head["etag"]) == (200, b"", headers["etag"])


def test_a_change_gives_a_new_etag_and_done_leaves_the_feed(
    engine: Engine, store: Store, server: str, clock: FakeClock
) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    _, first, body = client.get(f"/feeds/{feed.token}.ics")
    assert f"action-{store.open_id}@".encode() in body
    with session_scope(engine) as session:
        services.done(session, store.open_id, user=USER)
    clock.advance()
    status, second, body = client.get(f"/feeds/{feed.token}.ics", if_none_match=first["etag"])
    assert status == 200 and second["etag"] != first["etag"]
    assert f"action-{store.open_id}@".encode() not in body
    status, _, _ = client.get(
        f"/feeds/{feed.token}.ics",
        if_modified_since=format_datetime(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), usegmt=True),
    )
    assert status == 200


def test_confidential_items_in_full_only_when_subscribed_so(
    engine: Engine, store: Store, server: str
) -> None:
    feed = make(engine, FeedScope("owner", "HRC"), include_confidential=True)
    _, _, body = Client(server).get(f"/feeds/{feed.token}.ics")
    assert "Hemmelig opfølgning".encode() in body


def test_unknown_revoked_and_malformed_tokens_get_the_same_404(
    engine: Engine, store: Store, server: str, clock: FakeClock
) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
    with session_scope(engine) as session:
        unsubscribe(session, str(feed.id))
    clock.advance()
    answers = [
        client.get(f"/feeds/{feed.token}.ics"),  # revoked
        client.get(f"/feeds/{new_token()}.ics"),  # unknown
        client.get("/feeds/x.ics"),  # malformed
        client.get(f"/feeds/{feed.token}"),  # no .ics
        client.get("/nowhere"),
    ]
    assert {status for status, _, _ in answers} == {404}
    assert {body for _, _, body in answers} == {b"Not Found"}
    assert all("etag" not in headers for _, headers, _ in answers)


def test_a_trailing_slash_is_not_found_not_redirected(
    engine: Engine, store: Store, server: str
) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    for path in (f"/feeds/{feed.token}.ics/", "/health/"):
        status, headers, body = client.get(path, host="evil.example")
        assert (status, body) == (404, b"Not Found"), path
        assert "location" not in headers


def test_no_server_header(engine: Engine, store: Store, server: str) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    status, headers, _ = client.get(f"/feeds/{feed.token}.ics")
    answers = [
        (status, headers),
        client.get(f"/feeds/{feed.token}.ics", if_none_match=headers["etag"])[:2],
        client.get("/nowhere")[:2],
        client.get("/health")[:2],
    ]
    assert [status for status, _ in answers] == [200, 304, 404, 200]
    assert all("server" not in headers for _, headers in answers)


def test_unknown_tokens_are_remembered_apart_from_the_known_ones(
    engine: Engine, store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module, "TOKENS_KEPT", 2)
    feed = make(engine, FeedScope("all"))
    junk = [new_token() for _ in range(5)]

    def lookups(seen: list[str]) -> int:
        return sum("subscription" in statement.lower() for statement in seen)

    with running(engine, CalendarOptions(name="x"), clock=clock) as base:
        client = Client(base)
        assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
        with statements(engine) as seen:
            assert {client.get(f"/feeds/{token}.ics")[0] for token in junk} == {404}
        assert lookups(seen) == len(junk)
        with statements(engine) as seen:
            clock.advance(FRESH_FOR * 0.2)
            # More unknown tokens than known ones are kept, yet the known one
            # was not pushed out: answered from memory.
            assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
            clock.advance(MISSES_FOR - FRESH_FOR)  # long past the freshness bound
            assert {client.get(f"/feeds/{token}.ics")[0] for token in junk} == {404}
        assert lookups(seen) == 0
        with statements(engine) as seen:
            clock.advance(FRESH_FOR)  # remembered for MISSES_FOR only: asked again
            assert {client.get(f"/feeds/{token}.ics")[0] for token in junk} == {404}
        assert lookups(seen) == len(junk)


SLOW = Limits(head_timeout=0.5, keep_alive=1, connections=100)
"""Limits short enough for a test; the slow clients below would take minutes."""


def port_of(base: str) -> int:
    port = urlsplit(base).port
    assert port is not None
    return port


def closed_by_server(sock: socket.socket, wait: float) -> bool:
    """Whether the server closed `sock` within `wait` seconds (answers read and dropped)."""
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([sock], [], [], left)
        if readable:
            try:
                if sock.recv(65536) == b"":
                    return True
            except ConnectionResetError:
                return True
    return False


def test_slow_and_idle_clients_are_dropped_while_others_are_served(
    engine: Engine, store: Store
) -> None:
    feed = make(engine, FeedScope("all"))
    # 2,000 header bytes, one every 20 ms: 40 s to send in full.
    trickled = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 2000
    with running(engine, CalendarOptions(name="x"), limits=SLOW) as base:
        port = port_of(base)
        silent = socket.create_connection(("127.0.0.1", port))
        slow = socket.create_connection(("127.0.0.1", port))
        # One that was answered, then trickles its next request.
        kept = socket.create_connection(("127.0.0.1", port))
        kept.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert kept.recv(65536).startswith(b"HTTP/1.1 200")
        sockets = [silent, slow, kept]
        open_ = {id(s) for s in sockets}
        served = []
        for sent, byte in enumerate(trickled):
            for sock in (slow, kept):
                if id(sock) in open_:
                    try:
                        sock.send(bytes([byte]))
                    except OSError:  # reset by the server: dropped
                        open_.discard(id(sock))
            open_ -= {id(s) for s in sockets if id(s) in open_ and closed_by_server(s, 0.02)}
            if sent % 10 == 0:  # meanwhile an ordinary client is served at once
                served.append(Client(base).get(f"/feeds/{feed.token}.ics")[0])
            if not open_:
                break
        assert not open_, "a slow or idle client was still connected after 40 s"
        assert sent < len(trickled) - 1
        assert served and set(served) == {200}
        for sock in sockets:
            sock.close()


def test_beyond_the_connection_limit_requests_get_503_until_slots_free(
    engine: Engine, store: Store
) -> None:
    limits = Limits(head_timeout=0.5, keep_alive=1, connections=3)
    with running(engine, CalendarOptions(name="x"), limits=limits) as base:
        port = port_of(base)
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        status, headers, _ = Client(base).get("/health")
        assert status == 503 and "server" not in headers
        assert all(closed_by_server(sock, 30) for sock in idle)  # dropped: slots free again
        assert Client(base).get("/health")[0] == 200
        for sock in idle:
            sock.close()


def test_read_only(engine: Engine, store: Store, server: str) -> None:
    feed = make(engine, FeedScope("all"))
    status, _, _ = Client(server).get(f"/feeds/{feed.token}.ics", method="POST")
    assert status == 405


def test_health(server: str) -> None:
    status, headers, body = Client(server).get("/health")
    assert status == 200 and headers["content-type"] == "application/json"
    assert b'"status":"ok"' in body


def test_concurrent_clients_share_one_build(engine: Engine, store: Store) -> None:
    feed = make(engine, FeedScope("all"))
    results: list[int] = []
    with running(engine, CalendarOptions(name="x")) as base:

        def poll() -> None:
            client = Client(base)
            for _ in range(5):
                results.append(client.get(f"/feeds/{feed.token}.ics")[0])

        threads = [threading.Thread(target=poll) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        _, _, body = Client(base).get("/health")
    assert results == [200] * 40
    assert b'"feeds_built":1' in body  # 40 requests, one build


def test_a_change_reaches_the_feed_within_the_freshness_bound(
    engine: Engine, store: Store, server: str, clock: FakeClock
) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    _, first, _ = client.get(f"/feeds/{feed.token}.ics")
    with session_scope(engine) as session:
        services.done(session, store.open_id, user=USER)
    clock.advance(FRESH_FOR * 0.9)  # still trusted: answered from memory
    status, _, _ = client.get(f"/feeds/{feed.token}.ics", if_none_match=first["etag"])
    assert status == 304
    clock.advance(FRESH_FOR * 0.1)  # FRESH_FOR after the check: asked again
    status, second, body = client.get(f"/feeds/{feed.token}.ics", if_none_match=first["etag"])
    assert status == 200 and second["etag"] != first["etag"]
    assert f"action-{store.open_id}@".encode() not in body


def test_a_revoked_token_stops_working_within_the_freshness_bound(
    engine: Engine, store: Store, server: str, clock: FakeClock
) -> None:
    feed = make(engine, FeedScope("all"))
    client = Client(server)
    assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
    with session_scope(engine) as session:
        unsubscribe(session, str(feed.id))
    clock.advance(FRESH_FOR * 0.9)
    assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
    clock.advance(FRESH_FOR * 0.1)
    status, headers, body = client.get(f"/feeds/{feed.token}.ics")
    assert (status, body) == (404, b"Not Found") and "etag" not in headers


def test_revocation_takes_effect_within_the_bound_on_the_real_clock(
    engine: Engine, store: Store
) -> None:
    feed = make(engine, FeedScope("all"))
    with running(engine, CalendarOptions(name="x")) as base:
        client = Client(base)
        assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
        with session_scope(engine) as session:
            unsubscribe(session, str(feed.id))
        revoked = time.monotonic()
        while (status := client.get(f"/feeds/{feed.token}.ics")[0]) == 200:
            assert time.monotonic() - revoked < FRESH_FOR + 1.0, "still served after the bound"
            time.sleep(0.05)
        assert status == 404


def test_polled_feeds_are_answered_without_the_database_within_the_bound(
    engine: Engine, store: Store, server: str, clock: FakeClock
) -> None:
    feeds = [make(engine, FeedScope("all")), make(engine, FeedScope("owner", "HRC"))]
    client = Client(server)
    etags = [client.get(f"/feeds/{feed.token}.ics")[1]["etag"] for feed in feeds]
    with statements(engine) as seen:
        for _ in range(20):
            for feed, etag in zip(feeds, etags, strict=True):
                assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
                assert client.get(f"/feeds/{feed.token}.ics", if_none_match=etag)[0] == 304
        assert seen == []
        clock.advance()
        for feed in feeds:
            for _ in range(5):
                assert client.get(f"/feeds/{feed.token}.ics")[0] == 200
    # Per feed, once per bound: the token lookup and the fingerprint
    # (each in its own transaction), and no rebuild.
    fingerprints = [s for s in seen if "max(" in s.lower()]
    assert len(fingerprints) == len(feeds)


def test_recent_loads_once_per_bound_and_refreshes_ahead() -> None:
    clock = FakeClock()
    recent: Recent[str, int] = Recent(1.0, size=2, clock=clock)
    loads: list[float] = []
    release = asyncio.Event()

    async def load() -> int:
        loads.append(clock.now)
        await release.wait()
        return len(loads)

    async def scenario() -> None:
        # Concurrent requests for a missing key share one load.
        waiting = [asyncio.create_task(recent.get("a", load)) for _ in range(10)]
        await asyncio.sleep(0)
        release.set()
        assert await asyncio.gather(*waiting) == [1] * 10
        clock.advance(0.25)  # fresh: remembered, no load
        assert await recent.get("a", load) == 1 and loads == [0.0]
        release.clear()
        clock.advance(0.5)  # past half: the old value at once, one load behind it
        assert [await recent.get("a", load) for _ in range(3)] == [1, 1, 1]
        release.set()
        for _ in range(3):  # let the load in the background finish
            await asyncio.sleep(0)
        assert await recent.get("a", load) == 2 and loads == [0.0, 0.75]
        clock.advance(1.0)  # expired: waits for a new load, never the old value
        assert await recent.get("a", load) == 3

        async def fail() -> int:
            raise RuntimeError("database down")

        clock.advance(1.0)
        with pytest.raises(RuntimeError):
            await recent.get("a", fail)  # a failure is not remembered
        assert await recent.get("a", load) == 4
        await recent.get("b", load)
        await recent.get("c", load)  # bounded: "a", least recently asked, is dropped
        assert await recent.get("a", load) == 7

    asyncio.run(scenario())
