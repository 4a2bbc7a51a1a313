"""Alembic migrations upgrade an old database, with its data, through the whole chain.

Why: people's databases were made at revision 0001 and upgraded release by
release, so each migration runs on rows written by an older tracker, not on
the empty database every other test starts from. A migration that drops,
mangles or mis-derives data there loses reviewed follow-up work silently.

So these tests build a database at the first revision with plain SQL (valid
on SQLite and PostgreSQL alike: TRUE/FALSE, JSON as text, timestamps with an
explicit UTC offset), upgrade it one revision at a time through every
revision Alembic's script directory lists (a new revision is covered as soon
as it exists), and right after the revision that makes a table or column
possible add the rows the tracker of that time wrote, so later migrations
have real data to transform (the history 0006 derives `action.proposal`
from). Then: every value survives, the new columns hold what their
migrations document, the schema is the models', the tracker's services and
queries work on the result, and a downgrade to 0001 and back keeps the
rows of the first schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, inspect, select, text
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from tracker import services
from tracker.db import alembic_config, migrate, session_scope
from tracker.errors import ConflictError
from tracker.organisation import Organisation
from tracker.queries import action_history, get_action, list_actions

UTC = dt.UTC
TODAY = dt.date(2022, 10, 10)
FIRST = "0001"


def at(text_: str) -> dt.datetime:
    """A UTC moment from "YYYY-MM-DD HH:MM"."""
    return dt.datetime.strptime(text_, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def revisions() -> list[str]:
    """Every revision, oldest first, as Alembic's script directory chains them."""
    script = ScriptDirectory.from_config(alembic_config())
    chain = [revision.revision for revision in script.walk_revisions()][::-1]
    assert script.get_heads() == [chain[-1]], "one line of revisions, no branches"
    return chain


def head() -> str:
    head_ = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head_ is not None
    return head_


# --- plain SQL ------------------------------------------------------------------------


def sql_literal(value: Any) -> str:
    """`value` as an SQL literal both SQLite and PostgreSQL read as the column's type."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        assert value.utcoffset() == dt.timedelta(0), "the store keeps UTC"
        return f"'{value:%Y-%m-%d %H:%M:%S}+00:00'"
    if isinstance(value, dt.date | dt.time):
        return f"'{value.isoformat()}'"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)  # as tracker.db stores JSON
    return "'" + str(value).replace("'", "''") + "'"


def event_text(value: Any) -> str | None:
    """A value as `action_event.old`/`new` have always held it (see `ActionEvent`):
    ISO dates, lists joined by ", ", None for empty."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


@dataclass
class OldDatabase:
    """A database upgraded from 0001 with its data, and what it should hold.

    `rows` is table -> id -> column -> value, kept in step with every INSERT
    and UPDATE the test makes; `actions` names the actions' IDs.
    """

    engine: Engine
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    first_columns: dict[str, list[str]] = field(default_factory=dict)

    def insert(self, connection: Connection, table: str, **values: Any) -> int:
        columns = ", ".join(f'"{name}"' for name in values)
        literals = ", ".join(map(sql_literal, values.values()))
        statement = f'INSERT INTO "{table}" ({columns}) VALUES ({literals}) RETURNING id'
        row_id: int = connection.execute(text(statement)).scalar_one()
        self.rows.setdefault(table, {})[row_id] = {"id": row_id, **values}
        return row_id

    def update(self, connection: Connection, table: str, row_id: int, **values: Any) -> None:
        changes = ", ".join(f'"{name}" = {sql_literal(value)}' for name, value in values.items())
        result = connection.execute(text(f'UPDATE "{table}" SET {changes} WHERE id = {row_id}'))
        assert result.rowcount == 1
        self.rows[table][row_id].update(values)

    def add_action(self, connection: Connection, key: str, **values: Any) -> None:
        self.actions[key] = self.insert(connection, "action", **values)

    def event(
        self, connection: Connection, key: str, when: str, user: str, name: str,
        old: str | None, new: str | None,
    ) -> None:  # fmt: skip
        self.insert(
            connection, "action_event", action_id=self.actions[key], at=at(when), user=user,
            field=name, old=old, new=new,
        )  # fmt: skip

    def edit(self, connection: Connection, key: str, when: str, user: str, **values: Any) -> None:
        """What a service of that time did: change fields, recording an event for each."""
        row = self.rows["action"][self.actions[key]]
        for name, value in values.items():
            self.event(connection, key, when, user, name, event_text(row[name]), event_text(value))
        self.update(connection, "action", row["id"], **values, updated_at=at(when))


# --- what each revision's tracker wrote ----------------------------------------------

SOURCE_PROGRAM = "Godkendt. HRC tilretter programmet senest 30-08-2022."
SOURCE_BUDGET = "Budgettet for temadagen sendes til ØC senest 15-09-2022."
SOURCE_REPEAT = "Temadagen gentages, hvis trivselsmålingen falder."
SOURCE_APPLES = "Forvaltningen søger om tilskud til årets æblehøst."
SOURCE_CHOIR = "Kultur og Fritid undersøger, om koret kan låne aulaen i 1. kvartal 2023."


def at_0001(db: OldDatabase, connection: Connection) -> None:
    """Two meetings of two bodies, as imported; proposals, one already accepted,
    and one action a person added (open from the start)."""
    direktionen = db.insert(connection, "body", name="Direktionen")
    udvalget = db.insert(connection, "body", name="Børne- og Ungeudvalget")
    august = db.insert(
        connection, "meeting", body_id=direktionen, date=dt.date(2022, 8, 15),
        start=dt.time(10, 0), end=dt.time(12, 30), place="Rådhuset, mødelokale 2",
        participants=["Anya Holm", "Bo Sørensen", "Åse Ærø"], absent=["Carl Dahl"],
        language="da", source_name="Referat Direktionen 15-08-2022.docx",
        source_sha256="5f2b" + "0" * 59 + "1", source_format="docx",
        imported_at=at("2022-08-15 13:05"), updated_at=at("2022-08-16 08:30"),
    )  # fmt: skip
    later = db.insert(
        connection, "meeting", body_id=udvalget, date=dt.date(2022, 8, 29), start=None,
        end=None, place=None, participants=[], absent=[], language="da",
        source_name="referat-buu-29-08-2022.pdf", source_sha256="9c1d" + "e" * 60,
        source_format="pdf", imported_at=at("2022-08-30 07:45"), updated_at=at("2022-08-30 07:45"),
    )  # fmt: skip
    db.insert(
        connection, "agenda_item", meeting_id=august, position=1, number="1",
        title="Godkendelse af dagsorden", case_number=None, closed=False, sections=[],
        decisions=[{"heading": "Beslutning", "body": "Direktionen", "date": "2022-08-15",
                    "text": "Godkendt."}],
        decision="Godkendt.",
    )  # fmt: skip
    program = db.insert(
        connection, "agenda_item", meeting_id=august, position=2, number="6",
        title="Program for temadag om trivsel", case_number="22/12345", closed=False,
        sections=[
            {"kind": "case", "heading": "Sagsfremstilling",
             "text": "Temadagen holdes i efteråret for alle ledere."},
            {"kind": "recommendation", "heading": "Indstilling",
             "text": "At programmet godkendes."},
        ],
        decisions=[{"heading": "Beslutning", "body": "Direktionen", "date": "2022-08-15",
                    "text": f"{SOURCE_PROGRAM} {SOURCE_BUDGET} {SOURCE_REPEAT}"}],
        decision=f"{SOURCE_PROGRAM} {SOURCE_BUDGET} {SOURCE_REPEAT}",
    )  # fmt: skip
    personal = db.insert(
        connection, "agenda_item", meeting_id=august, position=3, number="7",
        title="Personalesag", case_number="22/999", closed=True, sections=[],
        decisions=[{"heading": "Beslutning", "body": "Direktionen", "date": None,
                    "text": "Drøftet."}],
        decision="Drøftet.",
    )  # fmt: skip
    school_year = db.insert(
        connection, "agenda_item", meeting_id=later, position=1, number="2",
        title="Årsplan for skoleåret 2022/23", case_number=None, closed=False,
        sections=[{"kind": "case", "heading": "Sagsfremstilling", "text": "Årsplanen følger."}],
        decisions=[{"heading": "Beslutning", "body": "Børne- og Ungeudvalget", "date": None,
                    "text": f"Godkendt. {SOURCE_APPLES} {SOURCE_CHOIR}"}],
        decision=f"Godkendt. {SOURCE_APPLES} {SOURCE_CHOIR}",
    )  # fmt: skip
    imported = at("2022-08-15 13:05")
    db.add_action(
        connection, "proposed", item_id=program, title="HRC tilretter programmet",
        owner="HRC", co_owners=[], due=dt.date(2022, 8, 30), due_text="30-08-2022",
        kind="task", condition=None, source=SOURCE_PROGRAM, confidence=0.7,
        status="proposed", created_at=imported, updated_at=imported,
    )  # fmt: skip
    db.add_action(
        connection, "accepted", item_id=program, title="Budget for temadagen sendes til ØC",
        owner="ØC", co_owners=["HRC"], due=dt.date(2022, 9, 15), due_text="15-09-2022",
        kind="communicate", condition=None, source=SOURCE_BUDGET, confidence=0.55,
        status="proposed", created_at=imported, updated_at=imported,
    )  # fmt: skip
    db.add_action(
        connection, "danish", item_id=school_year,
        title="Søg om tilskud til årets æblehøst i skolehaverne", owner="Børn og Unge",
        co_owners=["Skole og Fritid", "Teknik og Miljø"], due=None, due_text="løbende",
        kind="task", condition=None, source=SOURCE_APPLES, confidence=0.9, status="proposed",
        created_at=at("2022-08-30 07:45"), updated_at=at("2022-08-30 07:45"),
    )  # fmt: skip
    db.add_action(
        connection, "added", item_id=personal, title="Sagen følges op med medarbejderen",
        owner="Anya Holm", co_owners=[], due=dt.date(2022, 9, 1), due_text="1. september",
        kind="task", condition=None, source=None, confidence=1.0, status="open",
        created_at=at("2022-08-16 09:00"), updated_at=at("2022-08-16 09:00"),
    )  # fmt: skip
    # Accepted before 0003, when no history was kept.
    db.add_action(
        connection, "accepted_unrecorded", item_id=program, title="Programmet sendes ud",
        owner=None, co_owners=[], due=None, due_text=None, kind="communicate", condition=None,
        source=SOURCE_PROGRAM, confidence=0.8, status="open", created_at=imported,
        updated_at=at("2022-08-16 08:30"),
    )  # fmt: skip


def at_0002(db: OldDatabase, connection: Connection) -> None:
    """The lifecycle columns: a done action with its note, and a proposal to
    hold with the extractor's review date (kept from this revision on)."""
    for row in db.rows["action"].values():  # 0002's documented start: all empty
        row.update(review=None, notes=None, held_since=None, completed_at=None)
    done = at("2022-09-01 15:00")
    db.update(
        connection, "action", db.actions["added"], status="done", completed_at=done,
        notes="Samtale holdt 1. september.", updated_at=done,
    )  # fmt: skip
    imported = at("2022-08-15 13:05")
    db.add_action(
        connection, "held", item_id=db.rows["action"][db.actions["proposed"]]["item_id"],
        title="Temadagen gentages", owner="HRC", co_owners=[], due=None, due_text=None,
        kind="on_hold", condition="hvis trivselsmålingen falder", source=SOURCE_REPEAT,
        confidence=0.6, status="proposed", review=dt.date(2022, 11, 15), notes=None,
        held_since=None, completed_at=None, created_at=imported, updated_at=imported,
    )  # fmt: skip


def at_0003(db: OldDatabase, connection: Connection) -> None:
    """The history: 0003's "created" events, then people reviewing with events."""
    rows = db.rows["action"]
    created = connection.execute(text("SELECT id, action_id FROM action_event ORDER BY id")).all()
    assert [action_id for _, action_id in created] == sorted(rows)
    for event_id, action_id in created:  # 0003's documented backfill
        row = rows[action_id]
        db.rows.setdefault("action_event", {})[event_id] = {
            "id": event_id, "action_id": action_id, "at": row["created_at"], "user": "unknown",
            "field": "created", "old": None, "new": row["title"],
        }  # fmt: skip
    db.edit(connection, "accepted", "2022-08-22 09:00", "anya", status="open", owner="Økonomi")
    db.edit(
        connection, "accepted", "2022-08-22 09:05", "anya", due=dt.date(2022, 9, 30),
        due_text="30-09-2022",
    )  # fmt: skip
    db.edit(
        connection, "held", "2022-08-23 10:00", "bo", status="on_hold",
        condition="hvis trivselsmålingen 2023 falder",
    )  # fmt: skip
    db.update(connection, "action", db.actions["held"], held_since=at("2022-08-23 10:00"))


def at_0005(db: OldDatabase, connection: Connection) -> None:
    """Calendar subscriptions; more edits, and actions made with their history."""
    db.insert(
        connection, "subscription", token_sha256="ab" * 32, scope="owner", value="Økonomi",
        label="Økonomis frister", include_confidential=False, created_by="anya",
        created_at=at("2022-09-05 08:00"), revoked_at=None,
    )  # fmt: skip
    db.insert(
        connection, "subscription", token_sha256="cd" * 32, scope="all", value=None, label=None,
        include_confidential=True, created_by="Åse Ærø", created_at=at("2022-09-05 08:10"),
        revoked_at=at("2022-09-20 16:00"),
    )  # fmt: skip
    # The owner again (0006 must take the value before the first change), the
    # co-owners and the title.
    db.edit(
        connection, "accepted", "2022-09-06 11:00", "bo", owner="Økonomi og Løn",
        co_owners=["HRC", "Løn og Personale"], title="Budget for temadagen sendes til Økonomi",
    )  # fmt: skip
    db.event(connection, "accepted", "2022-09-06 11:01", "bo", "note", None, "Aftalt med ØC.")
    db.update(connection, "action", db.actions["accepted"], notes="Aftalt med ØC.")
    db.edit(connection, "held", "2022-09-07 12:00", "anya", review=dt.date(2022, 12, 1))

    item = max(db.rows["agenda_item"])
    imported = at("2022-10-03 12:00")
    db.add_action(
        connection, "imported", item_id=item, title="Undersøg om koret kan låne aulaen",
        owner=None, co_owners=[], due=dt.date(2023, 3, 31), due_text="1. kvartal 2023",
        kind="task", condition=None, source=SOURCE_CHOIR, confidence=0.65, status="proposed",
        review=None, notes=None, held_since=None, completed_at=None, created_at=imported,
        updated_at=imported,
    )  # fmt: skip
    db.event(connection, "imported", "2022-10-03 12:00", "anya", "created", None,
             "Undersøg om koret kan låne aulaen")  # fmt: skip
    db.edit(
        connection, "imported", "2022-10-04 09:30", "bo", title="Undersøg om koret må låne aulaen",
        owner="Kultur og Fritid",
    )  # fmt: skip

    added = at("2022-10-04 10:00")
    db.add_action(
        connection, "added_later", item_id=item, title="Send årsplanen til skolebestyrelserne",
        owner="Børn og Unge", co_owners=[], due=None, due_text=None, kind="communicate",
        condition=None, source=None, confidence=1.0, status="open", review=None, notes=None,
        held_since=None, completed_at=None, created_at=added, updated_at=added,
    )  # fmt: skip
    db.event(connection, "added_later", "2022-10-04 10:00", "bo", "created", None,
             "Send årsplanen til skolebestyrelserne")  # fmt: skip
    db.edit(connection, "added_later", "2022-10-05 14:00", "bo", status="done")
    db.update(connection, "action", db.actions["added_later"], completed_at=at("2022-10-05 14:00"))


STAGES: dict[str, Callable[[OldDatabase, Connection], None]] = {
    "0001": at_0001,
    "0002": at_0002,
    "0003": at_0003,
    "0005": at_0005,
}

# What 0006's docstring says `proposal` becomes: for the actions the extractor
# made, each field's value before its first change (else its value now), the
# title from the "created" event; None for actions people added.
PROPOSALS: dict[str, dict[str, Any] | None] = {
    "proposed": {
        "title": "HRC tilretter programmet", "owner": "HRC", "co_owners": [],
        "due": "2022-08-30", "due_text": "30-08-2022", "kind": "task", "condition": None,
        "review": None, "source": SOURCE_PROGRAM, "confidence": 0.7,
    },
    "accepted": {
        "title": "Budget for temadagen sendes til ØC", "owner": "ØC", "co_owners": ["HRC"],
        "due": "2022-09-15", "due_text": "15-09-2022", "kind": "communicate",
        "condition": None, "review": None, "source": SOURCE_BUDGET, "confidence": 0.55,
    },
    "danish": {
        "title": "Søg om tilskud til årets æblehøst i skolehaverne", "owner": "Børn og Unge",
        "co_owners": ["Skole og Fritid", "Teknik og Miljø"], "due": None, "due_text": "løbende",
        "kind": "task", "condition": None, "review": None, "source": SOURCE_APPLES,
        "confidence": 0.9,
    },
    "held": {
        "title": "Temadagen gentages", "owner": "HRC", "co_owners": [], "due": None,
        "due_text": None, "kind": "on_hold", "condition": "hvis trivselsmålingen falder",
        "review": "2022-11-15", "source": SOURCE_REPEAT, "confidence": 0.6,
    },
    "imported": {
        "title": "Undersøg om koret kan låne aulaen", "owner": None, "co_owners": [],
        "due": "2023-03-31", "due_text": "1. kvartal 2023", "kind": "task", "condition": None,
        "review": None, "source": SOURCE_CHOIR, "confidence": 0.65,
    },
    "added": None,  # open from the start: a person added it
    "added_later": None,  # its first status event leaves "open"
    # Accepted before 0003 kept no status event and is not proposed now, so
    # by the docstring's rule it counts as added by people.
    "accepted_unrecorded": None,
}  # fmt: skip


# --- running Alembic ------------------------------------------------------------------


@contextmanager
def alembic_transaction(engine: Engine) -> Iterator[tuple[Config, Connection]]:
    """An Alembic config on one connection in one transaction, as
    `tracker.db.migrate` runs it: on SQLite with foreign keys off (a batch
    migration drops and recreates a table, which with them on would cascade
    to the rows referring to it), and checked before the commit."""
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        driver: Any = connection.connection.dbapi_connection
        if sqlite:
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                yield config, connection
                if sqlite:
                    assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")


def stored_revision(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def counts(connection: Connection) -> dict[str, int]:
    names = set(inspect(connection).get_table_names()) - {"alembic_version"}
    return {
        name: connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
        for name in names
    }


def stored(engine: Engine, columns: dict[str, list[str]]) -> dict[str, dict[int, dict[str, Any]]]:
    """The rows of the tables, read with the models' column types."""
    tables = SQLModel.metadata.tables
    with engine.connect() as connection:
        return {
            name: {
                row.id: dict(row._mapping)
                for row in connection.execute(
                    select(*(tables[name].c[column] for column in names)).order_by(
                        tables[name].c.id
                    )
                )
            }
            for name, names in columns.items()
        }


def schema_diffs(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


def drop_every_table(engine: Engine) -> None:
    """Empty a migrated database of its schema, to build an old one in it."""
    with engine.begin() as connection:
        existing = MetaData()
        existing.reflect(connection)
        existing.drop_all(connection)
        assert inspect(connection).get_table_names() == []


@pytest.fixture
def old(engine: Engine) -> OldDatabase:
    """A database made at 0001 and upgraded one revision at a time to the head,
    with each revision's data added right after it.

    Uses the conftest's `engine` (a SQLite file, or a fresh PostgreSQL
    database), emptied of the schema it was made with.
    """
    drop_every_table(engine)
    chain = revisions()
    assert chain[0] == FIRST
    assert set(STAGES) <= set(chain), "a stage for a revision that is not in the chain"
    db = OldDatabase(engine)
    for revision in chain:
        with engine.connect() as connection:
            before = counts(connection)
        with alembic_transaction(engine) as (config, connection):
            command.upgrade(config, revision)
        assert stored_revision(engine) == [revision]
        with engine.connect() as connection:
            after = counts(connection)
        # No migration deletes or adds rows of the tables that existed before it.
        assert {name: after[name] for name in before} == before, f"rows changed by {revision}"
        if revision in STAGES:
            with engine.begin() as connection:  # on SQLite, with foreign keys enforced
                STAGES[revision](db, connection)
        if revision == FIRST:
            with engine.connect() as connection:
                inspector = inspect(connection)
                db.first_columns = {
                    name: [column["name"] for column in inspector.get_columns(name)]
                    for name in inspector.get_table_names()
                    if name != "alembic_version"
                }
    return db


# --- the tests ------------------------------------------------------------------------


def test_upgrade_from_0001_keeps_every_value_and_fills_the_new_columns(old: OldDatabase) -> None:
    expected = copy.deepcopy(old.rows)
    assert set(PROPOSALS) == set(old.actions)
    for key, action_id in old.actions.items():
        expected["action"][action_id].update(
            version=1, source_lost_at=None, proposal=PROPOSALS[key],
            rule=None,  # the rule of a proposal stored before 0007 is not known
        )
    for event in expected["action_event"].values():
        event["version"] = None  # recorded before versions were kept
    tables = SQLModel.metadata.tables
    found = stored(old.engine, {name: list(tables[name].c.keys()) for name in expected})
    assert set(expected) == {"body", "meeting", "agenda_item", "action", "action_event",
                             "subscription"}  # fmt: skip
    for name in expected:
        for row_id in expected[name]:
            assert found[name][row_id] == expected[name][row_id], f"{name} {row_id}"
        assert found[name].keys() == expected[name].keys(), name


def test_upgraded_schema_is_the_models_at_the_head(old: OldDatabase) -> None:
    assert stored_revision(old.engine) == [head()]
    assert schema_diffs(old.engine) == []
    migrate(old.engine)  # the tracker finds nothing left to do
    assert stored_revision(old.engine) == [head()]


def test_upgraded_database_works_with_the_application(old: OldDatabase) -> None:
    ids, organisation = old.actions, Organisation()
    with session_scope(old.engine) as session:
        services.accept(session, [ids["proposed"]], user="tester", versions={ids["proposed"]: 1})
        services.assign(
            session, ids["accepted"], owner="Løn og Personale", organisation=organisation,
            user="tester", version=1,
        )  # fmt: skip
    with session_scope(old.engine) as session:
        accepted = get_action(session, ids["proposed"], today=TODAY)
        assigned = get_action(session, ids["accepted"], today=TODAY)
        history = [
            (event.user, event.field, event.old, event.new, event.version)
            for event in action_history(session, ids["accepted"])
        ]
        proposed = list_actions(session, status="proposed", today=TODAY)
    assert accepted is not None and assigned is not None
    assert (accepted.status, accepted.version) == ("open", 2)
    assert (assigned.title, assigned.owner, assigned.co_owners, assigned.due, assigned.version) == (
        "Budget for temadagen sendes til Økonomi",
        "Løn og Personale",
        ("HRC", "Løn og Personale"),
        dt.date(2022, 9, 30),
        2,
    )
    assert history == [
        ("unknown", "created", None, "Budget for temadagen sendes til ØC", None),
        ("anya", "status", "proposed", "open", None),
        ("anya", "owner", "ØC", "Økonomi", None),
        ("anya", "due", "2022-09-15", "2022-09-30", None),
        ("anya", "due_text", "15-09-2022", "30-09-2022", None),
        ("bo", "owner", "Økonomi", "Økonomi og Løn", None),
        ("bo", "co_owners", "HRC", "HRC, Løn og Personale", None),
        ("bo", "title", "Budget for temadagen sendes til ØC",
         "Budget for temadagen sendes til Økonomi", None),
        ("bo", "note", None, "Aftalt med ØC.", None),
        ("tester", "owner", "Økonomi og Løn", "Løn og Personale", 2),
    ]  # fmt: skip
    assert [(row.id, row.title, row.version) for row in proposed] == [
        (ids["imported"], "Undersøg om koret må låne aulaen", 1),
        (ids["danish"], "Søg om tilskud til årets æblehøst i skolehaverne", 1),
    ]
    # A change made from version 1 is refused, naming only what changed since:
    # the events from before versions were kept do not count as newer.
    with pytest.raises(ConflictError) as conflict, session_scope(old.engine) as session:
        services.assign(
            session, ids["accepted"], owner="HRC", organisation=organisation, user="bo", version=1
        )
    changes = tuple(map(str, conflict.value.changes))
    assert (conflict.value.seen, conflict.value.current, changes) == (
        1, 2, ("tester: owner Økonomi og Løn -> Løn og Personale",),
    )  # fmt: skip


def test_downgrade_to_0001_and_upgrade_again_keeps_the_first_tables(old: OldDatabase) -> None:
    # Downgrading loses what the later revisions added, by design: 0006 the
    # versions and proposals, 0005 the subscriptions, 0003 the history, 0002
    # the review dates, notes and held/completed times. The rows of the
    # first schema, with their values in its columns, must all stay.
    first = old.first_columns
    assert sorted(first) == ["action", "agenda_item", "body", "meeting"]
    expected = {
        name: {row_id: {column: row[column] for column in first[name]}
               for row_id, row in old.rows[name].items()}
        for name in first
    }  # fmt: skip
    with alembic_transaction(old.engine) as (config, _connection):
        command.downgrade(config, FIRST)
    assert stored_revision(old.engine) == [FIRST]
    with old.engine.connect() as connection:
        inspector = inspect(connection)
        assert set(inspector.get_table_names()) == {*first, "alembic_version"}
        assert {name: [c["name"] for c in inspector.get_columns(name)] for name in first} == first
    assert stored(old.engine, first) == expected

    migrate(old.engine)
    assert stored_revision(old.engine) == [head()]
    assert schema_diffs(old.engine) == []
    assert stored(old.engine, first) == expected
    # 0003 starts each history again, from the action's creation.
    with session_scope(old.engine) as session:
        histories = {
            action_id: [(e.user, e.field, e.new) for e in action_history(session, action_id)]
            for action_id in old.actions.values()
        }
    assert histories == {
        action_id: [("unknown", "created", old.rows["action"][action_id]["title"])]
        for action_id in old.actions.values()
    }
