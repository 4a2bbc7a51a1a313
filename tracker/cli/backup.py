"""Backups: `dump` writes the whole database as JSON and `restore` reads it
back into an empty one (`tracker.backup` does the work, all or nothing)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker import printable
from tracker.cli.app import app
from tracker.cli.common import DbOption, fails_cleanly, open_engine, out, writing


@app.command(name="dump")
@fails_cleanly
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

    with open_engine(db) as engine:
        data = dump(engine)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    with writing(output) as path:
        path.write_text(text, encoding="utf-8")
    rows = sum(len(rows) for rows in data["tables"].values())
    out.print(f"Wrote {rows} rows to {printable.one_line(str(output))}.", soft_wrap=True)


@app.command(name="restore")
@fails_cleanly
def restore_command(
    file: Annotated[Path, typer.Argument(help="A dump written by `tracker dump`.")],
    db: DbOption = None,
) -> None:
    """Restore a dump into an empty database, all or nothing."""
    from tracker.backup import load, restore

    data = load(file)
    with open_engine(db) as engine:
        counts = restore(engine, data, source=str(file))
    for table, count in counts.items():
        out.print(f"{table}: {count}")
    out.print(
        f"Restored {sum(counts.values())} rows from {printable.one_line(str(file))}.",
        soft_wrap=True,
    )
