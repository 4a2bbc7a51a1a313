"""What every screen needs from outside: the database, the organisation, who is using it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from tracker.organisation import Organisation


@dataclass(frozen=True)
class TuiContext:
    """Handed to the App and from it to each screen; tests build one on a temp database.

    `user` is the configured user ("mine" filter, audit); `today` is a
    function so tests can freeze the clock.
    """

    engine: Engine
    organisation: Organisation
    user: str
    today: Callable[[], date] = field(default=date.today)
