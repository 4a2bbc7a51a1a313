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
from datetime import date, datetime
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tracker import __version__
from tracker.errors import ConflictError, InputError, TrackerError

if TYPE_CHECKING:
    from tracker.organisation import Organisation

app = typer.Typer(
    name="tracker",
    help="Decision and follow-up tracker for municipal boards and committees.",
    no_args_is_help=False,  # no arguments opens the app
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
BodyOption = Annotated[
    str | None,
    typer.Option("--body", help="The meeting's body, for documents that do not state it."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="The meeting's date (YYYY-MM-DD), for documents that do not state it."),
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
ActionIdArgument = Annotated[int, typer.Argument(help="The action's ID (see `tracker list`).")]
ActionIdsArgument = Annotated[list[int], typer.Argument(help="Action IDs (see `tracker list`).")]
IfVersionOption = Annotated[
    int | None,
    typer.Option(
        "--if-version",
        metavar="N",
        help="Change the action only if it is still at version N, the version you "
        "looked at (`tracker history`, `tracker list --format json`); if someone "
        "changed it since, nothing is saved and the exit status is 3.",
    ),
]

# Due dates are calendar days in the municipality's time zone, so "overdue"
# turns over at midnight in Denmark wherever the command runs.
TIME_ZONE = ZoneInfo("Europe/Copenhagen")


def _fails_cleanly(command: Callable[P, R]) -> Callable[P, R]:
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


def _organisation(org: str | None) -> Organisation:
    """The organisation from `--org`, else TRACKER_ORGANISATION, else an empty one."""
    from tracker.config import organisation_file
    from tracker.organisation import load_organisation

    return load_organisation(organisation_file(org))


def _today() -> date:
    return datetime.now(TIME_ZONE).date()


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@_fails_cleanly
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    db: DbOption = None,
    org: OrgOption = None,
    lang: LangOption = None,
) -> None:
    """Import minutes, review the follow-up actions in them, and follow up.

    Without a command, opens the app on the database.
    """
    if ctx.invoked_subcommand is None:
        _open_app(db, _organisation(org), lang)


def _open_app(db: str | None, organisation: Organisation, lang: str | None) -> None:
    """Run the Textual app on the database `db` until the user quits."""
    from tracker.config import language, user
    from tracker.tui.app import TrackerApp
    from tracker.tui.context import TuiContext

    ui_language = language(lang)
    with _engine(db) as engine:
        context = TuiContext(engine=engine, organisation=organisation, user=user(), today=_today)
        TrackerApp(context, language=ui_language).run()


@app.command()
@_fails_cleanly
def extract(
    file: Annotated[
        str, typer.Argument(help="A minutes file (.txt, .pdf, .docx, .html), or - for standard input.")
    ],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = ExtractFormat.json,
    as_decision: Annotated[
        bool,
        typer.Option(
            "--as-decision",
            help="Treat the whole text as one item's decision (pasted from an e-mail or a web "
            "page); needs --body and --date.",
        ),
    ] = False,
    body: BodyOption = None,
    meeting_date: DateOption = None,
    org: OrgOption = None,
) -> None:
    """Parse a minutes file and print its meeting, items and proposed follow-up
    actions, without touching the database."""
    from tracker.extract import extract_actions
    from tracker.extract.model import action_to_dict
    from tracker.ingest import read_bytes, read_document
    from tracker.minutes import decision_as_minutes, parse_minutes
    from tracker.minutes.jsonable import minutes_to_dict

    organisation = _organisation(org)
    when = _parse_date_option(meeting_date)
    if file == "-":
        document = read_bytes(sys.stdin.buffer.read(), "standard input", format="txt")
    else:
        document = read_document(Path(file))
    source = "standard input" if file == "-" else file
    if as_decision:
        minutes = decision_as_minutes(document.text, source=source, body=body, meeting_date=when)
    else:
        minutes = parse_minutes(document.text, source=source, body=body, meeting_date=when)
    result = minutes_to_dict(minutes)
    result["actions"] = [action_to_dict(a) for a in extract_actions(minutes, organisation)]
    if format is ExtractFormat.json:
        _print_json(result)
        return
    meeting = result["meeting"]
    out.print(f"{meeting['body']}, {meeting['date']} {meeting['start'] or ''}".rstrip())
    for item in result["items"]:
        closed = " (closed)" if item["closed"] else ""
        out.print(f"  {item['number']}. {item['title']}{closed}", markup=False)
        for action in (a for a in result["actions"] if a["item"] == item["number"]):
            due = f" [{action['due']} «{action['due_text']}»]" if action["due"] else ""
            owner = action["owner"] or "?"
            out.print(f"      - {owner}: {action['title']}{due}", markup=False)


@app.command(name="import")
@_fails_cleanly
def import_(
    files: Annotated[list[Path], typer.Argument(help="Minutes files to import.")],
    db: DbOption = None,
    body: BodyOption = None,
    meeting_date: DateOption = None,
    org: OrgOption = None,
) -> None:
    """Import minutes into the database and propose their follow-up actions:
    one transaction per file.

    A file that fails is reported and skipped; the others are imported.
    Review the proposals with `tracker list --status proposed`.
    """
    from tracker.services import import_files

    when = _parse_date_option(meeting_date)
    organisation = _organisation(org)
    with _progress(len(files)) as advance, _engine(db) as engine:
        outcomes = import_files(
            engine,
            files,
            organisation=organisation,
            body=body,
            meeting_date=when,
            on_file=advance,
        )
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
def demo(db: DbOption = None, org: OrgOption = None, lang: LangOption = None) -> None:
    """Build a demo database from the sample minutes in data/minutes/ and open the
    app on it; printed as tables instead when the output is not a terminal."""
    from tracker.config import (
        demo_database_url,
        organisation_file,
        sample_minutes_dir,
        sample_organisation_file,
    )
    from tracker.organisation import load_organisation
    from tracker.services import import_files

    folder = sample_minutes_dir()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    url = db or demo_database_url()
    # The sample minutes come with a sample organisation, unless you name your own.
    organisation = load_organisation(organisation_file(org) or sample_organisation_file())
    with _engine(url) as engine:
        outcomes = import_files(engine, files, organisation=organisation)
    for outcome in outcomes:
        if outcome.error is not None:
            raise TrackerError(str(outcome.error))
        out.print(f"{outcome.path.name}: {outcome.result.describe()}", markup=False)
    if sys.stdout.isatty():
        _open_app(url, organisation, lang)
        return
    out.print(f"\nDemo database: {url}\n")
    meetings(db=url, format=OutputFormat.table)
    out.print("\nFollow-up actions proposed from these minutes, to review:\n")
    list_(owner=None, status=StatusFilter.proposed, db=url, format=OutputFormat.table)
    out.print(
        f"\nLook inside a meeting with: tracker show ID --db {url}\n"
        f"Accept, assign or finish actions with: tracker accept ID --db {url} (see tracker --help)",
        markup=False,
    )


@app.command(name="list")
@_fails_cleanly
def list_(
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Only actions whose owner or co-owner contains this text."),
    ] = None,
    status: Annotated[
        StatusFilter,
        typer.Option(
            "--status",
            help="Which actions: overdue is the open ones past their due date.",
            case_sensitive=False,
        ),
    ] = StatusFilter.open,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List actions by due date, undated last; open ones unless --status says otherwise."""
    from tracker import queries

    with _session(db) as session:
        rows = queries.list_actions(session, owner=owner, status=status.value, today=_today())
    if format is OutputFormat.json:
        _print_json([row.to_dict() for row in rows])
        return
    if not rows:
        out.print(f"No {status.value.replace('_', ' ')} actions{' for ' + owner if owner else ''}.")
        return
    table = Table()
    table.add_column("ID", justify="right", no_wrap=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Owner", max_width=16)
    table.add_column("Title")
    table.add_column("Status", no_wrap=True)
    for row in rows:
        table.add_row(
            str(row.id),
            row.due.isoformat() if row.due else "",
            row.owner or "",
            row.title,
            ("overdue" if row.overdue else row.status.replace("_", " "))
            + (", source gone" if row.source_lost_at else ""),
            style="bold red" if row.overdue else None,
        )
    out.print(table)


@app.command()
@_fails_cleanly
def accept(
    ids: ActionIdsArgument, db: DbOption = None, if_version: IfVersionOption = None
) -> None:
    """Accept proposed actions as agreed work (all or none)."""
    from tracker import services

    with _session(db) as session:
        services.accept(session, ids, user=_user(), versions=_versions(ids, if_version))
    out.print(f"Accepted {_ids(ids)}.")


@app.command()
@_fails_cleanly
def reject(
    ids: ActionIdsArgument, db: DbOption = None, if_version: IfVersionOption = None
) -> None:
    """Reject proposed actions that are wrong, or drop work no longer wanted (all or none)."""
    from tracker import services

    with _session(db) as session:
        services.reject(session, ids, user=_user(), versions=_versions(ids, if_version))
    out.print(f"Rejected {_ids(ids)}.")


@app.command()
@_fails_cleanly
def assign(
    action_id: ActionIdArgument,
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Who does it: a unit, an abbreviation or a person."),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="PHRASE",
            help='When: a date or a phrase as minutes write it ("30-09-2022", "inden 14 dage", '
            '"næste møde"), counted from the action\'s meeting.',
        ),
    ] = None,
    db: DbOption = None,
    org: OrgOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Set an action's owner, due date or both; a proposal stays proposed."""
    from tracker import queries, services

    organisation = _organisation(org)
    with _session(db) as session:
        services.assign(
            session,
            action_id,
            owner=owner,
            due_phrase=due,
            organisation=organisation,
            user=_user(),
            version=if_version,
        )
        row = queries.get_action(session, action_id, today=_today())
    assert row is not None  # assign refuses unknown IDs
    parts = [f"owner {row.owner}"] if owner is not None else []
    if due is not None:
        parts.append(f"due {row.due} ({row.due_text})" if row.due else f"due {row.due_text}")
    if row.status == "proposed":
        parts.append(f"still proposed: accept it with `tracker accept {row.id}`")
    out.print(f"ID {row.id}: {'; '.join(parts)}", markup=False, soft_wrap=True)


@app.command()
@_fails_cleanly
def done(
    action_id: ActionIdArgument,
    note: Annotated[
        str | None, typer.Option("--note", help="What was done, for the record.")
    ] = None,
    db: DbOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Mark an action done."""
    from tracker import services

    with _session(db) as session:
        services.done(session, action_id, note=note, user=_user(), version=if_version)
    out.print(f"ID {action_id}: done.")


@app.command()
@_fails_cleanly
def hold(
    action_id: ActionIdArgument,
    until: Annotated[
        str,
        typer.Option("--until", metavar="CONDITION", help="What the action waits for."),
    ],
    db: DbOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Put an action on hold until a condition is met."""
    from tracker import services

    with _session(db) as session:
        services.hold(session, action_id, until=until, user=_user(), version=if_version)
    out.print(f"ID {action_id}: on hold until {until.strip()}.", markup=False, soft_wrap=True)


@app.command()
@_fails_cleanly
def reactivate(
    action_id: ActionIdArgument, db: DbOption = None, if_version: IfVersionOption = None
) -> None:
    """Reopen an action that is on hold, done or rejected."""
    from tracker import services

    with _session(db) as session:
        services.reactivate(session, action_id, user=_user(), version=if_version)
    out.print(f"ID {action_id}: open again.")


def _ids(ids: list[int]) -> str:
    return ("ID " if len(ids) == 1 else "IDs ") + ", ".join(map(str, ids))


def _versions(ids: list[int], if_version: int | None) -> dict[int, int] | None:
    """`--if-version` for a command that takes several IDs: one version names one action."""
    if if_version is None:
        return None
    if len(ids) != 1:
        raise InputError("--if-version", "give exactly one ID with --if-version")
    return {ids[0]: if_version}


def main() -> None:
    """Entry point of the `tracker` console script."""
    app()


# --- history and notes ------------------------------------------------------------


def _user() -> str:
    """Who the audit trail records as making a change (TRACKER_USER, else the OS user)."""
    from tracker.config import user

    return user()


@app.command()
@_fails_cleanly
def history(
    action_id: ActionIdArgument, db: DbOption = None, format: FormatOption = OutputFormat.table
) -> None:
    """Show who changed an action, when, and from what to what, oldest first."""
    from tracker import queries

    with _session(db) as session:
        row = queries.get_action(session, action_id, today=_today())
        if row is None:
            raise InputError(f"ID {action_id}", "no such action")
        events = queries.action_history(session, action_id)
    if format is OutputFormat.json:
        _print_json([event.to_dict() for event in events])
        return
    status = row.status.replace("_", " ")
    out.print(f"ID {row.id}, version {row.version}, {status}: {row.title}", markup=False)
    table = Table()
    table.add_column("When", no_wrap=True)
    table.add_column("Who", max_width=16)
    table.add_column("Field", no_wrap=True)
    table.add_column("Change")
    for event in events:
        if event.old is None:
            change = event.new or ""
        else:
            change = f"{event.old} -> {event.new if event.new is not None else '(none)'}"
        when = event.at.astimezone(TIME_ZONE).strftime("%Y-%m-%d %H:%M")
        table.add_row(when, event.user, event.field, change)
    out.print(table)


@app.command()
@_fails_cleanly
def note(
    action_id: ActionIdArgument,
    text: Annotated[str, typer.Argument(help="The note, e.g. what was learned or agreed.")],
    db: DbOption = None,
) -> None:
    """Add a note to an action (any status); it is kept in the action's notes and history."""
    from tracker import services

    with _session(db) as session:
        services.add_note(session, action_id, text, user=_user())
    out.print(f"ID {action_id}: note added.")


# --- calendar: .ics export, subscriptions and the feed server ---------------------

export_app = typer.Typer(
    help="Write actions to files for other programs.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(export_app, name="export")

ScopeOwnerOption = Annotated[
    str | None,
    typer.Option("--owner", help="Only actions this owner owns or co-owns (exact name)."),
]
ScopeBodyOption = Annotated[
    str | None, typer.Option("--body", help="Only actions from meetings of this body.")
]
ScopeAllOption = Annotated[bool, typer.Option("--all", help="Every action.")]
ConfidentialOption = Annotated[
    bool,
    typer.Option(
        "--include-confidential",
        help='Show actions on closed items in full, not as "Confidential follow-up".',
    ),
]
UidDomainOption = Annotated[
    str | None,
    typer.Option(
        "--uid-domain",
        envvar="TRACKER_CALENDAR_DOMAIN",
        show_envvar=True,
        help="Domain after the @ of every event UID; keep it fixed once calendars use it.",
    ),
]
BaseUrlOption = Annotated[
    str,
    typer.Option(
        "--base-url",
        envvar="TRACKER_FEED_URL",
        show_envvar=True,
        help="Where subscribers reach `tracker serve`, e.g. https://tracker.example.dk.",
    ),
]


def _scope(owner: str | None, body: str | None, all_: bool, *, required: bool) -> Any:
    """The FeedScope the --owner/--body/--all options name (at most one of them)."""
    from tracker.queries.calendar import FeedScope

    given = [
        name for name, value in (("--owner", owner), ("--body", body), ("--all", all_)) if value
    ]
    if len(given) > 1:
        raise InputError(" and ".join(given), "give only one of --owner, --body and --all")
    if owner is not None:
        return FeedScope("owner", owner)
    if body is not None:
        return FeedScope("body", body)
    if not all_ and required:
        raise InputError("scope", "say whose actions: --owner NAME, --body NAME or --all")
    return FeedScope("all")


def _calendar_options(org: str | None, uid_domain: str | None, **values: Any) -> Any:
    from tracker.calendar.build import DEFAULT_UID_DOMAIN, CalendarOptions

    organisation = _organisation(org)
    return CalendarOptions(
        policy=organisation.policy,
        organisation=organisation,
        uid_domain=uid_domain or DEFAULT_UID_DOMAIN,
        **values,
    )


@export_app.command("ics")
@_fails_cleanly
def export_ics(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The .ics file to write; - for stdout."
        ),
    ] = "-",
    owner: ScopeOwnerOption = None,
    body: ScopeBodyOption = None,
    all_: ScopeAllOption = False,
    todo: Annotated[
        bool, typer.Option("--todo", help="Write tasks (VTODO) instead of events, for task lists.")
    ] = False,
    include_confidential: ConfidentialOption = False,
    name: Annotated[str | None, typer.Option("--name", help="The calendar's name.")] = None,
    db: DbOption = None,
    org: OrgOption = None,
    uid_domain: UidDomainOption = None,
) -> None:
    """Write open and on-hold actions as calendar reminders (all actions by default).

    Each is an all-day event on its due date with a reminder the organisation's
    policy sets (two working days before by default); on-hold actions recur on
    their review date. Importing the file again updates the same events.
    """
    from tracker import queries
    from tracker.calendar.build import build_calendar, calendar_name

    scope = _scope(owner, body, all_, required=False)
    options = _calendar_options(
        org,
        uid_domain,
        name=name or calendar_name(scope),
        todo=todo,
        include_confidential=include_confidential,
    )
    with _session(db) as session:
        actions = queries.calendar_actions(session, scope)
    built = build_calendar(actions, options)
    data = built.text.encode("utf-8")
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    Path(output).write_bytes(data)
    kind = "tasks" if todo else "events"
    undated = f"; {built.undated} without a date left out" if built.undated else ""
    out.print(
        f"Wrote {built.components} {kind} ({scope.describe()}) to {output}{undated}.",
        markup=False,
        soft_wrap=True,
    )


@app.command()
@_fails_cleanly
def subscribe(
    owner: ScopeOwnerOption = None,
    body: ScopeBodyOption = None,
    all_: ScopeAllOption = False,
    label: Annotated[
        str | None, typer.Option("--label", help="Who it is for; also the calendar's name.")
    ] = None,
    include_confidential: ConfidentialOption = False,
    base_url: BaseUrlOption = "http://127.0.0.1:8080",
    db: DbOption = None,
) -> None:
    """Make a calendar feed and print its https and webcal URLs (shown only now)."""
    from tracker.calendar.feeds import feed_urls
    from tracker.calendar.subscriptions import subscribe as make_subscription

    scope = _scope(owner, body, all_, required=True)
    try:
        feed_urls(base_url, "x")
    except ValueError as error:
        raise InputError("--base-url", str(error)) from None
    with _session(db) as session:
        created = make_subscription(
            session, scope, label=label, include_confidential=include_confidential, user=_user()
        )
    web, webcal = feed_urls(base_url, created.token)
    out.print(f"Subscription {created.id} ({created.scope.describe()}):", markup=False)
    out.print(f"  {web}", markup=False, soft_wrap=True)
    out.print(f"  {webcal}", markup=False, soft_wrap=True)
    out.print("Keep the URL secret; it cannot be shown again (only its hash is stored).")
    if web.startswith("http:"):
        err.print(
            "warning: plain http: put `tracker serve` behind https and set TRACKER_FEED_URL "
            "to its https address before handing out URLs.",
            soft_wrap=True,
        )


@app.command()
@_fails_cleanly
def subscriptions(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked subscriptions.")] = False,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List calendar subscriptions, oldest first (their URLs are not stored)."""
    from tracker import queries

    with _session(db) as session:
        rows = queries.list_subscriptions(session, include_revoked=all_)
    if format is OutputFormat.json:
        _print_json([row.to_dict() for row in rows])
        return
    if not rows:
        out.print("No subscriptions. Make one with: tracker subscribe --owner NAME")
        return
    table = Table()
    table.add_column("ID", justify="right", no_wrap=True)
    table.add_column("Scope")
    table.add_column("Label")
    table.add_column("Confidential", no_wrap=True)
    table.add_column("Created", no_wrap=True)
    table.add_column("By")
    if all_:
        table.add_column("Revoked", no_wrap=True)
    for row in rows:
        cells = [
            str(row.id),
            row.scope.describe(),
            row.label or "",
            "shown" if row.include_confidential else "hidden",
            row.created_at.astimezone(TIME_ZONE).strftime("%Y-%m-%d %H:%M"),
            row.created_by,
        ]
        if all_:
            revoked = row.revoked_at
            cells.append(
                revoked.astimezone(TIME_ZONE).strftime("%Y-%m-%d %H:%M") if revoked else ""
            )
        table.add_row(*cells)
    out.print(table)


@app.command()
@_fails_cleanly
def unsubscribe(
    which: Annotated[
        str, typer.Argument(metavar="ID|URL", help="The subscription's ID or its feed URL.")
    ],
    db: DbOption = None,
) -> None:
    """Revoke a calendar subscription: its feed answers 404 from now on."""
    from tracker.calendar.subscriptions import unsubscribe as revoke

    with _session(db) as session:
        revoked = revoke(session, which)
    out.print(f"Subscription {revoked} revoked.")


@app.command()
@_fails_cleanly
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8080,
    db: DbOption = None,
    org: OrgOption = None,
    uid_domain: UidDomainOption = None,
) -> None:
    """Serve the subscription feeds at /feeds/<token>.ics (read-only), and /health."""
    from tracker.calendar.build import calendar_name
    from tracker.calendar.server import serve as run_server
    from tracker.queries.calendar import FeedScope

    options = _calendar_options(org, uid_domain, name=calendar_name(FeedScope("all")))
    with _engine(db) as engine:
        err.print(f"Serving feeds on http://{host}:{port}/feeds/<token>.ics (Ctrl-C stops).")
        run_server(engine, options, host=host, port=port)


# --- the follow-up report ------------------------------------------------------------


class ReportFormatOption(str, Enum):
    md = "md"
    html = "html"
    json = "json"


@app.command()
@_fails_cleanly
def report(
    body: Annotated[
        str | None,
        typer.Option("--body", help="Whose meeting (needed when several bodies are stored)."),
    ] = None,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="DATE",
            help="The meeting's date (YYYY-MM-DD) [default: the body's next meeting].",
        ),
    ] = None,
    format: Annotated[
        ReportFormatOption,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = ReportFormatOption.md,
    lang: LangOption = None,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="File to write; - for stdout.")
    ] = "-",
    db: DbOption = None,
    org: OrgOption = None,
) -> None:
    """Write the follow-up report for a body's next meeting, per owner: overdue,
    due before the meeting, on hold, done since the previous meeting, and
    proposals not yet reviewed."""
    from tracker import queries
    from tracker.config import language
    from tracker.report import render

    organisation = _organisation(org)
    if for_ is not None:
        try:
            for_date: date | None = date.fromisoformat(for_)
        except ValueError:
            raise InputError("--for", f"{for_!r} is not a date; write it as YYYY-MM-DD") from None
    else:
        for_date = None
    chosen = language(lang)
    with _session(db) as session:
        data = queries.follow_up_report(
            session, body=body, for_date=for_date, today=_today(), organisation=organisation
        )
    text = render(data, format.value, "da" if chosen == "da" else "en")
    if output == "-":
        sys.stdout.write(text)
        return
    Path(output).write_text(text, encoding="utf-8")
    out.print(f"Wrote the report for {data.body}, {data.for_date} to {output}.", markup=False)


# --- the spreadsheet round trip ------------------------------------------------------


@export_app.command("csv")
@_fails_cleanly
def export_csv(
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="The .csv file to write.")
    ],
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Only actions whose owner or co-owner contains this text."),
    ] = None,
    status: Annotated[
        StatusFilter, typer.Option("--status", help="Which actions.", case_sensitive=False)
    ] = StatusFilter.all,
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="Cell separator: , or ; (Danish Excel).")
    ] = ",",
    db: DbOption = None,
) -> None:
    """Write actions as a spreadsheet (UTF-8 CSV that Excel opens): edit owner,
    due, due_text, status, condition and notes, then read it back with
    `tracker import-actions`. The other columns are there for context."""
    from tracker import queries
    from tracker.spreadsheet import write_csv

    if delimiter not in (",", ";"):
        raise InputError("--delimiter", "use , or ;")
    with _session(db) as session:
        rows = queries.list_actions(session, owner=owner, status=status.value, today=_today())
    Path(output).write_text(write_csv(rows, delimiter=delimiter), encoding="utf-8-sig", newline="")
    out.print(f"Wrote {len(rows)} actions to {output}.", markup=False, soft_wrap=True)


@app.command(name="import-actions")
@_fails_cleanly
def import_actions(
    file: Annotated[Path, typer.Argument(help="A spreadsheet written by `tracker export csv`.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would change.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Apply the edits in a spreadsheet of actions, by ID, all or nothing.

    Every row is checked first; a bad cell is reported by row and column and
    nothing is written. Each change is recorded in the action's history.
    """
    from sqlmodel import Session

    from tracker.spreadsheet import apply_rows, read_csv

    rows = read_csv(file)
    with _engine(db) as engine, Session(engine) as session:
        changes = apply_rows(session, rows, source=file.name, user=_user())
        if dry_run:
            session.rollback()
        else:
            session.commit()
    for change in changes:
        out.print(change.describe(), markup=False, soft_wrap=True)
    ids = len({change.id for change in changes})
    verb = "Would change" if dry_run else "Changed"
    out.print(f"{verb} {ids} of {len(rows)} actions.", markup=False)


@app.command(name="dump")
@_fails_cleanly
def dump_command(
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The .json file to write [default: stdout]."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the whole database (every table) as JSON, for `tracker restore`."""
    from tracker.backup import dump

    with _engine(db) as engine:
        data = dump(engine)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(output, f"cannot write it ({error.strerror or error})") from None
    rows = sum(len(rows) for rows in data["tables"].values())
    out.print(f"Wrote {rows} rows to {output}.", markup=False, soft_wrap=True)


@app.command(name="restore")
@_fails_cleanly
def restore_command(
    file: Annotated[Path, typer.Argument(help="A dump written by `tracker dump`.")],
    db: DbOption = None,
) -> None:
    """Restore a dump into an empty database, all or nothing."""
    from tracker.backup import load, restore

    data = load(file)
    with _engine(db) as engine:
        counts = restore(engine, data, source=str(file))
    for table, count in counts.items():
        out.print(f"{table}: {count}", markup=False)
    out.print(f"Restored {sum(counts.values())} rows from {file}.", markup=False, soft_wrap=True)
