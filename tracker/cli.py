"""The `tracker` command line.

Commands are thin: they read arguments, call ingest/minutes/services/queries,
and print a table or JSON. Every error the tool raises on purpose is a
`TrackerError` and is printed as one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tracker import __version__
from tracker.errors import InputError, TrackerError

app = typer.Typer(
    name="tracker",
    help="Decision and follow-up tracker for municipal boards and committees.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"


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
BodyOption = Annotated[
    str | None,
    typer.Option("--body", help="The meeting's body, for documents that do not state it."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="The meeting's date (YYYY-MM-DD), for documents that do not state it."),
]


def _fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
    """Print a TrackerError as one line and exit 1, instead of a traceback."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            err.print(f"error: {error}", markup=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper


def _parse_date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("--date", f"{value!r} is not a date; write it as YYYY-MM-DD") from None


@contextmanager
def _engine(db: str | None) -> Iterator[Any]:
    from tracker.config import database_url
    from tracker.db import make_engine

    engine = make_engine(database_url(db))
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _session(db: str | None) -> Iterator[Any]:
    from tracker.db import session_scope

    with _engine(db) as engine, session_scope(engine) as session:
        yield session


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Import minutes, review the follow-up actions in them, and follow up."""


@app.command()
@_fails_cleanly
def extract(
    file: Annotated[Path, typer.Argument(help="A minutes file (.txt, .pdf, .docx, .html).")],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = ExtractFormat.json,
    body: BodyOption = None,
    meeting_date: DateOption = None,
) -> None:
    """Parse a minutes file and print what it holds, without touching the database."""
    from tracker.ingest import read_document
    from tracker.minutes import parse_minutes
    from tracker.minutes.jsonable import minutes_to_dict

    document = read_document(file)
    minutes = parse_minutes(
        document.text, source=str(file), body=body, meeting_date=_parse_date_option(meeting_date)
    )
    result = minutes_to_dict(minutes)
    result["actions"] = []
    if format is ExtractFormat.json:
        _print_json(result)
        return
    meeting = result["meeting"]
    out.print(f"{meeting['body']}, {meeting['date']} {meeting['start'] or ''}".rstrip())
    for item in result["items"]:
        closed = " (closed)" if item["closed"] else ""
        out.print(f"  {item['number']}. {item['title']}{closed}", markup=False)


@app.command(name="import")
@_fails_cleanly
def import_(
    files: Annotated[list[Path], typer.Argument(help="Minutes files to import.")],
    db: DbOption = None,
    body: BodyOption = None,
    meeting_date: DateOption = None,
) -> None:
    """Import minutes into the database: one transaction per file.

    A file that fails is reported and skipped; the others are imported.
    """
    from tracker.services import import_files

    when = _parse_date_option(meeting_date)
    with _progress(len(files)) as advance, _engine(db) as engine:
        outcomes = import_files(engine, files, body=body, meeting_date=when, on_file=advance)
    failed = 0
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            err.print(f"error: {outcome.error}", markup=False, soft_wrap=True)
            continue
        result = outcome.result
        counts[result.status] += 1
        out.print(f"{outcome.path}: {result.describe()}", markup=False, soft_wrap=True)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if failed:
        summary = f"{summary}, {failed} failed" if summary else f"{failed} failed"
    out.print(f"{len(files)} file(s): {summary}.")
    if failed:
        raise typer.Exit(1)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Path], None]]:
    """A progress bar on stderr for many files on a terminal; otherwise nothing."""
    if total < 2 or not err.is_terminal:
        yield lambda path: None
        return
    columns = (
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=total)

        def advance(path: Path) -> None:
            progress.update(task, advance=1, description=path.name)

        yield advance


@app.command()
@_fails_cleanly
def meetings(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """List the imported meetings, newest first."""
    from tracker import queries

    with _session(db) as session:
        rows = [m.to_dict() for m in queries.list_meetings(session)]
    if format is OutputFormat.json:
        _print_json(rows)
        return
    if not rows:
        out.print("No meetings yet. Import minutes with: tracker import FILE...")
        return
    table = Table()
    for name in ("ID", "Date", "Start"):
        table.add_column(name, no_wrap=True)
    table.add_column("Body", ratio=3)
    table.add_column("Place", ratio=2)
    table.add_column("Items", justify="right")
    table.add_column("Actions", justify="right")
    for row in rows:
        table.add_row(
            str(row["id"]), row["date"], row["start"] or "", row["body"], row["place"] or "",
            str(row["items"]), str(row["actions"]),
        )  # fmt: skip
    out.print(table)


@app.command()
@_fails_cleanly
def show(
    meeting_id: Annotated[int, typer.Argument(help="The meeting's ID (see `tracker meetings`).")],
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show one meeting: its facts, items and decisions."""
    from tracker import queries

    with _session(db) as session:
        detail = queries.get_meeting(session, meeting_id=meeting_id)
    if detail is None:
        raise InputError("MEETING_ID", f"no meeting with ID {meeting_id}; see `tracker meetings`")
    data = detail.to_dict()
    if format is OutputFormat.json:
        _print_json(data)
        return
    _print_meeting(data)


def _print_meeting(data: dict[str, Any]) -> None:
    out.print(f"[bold]{data['body']}[/bold]  {data['date']} {data['start'] or ''}")
    if data.get("place"):
        out.print(f"Place: {data['place']}", markup=False)
    if data.get("participants"):
        out.print(f"Participants: {', '.join(data['participants'])}", markup=False)
    table = Table("No.", "Title", "Case", "Decision", "Actions", show_lines=True)
    for item in data["items"]:
        decision = "(closed)" if item["closed"] else (item["decision"] or "")
        table.add_row(
            str(item["number"]), item["title"], item["case"] or "", decision, str(item["actions"])
        )
    out.print(table)


@app.command()
@_fails_cleanly
def demo(db: DbOption = None) -> None:
    """Build a demo database from the sample minutes in data/minutes/ and show it."""
    from tracker.config import demo_database_url, sample_minutes_dir
    from tracker.services import import_files

    folder = sample_minutes_dir()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    url = db or demo_database_url()
    with _engine(url) as engine:
        outcomes = import_files(engine, files)
    for outcome in outcomes:
        if outcome.error is not None:
            raise TrackerError(str(outcome.error))
        out.print(f"{outcome.path.name}: {outcome.result.describe()}", markup=False)
    out.print(f"\nDemo database: {url}\n")
    meetings(db=url, format=OutputFormat.table)
    out.print(f"\nLook inside a meeting with: tracker show ID --db {url}", markup=False)


def main() -> None:
    """Entry point of the `tracker` console script."""
    app()
