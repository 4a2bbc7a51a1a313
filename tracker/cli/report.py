"""`tracker report`: the follow-up report for a body's next meeting.

The command picks the meeting and the language; `tracker.queries` gathers
the report and `tracker.report` renders it as Markdown, HTML or JSON.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from tracker import printable
from tracker.cli import clock
from tracker.cli.app import app
from tracker.cli.common import (
    DbOption,
    LangOption,
    OrgOption,
    chosen_lang,
    fails_cleanly,
    open_session,
    organisation_from,
    out,
    writing,
)
from tracker.errors import InputError


class ReportFormatOption(str, Enum):
    md = "md"
    html = "html"
    json = "json"


@app.command()
@fails_cleanly
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

    organisation = organisation_from(org)
    if for_ is not None:
        try:
            for_date: date | None = date.fromisoformat(for_)
        except ValueError:
            raise InputError("--for", f"{for_!r} is not a date; write it as YYYY-MM-DD") from None
    else:
        for_date = None
    chosen = language(chosen_lang(lang))
    with open_session(db) as session:
        data = queries.follow_up_report(
            session, body=body, for_date=for_date, today=clock.today(), organisation=organisation
        )
    text = render(data, format.value, "da" if chosen == "da" else "en")
    if output == "-":
        sys.stdout.write(text)
        return
    with writing(output) as path:
        path.write_text(text, encoding="utf-8")
    out.print(
        f"Wrote the report for {data.body}, {data.for_date} to {printable.one_line(str(output))}."
    )
