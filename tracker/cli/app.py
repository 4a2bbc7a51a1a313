"""The `tracker` Typer app itself, and what bare `tracker` does: open the TUI.

The command modules register their commands on `app` (and on `export_app`
for `tracker export ...`); this module holds only the app-wide options
(`--version`, and `--db`/`--org`/`--lang`, which apply to the TUI and to
every command) and `open_app`, which
`tracker demo` also uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker import __version__
from tracker.cli import clock
from tracker.cli.common import (
    APP_OPTIONS,
    AppOptions,
    DbOption,
    LangOption,
    OrgOption,
    chosen_lang,
    fails_cleanly,
    open_engine,
    organisation_from,
    out,
    user,
)

if TYPE_CHECKING:
    from tracker.organisation import Organisation

app = typer.Typer(
    name="tracker",
    help="Decision and follow-up tracker for municipal boards and committees.",
    no_args_is_help=False,  # no arguments opens the app
    add_completion=False,
    rich_markup_mode=None,
)
export_app = typer.Typer(
    help="Write actions to files for other programs.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(export_app, name="export")


def _version(value: bool) -> None:
    if value:
        out.print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@fails_cleanly
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
    APP_OPTIONS.set(AppOptions(db=db, org=org, lang=lang))
    if ctx.invoked_subcommand is None:
        open_app(db, organisation_from(org), lang)


def open_app(db: str | None, organisation: Organisation, lang: str | None) -> None:
    """Run the Textual app on the database `db` until the user quits."""
    from tracker.config import language
    from tracker.tui.app import TrackerApp
    from tracker.tui.context import TuiContext

    ui_language = language(chosen_lang(lang))
    with open_engine(db) as engine:
        context = TuiContext(
            engine=engine, organisation=organisation, user=user(), today=clock.today
        )
        TrackerApp(context, language=ui_language).run()
