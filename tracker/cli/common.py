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
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from tracker import printable
from tracker.errors import ConflictError, InputError, TrackerError

if TYPE_CHECKING:
    from tracker.organisation import Organisation


class PlainConsole(Console):
    """A console that prints every string as it is: no markup, emoji codes or
    highlighting, and control characters escaped (`tracker.printable`).

    Titles, owners, notes and file names come from users and documents; an
    owner "[/bold]" must print as written, not crash the table or style it.
    Styles are given as `Text` or `style=`, never as markup in strings.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(printable.block(text), **options)


out = PlainConsole()
err = PlainConsole(stderr=True)

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


def stored_number(value: int | list[int] | None) -> int | list[int] | None:
    """A typed ID or version, refused by value unless the store can hold it,
    rather than failing in SQL (a Typer callback, so the usage error names
    the parameter)."""
    from tracker.models import MAX_ID

    for number in value if isinstance(value, list) else [value]:
        if number is not None and not 1 <= number <= MAX_ID:
            raise typer.BadParameter(f"{number} is not between 1 and {MAX_ID}")
    return value


# The environment variables behind --db, --org and --lang are read by
# tracker.config, not by Typer, so that a flag given before the command
# (`tracker --db URL list`) can come between the command's own flag and them.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Database URL [default: $TRACKER_DATABASE_URL, else a SQLite file "
        "in your data directory].",
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


@dataclass(frozen=True)
class AppOptions:
    """`--db`, `--org` and `--lang` given before the command (`tracker --db URL
    list`); a command's own flag wins over them, and they over the environment."""

    db: str | None = None
    org: str | None = None
    lang: str | None = None


# Set by the app's callback on every invocation, before the command runs.
APP_OPTIONS: ContextVar[AppOptions] = ContextVar("APP_OPTIONS", default=AppOptions())  # noqa: B039 (frozen)


def app_options() -> AppOptions:
    """The options given before the command."""
    return APP_OPTIONS.get()


def chosen_db(db: str | None) -> str | None:
    """The command's `--db`, else the one given before the command."""
    return db or app_options().db


def chosen_lang(lang: str | None) -> str | None:
    """The command's `--lang`, else the one given before the command."""
    return lang or app_options().lang


def print_error(error: Exception | None) -> None:
    """One line on stderr: "error: " and the message, control characters escaped."""
    err.print(f"error: {printable.one_line(str(error))}", soft_wrap=True)


def print_notice(notice: str) -> None:
    """One line on stderr: "notice: " and what the user should know, escaped."""
    err.print(f"notice: {printable.one_line(notice)}", soft_wrap=True)


def fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
    """Print a TrackerError as one line and exit 1, instead of a traceback; a
    conflict with someone else's change exits 3, so a script can tell it apart.
    The database refusing work (read-only, disk full, the server gone) is one
    line too: the user can act on it, and nothing was saved."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            print_error(error)
            raise typer.Exit(3 if isinstance(error, ConflictError) else 1) from None
        except Exception as error:
            refusal = _database_refusal(error)
            if refusal is None:
                raise
            print_error(refusal)
            raise typer.Exit(1) from None

    return wrapper


def _database_refusal(error: Exception) -> TrackerError | None:
    """The database's refusal of a command's work as a TrackerError, or None
    for any other error (a bug, which keeps its traceback). SQLAlchemy is
    looked at only if a command loaded it."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import OperationalError

    from tracker.db import database_reason

    if not isinstance(error, OperationalError):
        return None
    return TrackerError(f"the database refused the work ({database_reason(error)})")


@contextmanager
def writing(output: str) -> Iterator[Path]:
    """The file `output` names, for the block to write; a file that cannot be
    written (no such folder, no permission, a directory) is an InputError
    naming it instead of a traceback."""
    try:
        yield Path(output)
    except OSError as error:
        raise InputError(output, f"cannot write it ({error.strerror or error})") from None


@contextmanager
def open_engine(db: str | None) -> Iterator[Any]:
    """An engine on `--db` (the command's, else the app's, else the configured
    database), disposed of afterwards."""
    from tracker.config import database_url
    from tracker.db import make_engine

    engine = make_engine(database_url(chosen_db(db)))
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
    """The organisation from `--org` (the command's, else the app's), else
    TRACKER_ORGANISATION, else an empty one."""
    from tracker.config import organisation_file
    from tracker.organisation import load_organisation

    return load_organisation(organisation_file(org or app_options().org))


def user() -> str:
    """Who the audit trail records as making a change (TRACKER_USER, else the OS user)."""
    from tracker.config import user as configured_user

    return configured_user()


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
