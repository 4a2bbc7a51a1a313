"""Minutes as JSON-ready dicts: the shape `tracker extract --format json` prints."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes


def item_number(number: str) -> int | str:
    """Item numbers that are plain integers print as numbers ("6" -> 6); minute
    references stay text ("23/034")."""
    return int(number) if number.isdigit() else number


def _iso(value: date | time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if isinstance(value, time) else value.isoformat()


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "body": meeting.body,
        "date": _iso(meeting.date),
        "start": _iso(meeting.start),
        "end": _iso(meeting.end),
        "place": meeting.place,
        "participants": list(meeting.participants),
        "absent": list(meeting.absent),
    }


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    return {
        "heading": decision.heading,
        "body": decision.body,
        "date": _iso(decision.date),
        "text": decision.text,
    }


def item_to_dict(item: AgendaItem) -> dict[str, Any]:
    return {
        "number": item_number(item.number),
        "position": item.position,
        "title": item.title,
        "case": item.case,
        "closed": item.closed,
        "decision": item.decision,
        "decisions": [decision_to_dict(d) for d in item.decisions],
        "sections": [{"kind": s.kind, "heading": s.heading, "text": s.text} for s in item.sections],
    }


def minutes_to_dict(minutes: Minutes) -> dict[str, Any]:
    return {
        "meeting": meeting_to_dict(minutes.meeting),
        "language": minutes.language,
        "items": [item_to_dict(item) for item in minutes.items],
    }
