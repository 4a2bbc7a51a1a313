"""Benchmark: import a synthetic archive of minutes, the way `tracker import` does.

What it measures
    Wall-clock time of `tracker.services.import_files` - the function behind
    `tracker import` - over an archive of N distinct minutes documents (default
    1,000) into a fresh SQLite database (or `--db URL`). It prints documents,
    MB, seconds, documents/s and MB/s for the whole import, the share of that
    time spent in each stage - ingest (`read_document`: file -> normalised
    text), parse (`parse_minutes`: text -> meeting and items) and store
    (`session_scope` + `import_minutes`: one transaction per document) - and
    the mix of formats.

Why
    A municipality's archive is thousands of documents; a secretary importing
    years of minutes should wait seconds, not an afternoon. The figures tell
    whether that holds and which stage to look at when it does not.

How
    The archive is made from the fixtures in tests/fixtures: every document is
    a different meeting - every date in it is shifted to a date no other
    document has (weekdays rewritten to match), Danish documents get a body
    from a list of Danish boards and committees, the English one a parish
    name, agenda items are shuffled, some dropped and renumbered, and some
    titles varied. About 70% are written as .txt, 10% as .html, 10% as .docx
    and 10% as .pdf. Generating the archive and creating the database schema
    are not timed.

    The stages are timed in the same run, by wrapping the three functions
    `import_files` calls with `time.perf_counter` (a few microseconds per
    document), so the stage times add up to the import time less the loop's
    own overhead. The script checks that every document imported as
    "created", with the body, date and number of items it was generated
    with, and exits 1 otherwise.

    python bench/import.py [--docs N] [--keep DIR] [--db URL] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive import build_archive  # also puts the repository on sys.path
from sqlalchemy import Engine

from tracker.db import make_engine
from tracker.organisation import load_organisation
from tracker.services import imports

# --- timing the stages ------------------------------------------------------------------


class StageTimer:
    """Seconds spent in each stage, by wrapping what `import_files` calls."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.ingest_by_format: Counter[str] = Counter()

    @contextmanager
    def installed(self) -> Iterator[None]:
        originals = (imports.read_document, imports.parse_minutes, imports.session_scope)
        read_document, parse_minutes, session_scope = originals

        def timed_read(path: Path) -> Any:
            start = time.perf_counter()
            try:
                return read_document(path)
            finally:
                elapsed = time.perf_counter() - start
                self.seconds["ingest"] += elapsed
                self.ingest_by_format[path.suffix.lstrip(".")] += elapsed

        def timed_parse(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return parse_minutes(*args, **kwargs)
            finally:
                self.seconds["parse"] += time.perf_counter() - start

        @contextmanager
        def timed_session(engine: Engine) -> Iterator[Any]:
            start = time.perf_counter()
            try:
                with session_scope(engine) as session:
                    yield session
            finally:
                self.seconds["store"] += time.perf_counter() - start

        imports.read_document = timed_read  # type: ignore[assignment]
        imports.parse_minutes = timed_parse  # type: ignore[assignment]
        imports.session_scope = timed_session  # type: ignore[assignment]
        try:
            yield
        finally:
            imports.read_document, imports.parse_minutes, imports.session_scope = originals


# --- main -------------------------------------------------------------------------------


def _progress(total: int) -> Callable[[imports.ImportOutcome], None]:
    done = 0
    step = max(total // 4, 1)

    def on_file(_: imports.ImportOutcome) -> None:
        nonlocal done
        done += 1
        if done % step == 0 and done < total:
            print(f"  ... {done}/{total}", file=sys.stderr, flush=True)

    return on_file


def run(archive: Path, db_url: str | None, scratch: Path, count: int, seed: int) -> int:
    started = time.perf_counter()
    print(f"generating {count} documents in {archive} ...", file=sys.stderr, flush=True)
    expected = build_archive(archive, count, seed)
    generated = time.perf_counter() - started
    paths = sorted(expected)
    sizes = {path: path.stat().st_size for path in paths}

    url = db_url or f"sqlite:///{scratch / 'bench.db'}"
    started = time.perf_counter()
    engine = make_engine(url)
    schema = time.perf_counter() - started

    print("importing ...", file=sys.stderr, flush=True)
    timer = StageTimer()
    with timer.installed():
        started = time.perf_counter()
        outcomes = imports.import_files(
            engine, paths, organisation=load_organisation(None), on_file=_progress(len(paths))
        )
        seconds = time.perf_counter() - started
    engine.dispose()

    problems: list[str] = []
    statuses: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome.error is not None or outcome.result is None:
            statuses["failed"] += 1
            problems.append(f"{outcome.path.name}: error: {outcome.error}")
            continue
        result, want = outcome.result, expected[outcome.path]
        statuses[result.status] += 1
        if result.status != "created":
            problems.append(f"{outcome.path.name}: {result.status}, not created")
        got = (result.body, result.date, result.items)
        if got != (want.body, want.date, want.items):
            problems.append(
                f"{outcome.path.name}: imported as {got}, generated as "
                f"{(want.body, want.date, want.items)}"
            )

    mb = sum(sizes.values()) / 1e6
    by_format: dict[str, list[int]] = defaultdict(list)
    for path in paths:
        by_format[path.suffix.lstrip(".")].append(sizes[path])

    print(
        f"archive    {len(paths)} documents, {mb:.2f} MB (generated in {generated:.1f} s, "
        f"not timed; schema {schema:.2f} s, not timed)"
    )
    print(f"database   {url if db_url else 'fresh temporary SQLite file'}")
    print(
        f"import     {len(paths)} documents, {mb:.2f} MB in {seconds:.2f} s: "
        f"{len(paths) / seconds:.1f} documents/s, {mb / seconds:.2f} MB/s"
    )
    print("stages     seconds   share  ms/doc")
    other = seconds - sum(timer.seconds.values())
    for stage, value in [
        *((s, timer.seconds[s]) for s in ("ingest", "parse", "store")),
        ("other", other),
    ]:
        print(f"  {stage:<8} {value:8.2f} {value / seconds:6.1%} {1000 * value / len(paths):7.2f}")
    print("formats    docs    share      MB  mean KB  ingest s  ingest ms/doc")
    for fmt in ("txt", "html", "docx", "pdf"):
        fsizes = by_format.get(fmt, [])
        if not fsizes:
            continue
        ingest = timer.ingest_by_format[fmt]
        print(
            f"  {fmt:<6} {len(fsizes):6d} {len(fsizes) / len(paths):8.1%} "
            f"{sum(fsizes) / 1e6:7.2f} {sum(fsizes) / len(fsizes) / 1e3:8.1f} "
            f"{ingest:9.2f} {1000 * ingest / len(fsizes):14.2f}"
        )
    print("results    " + ", ".join(f"{n} {status}" for status, n in statuses.items()))
    if problems:
        print(f"FAILED: {len(problems)} document(s) did not import as generated:", file=sys.stderr)
        for line in problems[:20]:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate (1000)")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the archive to DIR (new or empty) and keep it",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="import into this database (default: a fresh temporary SQLite file); "
        "it must not hold these meetings already",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed for the archive (0)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        scratch = Path(tmp)
        archive = scratch / "archive"
        if args.keep is not None:
            archive = args.keep
            if archive.exists() and (not archive.is_dir() or any(archive.iterdir())):
                parser.error(f"--keep {archive}: must be a new or empty directory")
        archive.mkdir(parents=True, exist_ok=True)
        return run(archive, args.db, scratch, args.docs, args.seed)


if __name__ == "__main__":
    sys.exit(main())
