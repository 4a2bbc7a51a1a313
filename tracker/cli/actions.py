"""Commands on follow-up actions: list, accept, reject, assign, done, hold,
reactivate, history and note.

Each change goes through `tracker.services`, which records it in the
action's history; `--if-version` makes a change fail with exit status 3
when someone else changed the action first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from rich.table import Table

from tracker.cli import clock
from tracker.cli.app import app
from tracker.cli.common import (
    DbOption,
    FormatOption,
    OrgOption,
    OutputFormat,
    StatusFilter,
    fails_cleanly,
    open_session,
    organisation_from,
    out,
    print_json,
    stored_number,
    user,
)
from tracker.errors import InputError

ActionIdArgument = Annotated[
    int, typer.Argument(callback=stored_number, help="The action's ID (see `tracker list`).")
]
ActionIdsArgument = Annotated[
    list[int], typer.Argument(callback=stored_number, help="Action IDs (see `tracker list`).")
]
IfVersionOption = Annotated[
    int | None,
    typer.Option(
        "--if-version",
        metavar="N",
        callback=stored_number,
        help="Change the action only if it is still at version N, the version you "
        "looked at (`tracker history`, `tracker list --format json`); if someone "
        "changed it since, nothing is saved and the exit status is 3.",
    ),
]


@app.command(name="list")
@fails_cleanly
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

    with open_session(db) as session:
        rows = queries.list_actions(session, owner=owner, status=status.value, today=clock.today())
    if format is OutputFormat.json:
        print_json([row.to_dict() for row in rows])
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
            + ("\nsource gone" if row.source_lost_at else ""),
            style="bold red" if row.overdue else None,
        )
    out.print(table)


@app.command()
@fails_cleanly
def accept(ids: ActionIdsArgument, db: DbOption = None, if_version: IfVersionOption = None) -> None:
    """Accept proposed actions as agreed work (all or none)."""
    from tracker import services

    _review(services.accept, ids, db, if_version)
    out.print(f"Accepted {_ids(ids)}.")


@app.command()
@fails_cleanly
def reject(ids: ActionIdsArgument, db: DbOption = None, if_version: IfVersionOption = None) -> None:
    """Reject proposed actions that are wrong, or drop work no longer wanted (all or none)."""
    from tracker import services

    _review(services.reject, ids, db, if_version)
    out.print(f"Rejected {_ids(ids)}.")


@app.command()
@fails_cleanly
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

    organisation = organisation_from(org)
    with open_session(db) as session:
        services.assign(
            session,
            action_id,
            owner=owner,
            due_phrase=due,
            organisation=organisation,
            user=user(),
            version=if_version,
        )
        row = queries.get_action(session, action_id, today=clock.today())
    assert row is not None  # assign refuses unknown IDs
    parts = [f"owner {row.owner}"] if owner is not None else []
    if due is not None:
        parts.append(f"due {row.due} ({row.due_text})" if row.due else f"due {row.due_text}")
    if row.status == "proposed":
        parts.append(f"still proposed: accept it with `tracker accept {row.id}`")
    out.print(f"ID {row.id}: {'; '.join(parts)}", soft_wrap=True)


@app.command()
@fails_cleanly
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

    with open_session(db) as session:
        services.done(session, action_id, note=note, user=user(), version=if_version)
    out.print(f"ID {action_id}: done.")


@app.command()
@fails_cleanly
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

    with open_session(db) as session:
        services.hold(session, action_id, until=until, user=user(), version=if_version)
    out.print(f"ID {action_id}: on hold until {until.strip()}.", soft_wrap=True)


@app.command()
@fails_cleanly
def reactivate(
    action_id: ActionIdArgument, db: DbOption = None, if_version: IfVersionOption = None
) -> None:
    """Reopen an action that is on hold, done or rejected."""
    from tracker import services

    with open_session(db) as session:
        services.reactivate(session, action_id, user=user(), version=if_version)
    out.print(f"ID {action_id}: open again.")


def _ids(ids: list[int]) -> str:
    return ("ID " if len(ids) == 1 else "IDs ") + ", ".join(map(str, ids))


def _review(
    change: Callable[..., None], ids: list[int], db: str | None, if_version: int | None
) -> None:
    """Accept or reject several actions; `--if-version` names the version of one."""
    versions = None
    if if_version is not None:
        if len(ids) != 1:
            raise InputError("--if-version", "give exactly one ID with --if-version")
        versions = {ids[0]: if_version}
    with open_session(db) as session:
        change(session, ids, user=user(), versions=versions)


@app.command()
@fails_cleanly
def history(
    action_id: ActionIdArgument, db: DbOption = None, format: FormatOption = OutputFormat.table
) -> None:
    """Show who changed an action, when, and from what to what, oldest first."""
    from tracker import queries

    with open_session(db) as session:
        row = queries.get_action(session, action_id, today=clock.today())
        if row is None:
            raise InputError(f"ID {action_id}", "no such action")
        events = queries.action_history(session, action_id)
    if format is OutputFormat.json:
        print_json([event.to_dict() for event in events])
        return
    status = row.status.replace("_", " ")
    out.print(f"ID {row.id}, version {row.version}, {status}: {row.title}")
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
        when = event.at.astimezone(clock.TIME_ZONE).strftime("%Y-%m-%d %H:%M")
        table.add_row(when, event.user, event.field, change)
    out.print(table)


@app.command()
@fails_cleanly
def note(
    action_id: ActionIdArgument,
    text: Annotated[str, typer.Argument(help="The note, e.g. what was learned or agreed.")],
    db: DbOption = None,
) -> None:
    """Add a note to an action (any status); it is kept in the action's notes and history."""
    from tracker import services

    with open_session(db) as session:
        services.add_note(session, action_id, text, user=user())
    out.print(f"ID {action_id}: note added.")
