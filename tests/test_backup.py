"""Backup: `tracker dump` and `tracker restore` round-trip the whole store.

The seed minutes are imported and worked on through the services (so the
audit trail has events), dumped, restored into a fresh empty database and
dumped again: the two dumps are identical. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, make_url
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.conftest import fresh_database_url
from tests.tui_support import SAMPLE_ORGANISATION, SEED
from tracker import services
from tracker.backup import dump, load, restore
from tracker.cli import app
from tracker.db import make_engine, session_scope
from tracker.errors import InputError
from tracker.models import Action, ActionEvent
from tracker.organisation import Organisation, load_organisation

USER = "ØC"


@pytest.fixture
def organisation() -> Organisation:
    return load_organisation(SAMPLE_ORGANISATION)


@pytest.fixture
def empty_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second migrated, empty database on the same kind of server as `database_url`."""
    kind = make_url(database_url).get_backend_name()
    with fresh_database_url(kind, tmp_path / "restored.db") as url:
        yield url


@pytest.fixture
def empty_engine(empty_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_url, upgrade=False)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def seeded(engine: Engine, organisation: Organisation) -> Engine:
    """The seed minutes, with actions accepted, assigned, done with a note and held."""
    outcomes = services.import_files(engine, [SEED], organisation=organisation, user=USER)
    assert all(o.error is None for o in outcomes), [str(o.error) for o in outcomes]
    with session_scope(engine) as session:
        proposed = session.exec(select(col(Action.id)).order_by(col(Action.id))).all()
    assert len(proposed) >= 4 and None not in proposed
    first, second, third, fourth = (int(i) for i in proposed[:4] if i is not None)
    with session_scope(engine) as session:
        services.accept(session, [first, second, third], user=USER)
    with session_scope(engine) as session:
        services.assign(
            session,
            first,
            owner="Økonomi",
            due_phrase="1. oktober 2022",
            organisation=organisation,
            user=USER,
        )
    with session_scope(engine) as session:
        services.done(session, second, note="Færdig — sendt til udvalget", user=USER)
    with session_scope(engine) as session:
        services.hold(session, third, until="når budgettet er vedtaget", user=USER)
    with session_scope(engine) as session:
        services.reject(session, [fourth], user=USER)
    return engine


def test_round_trip_is_lossless(seeded: Engine, empty_engine: Engine) -> None:
    first = dump(seeded)
    counts = restore(empty_engine, json.loads(json.dumps(first, ensure_ascii=False)))
    second = dump(empty_engine)
    assert second == first
    assert counts == {name: len(rows) for name, rows in first["tables"].items()}
    assert counts["action_event"] > 0 and counts["agenda_item"] > 0
    # the values are JSON-ready as promised
    meeting = first["tables"]["meeting"][0]
    assert meeting["date"] == "2022-08-16" or len(meeting["date"]) == 10
    assert meeting["imported_at"].endswith("+00:00")
    assert isinstance(meeting["participants"], list)
    assert first["revision"] and first["version"] == 1


def test_dump_is_one_snapshot_while_others_write(
    seeded: Engine, database_url: str, empty_engine: Engine, organisation: Organisation
) -> None:
    """Someone adds actions (each with its "created" event) after every table
    the dump reads: the dump holds none of them, so it still restores.

    The writer is another engine, with its own connections and transactions,
    committing between two of the dump's reads (a hook on the dump's engine
    runs it after each SELECT): the interleaving is the same on every run.
    """
    before = dump(seeded)
    item_id = before["tables"]["agenda_item"][0]["id"]
    writer = make_engine(database_url, upgrade=False)
    written: list[int] = []

    def write_after_read(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            with session_scope(writer) as session:
                title = f"Tilføjet under backup {len(written) + 1}"
                written.append(
                    services.add_action(
                        session, item_id, title, None, organisation=organisation, user=USER
                    )
                )

    event.listen(seeded, "after_cursor_execute", write_after_read)
    try:
        during = dump(seeded)
    finally:
        event.remove(seeded, "after_cursor_execute", write_after_read)
        writer.dispose()
    assert len(written) > len(during["tables"])  # after the revision and every table
    assert during == before
    assert set(written) <= {row["id"] for row in dump(seeded)["tables"]["action"]}
    restore(empty_engine, during)
    assert dump(empty_engine) == during


def test_new_rows_after_restore_get_new_ids(
    seeded: Engine, empty_engine: Engine, organisation: Organisation
) -> None:
    data = dump(seeded)
    restore(empty_engine, data)
    action_ids = {row["id"] for row in data["tables"]["action"]}
    event_ids = {row["id"] for row in data["tables"]["action_event"]}
    item_id = data["tables"]["agenda_item"][0]["id"]
    with session_scope(empty_engine) as session:
        new = services.add_action(
            session,
            item_id,
            "Ny opgave efter gendannelse",
            None,
            organisation=organisation,
            user=USER,
        )
    assert new not in action_ids and new > max(action_ids)
    with session_scope(empty_engine) as session:
        events = session.exec(select(col(ActionEvent.id)).where(ActionEvent.action_id == new)).all()
    assert events and not set(events) & event_ids


def test_restore_into_non_empty_database_is_refused(seeded: Engine) -> None:
    data = dump(seeded)
    with pytest.raises(InputError, match="not empty") as raised:
        restore(seeded, data)
    assert "\n" not in str(raised.value)
    assert dump(seeded) == data


def test_wrong_revision_is_refused(seeded: Engine, empty_engine: Engine) -> None:
    data = dump(seeded)
    data["revision"] = "0001"
    with pytest.raises(InputError, match="schema revision '0001'"):
        restore(empty_engine, data, source="old.json")
    with session_scope(empty_engine) as session:
        assert session.exec(select(func.count()).select_from(Action)).one() == 0


@pytest.mark.parametrize(
    "broken",
    [
        {"format": "something else"},
        {"format": "tracker-backup", "version": 99, "revision": "x", "tables": {}},
        {"format": "tracker-backup", "version": 1, "revision": "x", "tables": {"nope": []}},
    ],
)
def test_malformed_dump_is_refused(engine: Engine, broken: dict[str, Any]) -> None:
    with pytest.raises(InputError) as raised:
        restore(engine, broken, source="broken.json")
    assert str(raised.value).startswith("broken.json: ") and "\n" not in str(raised.value)


def test_bad_value_is_refused_and_nothing_written(seeded: Engine, empty_engine: Engine) -> None:
    data = dump(seeded)
    data["tables"]["action"][-1]["due"] = "next tuesday"
    with pytest.raises(InputError, match="column due"):
        restore(empty_engine, data, source="edited.json")
    assert all(not rows for rows in dump(empty_engine)["tables"].values())


def test_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("this is not json", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON") as raised:
        load(path)
    assert "\n" not in str(raised.value)


def test_cli_dump_and_restore(
    seeded: Engine, database_url: str, empty_url: str, tmp_path: Path
) -> None:
    source, target = database_url, empty_url
    runner = CliRunner()
    backup = tmp_path / "backup.json"

    result = runner.invoke(app, ["dump", "-o", str(backup), "--db", source])
    assert result.exit_code == 0, result.output
    stdout = runner.invoke(app, ["dump", "--db", source])
    assert stdout.exit_code == 0
    assert json.loads(stdout.stdout) == json.loads(backup.read_text(encoding="utf-8"))

    result = runner.invoke(app, ["restore", str(backup), "--db", target])
    assert result.exit_code == 0, result.output
    assert "action:" in result.stdout and "Restored" in result.stdout
    again = runner.invoke(app, ["dump", "--db", target])
    assert json.loads(again.stdout) == json.loads(backup.read_text(encoding="utf-8"))

    refused = runner.invoke(app, ["restore", str(backup), "--db", target])
    assert refused.exit_code == 1
    assert refused.stderr.startswith("error: ") and "not empty" in refused.stderr
    assert refused.stderr.count("\n") == 1

    junk = tmp_path / "junk.json"
    junk.write_text("{", encoding="utf-8")
    refused = runner.invoke(app, ["restore", str(junk), "--db", target])
    assert refused.exit_code == 1 and "not JSON" in refused.stderr
