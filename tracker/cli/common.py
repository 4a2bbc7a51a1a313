"""What every command shares: the consoles, the common options, and the helpers
that open the database, load the organisation and turn errors into exit codes.

Every error the tool raises on purpose is a `TrackerError`; `fails_cleanly`
prints it as one line on stderr with a non-zero exit, so each command module
only has to read arguments, call ingest/minutes/services/queries, and print.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from tracker.errors import ConflictError, TrackerError

if TYPE_CHECKING:
    from tracker.organisation import Organisation

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


class StatusFilter(str, Enum):
    """The `--status` values of `tracker list` (see `tracker.queries.list_actions`)."""

    proposed = "proposed"
    open = "open"
    overdue = "overdue"
    on_hold = "on_hold"
    done = "done"
    rejected = "rejected"
    all = "all"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="TRACKER_DATABASE_URL",
        help="Database URL (default: a SQLite file in your data directory).",
        show_envvar=True,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OrgOption = Annotated[
    str | None,
    typer.Option(
        "--org",
        metavar="FILE",
        help="Organisation file (TOML): units, people and meeting cadences "
        "[default: $TRACKER_ORGANISATION].",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="da|en",
        help="Language of the app [default: $TRACKER_LANGUAGE, else from the locale].",
    ),
]


def fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
    """Print a TrackerError as one line and exit 1, instead of a traceback; a
    conflict with someone else's change exits 3, so a script can tell it apart."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            err.print(f"error: {error}", markup=False, soft_wrap=True)
            raise typer.Exit(3 if isinstance(error, ConflictError) else 1) from None

    return wrapper


@contextmanager
def open_engine(db: str | None) -> Iterator[Any]:
    """An engine on `--db` (else the configured database), disposed of afterwards."""
    from tracker.config import database_url
    from tracker.db import make_engine

    engine = make_engine(database_url(db))
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def open_session(db: str | None) -> Iterator[Any]:
    """A session on `--db` that commits when the block ends without an error."""
    from tracker.db import session_scope

    with open_engine(db) as engine, session_scope(engine) as session:
        yield session


def organisation_from(org: str | None) -> Organisation:
    """The organisation from `--org`, else TRACKER_ORGANISATION, else an empty one."""
    from tracker.config import organisation_file
    from tracker.organisation import load_organisation

    return load_organisation(organisation_file(org))


def user() -> str:
    """Who the audit trail records as making a change (TRACKER_USER, else the OS user)."""
    from tracker.config import user as configured_user

    return configured_user()


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
