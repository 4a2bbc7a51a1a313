"""Backup: `tracker dump` and `tracker restore` round-trip the whole store.

The seed minutes are imported and worked on through the services (so the
audit trail has events), dumped, restored into a fresh empty database and
dumped again: the two dumps are identical, also when someone writes while
the dump runs. Dumps edited in every way a person or a script might are
refused in one line, with nothing written. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, func, make_url
from sqlmodel import SQLModel, col, select
from typer.testing import CliRunner

from tests.conftest import fresh_database, fresh_database_url
from tests.tui_support import SAMPLE_ORGANISATION, SEED
from tracker import services
from tracker.backup import dump, restore
from tracker.calendar.subscriptions import subscribe
from tracker.cli import app
from tracker.db import make_engine, session_scope
from tracker.errors import InputError
from tracker.extract import KINDS
from tracker.models import Action, ActionEvent
from tracker.organisation import Organisation, load_organisation
from tracker.queries.calendar import FeedScope
from tracker.services.actions import STATUSES

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
    seed(engine, organisation)
    return engine


def seed(engine: Engine, organisation: Organisation) -> None:
    """The seed minutes, with actions accepted, assigned, done with a note and
    held, and a calendar subscription."""
    outcomes = services.import_files(engine, [SEED], organisation=organisation, user=USER)
    assert all(o.error is None for o in outcomes), [str(o.error) for o in outcomes]
    with session_scope(engine) as session:
        proposed = session.exec(select(col(Action.id)).order_by(col(Action.id))).all()
    assert len(proposed) >= 5 and None not in proposed
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
    with session_scope(engine) as session:
        subscribe(session, FeedScope("owner", "Økonomi"), label="Økonomi", user=USER)


@pytest.fixture(scope="module")
def valid_dump(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A dump of the seeded store (made on SQLite), for tests that only restore it."""
    with fresh_database("sqlite", tmp_path_factory.mktemp("valid") / "tracker.db") as engine:
        seed(engine, load_organisation(SAMPLE_ORGANISATION))
        return dump(engine)


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
    ],
)
def test_malformed_dump_is_refused(engine: Engine, broken: dict[str, Any]) -> None:
    with pytest.raises(InputError) as raised:
        restore(engine, broken, source="broken.json")
    assert str(raised.value).startswith("broken.json: ") and "\n" not in str(raised.value)


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


# --- tampered dumps ---------------------------------------------------------
# Each case edits one thing of a valid dump, as a person or a broken script
# might, and names what the one line refusing it must say. The seeded
# actions are, by row: 1 open, 2 done, 3 on hold, 4 rejected, 5 and on proposed.

Tamper = Callable[[dict[str, Any]], None]


def _set(table: str, row: int, **values: Any) -> Tamper:
    """Set fields of the row-th (from 1) row of a table."""

    def tamper(data: dict[str, Any]) -> None:
        data["tables"][table][row - 1].update(values)

    return tamper


def _edit(edit: Callable[[dict[str, Any]], object]) -> Tamper:
    """Any other edit of the tables."""

    def tamper(data: dict[str, Any]) -> None:
        edit(data["tables"])

    return tamper


def _copy(table: str, row: int, **values: Any) -> Tamper:
    """Add a copy of a row, with some fields changed, at the end of its table."""
    return _edit(lambda tables: tables[table].append(tables[table][row - 1] | values))


def _field(table: str, row: int, field: str) -> tuple[str, ...]:
    return (f"table {table}, row {row} (id ", f"field {field}: ")


SHA = "0" * 64

TAMPERED: list[Any] = [
    # the values the services never write
    pytest.param(_set("action", 5, status="bogus"), _field("action", 5, "status"), id="status"),
    pytest.param(_set("action", 1, version=-5), _field("action", 1, "version"), id="version"),
    pytest.param(_set("action", 1, kind="chore"), _field("action", 1, "kind"), id="kind"),
    pytest.param(_set("action", 5, confidence=1.5), _field("action", 5, "confidence"), id="confidence"),
    pytest.param(_set("action", 5, confidence=float("nan")), _field("action", 5, "confidence"), id="nan"),
    pytest.param(_set("action", 1, co_owners="HR, IT"), _field("action", 1, "co_owners"), id="co-owners-text"),
    pytest.param(_set("action", 1, co_owners=["HR", 7]), _field("action", 1, "co_owners[1]"), id="co-owner-number"),
    pytest.param(_set("action", 2, completed_at=None), _field("action", 2, "completed_at"), id="done-undated"),
    pytest.param(_set("action", 1, completed_at="2022-09-01T10:00:00+00:00"), _field("action", 1, "completed_at"), id="open-completed"),
    pytest.param(_set("action", 3, held_since=None), _field("action", 3, "held_since"), id="held-undated"),
    pytest.param(_set("action", 1, title="Ring\x00til HR"), _field("action", 1, "title"), id="nul"),
    pytest.param(_set("action", 1, notes="\ud800"), _field("action", 1, "notes"), id="surrogate"),
    pytest.param(_set("action", 1, title="  "), _field("action", 1, "title"), id="blank-title"),
    pytest.param(_set("action", 1, owner=""), _field("action", 1, "owner"), id="blank-owner"),
    pytest.param(_set("action_event", 1, user=""), _field("action_event", 1, "user"), id="blank-user"),
    pytest.param(_set("action_event", 1, version=0), _field("action_event", 1, "version"), id="event-version"),
    pytest.param(_set("agenda_item", 1, position=2**31), _field("agenda_item", 1, "position"), id="int32"),
    pytest.param(_set("agenda_item", 1, position=2**64), _field("agenda_item", 1, "position"), id="int64"),
    pytest.param(_set("body", 1, id=0), _field("body", 1, "id"), id="id-zero"),
    pytest.param(_set("meeting", 1, source_sha256="abc"), _field("meeting", 1, "source_sha256"), id="sha256"),
    pytest.param(_set("subscription", 1, scope="everyone"), _field("subscription", 1, "scope"), id="scope"),
    pytest.param(_set("subscription", 1, value=None), _field("subscription", 1, "value"), id="scope-value"),
    # wrong types
    pytest.param(_set("agenda_item", 1, closed=0), _field("agenda_item", 1, "closed"), id="bool-number"),
    pytest.param(_set("meeting", 1, place=5), _field("meeting", 1, "place"), id="text-number"),
    pytest.param(_set("action", 1, version="3"), _field("action", 1, "version"), id="int-text"),
    pytest.param(_set("action", 1, confidence="high"), _field("action", 1, "confidence"), id="float-text"),
    pytest.param(_set("action", 1, title=None), _field("action", 1, "title"), id="null"),
    pytest.param(_set("action", 1, due="next tuesday"), _field("action", 1, "due"), id="date-text"),
    pytest.param(_set("action", 1, due=20221001), _field("action", 1, "due"), id="date-number"),
    pytest.param(_set("meeting", 1, start="25:00"), _field("meeting", 1, "start"), id="time"),
    pytest.param(_set("meeting", 1, start="11:30:00+02:00"), _field("meeting", 1, "start"), id="time-offset"),
    pytest.param(_set("meeting", 1, imported_at="2022-08-15T11:30:00"), _field("meeting", 1, "imported_at"), id="naive-datetime"),
    pytest.param(_set("action", 1, created_at="0001-01-01T00:00:00+01:00"), _field("action", 1, "created_at"), id="datetime-range"),
    pytest.param(_set("meeting", 1, participants="Lars Holte"), _field("meeting", 1, "participants"), id="json-text"),
    pytest.param(_edit(lambda t: t["agenda_item"][0]["sections"][0].pop("kind")), _field("agenda_item", 1, "sections[0].kind"), id="section-missing"),
    pytest.param(_edit(lambda t: t["agenda_item"][0]["sections"][0].update(font="bold")), _field("agenda_item", 1, "sections[0].font"), id="section-extra"),
    pytest.param(_set("agenda_item", 1, decisions={}), _field("agenda_item", 1, "decisions"), id="decisions"),
    pytest.param(_edit(lambda t: t["action"][4]["proposal"].pop("title")), _field("action", 5, "proposal.title"), id="proposal-missing"),
    pytest.param(_edit(lambda t: t["action"][4]["proposal"].update(due="soon")), _field("action", 5, "proposal.due"), id="proposal-due"),
    # the rows' shape
    pytest.param(_edit(lambda t: t["action"][0].pop("title")), _field("action", 1, "title"), id="missing-field"),
    pytest.param(_set("action", 1, colour="red"), _field("action", 1, "colour"), id="unknown-field"),
    pytest.param(_edit(lambda t: t["action"].__setitem__(0, 5)), ("table action, row 1: ",), id="row-not-object"),
    pytest.param(_edit(lambda t: t.__setitem__("action", {})), ("table action: ",), id="table-not-list"),
    pytest.param(_edit(lambda t: t.__setitem__("nope", [])), ("table 'nope'",), id="unknown-table"),
    pytest.param(_edit(lambda t: t.pop("action_event")), ("table action_event",), id="missing-table"),
    pytest.param(lambda data: data.__setitem__("tables", []), ('"tables"',), id="tables-not-object"),
    pytest.param(lambda data: data.__setitem__("comment", "x"), ("'comment'",), id="unknown-key"),
    pytest.param(lambda data: data.__setitem__("revision", 6), ("revision",), id="revision"),
    # keys
    pytest.param(_set("action", 1, item_id=999), _field("action", 1, "item_id"), id="dangling-item"),
    pytest.param(_set("action_event", 1, action_id=999), _field("action_event", 1, "action_id"), id="dangling-action"),
    pytest.param(_set("action", 2, id=1), _field("action", 2, "id"), id="duplicate-id"),
    pytest.param(_copy("body", 1, id=2), _field("body", 2, "name"), id="duplicate-name"),
    pytest.param(_copy("meeting", 1, id=2, source_sha256=SHA), _field("meeting", 2, "body_id, date, start"), id="duplicate-meeting"),
]  # fmt: skip


@pytest.mark.parametrize(("tamper", "says"), TAMPERED)
def test_tampered_dump_is_refused_in_one_line(
    valid_dump: dict[str, Any],
    database_url: str,
    engine: Engine,
    tmp_path: Path,
    tamper: Tamper,
    says: tuple[str, ...],
) -> None:
    data = copy.deepcopy(valid_dump)
    tamper(data)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_refused(path, database_url, engine, says)


def _file(content: str | bytes) -> Callable[[Path], Path]:
    """A file holding `content` (text as UTF-8)."""

    def make(path: Path) -> Path:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return make


@pytest.mark.parametrize(
    ("make", "says"),
    [
        pytest.param(_file("this is not json"), "not JSON", id="not-json"),
        pytest.param(_file(""), "not JSON", id="empty"),
        pytest.param(_file("[]"), "not a JSON object", id="list"),
        pytest.param(_file(b"\xff\xfe{}"), "not UTF-8", id="not-utf8"),
        pytest.param(_file("[" * 100_000), "nested", id="deep"),
        pytest.param(_file('{"n": ' + "1" * 5000 + "}"), "digits", id="huge-number"),
        pytest.param(_file('{"format": 1, "format": 2}'), "'format' twice", id="key-twice"),
        pytest.param(lambda path: path, "No such file", id="missing"),
        pytest.param(lambda path: path.mkdir() or path, "Is a directory", id="directory"),
        pytest.param(
            lambda path: _file("{}")(path) / "backup.json", "Not a directory", id="under-a-file"
        ),
    ],
)
def test_unusable_file_is_refused_in_one_line(
    database_url: str, engine: Engine, tmp_path: Path, make: Callable[[Path], Path], says: str
) -> None:
    path = make(tmp_path / "backup.json")
    assert_refused(path, database_url, engine, (says,))


def assert_refused(path: Path, database_url: str, engine: Engine, says: tuple[str, ...]) -> None:
    """`tracker restore` refuses the file in one line saying `says`, and writes nothing."""
    result = CliRunner().invoke(app, ["restore", str(path), "--db", database_url])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # not a traceback
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: "), line
    for words in says:
        assert words in line, line
    assert not any(dump(engine)["tables"].values())


def test_valid_dump_restores_the_same_on_each_database(
    valid_dump: dict[str, Any], engine: Engine
) -> None:
    """The dump was made on SQLite; PostgreSQL restores it just as SQLite does."""
    restore(engine, valid_dump)
    assert dump(engine) == valid_dump


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["2022-08-15", "11:30:00", "2022-08-15T11:30:00+02:00", *STATUSES, *KINDS]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_value_in_any_field_restores_or_is_refused(
    valid_dump: dict[str, Any], engine: Engine, data: st.DataObject
) -> None:
    """One field of one row gets any JSON value, or another row's: the dump is
    refused in one line, or it restores, and then its dump restores to itself."""
    tampered = copy.deepcopy(valid_dump)
    tables = tampered["tables"]
    table = data.draw(st.sampled_from(sorted(name for name, rows in tables.items() if rows)))
    row = data.draw(st.sampled_from(tables[table]))
    field = data.draw(st.sampled_from(sorted(row)))
    others = [other[field] for other in tables[table]]
    row[field] = data.draw(JSON_VALUES | st.sampled_from(others))
    try:
        restore(engine, tampered)
    except InputError as error:
        assert "\n" not in str(error)
        return
    restored = dump(engine)
    clear(engine)
    restore(engine, restored)
    assert dump(engine) == restored
    clear(engine)


def clear(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())
