"""`tracker rules`: how each extractor rule's proposals fared in review here."""

from __future__ import annotations

from rich.table import Table

from tracker.cli.app import app
from tracker.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    fails_cleanly,
    open_session,
    out,
    print_json,
)


@app.command()
@fails_cleanly
def rules(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """Per extractor rule: its proposals in this database, and how many were
    kept (accepted as proposed), edited (accepted after changes, and which
    fields), rejected or are still waiting. A rule mostly rejected here
    proposes with less confidence (the Trust column)."""
    from tracker import queries

    with open_session(db) as session:
        outcomes = queries.rule_outcomes(session)
    if format is OutputFormat.json:
        print_json([{**o.to_dict(), "confidence_factor": o.confidence_factor()} for o in outcomes])
        return
    if not outcomes:
        out.print("No proposals from the extractor in this database yet.")
        return
    table = Table()
    table.add_column("Rule", no_wrap=True)
    # "Kept": accepted as proposed; "Edited": accepted after changes.
    for heading in ("All", "Kept", "Edited", "Rejected", "Waiting"):
        table.add_column(heading, justify="right", min_width=len(heading))
    table.add_column("Edited fields")
    table.add_column("Trust", justify="right")
    for o in outcomes:
        fields = ", ".join(f"{name} {count}" for name, count in o.edited_fields.items())
        table.add_row(
            o.rule, str(o.proposed), str(o.accepted), str(o.edited), str(o.rejected),
            str(o.waiting), fields, f"{o.confidence_factor():.0%}",
        )  # fmt: skip
    out.print(table)
