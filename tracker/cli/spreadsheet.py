"""The spreadsheet round trip: `export csv` writes actions for Excel, and
`import-actions` applies the edits made there.

The CSV format and the checks on every cell live in `tracker.spreadsheet`,
the workbook format in `tracker.workbook`; these commands only choose the
rows, the file (a name ending in .xlsx is a workbook, any other a CSV file)
and whether to commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker import printable
from tracker.cli import clock
from tracker.cli.app import app, export_app
from tracker.cli.common import (
    DbOption,
    StatusFilter,
    fails_cleanly,
    open_engine,
    open_session,
    out,
    user,
    writing,
)
from tracker.errors import InputError


@export_app.command("csv")
@fails_cleanly
def export_csv(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The .csv file, or .xlsx workbook, to write."
        ),
    ],
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Only actions whose owner or co-owner contains this text."),
    ] = None,
    status: Annotated[
        StatusFilter, typer.Option("--status", help="Which actions.", case_sensitive=False)
    ] = StatusFilter.all,
    delimiter: Annotated[
        str | None,
        typer.Option("--delimiter", help="CSV cell separator: , or ; (Danish Excel)  [default: ,]"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write actions as a spreadsheet (UTF-8 CSV that Excel opens, or an Excel
    workbook for a FILE ending in .xlsx): edit owner, due, due_text, status,
    condition and notes, then read it back with `tracker import-actions`. The
    other columns are there for context."""
    from tracker import queries

    workbook = _is_workbook(Path(output))
    if delimiter not in (None, ",", ";"):
        raise InputError("--delimiter", "use , or ;")
    if workbook and delimiter is not None:
        raise InputError("--delimiter", "a workbook (.xlsx) has no delimiter; leave it out")
    with open_session(db) as session:
        rows = queries.list_actions(session, owner=owner, status=status.value, today=clock.today())
    with writing(output) as path:
        if workbook:
            from tracker.workbook import write_xlsx

            write_xlsx(rows, path)
        else:
            from tracker.spreadsheet import write_csv

            text = write_csv(rows, delimiter=delimiter or ",")
            path.write_text(text, encoding="utf-8-sig", newline="")
    out.print(f"Wrote {len(rows)} actions to {printable.one_line(str(output))}.", soft_wrap=True)


@app.command(name="import-actions")
@fails_cleanly
def import_actions(
    file: Annotated[
        Path, typer.Argument(help="A .csv file or .xlsx workbook written by `tracker export csv`.")
    ],
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

    if _is_workbook(file):
        from tracker.workbook import read_xlsx

        rows = read_xlsx(file)
    else:
        rows = read_csv(file)
    with open_engine(db) as engine, Session(engine) as session:
        changes = apply_rows(session, rows, source=file.name, user=user())
        if dry_run:
            session.rollback()
        else:
            session.commit()
    for change in changes:
        out.print(change.describe(), soft_wrap=True)
    ids = len({change.id for change in changes})
    verb = "Would change" if dry_run else "Changed"
    out.print(f"{verb} {ids} of {len(rows)} actions.")


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"
