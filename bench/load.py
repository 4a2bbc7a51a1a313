"""Load test: many concurrent calendar clients polling `tracker serve`.

What it measures
    `tracker serve` on 127.0.0.1 under C concurrent clients (default 200) for
    S seconds (default 30) over a database of N actions (default 2,000) with
    a few subscriptions (all actions, two bodies, two owners). Each client
    keeps one HTTP/1.1 keep-alive connection and loops: GET its feed (expect
    200 and an ETag), GET it again with If-None-Match (expect 304), and every
    tenth loop GET /health (expect 200). It prints the count of each status,
    the errors (connection errors, timeouts, wrong status or body),
    requests/s and latency p50/p95/p99/max, and exits 1 on any error.

    Beside them run L slow clients (default 300, slowloris-style): each
    connects, sends the start of a request and then one more header byte
    every T seconds (default 1), and reconnects when the server drops it.
    It prints how many slow connections were made, how many the server
    dropped and after how long, and exits 1 if one was held longer than the
    server's header deadline allows. `--slow 0` gives the figures without
    them, to compare.

Why
    Calendar clients poll their feeds on a timer; a municipality's worth of
    them must be answered without errors and without unbounded waits
    (issue 6, "Done when").

How
    The database is a fresh SQLite file filled by `feeds.fill` (not timed);
    the server is `python -m tracker serve` in its own process, bound to
    127.0.0.1 only, and each feed is built once before timing starts. The
    clients are asyncio tasks speaking raw HTTP/1.1, each over one
    `Connection` (a buffered asyncio protocol, light on CPU: see there). No
    request starts after the deadline, each request (and each connect) has
    its own timeout (default 10 s), and the whole run is cut off at the
    deadline plus that timeout, so the test is bounded. After an error a
    client reconnects.

    python bench/load.py [--clients 200] [--seconds 30] [--actions 2000] [--timeout 10]
                         [--slow 300] [--slow-every 1]
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from feeds import HOST, fetch, fill, free_port, wait_for  # also puts the repository on sys.path

from tracker.calendar.connections import DEFAULT_LIMITS
from tracker.calendar.subscriptions import subscribe
from tracker.db import make_engine, session_scope
from tracker.queries.calendar import FeedScope

SCOPES = [
    FeedScope("all"),
    FeedScope("body", "Direktionen"),
    FeedScope("body", "Byrådet"),
    FeedScope("owner", "ØC"),
    FeedScope("owner", "HRC"),
]
HEALTH_EVERY = 10


class WrongAnswer(Exception):
    """A well-formed HTTP answer that is not the expected one."""


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)

    def error(self, kind: str, exc: BaseException | None = None) -> None:
        detail = f"{kind}: {type(exc).__name__}" if exc is not None else kind
        self.errors[detail] += 1


BODY_HEAD = len(b"BEGIN:VCALENDAR")
"""Bytes kept of each body: enough to check it is a calendar. The rest is counted."""

MAX_HEAD = 64 * 1024
"""Longest status line and headers accepted, so a broken answer cannot grow without end."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as the load test checks it: the body's first bytes and its length."""

    status: int
    headers: dict[str, str]
    body_head: bytes
    length: int


class Connection(asyncio.BufferedProtocol):
    """One keep-alive HTTP/1.1 connection that reads answers into one reused buffer.

    Why not asyncio streams: the clients share the machine's two cores with
    the server, and a StreamReader copies each feed body (hundreds of kB)
    into its buffer and out again, which made the client cost about as much
    CPU as the server it measures. Here the socket is read straight into one
    buffer and a body is only counted and its first bytes kept. Answers
    must carry a Content-Length, as the server's always do; anything else
    on a keep-alive connection is reported as malformed.
    """

    def __init__(self) -> None:
        self._buffer = memoryview(bytearray(256 * 1024))
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[Answer] | None = None
        self._head = bytearray()
        self._status = 0
        self._headers: dict[str, str] = {}
        self._body_head = bytearray()
        self._length = 0
        self._remaining: int | None = None
        """Body bytes still to come; None while reading a status line and headers."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None
        self._settle(exc or ConnectionResetError("the server closed the connection"))

    def get_buffer(self, sizehint: int) -> memoryview:
        return self._buffer

    def buffer_updated(self, nbytes: int) -> None:
        data: bytes | memoryview = self._buffer[:nbytes]
        while data and self._transport is not None:
            data = self._read_head(data) if self._remaining is None else self._read_body(data)

    async def get(self, port: int, path: str, headers: dict[str, str]) -> Answer:
        """One GET: sent, and its whole answer read."""
        if self._transport is None or self._transport.is_closing():
            raise ConnectionResetError("the connection is closed")
        if self._waiter is not None:
            raise RuntimeError("one request at a time on a connection")
        lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}:{port}", "User-Agent: tracker-load"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._waiter = asyncio.get_running_loop().create_future()
        self._transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        return await self._waiter

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def _read_head(self, data: bytes | memoryview) -> bytes:
        """Add `data` to the head; once it is complete, what follows it."""
        self._head += data
        end = self._head.find(b"\r\n\r\n")
        if end < 0:
            if len(self._head) > MAX_HEAD:
                self._fail(WrongAnswer("status line and headers too long"))
            return b""
        rest = bytes(self._head[end + 4 :])
        try:
            self._status, self._headers, self._remaining = parse_head(self._head[:end])
        except (WrongAnswer, ValueError) as exc:
            self._fail(exc)
            return b""
        self._head.clear()
        if self._remaining == 0:
            self._finish()
        return rest

    def _read_body(self, data: bytes | memoryview) -> bytes | memoryview:
        """Count the body bytes in `data`; what follows the body."""
        assert self._remaining is not None
        take = min(len(data), self._remaining)
        if len(self._body_head) < BODY_HEAD:
            self._body_head += data[: min(take, BODY_HEAD - len(self._body_head))]
        self._length += take
        self._remaining -= take
        if self._remaining == 0:
            self._finish()
        return data[take:]

    def _finish(self) -> None:
        answer = Answer(self._status, self._headers, bytes(self._body_head), self._length)
        self._remaining, self._headers, self._length = None, {}, 0
        self._body_head.clear()
        if self._waiter is None:
            self._fail(WrongAnswer("an answer to no request"))
        else:
            self._settle(answer)

    def _fail(self, exc: Exception) -> None:
        self._settle(exc)
        self.close()
        self._transport = None

    def _settle(self, outcome: Answer | Exception) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is None or waiter.done():
            return
        if isinstance(outcome, Exception):
            waiter.set_exception(outcome)
        else:
            waiter.set_result(outcome)


async def connect(port: int) -> Connection:
    """A new keep-alive connection to the server."""
    _, connection = await asyncio.get_running_loop().create_connection(Connection, HOST, port)
    return connection


def parse_head(head: bytearray) -> tuple[int, dict[str, str], int]:
    """Status, headers (lower-case names) and body length of an answer's head."""
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    version, status, *_ = status_line.split(" ", 2)
    if not version.startswith("HTTP/1."):
        raise WrongAnswer(f"bad status line {status_line!r}")
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    code = int(status)
    if code == 304 or code < 200:
        return code, headers, 0
    if "transfer-encoding" in headers or "content-length" not in headers:
        raise WrongAnswer("answer without a Content-Length on a keep-alive connection")
    return code, headers, int(headers["content-length"])


async def client(
    number: int, port: int, token: str, deadline: float, timeout: float, tally: Tally
) -> None:
    """Loop GET feed / conditional GET / sometimes /health until the deadline."""
    feed = f"/feeds/{token}.ics"
    connection: Connection | None = None
    loops = 0

    async def timed(kind: str, path: str, headers: dict[str, str], expected: int) -> str | None:
        """One checked request; the ETag on success, None after an error."""
        nonlocal connection
        try:
            if connection is None:
                connection = await asyncio.wait_for(connect(port), timeout)
            started = time.perf_counter()
            answer = await asyncio.wait_for(connection.get(port, path, headers), timeout)
            elapsed = time.perf_counter() - started
        except TimeoutError as exc:
            tally.error(f"timeout ({kind})", exc)
            drop()
            return None
        except OSError as exc:
            tally.error(f"connection ({kind})", exc)
            drop()
            return None
        except (WrongAnswer, ValueError) as exc:
            tally.error(f"malformed ({kind}): {exc}")
            drop()
            return None
        tally.statuses[answer.status] += 1
        tally.latencies.setdefault(kind, []).append(elapsed)
        if answer.status != expected:
            tally.error(f"status {answer.status} for {kind}, expected {expected}")
            return None
        if kind == "feed" and not (
            answer.body_head.startswith(b"BEGIN:VCALENDAR") and "etag" in answer.headers
        ):
            tally.error("feed without a calendar or an ETag")
            return None
        if answer.headers.get("connection", "").lower() == "close":
            drop()
        return answer.headers.get("etag", "")

    def drop() -> None:
        nonlocal connection
        if connection is not None:
            connection.close()
            connection = None

    try:
        while time.monotonic() < deadline:
            loops += 1
            etag = await timed("feed", feed, {}, 200)
            if etag and time.monotonic() < deadline:
                await timed("feed 304", feed, {"If-None-Match": etag}, 304)
            if (loops + number) % HEALTH_EVERY == 0 and time.monotonic() < deadline:
                await timed("health", "/health", {}, 200)
    finally:
        drop()


@dataclass
class SlowTally:
    """What the slow clients saw: how long each connection was held."""

    connections: int = 0
    dropped: list[float] = field(default_factory=list)
    """Seconds from connecting until the server closed, per dropped connection."""
    still_open: list[float] = field(default_factory=list)
    """Seconds held so far, per connection still open at the deadline."""
    errors: Counter[str] = field(default_factory=Counter)


SLOW_HEAD = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


async def slow_client(port: int, deadline: float, every: float, tally: SlowTally) -> None:
    """Connect, trickle header bytes one every `every` seconds, never finishing
    the head; reconnect when dropped, until the deadline."""
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
        except OSError as exc:
            tally.errors[f"connect: {type(exc).__name__}"] += 1
            await asyncio.sleep(every)
            continue
        tally.connections += 1
        opened = time.monotonic()
        try:
            writer.write(SLOW_HEAD)
            while time.monotonic() < deadline:
                await asyncio.sleep(every)
                if reader.at_eof() or writer.is_closing():
                    break
                writer.write(b"a")
                await writer.drain()
        except OSError:
            pass  # reset while writing: dropped as well
        held = time.monotonic() - opened
        if reader.at_eof() or writer.is_closing() or time.monotonic() < deadline:
            tally.dropped.append(held)
        else:
            tally.still_open.append(held)
        writer.close()


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    if len(ordered) < 2:
        return "n/a"
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return (
        f"p50 {cuts[49] * 1e3:.1f} ms, p95 {cuts[94] * 1e3:.1f} ms, "
        f"p99 {cuts[98] * 1e3:.1f} ms, max {ordered[-1] * 1e3:.1f} ms"
    )


async def run_clients(
    port: int, tokens: list[str], args: argparse.Namespace
) -> tuple[Tally, SlowTally, float]:
    tally, slow = Tally(), SlowTally()
    seconds, timeout = args.seconds, args.timeout
    started = time.monotonic()
    deadline = started + seconds
    slow_tasks = [
        asyncio.create_task(slow_client(port, deadline, args.slow_every, slow))
        for _ in range(args.slow)
    ]
    tasks = [
        asyncio.create_task(client(n, port, tokens[n % len(tokens)], deadline, timeout, tally))
        for n in range(args.clients)
    ]
    # Bounded: every request is bounded by `timeout` and none starts after the
    # deadline; anything still running past this cut-off is an error.
    done, pending = await asyncio.wait(tasks, timeout=seconds + 2 * timeout + 5)
    for task in pending:
        task.cancel()
        tally.error("client still running after the cut-off")
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception() is not None:
            tally.error("client crashed", task.exception())
    elapsed = time.monotonic() - started
    for outcome in await asyncio.gather(*slow_tasks, return_exceptions=True):
        if isinstance(outcome, BaseException):
            slow.errors[f"slow client crashed: {type(outcome).__name__}"] += 1
    return tally, slow, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of the load")
    parser.add_argument("--actions", type=int, default=2000, help="actions in the database")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--slow", type=int, default=300, help="slowloris-style clients beside")
    parser.add_argument(
        "--slow-every", type=float, default=1.0, help="seconds between a slow client's bytes"
    )
    args = parser.parse_args(argv)
    if not ipaddress.ip_address(HOST).is_loopback:
        raise SystemExit(f"refusing to load a non-loopback address {HOST}")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'load.db'}"
        engine = make_engine(url)
        fill(engine, args.actions)
        with session_scope(engine) as session:
            tokens = [subscribe(session, scope, user="bench").token for scope in SCOPES]
        engine.dispose()

        port = free_port()
        log_path = folder / "server.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "tracker", "serve", "--host", HOST, "--port", str(port)],
                env={**os.environ, "TRACKER_DATABASE_URL": url},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for(port)
            sizes = []
            for token in tokens:  # build every feed once, before timing
                status, _, size = fetch(port, f"/feeds/{token}.ics", {})
                if status != 200:
                    raise RuntimeError(f"priming a feed answered {status}")
                sizes.append(size)
            tally, slow, elapsed = asyncio.run(run_clients(port, tokens, args))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        server_log = log_path.read_text(errors="replace")

    total = sum(tally.statuses.values())
    errors = sum(tally.errors.values())
    everything = [x for values in tally.latencies.values() for x in values]
    other = total - tally.statuses[200] - tally.statuses[304]
    print(
        f"tracker serve on {HOST}: {args.actions:,} actions, {len(SCOPES)} feeds "
        f"({min(sizes) / 1e3:.0f}-{max(sizes) / 1e3:.0f} kB), {args.clients} clients, "
        f"{args.seconds:g} s, timeout {args.timeout:g} s per request"
    )
    print(
        f"requests {total:,} in {elapsed:.1f} s: {total / elapsed:,.0f} requests/s; "
        f"200: {tally.statuses[200]:,}, 304: {tally.statuses[304]:,}, other: {other:,}; "
        f"errors: {errors:,}"
    )
    print(f"latency all: {percentiles(everything)}")
    for kind in ("feed", "feed 304", "health"):
        values = tally.latencies.get(kind, [])
        print(f"latency {kind} ({len(values):,}): {percentiles(values)}")
    for detail, count in tally.errors.most_common():
        print(f"error {count:,} x {detail}")
    held_too_long = report_slow(slow, args)
    if errors or total == 0 or held_too_long or slow.errors:
        tail = "\n".join(server_log.splitlines()[-20:])
        print(f"FAILED; server log tail:\n{tail}", file=sys.stderr)
        return 1
    return 0


def report_slow(slow: SlowTally, args: argparse.Namespace) -> bool:
    """Print what the slow clients saw; whether one was held longer than the
    server's header deadline (plus one trickle interval and a second) allows."""
    if not args.slow:
        return False
    allowed = DEFAULT_LIMITS.head_timeout + args.slow_every + 1.0
    held = [*slow.dropped, *slow.still_open]
    longest = max(held, default=0.0)
    dropped = (
        f"dropped by the server after {min(slow.dropped):.1f}-{max(slow.dropped):.1f} s"
        if slow.dropped
        else "none dropped"
    )
    print(
        f"slow clients: {args.slow} trickling a header byte every {args.slow_every:g} s: "
        f"{slow.connections:,} connections, {len(slow.dropped):,} {dropped}, "
        f"{len(slow.still_open):,} open at the end (held at most "
        f"{max(slow.still_open, default=0.0):.1f} s); header deadline "
        f"{DEFAULT_LIMITS.head_timeout:g} s: "
        + ("all dropped in time" if longest <= allowed else f"HELD {longest:.1f} s")
    )
    for detail, count in slow.errors.most_common():
        print(f"slow client error {count:,} x {detail}")
    return longest > allowed


if __name__ == "__main__":
    sys.exit(main())
