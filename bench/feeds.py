"""Benchmark: calendar export and the feed server.

What it measures
    1. `tracker export ics` for 10,000 and 100,000 open actions: seconds for
       the query (`queries.calendar_actions`), for building the text with
       `ics` (`build_calendar`) and in all, and the file's size.
    2. `tracker serve` answering one 200-action feed to a concurrent client
       on loopback: requests per second and latency (median, 95th
       percentile) for full 200 answers and for 304 answers to a matching
       If-None-Match, over keep-alive connections.

Why
    ics needs about a second per 10,000 events, so feeds are cached and
    rebuilt only when their data changed; these figures say what a cold
    export costs and what a polled feed costs once built (DESIGN.md, "Facts
    measured").

How
    Each database is a fresh SQLite file filled with Core inserts (not timed):
    bodies, meetings, items and actions (90% open, 5% on hold, 5% reports to
    a meeting with a start time, so some events are timed), each with a
    "created" and an "accepted" event, like actions reviewed in the tool.
    The server runs as `python -m tracker serve` in its own process, bound to
    127.0.0.1 only; the client is N threads (default 8), each with its own
    keep-alive connection, sending a fixed number of requests (default
    2,000 of each kind), never more. The first request (which builds the
    feed) is made before timing starts.

    python bench/feeds.py [--sizes 10000,100000] [--requests 2000] [--clients 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, insert

from tracker import queries
from tracker.calendar.build import CalendarOptions, build_calendar
from tracker.calendar.subscriptions import subscribe
from tracker.db import make_engine, session_scope
from tracker.models import Action, ActionEvent, AgendaItem, Body, Meeting
from tracker.queries.calendar import FeedScope

OWNERS = ["ØC", "HRC", "ØDC", "CEIS", "Sekretariatet", "Teknik og Miljø", "Lars Holte"]
BODIES = ["Direktionen", "Økonomiudvalget", "Byrådet", "Teknik- og Miljøudvalget"]
HOST = "127.0.0.1"


def fill(engine: Engine, actions: int, seed: int = 1) -> None:
    """`actions` reviewed actions over 4 bodies' meetings, by Core inserts."""
    rng = random.Random(seed)
    now = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    first = dt.date(2022, 1, 3)
    meetings_per_body = max(1, actions // (len(BODIES) * 40))
    with engine.begin() as connection:
        connection.execute(insert(Body), [{"id": i + 1, "name": n} for i, n in enumerate(BODIES)])
        meeting_rows: list[dict[str, Any]] = []
        item_rows: list[dict[str, Any]] = []
        for body_id in range(1, len(BODIES) + 1):
            for n in range(meetings_per_body):
                meeting_id = len(meeting_rows) + 1
                meeting_rows.append({
                    "id": meeting_id, "body_id": body_id,
                    "date": first + dt.timedelta(weeks=n), "start": dt.time(10, 0),
                    "end": dt.time(12, 0), "participants": [], "absent": [], "language": "da",
                    "source_name": f"{meeting_id}.txt", "source_sha256": f"{meeting_id:064x}",
                    "source_format": "txt", "imported_at": now, "updated_at": now,
                })  # fmt: skip
                for position in range(1, 11):
                    item_rows.append({
                        "id": len(item_rows) + 1, "meeting_id": meeting_id, "position": position,
                        "number": str(position), "title": f"Punkt {position} om budget og plan",
                        "case_number": f"22/{meeting_id:04d}", "closed": position == 10,
                        "sections": [], "decisions": [], "decision": None,
                    })  # fmt: skip
        connection.execute(insert(Meeting), meeting_rows)
        connection.execute(insert(AgendaItem), item_rows)
        action_rows, event_rows = [], []
        for action_id in range(1, actions + 1):
            item = item_rows[rng.randrange(len(item_rows))]
            meeting = meeting_rows[item["meeting_id"] - 1]
            roll = rng.random()
            kind, status = ("on_hold", "on_hold") if roll < 0.05 else ("task", "open")
            due = meeting["date"] + dt.timedelta(days=rng.randrange(7, 120))
            if 0.05 <= roll < 0.10:
                kind, due = "report_back", meeting["date"] + dt.timedelta(weeks=1)
            action_rows.append({
                "id": action_id, "item_id": item["id"],
                "title": f"Forvaltningen undersøger sag {action_id}, og vender tilbage; æøå",
                "owner": OWNERS[action_id % len(OWNERS)], "co_owners": [],
                "due": None if status == "on_hold" else due, "due_text": "inden 14 dage",
                "kind": kind, "condition": "hvis behovet opstår" if status == "on_hold" else None,
                "source": "Forvaltningen undersøger sagen og vender tilbage inden 14 dage.",
                "confidence": 1.0, "status": status, "review": due, "created_at": now,
                "updated_at": now,
            })  # fmt: skip
            event_rows.append({"action_id": action_id, "at": now, "user": "bench",
                               "field": "created", "new": "x"})  # fmt: skip
            event_rows.append({"action_id": action_id, "at": now, "user": "bench",
                               "field": "status", "old": "proposed", "new": status})  # fmt: skip
        for start in range(0, len(action_rows), 20_000):
            connection.execute(insert(Action), action_rows[start : start + 20_000])
        for start in range(0, len(event_rows), 20_000):
            connection.execute(insert(ActionEvent), event_rows[start : start + 20_000])


def bench_export(folder: Path, size: int) -> None:
    engine = make_engine(f"sqlite:///{folder / f'export-{size}.db'}")
    fill(engine, size)
    started = time.perf_counter()
    with session_scope(engine) as session:
        rows = queries.calendar_actions(session, FeedScope("all"))
    queried = time.perf_counter()
    built = build_calendar(rows, CalendarOptions(name="Follow-ups"), today=dt.date.today())
    data = built.text.encode("utf-8")
    (folder / f"export-{size}.ics").write_bytes(data)
    done = time.perf_counter()
    engine.dispose()
    print(
        f"export {size:>7,} actions: {done - started:6.2f} s "
        f"(query {queried - started:5.2f} s, build {done - queried:5.2f} s); "
        f"{built.components:,} events, {len(data) / 1e6:.1f} MB"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def bench_server(folder: Path, requests: int, clients: int) -> None:
    url = f"sqlite:///{folder / 'serve.db'}"
    engine = make_engine(url)
    fill(engine, 200)
    with session_scope(engine) as session:
        token = subscribe(session, FeedScope("all"), user="bench").token
    engine.dispose()
    port = free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", "--host", HOST, "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        path = f"/feeds/{token}.ics"
        status, etag, size = fetch(port, path, {})
        assert status == 200, status
        for label, headers, expected in (
            ("full (200)", {}, 200),
            ("not modified (304)", {"If-None-Match": etag}, 304),
        ):
            seconds, latencies = load(port, path, headers, expected, requests, clients)
            print(
                f"feed of 200 actions ({size / 1e3:.0f} kB), {label}: "
                f"{requests / seconds:7.0f} requests/s over {clients} connections; "
                f"latency median {statistics.median(latencies) * 1e3:.1f} ms, "
                f"p95 {statistics.quantiles(latencies, n=20)[-1] * 1e3:.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/health", {})[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, str, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader("ETag") or "", len(body)
    finally:
        connection.close()


def load(
    port: int, path: str, headers: dict[str, str], expected: int, requests: int, clients: int
) -> tuple[float, list[float]]:
    """Send `requests` requests over `clients` keep-alive connections; the
    wall-clock seconds and each request's latency."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    share = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]

    def client(count: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        mine = []
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != expected:
                failures.append(response.status)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in share]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} unexpected answers, e.g. {failures[0]}")
    return seconds, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="action counts to export")
    parser.add_argument("--requests", type=int, default=2000, help="requests of each kind")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",") if s):
            bench_export(folder, size)
        bench_server(folder, args.requests, args.clients)


if __name__ == "__main__":
    main()
