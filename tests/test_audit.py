"""The audit trail: every change to an action is an event with who, when, field,
old and new value; editing, splitting, merging and adding actions by hand;
`tracker history` and `tracker note`; migration 0003 with data.

Built on the stand-in extractor of `tests.test_actions`, so the proposals are
known exactly.
"""

# ruff: noqa: F811  (the fixtures of tests.test_actions, imported to be used)
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, text

from tests.test_actions import (  # noqa: F401  (fixtures)
    OLD_ROWS,
    action,
    ids,
    known_meetings,
    make_minutes,
    organisation,
    run,
    state,
    store,
)
from tests.test_migrations import drop_every_table
from tracker import services
from tracker.db import alembic_config, migrate, session_scope
from tracker.errors import InputError
from tracker.organisation import Organisation, Policy
from tracker.queries import action_detail, action_history

NOW = dt.datetime(2022, 8, 16, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events are stamped by the services' clock; freeze it."""
    monkeypatch.setattr(services.audit, "utcnow", lambda: NOW)


def act(engine: Engine, service: str, *args: Any, user: str = "anya", **kwargs: Any) -> Any:
    with session_scope(engine) as session:
        return getattr(services, service)(session, *args, user=user, **kwargs)


def history(engine: Engine, action_id: int) -> list[tuple[str, str, str | None, str | None]]:
    """(user, field, old, new) of the action's events, oldest first."""
    with session_scope(engine) as session:
        return [(e.user, e.field, e.old, e.new) for e in action_history(session, action_id)]


def changes(engine: Engine, action_id: int) -> list[tuple[str, str, str | None, str | None]]:
    """The events after creation."""
    return history(engine, action_id)[1:]


# --- events of each change ------------------------------------------------------------


def test_import_records_each_proposal_as_created_by_the_configured_user(
    engine: Engine,
    organisation: Organisation,
    known_meetings: list[tuple[dt.date, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKER_USER", "sekretær")
    store(engine, make_minutes({"1": "Program"}), organisation)
    with session_scope(engine) as session:
        events = [e for i in (1, 2) for e in action_history(session, i)]
    assert [(e.action_id, e.user, e.field, e.old, e.new, e.at) for e in events] == [
        (1, "sekretær", "created", None, "Programmet sendes ud", NOW),
        (2, "sekretær", "created", None, "ØC kommer med et oplæg", NOW),
    ]


def test_every_change_is_an_event_with_user_field_old_and_new(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    oc = ids["ØC"]
    act(engine, "assign", oc, owner="HRC", due_phrase="30-09-2022", organisation=organisation)
    act(engine, "edit_title", oc, "ØC kommer med et oplæg om slides", user="bo")
    act(engine, "accept", [oc])
    act(engine, "hold", oc, until="budgettet er klar")
    act(engine, "reactivate", oc)
    act(engine, "add_note", oc, "  Oplæg aftalt med HRC ")
    act(engine, "done", oc, note="Holdt 12/9")
    assert changes(engine, oc) == [
        ("anya", "owner", "ØC", "HRC"),
        ("anya", "due", None, "2022-09-30"),
        ("anya", "due_text", None, "30-09-2022"),
        ("bo", "title", "ØC kommer med et oplæg", "ØC kommer med et oplæg om slides"),
        ("anya", "status", "proposed", "open"),
        ("anya", "status", "open", "on_hold"),
        ("anya", "condition", None, "budgettet er klar"),
        ("anya", "status", "on_hold", "open"),
        ("anya", "note", None, "Oplæg aftalt med HRC"),
        ("anya", "status", "open", "done"),
        ("anya", "note", None, "Holdt 12/9"),
    ]
    assert action(engine, oc)["notes"] == "Oplæg aftalt med HRC\nHoldt 12/9"
    act(engine, "reject", [ids["HRC"]])
    assert changes(engine, ids["HRC"]) == [("anya", "status", "proposed", "rejected")]


def test_what_does_not_change_records_nothing(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    hrc = ids["HRC"]
    act(engine, "assign", hrc, owner=" HRC ", due_phrase="30-08-2022", organisation=organisation)
    act(engine, "edit_title", hrc, "HRC  tilretter\nprogrammet")
    assert changes(engine, hrc) == []
    act(engine, "hold", hrc, until="x")
    act(engine, "hold", hrc, until="x")
    assert [field for _, field, _, _ in changes(engine, hrc)] == ["status", "condition"]


@pytest.mark.parametrize(
    ("service", "args", "message"),
    [
        ("edit_title", (" \n ",), "the title is empty"),
        ("add_note", ("  ",), "the note is empty"),
        ("split_action", (["Ene", " "],), "give at least two titles"),
    ],
)
def test_edits_refuse_empty_text_with_one_line(
    engine: Engine, ids: dict[str, int], service: str, args: tuple[Any, ...], message: str
) -> None:
    before = state(engine)
    with pytest.raises(InputError, match=f"^ID {ids['ØC']}: {message}") as refused:
        act(engine, service, ids["ØC"], *args)
    assert "\n" not in str(refused.value)
    assert state(engine) == before


def test_a_change_needs_a_user(engine: Engine, ids: dict[str, int]) -> None:
    before = state(engine)
    with pytest.raises(InputError, match="^user: no user"):
        act(engine, "accept", [ids["ØC"]], user=" ")
    assert state(engine) == before


def test_finished_actions_take_notes_but_no_edits(engine: Engine, ids: dict[str, int]) -> None:
    act(engine, "reject", [ids["ØC"]])
    act(engine, "add_note", ids["ØC"], "Dækkes af punkt 7")
    with pytest.raises(InputError, match="is rejected; edit applies to"):
        act(engine, "edit_title", ids["ØC"], "Ny titel")


# --- split, merge, add ------------------------------------------------------------------


def test_split_keeps_the_first_title_and_copies_the_rest(
    engine: Engine, ids: dict[str, int]
) -> None:
    original = action(engine, ids["Programmet"])
    new_ids = act(
        engine, "split_action", ids["Programmet"], ["Ret programmet", "", " Send programmet ud "]
    )
    assert len(new_ids) == 1
    kept, part = action(engine, ids["Programmet"]), action(engine, new_ids[0])
    assert kept["title"] == "Ret programmet"
    copied = ("item_number", "owner", "due", "due_text", "kind", "source", "status", "confidence")
    assert [part[key] for key in copied] == [original[key] for key in copied]
    assert part["title"] == "Send programmet ud"
    assert changes(engine, ids["Programmet"]) == [
        ("anya", "title", "Programmet sendes ud", "Ret programmet"),
        ("anya", "split_into", None, f"#{new_ids[0]}"),
    ]
    assert history(engine, new_ids[0]) == [
        ("anya", "created", None, "Send programmet ud"),
        ("anya", "split_from", None, f"#{ids['Programmet']}"),
    ]


def test_merge_keeps_the_first_and_rejects_the_others_with_a_note(
    engine: Engine, ids: dict[str, int]
) -> None:
    first, second = ids["Programmet"], ids["ØC"]
    kept = act(engine, "merge_actions", [first, second, first])
    assert kept == first
    merged, other = action(engine, first), action(engine, second)
    assert (merged["status"], merged["title"], merged["owner"]) == (
        "proposed",
        "Programmet sendes ud",
        "Sekretariatet",
    )
    assert merged["notes"] == f"merged #{second}: ØC kommer med et oplæg"
    assert merged["source"] == "Programmet sendes ud snarest.\nØC kommer med et oplæg."
    assert (other["status"], other["notes"]) == ("rejected", f"merged into #{first}")
    assert changes(engine, first) == [
        ("anya", "note", None, f"merged #{second}: ØC kommer med et oplæg"),
        ("anya", "merged_from", None, f"#{second}"),
        (
            "anya",
            "source",
            "Programmet sendes ud snarest.",
            "Programmet sendes ud snarest.\nØC kommer med et oplæg.",
        ),
    ]
    assert changes(engine, second) == [
        ("anya", "status", "proposed", "rejected"),
        ("anya", "note", None, f"merged into #{first}"),
    ]


@pytest.mark.parametrize(
    ("titles", "message"),
    [
        (["Programmet"], "give two or more actions to merge"),
        (["Programmet", "HRC"], "is on another agenda item than"),
    ],
)
def test_merge_refuses_one_action_and_actions_of_different_items(
    engine: Engine, ids: dict[str, int], titles: list[str], message: str
) -> None:
    before = state(engine)
    with pytest.raises(InputError, match=message):
        act(engine, "merge_actions", [ids[title] for title in titles])
    assert state(engine) == before


def test_add_action_from_a_sentence_is_open_with_its_due_date(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    item_id = _item_id(engine, ids["HRC"])
    new_id = act(
        engine,
        "add_action",
        item_id,
        " Book  lokale ",
        "Seminaret holdes på rådhuset.",
        owner=" Sekretariatet ",
        due_phrase="uge 38",
        organisation=organisation,
    )
    added = action(engine, new_id)
    assert (added["title"], added["status"], added["owner"], added["source"]) == (
        "Book lokale",
        "open",
        "Sekretariatet",
        "Seminaret holdes på rådhuset.",
    )
    assert (added["due"], added["due_text"], added["item_number"]) == ("2022-09-19", "uge 38", 2)
    assert history(engine, new_id) == [("anya", "created", None, "Book lokale")]


@pytest.mark.parametrize(
    ("item", "title", "due", "message"),
    [
        (999, "Noget", None, "^item 999: no such agenda item$"),
        (None, " ", None, "the title is empty"),
        (None, "Noget", "om lidt", "cannot read 'om lidt'"),
    ],
)
def test_add_action_refuses_what_it_cannot_use(
    engine: Engine,
    ids: dict[str, int],
    organisation: Organisation,
    item: int | None,
    title: str,
    due: str | None,
    message: str,
) -> None:
    before = state(engine)
    item_id = item if item is not None else _item_id(engine, ids["HRC"])
    with pytest.raises(InputError, match=message):
        act(engine, "add_action", item_id, title, None, due_phrase=due, organisation=organisation)
    assert state(engine) == before


def _item_id(engine: Engine, action_id: int) -> int:
    with session_scope(engine) as session:
        detail = action_detail(session, action_id, today=dt.date(2022, 9, 1), policy=Policy())
    assert detail is not None
    return detail.item_id


# --- command line ---------------------------------------------------------------------


@pytest.fixture
def db(database_url: str, engine: Engine, known_meetings: list[tuple[dt.date, ...]]) -> str:
    store(engine, make_minutes({"1": "Program"}), Organisation())
    return database_url


def test_cli_history_lists_who_changed_what(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_USER", "Anya")
    assert run("accept", "1", "--db", db)[0] == 0
    assert run("assign", "1", "--owner", "ØC", "--db", db)[0] == 0
    assert run("note", "1", "Aftalt med ØC", "--db", db)[:2] == (0, "ID 1: note added.\n")

    code, stdout, _ = run("history", "1", "--db", db, "--format", "json")
    assert code == 0
    events = json.loads(stdout)
    assert [(e["user"], e["field"], e["old"], e["new"]) for e in events[1:]] == [
        ("Anya", "status", "proposed", "open"),
        ("Anya", "owner", "Sekretariatet", "ØC"),
        ("Anya", "note", None, "Aftalt med ØC"),
    ]
    assert events[0]["field"] == "created"
    assert set(events[0]) == {"id", "action_id", "at", "user", "field", "old", "new", "version"}
    # Each command made one version; the import made version 1.
    assert [e["version"] for e in events] == [1, 2, 3, 4]

    code, stdout, _ = run("history", "1", "--db", db)
    lines = stdout.splitlines()
    assert code == 0 and max(map(len, lines)) <= 80
    assert lines[0].startswith("ID 1, version 4, open: ")
    assert ["When", "Who", "Field", "Change"] == lines[2].replace("┃", " ").split()
    owner = next(line for line in lines if "owner" in line)
    assert "Anya" in owner and "Sekretariatet -> ØC" in owner
    assert "2022-08-16 10:30" in owner  # in Copenhagen time


def test_cli_if_version_refuses_a_stale_change_with_exit_3(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", "Anya")
    assert run("assign", "1", "--owner", "ØC", "--if-version", "1", "--db", db)[0] == 0
    monkeypatch.setenv("TRACKER_USER", "Bo")
    code, stdout, stderr = run("done", "1", "--if-version", "1", "--db", db)
    assert (code, stdout) == (3, "")
    assert stderr.startswith("error: ID 1: changed by someone else since you read it (version 1")
    assert "Anya: owner Sekretariatet -> ØC" in stderr and len(stderr.splitlines()) == 1
    assert run("done", "1", "--if-version", "2", "--db", db)[:2] == (0, "ID 1: done.\n")
    code, _, stderr = run("accept", "1", "2", "--if-version", "3", "--db", db)
    assert (code, stderr) == (1, "error: --if-version: give exactly one ID with --if-version\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["history", "99"], "error: ID 99: no such action"),
        (["note", "99", "x"], "error: ID 99: no such action"),
        (["note", "1", " "], "error: ID 1: the note is empty"),
    ],
)
def test_cli_history_and_note_refuse_in_one_line(db: str, args: list[str], message: str) -> None:
    assert run(*args, "--db", db) == (1, "", message + "\n")


# --- migration ----------------------------------------------------------------------


def test_migration_0003_starts_each_stored_actions_history(engine: Engine) -> None:
    drop_every_table(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for statement in OLD_ROWS:
            connection.execute(text(statement))
        connection.execute(text("UPDATE action SET notes = 'Sendt' WHERE id = 7"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            ("0003",)
        ]
    migrate(engine)
    kept = action(engine, 7)
    assert (kept["title"], kept["owner"], kept["notes"], kept["status"]) == (
        "HRC tilretter",
        "HRC",
        "Sendt",
        "open",
    )
    with session_scope(engine) as session:
        (created,) = action_history(session, 7)
    assert (created.user, created.field, created.old, created.new) == (
        "unknown",
        "created",
        None,
        "HRC tilretter",
    )
    assert created.at == dt.datetime(2022, 8, 15, 10, 0, tzinfo=dt.UTC)
    act(engine, "done", 7)
    assert changes(engine, 7) == [("anya", "status", "open", "done")]
