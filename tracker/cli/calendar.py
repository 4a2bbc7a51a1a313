"""Calendar commands: `export ics`, subscribe, subscriptions, unsubscribe and serve.

They put open actions into people's calendars (`tracker.calendar`), either
as an .ics file written once or as subscription feeds that `tracker serve`
answers and calendars poll.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from tracker import printable
from tracker.cli import clock
from tracker.cli.app import app, export_app
from tracker.cli.common import (
    DbOption,
    FormatOption,
    OrgOption,
    OutputFormat,
    err,
    fails_cleanly,
    open_engine,
    open_session,
    organisation_from,
    out,
    print_json,
    user,
    writing,
)
from tracker.errors import InputError

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


def _calendar_options(organisation: Any, uid_domain: str | None, **values: Any) -> Any:
    from tracker.calendar.build import DEFAULT_UID_DOMAIN, CalendarOptions

    return CalendarOptions(
        policy=organisation.policy,
        organisation=organisation,
        uid_domain=uid_domain or DEFAULT_UID_DOMAIN,
        **values,
    )


@export_app.command("ics")
@fails_cleanly
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
    from tracker.calendar.scopes import checked_scope

    asked = _scope(owner, body, all_, required=False)
    organisation = organisation_from(org)
    with open_session(db) as session:
        scope = checked_scope(session, asked, organisation)
        actions = queries.calendar_actions(session, scope)
    options = _calendar_options(
        organisation,
        uid_domain,
        name=name or calendar_name(scope),
        todo=todo,
        include_confidential=include_confidential,
    )
    built = build_calendar(actions, options, today=clock.today())
    data = built.text.encode("utf-8")
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with writing(output) as path:
        path.write_bytes(data)
    kind = "tasks" if todo else "events"
    undated = f"; {built.undated} without a date left out" if built.undated else ""
    out.print(
        f"Wrote {built.components} {kind} ({scope.describe()}) to "
        f"{printable.one_line(output)}{undated}.",
        soft_wrap=True,
    )


@app.command()
@fails_cleanly
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
    org: OrgOption = None,
) -> None:
    """Make a calendar feed and print its https and webcal URLs (shown only now).

    The owner or body must be named on stored actions or meetings, or in the
    organisation file."""
    from tracker.calendar.feeds import feed_urls
    from tracker.calendar.subscriptions import subscribe as make_subscription

    scope = _scope(owner, body, all_, required=True)
    try:
        feed_urls(base_url, "x")
    except ValueError as error:
        raise InputError("--base-url", str(error)) from None
    organisation = organisation_from(org)
    with open_session(db) as session:
        created = make_subscription(
            session,
            scope,
            label=label,
            include_confidential=include_confidential,
            organisation=organisation,
            user=user(),
        )
    web, webcal = feed_urls(base_url, created.token)
    out.print(f"Subscription {created.id} ({created.scope.describe()}):")
    out.print(f"  {web}", soft_wrap=True)
    out.print(f"  {webcal}", soft_wrap=True)
    out.print("Keep the URL secret; it cannot be shown again (only its hash is stored).")
    if web.startswith("http:"):
        err.print(
            "warning: plain http: put `tracker serve` behind https and set TRACKER_FEED_URL "
            "to its https address before handing out URLs.",
            soft_wrap=True,
        )


@app.command()
@fails_cleanly
def subscriptions(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked subscriptions.")] = False,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List calendar subscriptions, oldest first (their URLs are not stored)."""
    from tracker import queries

    with open_session(db) as session:
        rows = queries.list_subscriptions(session, include_revoked=all_)
    if format is OutputFormat.json:
        print_json([row.to_dict() for row in rows])
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
            row.created_at.astimezone(clock.TIME_ZONE).strftime("%Y-%m-%d %H:%M"),
            row.created_by,
        ]
        if all_:
            revoked = row.revoked_at
            cells.append(
                revoked.astimezone(clock.TIME_ZONE).strftime("%Y-%m-%d %H:%M") if revoked else ""
            )
        table.add_row(*cells)
    out.print(table)


@app.command()
@fails_cleanly
def unsubscribe(
    which: Annotated[
        str, typer.Argument(metavar="ID|URL", help="The subscription's ID or its feed URL.")
    ],
    db: DbOption = None,
) -> None:
    """Revoke a calendar subscription: its feed answers 404 from now on."""
    from tracker.calendar.subscriptions import unsubscribe as revoke

    with open_session(db) as session:
        revoked = revoke(session, which)
    out.print(f"Subscription {revoked} revoked.")


@app.command()
@fails_cleanly
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on (1-65535).")
    ] = 8080,
    db: DbOption = None,
    org: OrgOption = None,
    uid_domain: UidDomainOption = None,
) -> None:
    """Serve the subscription feeds at /feeds/<token>.ics (read-only), and /health."""
    from tracker.calendar.build import calendar_name
    from tracker.calendar.server import serve as run_server
    from tracker.queries.calendar import FeedScope

    options = _calendar_options(
        organisation_from(org), uid_domain, name=calendar_name(FeedScope("all"))
    )
    with open_engine(db) as engine:
        err.print(f"Serving feeds on http://{host}:{port}/feeds/<token>.ics (Ctrl-C stops).")
        run_server(engine, options, host=host, port=port)
