"""Property-based tests: random and mutated minutes, date phrases and file bytes never make
ingest, the parser or the extractor raise anything but the tool's own clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import InputError, TrackerError
from tracker.extract import extract_actions
from tracker.extract.due import DueContext, find_due_phrases, resolve_due
from tracker.ingest import read_bytes
from tracker.minutes import parse_minutes
from tracker.organisation import load_organisation

FIXTURES = Path(__file__).parent / "fixtures"
LINES = [
    line
    for path in sorted(FIXTURES.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").split("\n")
]
ORGANISATION = load_organisation(None)
CONTEXT = DueContext(meeting_date=dt.date(2023, 3, 7), body="Direktionen", organisation=ORGANISATION)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

minutes_lines = st.lists(
    st.one_of(st.sampled_from(LINES), st.text(max_size=80)), min_size=1, max_size=120
)


def _parse_and_extract(text: str, body: str | None) -> None:
    try:
        minutes = parse_minutes(text, source="fuzz.txt", body=body)
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    for action in extract_actions(minutes, ORGANISATION):
        assert action.title and action.kind in {"task", "investigate", "report_back", "communicate", "on_hold"}
        assert action.item in {item.number for item in minutes.items}


@FUZZ
@given(lines=minutes_lines, body=st.sampled_from([None, "Direktionen"]))
def test_shuffled_and_mixed_minutes_lines(lines: list[str], body: str | None) -> None:
    _parse_and_extract("\n".join(lines), body)


@FUZZ
@given(text=st.text(max_size=2000))
def test_any_text(text: str) -> None:
    _parse_and_extract(text, "Direktionen")


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".pdf", ".docx", ".html", ".xyz", ""]))
def test_any_file_bytes(data: bytes, suffix: str) -> None:
    try:
        document = read_bytes(data, f"fuzz{suffix}")
    except InputError as error:
        assert str(error).startswith(f"fuzz{suffix}: ")
        return
    _parse_and_extract(document.text, "Direktionen")


@FUZZ
@given(
    phrase=st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda a, b: f"{a} {b}",
            st.sampled_from(["inden", "senest", "efter", "i", "uge", "primo", "by", "within", "på"]),
            st.text(max_size=30),
        ),
    )
)
def test_any_due_phrase(phrase: str) -> None:
    for due in find_due_phrases(phrase, CONTEXT):
        assert due.text and (due.date is None or isinstance(due.date, dt.date))
    try:
        resolve_due(phrase, CONTEXT)
    except TrackerError:
        pass
