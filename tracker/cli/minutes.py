"""Commands on minutes and meetings: extract, import, meetings, show and demo.

These read minutes files (`tracker.ingest`, `tracker.minutes`, `tracker.extract`)
and store them (`tracker.services`), or show what is stored. The heavy modules
are imported inside each command, so `tracker --help` starts fast.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from tracker import printable
from tracker.cli.app import app, open_app
from tracker.cli.common import (
    DbOption,
    FormatOption,
    LangOption,
    OrgOption,
    OutputFormat,
    StatusFilter,
    chosen_db,
    err,
    fails_cleanly,
    open_engine,
    open_session,
    organisation_from,
    out,
    print_error,
    print_notice,
    print_json,
    stored_number,
)
from tracker.errors import InputError, TrackerError

if TYPE_CHECKING:
    from tracker.services import ImportOutcome


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"


BodyOption = Annotated[
    str | None,
    typer.Option("--body", help="The meeting's body, for documents that do not state it."),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="The meeting's date (YYYY-MM-DD), for documents that do not state it."
    ),
]


DemoDbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Where to build the demo database [default: demo.db in your data "
        "directory; never $TRACKER_DATABASE_URL].",
    ),
]


def _parse_date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("--date", f"{value!r} is not a date; write it as YYYY-MM-DD") from None


@app.command()
@fails_cleanly
def extract(
    file: Annotated[
        str,
        typer.Argument(help="A minutes file (.txt, .pdf, .docx, .html), or - for standard input."),
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

    organisation = organisation_from(org)
    when = _parse_date_option(meeting_date)
    if file == "-":
        document = read_bytes(sys.stdin.buffer.read(), "standard input", format="txt")
    else:
        document = read_document(Path(file))
    source = "standard input" if file == "-" else file
    if as_decision:
        minutes = decision_as_minutes(document.text, source=source, body=body, meeting_date=when)
    else:
        minutes = parse_minutes(
            document.text,
            source=source,
            body=body,
            meeting_date=when,
            known_bodies=organisation.body_names(),
        )
    for notice in minutes.notices:
        print_notice(notice)
    result = minutes_to_dict(minutes)
    result["actions"] = [action_to_dict(a) for a in extract_actions(minutes, organisation)]
    if format is ExtractFormat.json:
        print_json(result)
        return
    meeting = result["meeting"]
    facts = [meeting["body"] or "(body unknown)", meeting["date"] or "(date unknown)"]
    out.print(f"{', '.join(facts)} {meeting['start'] or ''}".rstrip())
    for item in result["items"]:
        closed = " (closed)" if item["closed"] else ""
        out.print(f"  {item['number']}. {item['title']}{closed}")
        for action in (a for a in result["actions"] if a["item"] == item["number"]):
            due = f" [{action['due']} «{action['due_text']}»]" if action["due"] else ""
            owner = action["owner"] or "?"
            out.print(f"      - {owner}: {action['title']}{due}")


@app.command(name="import")
@fails_cleanly
def import_(
    files: Annotated[list[Path], typer.Argument(help="Minutes files to import.")],
    db: DbOption = None,
    body: BodyOption = None,
    meeting_date: DateOption = None,
    org: OrgOption = None,
) -> None:
    """Import minutes into the database and propose their follow-up actions:
    one transaction per file.

    Each file is reported as it finishes (with a progress bar on a terminal).
    A file that fails gets its error line on stderr and is skipped; the others
    are imported, and the report ends with a list of the failures. Review the
    proposals with `tracker list --status proposed`.
    """
    from tracker.services import import_files

    when = _parse_date_option(meeting_date)
    organisation = organisation_from(org)
    with _progress(len(files)) as advance, open_engine(db) as engine:

        def finished(outcome: ImportOutcome) -> None:
            _report(outcome)
            advance(outcome.path)

        outcomes = import_files(
            engine,
            files,
            organisation=organisation,
            body=body,
            meeting_date=when,
            on_file=finished,
        )
    failures = [outcome for outcome in outcomes if outcome.result is None]
    counts = Counter(outcome.result.status for outcome in outcomes if outcome.result)
    parts = [f"{counts[status]} {status}" for status in ("created", "updated", "unchanged")]
    summary = ", ".join(part for part in parts if not part.startswith("0 "))
    if failures:
        summary = f"{summary}, {len(failures)} failed" if summary else f"{len(failures)} failed"
    out.print(f"{len(files)} file(s): {summary}.")
    if failures and len(files) > 1:  # the report's recap; each error had its line on stderr
        out.print(f"Failed ({len(failures)}):")
        for outcome in failures:
            out.print(f"  {printable.one_line(str(outcome.error))}", soft_wrap=True)
    if failures:
        raise typer.Exit(1)


def _report(outcome: ImportOutcome) -> None:
    """One line for a finished file: what was stored, on stdout, or why not, on stderr."""
    if outcome.result is None:  # the file failed: the outcome holds its error instead
        print_error(outcome.error)
        return
    for notice in outcome.notices:
        print_notice(notice)
    line = f"{printable.one_line(str(outcome.path))}: {outcome.result.describe()}"
    out.print(line, soft_wrap=True)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Path], None]]:
    """A progress bar on stderr for many files on a terminal; otherwise nothing.

    Lines printed while it runs go above it: stderr's on its own console, and
    stdout's through rich's redirection when stdout is that terminal too (and
    straight to the file or pipe when it is not).
    """
    if total < 2 or not err.is_terminal:
        yield lambda path: None
        return
    columns = (
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}", markup=False),
    )
    with Progress(
        *columns,
        console=err,
        transient=True,
        redirect_stdout=out.is_terminal,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(path: Path) -> None:
            progress.update(task, advance=1, description=printable.one_line(path.name))

        yield advance


@app.command()
@fails_cleanly
def meetings(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """List the imported meetings, newest first."""
    from tracker import queries

    with open_session(db) as session:
        rows = [m.to_dict() for m in queries.list_meetings(session)]
    if format is OutputFormat.json:
        print_json(rows)
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
@fails_cleanly
def show(
    meeting_id: Annotated[
        int,
        typer.Argument(callback=stored_number, help="The meeting's ID (see `tracker meetings`)."),
    ],
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show one meeting: its facts, items and decisions."""
    from tracker import queries

    with open_session(db) as session:
        detail = queries.get_meeting(session, meeting_id=meeting_id)
    if detail is None:
        raise InputError("MEETING_ID", f"no meeting with ID {meeting_id}; see `tracker meetings`")
    data = detail.to_dict()
    if format is OutputFormat.json:
        print_json(data)
        return
    _print_meeting(data)


def _print_meeting(data: dict[str, Any]) -> None:
    out.print(Text.assemble((data["body"], "bold"), f"  {data['date']} {data['start'] or ''}"))
    if data.get("place"):
        out.print(f"Place: {data['place']}")
    if data.get("participants"):
        out.print(f"Participants: {', '.join(data['participants'])}")
    table = Table("No.", "Title", "Case", "Decision", "Actions", show_lines=True)
    for item in data["items"]:
        decision = "(closed)" if item["closed"] else (item["decision"] or "")
        table.add_row(
            str(item["number"]), item["title"], item["case"] or "", decision, str(item["actions"])
        )
    out.print(table)


@app.command()
@fails_cleanly
def demo(db: DemoDbOption = None, org: OrgOption = None, lang: LangOption = None) -> None:
    """Build a demo database from the sample minutes in data/minutes/ and open the
    app on it; printed as tables instead when the output is not a terminal."""
    # Imported here rather than at the top so that `list` registers after the
    # minutes commands, keeping the order of `tracker --help`.
    from tracker.cli.actions import list_
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
    # Never the configured database (TRACKER_DATABASE_URL): only a --db given here.
    url = chosen_db(db) or demo_database_url()
    # The sample minutes come with a sample organisation, unless you name your own.
    organisation = load_organisation(organisation_file(org) or sample_organisation_file())
    with open_engine(url) as engine:
        outcomes = import_files(engine, files, organisation=organisation)
    for outcome in outcomes:
        if outcome.result is None:
            raise TrackerError(str(outcome.error))
        out.print(f"{outcome.path.name}: {outcome.result.describe()}")
    if sys.stdout.isatty():
        open_app(url, organisation, lang)
        return
    out.print(f"\nDemo database: {url}\n")
    meetings(db=url, format=OutputFormat.table)
    out.print("\nFollow-up actions proposed from these minutes, to review:\n")
    list_(owner=None, status=StatusFilter.proposed, db=url, format=OutputFormat.table)
    out.print(
        f"\nLook inside a meeting with: tracker show ID --db {url}\n"
        f"Accept, assign or finish actions with: tracker accept ID --db {url} (see tracker --help)",
    )
