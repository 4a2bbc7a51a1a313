"""The base of read models: frozen dataclasses that print as JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any


def jsonable(value: Any) -> Any:
    """Dates as ISO text, times as "HH:MM", tuples as lists, recursively."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


class ReadModel:
    """Base of the read models: `to_dict()` for JSON output."""

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready values."""
        # asdict wants a dataclass instance; every subclass is a dataclass, the base cannot say so.
        data: dict[str, Any] = jsonable(asdict(self))  # type: ignore[call-overload]
        return data
