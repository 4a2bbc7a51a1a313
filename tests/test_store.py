"""The store: configuration, engine, migrations, the import service and queries.

Runs on a database of each test's own, SQLite and PostgreSQL (the `engine`
fixture), except what is SQLite's own: the default file, WAL and the busy
timeout. Minutes are built by hand, so these tests do not depend on the parser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, exc, inspect, text
from sqlmodel import SQLModel, col, select

from tracker import config, services
from tracker.db import alembic_config, make_engine, session_scope
from tracker.errors import InputError
from tracker.ingest.document import Document
from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes, Section
from tracker.models import Action
from tracker.models import AgendaItem as ItemRow
from tracker.models import Meeting as MeetingRow
from tracker.organisation import Organisation
from tracker.queries import count_rows, get_meeting, list_meetings
from tracker.services import ImportResult, import_minutes, imports

DAY = dt.date(2022, 8, 15)
ORGANISATION = Organisation()


def make_minutes(
    titles: dict[str, str] | None = None,
    *,
    body: str = "Direktionen",
    date: dt.date = DAY,
    start: dt.time | None = dt.time(10, 0),
    place: str = "Direktionsgangen",
) -> Minutes:
    """Minutes with one item per (number, title), each with a decision."""
    titles = titles if titles is not None else {"1": "Godkendelse af dagsorden", "2": "Program"}
    items = [
        AgendaItem(
            position=position,
            number=number,
            title=title,
            case="22/1234" if number == "2" else None,
            sections=[Section("beslutning", "Beslutning", f"Besluttet om {title.lower()}.")],
            decisions=[Decision("Beslutning", f"Besluttet om {title.lower()}.", body, date)],
            decision=f"Besluttet om {title.lower()}.",
        )
        for position, (number, title) in enumerate(titles.items(), start=1)
    ]
    meeting = Meeting(
        body=body,
        date=date,
        start=start,
        end=dt.time(12, 0),
        place=place,
        participants=["Anya Ødegaard", "Bo Æbelø"],
        absent=["Carl"],
    )
    return Minutes(meeting=meeting, items=items)


def make_document(minutes: Minutes, name: str = "referat.txt") -> Document:
    """A document whose bytes (and so SHA-256) follow from the minutes' content."""
    text_ = repr(minutes)
    return Document(
        name=name,
        format="txt",
        text=text_,
        sha256=hashlib.sha256(text_.encode()).hexdigest(),
        size=len(text_.encode()),
    )


def store(engine: Engine, minutes: Minutes, document: Document | None = None) -> ImportResult:
    with session_scope(engine) as session:
        document = document or make_document(minutes)
        return import_minutes(session, document, minutes, organisation=ORGANISATION)


def counts(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return count_rows(session)


def counts_of(**rows: int) -> dict[str, int]:
    """Row counts of every table: the ones given, zero for the rest."""
    return {table.name: rows.get(table.name, 0) for table in SQLModel.metadata.sorted_tables}


def add_action(engine: Engine, meeting_id: int, number: str) -> None:
    with session_scope(engine) as session:
        item = session.exec(
            select(ItemRow).where(ItemRow.meeting_id == meeting_id, ItemRow.number == number)
        ).one()
        assert item.id is not None
        session.add(Action(item_id=item.id, title="HRC undersøger og tilretter program"))


# --- configuration ------------------------------------------------------------


def test_database_url_prefers_override_then_env_then_default(
    monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", "sqlite:////env.db")
    assert config.database_url("sqlite:////flag.db") == "sqlite:////flag.db"
    assert config.database_url() == "sqlite:////env.db"
    monkeypatch.delenv("TRACKER_DATABASE_URL")
    default = isolated_environment / ".local/share/tracker/tracker.db"
    assert config.database_url() == f"sqlite:///{default}"
    assert not default.parent.exists()  # created by make_engine, not by asking


def test_other_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.organisation_file() is None
    monkeypatch.setenv("TRACKER_ORGANISATION", "~/org.toml")
    assert config.organisation_file() == Path.home() / "org.toml"
    monkeypatch.setenv("TRACKER_USER", "sekretariatet")
    assert config.user() == "sekretariatet"
    assert config.user("anya") == "anya"
    assert set(config.SETTINGS) >= {"database_url", "organisation_file", "user", "language"}


def test_demo_database_is_not_the_real_one(isolated_environment: Path) -> None:
    data_dir = isolated_environment / ".local/share/tracker"
    assert config.demo_database_url() == f"sqlite:///{data_dir / 'demo.db'}"


# --- engine and migrations ------------------------------------------------------


def test_sqlite_file_gets_directory_wal_foreign_keys_and_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'tracker.db'}")
    try:
        with engine.connect() as connection:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
        assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000}
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(exc.IntegrityError), session_scope(engine) as session:
        session.add(ItemRow(meeting_id=999, position=1, number="1", title="Orphan"))


def test_item_with_actions_cannot_be_deleted_with_its_meeting(engine: Engine) -> None:
    result = store(engine, make_minutes())
    add_action(engine, result.meeting_id, "2")
    with pytest.raises(exc.IntegrityError), session_scope(engine) as session:
        session.delete(session.get_one(MeetingRow, result.meeting_id))
    assert counts(engine)["action"] == 1


def test_migration_matches_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        assert diffs == []
        # The check can fail: a schema that drifted from the models is noticed.
        connection.execute(text("DROP INDEX ix_action_due"))
        assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        connection.rollback()


def test_migrating_again_is_a_no_op(engine: Engine) -> None:
    store(engine, make_minutes())
    again = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with again.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert stored == [(ScriptDirectory.from_config(alembic_config()).get_current_head(),)]
        assert counts(again)["meeting"] == 1
    finally:
        again.dispose()


def test_headless_modules_do_not_import_the_ui() -> None:
    code = (
        "import sys, tracker.db, tracker.services, tracker.queries, tracker.config;"
        "print(sorted(m for m in ('textual', 'typer', 'rich') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- import -------------------------------------------------------------------


def test_import_creates_meeting_and_items(engine: Engine) -> None:
    result = store(engine, make_minutes())
    assert (result.status, result.body, result.date, result.items) == (
        "created",
        "Direktionen",
        DAY,
        2,
    )
    assert result.to_dict()["start"] == "10:00"
    assert result.describe().startswith("created Direktionen 2022-08-15 10:00 (2 items")
    assert counts(engine) == counts_of(body=1, meeting=1, agenda_item=2)


def test_same_document_again_is_unchanged(engine: Engine) -> None:
    minutes = make_minutes()
    first = store(engine, minutes)
    before = counts(engine)
    second = store(engine, minutes)
    assert (second.status, second.meeting_id, second.items) == ("unchanged", first.meeting_id, 2)
    assert counts(engine) == before


def test_same_content_in_another_file_writes_nothing(engine: Engine) -> None:
    minutes = make_minutes()
    store(engine, minutes)
    with session_scope(engine) as session:
        before = session.exec(select(MeetingRow)).one().model_dump()
    other_file = dataclasses.replace(make_document(minutes, "referat.pdf"), sha256="f" * 64)
    assert store(engine, minutes, other_file).status == "unchanged"
    with session_scope(engine) as session:
        assert session.exec(select(MeetingRow)).one().model_dump() == before


def test_changed_title_updates_the_item_in_place(engine: Engine) -> None:
    first = store(engine, make_minutes())
    with session_scope(engine) as session:
        before = get_meeting(session, first.meeting_id)
    assert before is not None

    corrected = make_minutes({"1": "Godkendelse af dagsorden", "2": "Program for temadag"})
    result = store(engine, corrected)
    assert (result.status, result.meeting_id, result.changed, result.added) == (
        "updated",
        first.meeting_id,
        1,
        0,
    )
    with session_scope(engine) as session:
        after = get_meeting(session, first.meeting_id)
    assert after is not None
    assert [i.id for i in after.items] == [i.id for i in before.items]
    assert after.items[1].title == "Program for temadag"
    assert after.items[1].decision == "Besluttet om program for temadag."
    assert after.source_sha256 == make_document(corrected).sha256
    assert after.updated_at > before.updated_at
    assert after.imported_at == before.imported_at
    assert store(engine, corrected).status == "unchanged"


def test_update_adds_new_items_and_removes_only_those_without_actions(engine: Engine) -> None:
    first = store(engine, make_minutes({"1": "Dagsorden", "2": "Program", "3": "Eventuelt"}))
    add_action(engine, first.meeting_id, "2")

    result = store(engine, make_minutes({"1": "Dagsorden", "4": "Budget"}))
    assert (result.status, result.added, result.removed, result.kept, result.items) == (
        "updated",
        1,
        1,
        ("2",),
        3,
    )
    with session_scope(engine) as session:
        meeting = get_meeting(session, first.meeting_id)
    assert meeting is not None
    assert sorted(i.number for i in meeting.items) == ["1", "2", "4"]
    assert counts(engine)["action"] == 1


def test_minutes_without_start_time_find_their_meeting(engine: Engine) -> None:
    first = store(engine, make_minutes())
    result = store(engine, make_minutes(start=None, place="Rådhuset"))
    assert (result.status, result.meeting_id, result.start) == ("updated", first.meeting_id, None)


def test_two_meetings_on_one_day_need_a_start_time_to_tell_apart(engine: Engine) -> None:
    morning = store(engine, make_minutes(start=dt.time(9, 0)))
    evening = store(engine, make_minutes(start=dt.time(17, 0)))
    assert morning.status == evening.status == "created"
    assert morning.meeting_id != evening.meeting_id
    assert store(engine, make_minutes({"1": "Ny"}, start=dt.time(17, 0))).meeting_id == (
        evening.meeting_id
    )
    with pytest.raises(InputError, match="several meetings"):
        store(engine, make_minutes({"1": "Hvilket møde?"}, start=None))


def test_minutes_without_a_body_are_refused(engine: Engine) -> None:
    with pytest.raises(InputError, match=r"^referat\.txt: "):
        store(engine, make_minutes(body=" "))
    assert counts(engine) == counts_of()


def test_failure_after_import_rolls_everything_back(engine: Engine) -> None:
    store(engine, make_minutes())
    before = counts(engine)
    minutes = make_minutes(body="Teknik- og Miljøudvalget")
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        result = import_minutes(session, make_document(minutes), minutes, organisation=ORGANISATION)
        assert result.status == "created"
        raise RuntimeError("disk full")
    assert counts(engine) == before


@pytest.mark.parametrize("existing", [False, True], ids=["create", "update"])
def test_failure_mid_import_rolls_everything_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    if existing:
        store(engine, make_minutes())
    before = counts(engine)

    def fail(*args: object, **kwargs: object) -> ImportResult:
        # Called after every row of the import has been flushed to the database.
        raise RuntimeError("bug after writing")

    monkeypatch.setattr(services.imports, "_result", fail)
    minutes = make_minutes({"1": "Dagsorden", "2": "Nyt program", "3": "Budget"})
    with pytest.raises(RuntimeError, match="bug after writing"):
        store(engine, minutes)
    assert counts(engine) == before
    with session_scope(engine) as session:
        titles = session.exec(select(ItemRow.title).order_by(col(ItemRow.position))).all()
    assert titles == (["Godkendelse af dagsorden", "Program"] if existing else [])


def test_import_files_reports_bad_files_and_imports_the_rest(engine: Engine) -> None:
    samples = sorted(config.sample_minutes_dir().iterdir())
    paths = [samples[0], samples[0].with_name("missing.txt"), *samples[1:]]
    seen: list[services.ImportOutcome] = []
    outcomes = services.import_files(engine, paths, organisation=ORGANISATION, on_file=seen.append)
    assert seen == outcomes
    assert [outcome.path for outcome in seen] == paths
    assert [o.result.status if o.result else "error" for o in outcomes] == [
        "created",
        "error",
        *["created"] * (len(samples) - 1),
    ]
    assert str(outcomes[1].error).startswith(str(paths[1]))
    before = counts(engine)
    assert before["meeting"] == len(samples)

    again = services.import_files(engine, samples, organisation=ORGANISATION)
    assert {o.result.status for o in again if o.result} == {"unchanged"}
    assert counts(engine) == before


def test_import_files_reports_each_file_before_reading_the_next(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = sorted(config.sample_minutes_dir().iterdir())[:2]
    paths = [samples[0], samples[0].with_name("missing.txt"), samples[1]]
    events: list[tuple[str, str]] = []
    read = imports.read_document

    def logged_read(path: Path) -> Document:
        events.append(("read", path.name))
        return read(path)

    monkeypatch.setattr(imports, "read_document", logged_read)
    services.import_files(
        engine,
        paths,
        organisation=ORGANISATION,
        on_file=lambda outcome: events.append(("done", outcome.path.name)),
    )
    assert events == [(kind, path.name) for path in paths for kind in ("read", "done")]


# --- queries ------------------------------------------------------------------


def test_list_meetings_newest_first_with_counts(engine: Engine) -> None:
    old = store(engine, make_minutes(date=dt.date(2022, 6, 1)))
    new = store(engine, make_minutes({"1": "Eneste punkt"}, body="Byrådet"))
    add_action(engine, old.meeting_id, "1")
    add_action(engine, old.meeting_id, "2")
    with session_scope(engine) as session:
        meetings = list_meetings(session)
    assert [(m.id, m.body, m.items, m.actions) for m in meetings] == [
        (new.meeting_id, "Byrådet", 1, 0),
        (old.meeting_id, "Direktionen", 2, 2),
    ]
    assert meetings[0].to_dict() == {
        "id": new.meeting_id,
        "body": "Byrådet",
        "date": "2022-08-15",
        "start": "10:00",
        "place": "Direktionsgangen",
        "items": 1,
        "actions": 0,
        "source_name": "referat.txt",
    }


def test_get_meeting_gives_detached_read_models(engine: Engine) -> None:
    result = store(engine, make_minutes())
    add_action(engine, result.meeting_id, "2")
    with session_scope(engine) as session:
        meeting = get_meeting(session, result.meeting_id)
        assert get_meeting(session, result.meeting_id + 1) is None
    assert meeting is not None
    assert meeting.participants == ("Anya Ødegaard", "Bo Æbelø")
    assert [(i.number, i.case, i.closed, i.actions) for i in meeting.items] == [
        ("1", None, False, 0),
        ("2", "22/1234", False, 1),
    ]
    assert meeting.items[1].sections[0].kind == "beslutning"
    assert meeting.imported_at.tzinfo is not None
    assert meeting.imported_at.utcoffset() == dt.timedelta(0)

    data = meeting.to_dict()
    assert (data["date"], data["start"], data["end"]) == ("2022-08-15", "10:00", "12:00")
    assert data["imported_at"].endswith("+00:00")
    assert data["items"][1]["sections"][0] == {
        "kind": "beslutning",
        "heading": "Beslutning",
        "text": "Besluttet om program.",
    }


def test_decision_history_is_stored_as_json(engine: Engine) -> None:
    result = store(engine, make_minutes())
    with session_scope(engine) as session:
        item = session.exec(
            select(ItemRow).where(ItemRow.meeting_id == result.meeting_id, ItemRow.number == "1")
        ).one()
        assert item.decisions == [
            {
                "heading": "Beslutning",
                "body": "Direktionen",
                "date": "2022-08-15",
                "text": "Besluttet om godkendelse af dagsorden.",
            }
        ]
    columns = {c["name"] for c in inspect(engine).get_columns("agenda_item")}
    assert {"sections", "decisions", "decision", "case_number"} <= columns
