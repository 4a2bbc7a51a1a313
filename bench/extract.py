"""Benchmark: extraction throughput, decisions -> proposed actions.

What it measures
    Wall-clock time of `tracker.extract.extract_actions` over the parsed
    minutes of a synthetic archive (default 1,000 documents, see archive.py),
    on one core, and prints MB/s (of document text) and decisions/s. It also
    prints the same figures for parsing plus extraction, which is what
    `tracker extract` does after reading a file. The target is at least
    2 MB/s for extraction on one core.

Why
    Extraction runs on every import and on every `tracker extract`; a
    secretary importing an archive of years of minutes should not wait on it.

    python bench/extract.py [--docs N] [--seed S] [--repeat R]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from archive import build_archive  # also puts the repository on sys.path

from tracker.extract import extract_actions
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.minutes.model import Minutes
from tracker.organisation import load_organisation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the archive")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the archive")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is kept")
    args = parser.parse_args(argv)

    organisation = load_organisation(None)
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch)
        print(f"generating {args.docs} documents ...", flush=True)
        texts = [read_document(path).text for path in sorted(build_archive(archive, args.docs, args.seed))]
    size_mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    minutes: list[Minutes] = [parse_minutes(text, source=f"doc{i}") for i, text in enumerate(texts)]
    decisions = sum(1 for m in minutes for item in m.items if item.decision)

    extract_s = min(_timed(lambda: [extract_actions(m, organisation) for m in minutes]) for _ in range(args.repeat))
    actions = sum(len(extract_actions(m, organisation)) for m in minutes)
    both_s = min(
        _timed(lambda: [extract_actions(parse_minutes(t, source="doc"), organisation) for t in texts])
        for _ in range(args.repeat)
    )

    print(f"archive       {len(texts)} documents, {size_mb:.2f} MB of text, {decisions} decisions, {actions} actions proposed")
    print(f"extract       {extract_s:.3f} s: {size_mb / extract_s:.2f} MB/s, {decisions / extract_s:,.0f} decisions/s, {len(texts) / extract_s:,.0f} documents/s")
    print(f"parse+extract {both_s:.3f} s: {size_mb / both_s:.2f} MB/s, {decisions / both_s:,.0f} decisions/s, {len(texts) / both_s:,.0f} documents/s")
    print(f"(best of {args.repeat} passes, one process on one core)")
    return 0


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
