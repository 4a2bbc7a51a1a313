"""Minutes text -> Meeting and AgendaItems (pure functions over plain data)."""

from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes, Section
from tracker.minutes.parser import decision_as_minutes, parse_minutes

__all__ = [
    "AgendaItem",
    "Decision",
    "Meeting",
    "Minutes",
    "Section",
    "decision_as_minutes",
    "parse_minutes",
]
