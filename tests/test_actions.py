"""Actions: proposals stored on import, their review and follow-up, and listing them.

Services and queries run on a temp database (the `engine` fixture), the CLI
through typer's runner on the `database_url` of the same database. Most tests put a stand-in extractor
in the import service, so they say exactly which proposals exist and do not
change when the real extractor gets better; one CLI test imports real
minutes with the real one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from tests.test_store import DAY, make_document, make_minutes
from tracker import services
from tracker.cli import app
from tracker.db import make_engine, session_scope
from tracker.errors import InputError
from tracker.extract import ProposedAction
from tracker.minutes.model import Minutes
from tracker.models import Action
from tracker.organisation import Organisation
from tracker.queries import ActionFilter, count_rows, list_actions
from tracker.services import ImportResult, import_minutes

SEED = Path(__file__).parent / "fixtures" / "000_72469736df97498c.txt"
TODAY = dt.date(2022, 9, 1)


@pytest.fixture
def organisation() -> Organisation:
    """An organisation that knows no units and no cadences."""
    return Organisation()


def proposals(minutes: Minutes) -> list[ProposedAction]:
    """What the stand-in extractor proposes, by item number."""
    by_item = {
        "1": [
            ProposedAction(
                "1", "Programmet sendes ud", "Programmet sendes ud snarest.", "communicate",
                owner="Sekretariatet", due=dt.date(2022, 8, 22), due_text="snarest",
            ),
            ProposedAction(
                "1", "ØC kommer med et oplæg", "ØC kommer med et oplæg.", "report_back",
                owner="ØC", co_owners=["HRC"], confidence=0.8,
            ),
        ],
        "2": [
            ProposedAction(
                "2", "Koordineringsgruppen sættes i bero", "Gruppen sættes i bero.", "on_hold",
                condition="hvis behovet opstår igen", review=dt.date(2023, 2, 15),
            ),
            ProposedAction(
                "2", "HRC tilretter programmet", "HRC tilretter programmet.", "task",
                owner="HRC", due=dt.date(2022, 8, 30), due_text="30-08-2022",
            ),
        ],
        "3": [ProposedAction("3", "Budgettet genoptages", "Sagen genoptages.", owner="Økonomi")],
    }  # fmt: skip
    return [p for item in minutes.items for p in by_item.get(item.number, [])]


@pytest.fixture
def known_meetings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dt.date, ...]]:
    """Puts the stand-in extractor in the import service; the list records the
    `known_meetings` of each call."""
    calls: list[tuple[dt.date, ...]] = []

    def extract(
        minutes: Minutes, organisation: Organisation, *, known_meetings: tuple[dt.date, ...] = ()
    ) -> list[ProposedAction]:
        calls.append(known_meetings)
        return proposals(minutes)

    monkeypatch.setattr(services.imports, "extract_actions", extract)
    return calls


def store(engine: Engine, minutes: Minutes, organisation: Organisation) -> ImportResult:
    with session_scope(engine) as session:
        return import_minutes(session, make_document(minutes), minutes, organisation=organisation)


@pytest.fixture
def ids(
    engine: Engine, organisation: Organisation, known_meetings: list[tuple[dt.date, ...]]
) -> dict[str, int]:
    """A meeting with the stand-in's five proposals; their IDs by title's first word."""
    store(engine, make_minutes({"1": "Program", "2": "Koordinering", "3": "Budget"}), organisation)
    with session_scope(engine) as session:
        rows = session.exec(select(Action.title, Action.id)).all()
    return {title.split()[0]: action_id for title, action_id in rows}  # type: ignore[misc]


def actions(engine: Engine, status: ActionFilter = "all", **filters: Any) -> list[dict[str, Any]]:
    with session_scope(engine) as session:
        return [r.to_dict() for r in list_actions(session, status=status, today=TODAY, **filters)]


def state(engine: Engine) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Everything a refused change must leave as it was."""
    with session_scope(engine) as session:
        counts = count_rows(session)
    return counts, actions(engine)


def action(engine: Engine, action_id: int) -> dict[str, Any]:
    return next(a for a in actions(engine) if a["id"] == action_id)


def change(engine: Engine, service: str, *args: Any, **kwargs: Any) -> None:
    with session_scope(engine) as session:
        getattr(services, service)(session, *args, user="tester", **kwargs)


# --- import -----------------------------------------------------------------------


def test_import_stores_each_proposal_on_its_item(
    engine: Engine, organisation: Organisation, known_meetings: list[tuple[dt.date, ...]]
) -> None:
    result = store(engine, make_minutes({"1": "Program", "2": "Koordinering"}), organisation)
    assert result.proposed == 4
    assert result.describe().endswith("(2 items; 4 actions proposed)")
    assert result.to_dict()["proposed"] == 4

    stored = actions(engine)
    assert [(a["item_number"], a["item_title"], a["title"], a["status"]) for a in stored] == [
        (1, "Program", "Programmet sendes ud", "proposed"),
        (2, "Koordinering", "HRC tilretter programmet", "proposed"),
        (1, "Program", "ØC kommer med et oplæg", "proposed"),
        (2, "Koordinering", "Koordineringsgruppen sættes i bero", "proposed"),
    ]
    on_hold = stored[3]
    assert (on_hold["kind"], on_hold["condition"], on_hold["review"]) == (
        "on_hold", "hvis behovet opstår igen", "2023-02-15",
    )  # fmt: skip
    report = stored[2]
    assert (report["owner"], report["co_owners"], report["confidence"]) == ("ØC", ["HRC"], 0.8)
    assert (report["body"], report["meeting_date"], report["source"]) == (
        "Direktionen", "2022-08-15", "ØC kommer med et oplæg.",
    )  # fmt: skip


def test_extractor_knows_the_later_meetings_of_the_same_body(
    engine: Engine, organisation: Organisation, known_meetings: list[tuple[dt.date, ...]]
) -> None:
    later = [DAY + dt.timedelta(days=14), DAY + dt.timedelta(days=28)]
    for day in reversed(later):
        store(engine, make_minutes({"9": "Senere"}, date=day), organisation)
    store(
        engine,
        make_minutes({"9": "Andet"}, body="Byrådet", date=later[0] - dt.timedelta(1)),
        organisation,
    )
    store(engine, make_minutes({"9": "Tidligere"}, date=DAY - dt.timedelta(days=14)), organisation)
    known_meetings.clear()
    store(engine, make_minutes(), organisation)
    assert known_meetings == [tuple(later)]


def test_corrected_minutes_add_proposals_for_new_items_only(
    engine: Engine, organisation: Organisation, ids: dict[str, int]
) -> None:
    change(engine, "assign", ids["HRC"], owner="Anya", organisation=organisation)
    change(engine, "reject", [ids["Programmet"]])
    before = actions(engine)

    result = store(
        engine,
        make_minutes({"1": "Program", "2": "Koordinering", "3": "Budget", "4": "Eventuelt"}),
        organisation,
    )
    assert (result.status, result.added, result.proposed) == ("updated", 1, 0)
    assert actions(engine) == before

    # Item 2 is gone but has actions: they stay, flagged as having lost their sentence.
    result = store(engine, make_minutes({"1": "Program", "3": "Budget", "5": "Nyt"}), organisation)
    on_item_2 = [a["id"] for a in before if a["item_number"] == 2]
    assert (result.status, result.kept, result.proposed) == ("updated", ("2",), 0)
    assert result.flagged == len(on_item_2) > 0
    after = actions(engine)
    assert [a["id"] for a in after if a["source_lost_at"]] == on_item_2
    ignore = ("source_lost_at", "version")
    assert [{k: v for k, v in a.items() if k not in ignore} for a in after] == [
        {k: v for k, v in a.items() if k not in ignore} for a in before
    ]
    # Importing the same text again has nothing more to flag.
    again = store(engine, make_minutes({"1": "Program", "3": "Budget", "5": "Nyt"}), organisation)
    assert (again.status, again.flagged) == ("unchanged", 0)


def test_corrected_minutes_with_a_new_item_propose_its_actions(
    engine: Engine, organisation: Organisation, known_meetings: list[tuple[dt.date, ...]]
) -> None:
    store(engine, make_minutes({"1": "Program"}), organisation)
    result = store(engine, make_minutes({"1": "Program", "2": "Koordinering"}), organisation)
    assert (result.status, result.added, result.proposed) == ("updated", 1, 2)
    assert [a["item_number"] for a in actions(engine)] == [1, 2, 1, 2]


def test_import_and_its_proposals_are_one_transaction(
    engine: Engine, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[ProposedAction]:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(services.imports, "extract_actions", broken)
    with pytest.raises(RuntimeError, match="extractor bug"):
        store(engine, make_minutes(), organisation)
    with session_scope(engine) as session:
        assert set(count_rows(session).values()) == {0}


# --- review and follow-up ---------------------------------------------------------


def test_accept_opens_proposals_and_holds_on_hold_ones(engine: Engine, ids: dict[str, int]) -> None:
    change(engine, "accept", [ids["HRC"], ids["Koordineringsgruppen"]])
    assert action(engine, ids["HRC"])["status"] == "open"
    held = action(engine, ids["Koordineringsgruppen"])
    assert held["status"] == "on_hold"
    assert held["held_since"] is not None
    assert action(engine, ids["ØC"])["status"] == "proposed"


def test_reject_and_reactivate(engine: Engine, ids: dict[str, int]) -> None:
    change(engine, "reject", [ids["ØC"]])
    assert action(engine, ids["ØC"])["status"] == "rejected"
    change(engine, "reactivate", ids["ØC"])
    assert action(engine, ids["ØC"])["status"] == "open"


def test_done_records_when_and_keeps_every_note(engine: Engine, ids: dict[str, int]) -> None:
    change(engine, "accept", [ids["HRC"]])
    change(engine, "done", ids["HRC"], note="Sendt 29/8")
    done = action(engine, ids["HRC"])
    assert (done["status"], done["notes"]) == ("done", "Sendt 29/8")
    assert dt.datetime.fromisoformat(done["completed_at"]).tzinfo is not None

    change(engine, "reactivate", ids["HRC"])
    reopened = action(engine, ids["HRC"])
    assert (reopened["status"], reopened["completed_at"], reopened["notes"]) == (
        "open", None, "Sendt 29/8",
    )  # fmt: skip
    change(engine, "done", ids["HRC"], note="  Rettet version sendt ")
    assert action(engine, ids["HRC"])["notes"] == "Sendt 29/8\nRettet version sendt"


def test_hold_keeps_the_time_it_has_waited_when_the_condition_changes(
    engine: Engine, ids: dict[str, int]
) -> None:
    change(engine, "hold", ids["Budgettet"], until="budgettet er vedtaget")
    held = action(engine, ids["Budgettet"])
    assert (held["status"], held["condition"]) == ("on_hold", "budgettet er vedtaget")
    change(engine, "hold", ids["Budgettet"], until="  efter valget ")
    again = action(engine, ids["Budgettet"])
    assert (again["condition"], again["held_since"]) == ("efter valget", held["held_since"])
    change(engine, "reactivate", ids["Budgettet"])
    reopened = action(engine, ids["Budgettet"])
    assert (reopened["status"], reopened["held_since"]) == ("open", None)


@pytest.mark.parametrize(
    ("setup", "service", "args", "message"),
    [
        ([], "accept", ([99],), "ID 99: no such action"),
        ([], "done", (99,), "ID 99: no such action"),
        ([("accept", "HRC")], "accept", (["HRC"],), "is open; accept applies to proposed actions"),
        ([("reject", "HRC")], "done", ("HRC",), "is rejected; done applies to proposed, open or on hold"),
        ([("accept", "HRC")], "reactivate", ("HRC",), "is open; reactivate applies to on hold, done or rejected"),
        ([("reject", "HRC")], "hold", ("HRC",), "is rejected; hold applies to"),
        ([("done", "HRC")], "assign", ("HRC",), "is done; assign applies to"),
        ([("done", "HRC")], "reject", (["HRC"],), "is done; reject applies to"),
    ],
)  # fmt: skip
def test_refused_changes_name_the_id_and_change_nothing(
    engine: Engine,
    ids: dict[str, int],
    organisation: Organisation,
    setup: list[tuple[str, str]],
    service: str,
    args: tuple[Any, ...],
    message: str,
) -> None:
    def resolved(value: Any) -> Any:
        return [resolved(v) for v in value] if isinstance(value, list) else ids.get(value, value)

    for name, title in setup:
        change(engine, name, [ids[title]] if name in ("accept", "reject") else ids[title])
    before = state(engine)
    kwargs: dict[str, Any] = {}
    if service == "assign":
        kwargs = {"owner": "Anya", "organisation": organisation}
    if service == "hold":
        kwargs = {"until": "senere"}
    with pytest.raises(InputError, match=message) as refused:
        change(engine, service, *map(resolved, args), **kwargs)
    assert "\n" not in str(refused.value)
    assert state(engine) == before


def test_accepting_several_is_all_or_nothing(engine: Engine, ids: dict[str, int]) -> None:
    before = state(engine)
    with pytest.raises(InputError, match="^ID 99: no such action$"):
        change(engine, "accept", [ids["HRC"], 99, ids["ØC"]])
    assert state(engine) == before


def test_assign_keeps_the_owner_as_typed_and_a_proposal_proposed(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    change(
        engine,
        "assign",
        ids["ØC"],
        owner="  Økonomi og Digitalisering (ØDC) ",
        organisation=organisation,
    )
    assigned = action(engine, ids["ØC"])
    assert (assigned["owner"], assigned["status"]) == (
        "Økonomi og Digitalisering (ØDC)",
        "proposed",
    )
    assert assigned["due"] is None


def test_assign_resolves_the_due_phrase_from_the_actions_meeting(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    change(engine, "accept", [ids["ØC"]])
    change(engine, "assign", ids["ØC"], due_phrase="30-09-2022", organisation=organisation)
    assigned = action(engine, ids["ØC"])
    assert (assigned["due"], assigned["due_text"], assigned["owner"], assigned["status"]) == (
        "2022-09-30", "30-09-2022", "ØC", "open",
    )  # fmt: skip


def test_assign_next_meeting_means_the_bodys_next_stored_meeting(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    next_meeting = DAY + dt.timedelta(days=21)
    store(engine, make_minutes({"1": "Opfølgning"}, date=next_meeting), organisation)
    change(engine, "assign", ids["ØC"], due_phrase="næste møde", organisation=organisation)
    assigned = action(engine, ids["ØC"])
    assert (assigned["due"], assigned["due_text"]) == (next_meeting.isoformat(), "næste møde")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "nothing to assign"),
        ({"owner": " "}, "the owner is empty"),
        ({"due_phrase": ""}, "the due date is empty"),
    ],
)
def test_assign_refuses_what_it_cannot_use(
    engine: Engine,
    ids: dict[str, int],
    organisation: Organisation,
    kwargs: dict[str, str],
    message: str,
) -> None:
    before = state(engine)
    with pytest.raises(InputError, match=f"^ID {ids['ØC']}: {message}"):
        change(engine, "assign", ids["ØC"], organisation=organisation, **kwargs)
    assert state(engine) == before


def test_assign_refuses_a_phrase_that_is_no_due_date(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    before = state(engine)
    with pytest.raises(InputError, match="^--due: cannot read 'når det passer' as a date"):
        change(engine, "assign", ids["ØC"], due_phrase="når det passer", organisation=organisation)
    assert state(engine) == before


def test_assign_ongoing_work_keeps_the_phrase_without_a_date(
    engine: Engine, ids: dict[str, int], organisation: Organisation
) -> None:
    change(engine, "assign", ids["HRC"], due_phrase="  løbende ", organisation=organisation)
    assigned = action(engine, ids["HRC"])
    assert (assigned["due"], assigned["due_text"]) == (None, "løbende")


# --- listing ----------------------------------------------------------------------


def test_list_filters_by_status_with_overdue_against_today(
    engine: Engine, ids: dict[str, int]
) -> None:
    change(
        engine, "accept", [ids["Programmet"], ids["HRC"], ids["ØC"], ids["Koordineringsgruppen"]]
    )
    change(engine, "done", ids["HRC"])
    change(engine, "reject", [ids["Budgettet"]])

    def titles(status: ActionFilter, today: dt.date = TODAY) -> list[str]:
        with session_scope(engine) as session:
            return [r.title.split()[0] for r in list_actions(session, status=status, today=today)]

    assert titles("open") == ["Programmet", "ØC"]  # by due date, undated last
    assert titles("overdue") == ["Programmet"]  # due 2022-08-22, HRC's 30th is done
    assert titles("overdue", today=dt.date(2022, 8, 22)) == []  # due today is not late
    assert titles("on_hold") == ["Koordineringsgruppen"]
    assert titles("done") == ["HRC"]
    assert titles("rejected") == ["Budgettet"]
    assert titles("proposed") == []
    assert titles("all") == ["Programmet", "HRC", "ØC", "Koordineringsgruppen", "Budgettet"]
    overdue = {a["id"]: a["overdue"] for a in actions(engine)}
    assert overdue == {i: i == ids["Programmet"] for i in ids.values()}


@pytest.mark.parametrize(
    ("owner", "expected"),
    [
        ("hrc", ["HRC", "ØC"]),  # owner, and co-owner of ØC's
        ("øc", ["ØC"]),  # ignoring case in æøå too
        ("ØKONOMI", ["Budgettet"]),
        ("sekretariat", ["Programmet"]),
        ("%", []),  # the user's text, not a LIKE pattern
        ("nobody", []),
    ],
)
def test_list_filters_by_owner_ignoring_case(
    engine: Engine, ids: dict[str, int], owner: str, expected: list[str]
) -> None:
    assert [a["title"].split()[0] for a in actions(engine, owner=owner)] == expected


def test_action_rows_as_json(engine: Engine, ids: dict[str, int]) -> None:
    assert action(engine, ids["HRC"]) == {
        "id": ids["HRC"],
        "meeting_id": 1,
        "meeting_date": "2022-08-15",
        "body": "Direktionen",
        "item_number": 2,
        "item_title": "Koordinering",
        "title": "HRC tilretter programmet",
        "owner": "HRC",
        "co_owners": [],
        "due": "2022-08-30",
        "due_text": "30-08-2022",
        "kind": "task",
        "condition": None,
        "review": None,
        "status": "proposed",
        "overdue": False,
        "confidence": 0.5,
        "rule": None,  # added by hand in this test, not by an extractor rule
        "source": "HRC tilretter programmet.",
        "notes": None,
        "held_since": None,
        "completed_at": None,
        "version": 1,
        "source_lost_at": None,
    }


# --- migration ----------------------------------------------------------------------


# Plain SQL that SQLite and PostgreSQL read alike: FALSE, not 0, for a boolean,
# and timestamps with their UTC offset (PostgreSQL would read them in its own zone).
OLD_ROWS = [
    "INSERT INTO body (id, name) VALUES (1, 'Direktionen')",
    (
        "INSERT INTO meeting (id, body_id, date, participants, absent, language, source_name,"
        " source_sha256, source_format, imported_at, updated_at) VALUES (1, 1, '2022-08-15',"
        " '[]', '[]', 'da', 'r.txt', 'abc', 'txt', '2022-08-15 10:00:00+00:00',"
        " '2022-08-15 10:00:00+00:00')"
    ),
    (
        "INSERT INTO agenda_item (id, meeting_id, position, number, title, closed, sections,"
        " decisions) VALUES (1, 1, 1, '6', 'Program', FALSE, '[]', '[]')"
    ),
    (
        "INSERT INTO action (id, item_id, title, owner, co_owners, due, due_text, kind, confidence,"
        " status, created_at, updated_at) VALUES (7, 1, 'HRC tilretter', 'HRC', '[\"ØC\"]',"
        " '2022-08-30', '30-08-2022', 'task', 0.7, 'open', '2022-08-15 10:00+00:00',"
        " '2022-08-15 10:00+00:00')"
    ),
]


# --- command line ---------------------------------------------------------------------


@pytest.fixture
def db(
    database_url: str,
    engine: Engine,
    organisation: Organisation,
    known_meetings: list[tuple[dt.date, ...]],
) -> str:
    """A database with the stand-in's five proposals: two of them open, one
    long overdue and one due far in the future, and one on hold."""
    store(engine, make_minutes({"1": "Program", "2": "Koordinering", "3": "Budget"}), organisation)
    with session_scope(engine) as session:
        rows = {a.title.split()[0]: a for a in session.exec(select(Action)).all()}
        rows["Programmet"].due = dt.date(2000, 1, 3)
        rows["HRC"].due = dt.date(2999, 12, 31)
        accepted = [rows[title].id for title in ("Programmet", "HRC", "Koordineringsgruppen")]
        services.accept(session, accepted, user="tester")  # type: ignore[arg-type]
    return database_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def listed(db: str, *args: str) -> list[dict[str, Any]]:
    code, stdout, stderr = run("list", "--db", db, "--format", "json", *args)
    assert code == 0, stderr
    rows: list[dict[str, Any]] = json.loads(stdout)
    return rows


def rows(db: str) -> tuple[dict[str, int], list[dict[str, Any]]]:
    engine = make_engine(db)
    with Session(engine) as session:
        counts = count_rows(session)
    engine.dispose()
    return counts, listed(db, "--status", "all")


@pytest.mark.parametrize(
    "owner",
    ["[/bold]", "[link=x.dk]HRC", "[red]ØC", ":thumbs_up:", "A\x1b[31mB"],
)
def test_cli_prints_what_a_user_typed_as_written(db: str, owner: str) -> None:
    """Rich markup, emoji codes and escape sequences in stored text neither
    crash nor style the output: they print as written, controls escaped."""
    action_id = str(listed(db)[0]["id"])
    assert run("assign", action_id, "--owner", owner, "--db", db)[0] == 0
    assert run("note", action_id, owner, "--db", db)[0] == 0
    shown = owner.replace("\x1b", "\\x1b")
    for command in (["list", "--owner", owner], ["history", action_id]):
        code, stdout, stderr = run(*command, "--db", db)
        assert (code, stderr) == (0, "")
        assert shown in stdout.replace("\n", ""), stdout
        assert "\x1b" not in stdout and "\x1b]8;" not in stdout


def test_cli_list_table_fits_80_columns_and_marks_overdue(db: str) -> None:
    code, stdout, _ = run("list", "--db", db)
    assert code == 0
    lines = stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert ["ID", "Due", "Owner", "Title", "Status"] == lines[1].replace("┃", " ").split()
    overdue = next(line for line in lines if "2000-01-03" in line)
    assert "overdue" in overdue and "Sekretariatet" in overdue
    assert "open" in next(line for line in lines if "2999-12-31" in line)
    assert "Koordineringsgruppen" not in stdout  # on hold, not open

    code, stdout, _ = run("list", "--db", db, "--owner", "nobody")
    assert (code, stdout.strip()) == (0, "No open actions for nobody.")


def test_cli_list_json_by_status_and_owner(db: str) -> None:
    assert [(a["due"], a["overdue"]) for a in listed(db, "--status", "overdue")] == [
        ("2000-01-03", True)
    ]
    assert [a["owner"] for a in listed(db, "--status", "proposed")] == ["ØC", "Økonomi"]
    assert [a["owner"] for a in listed(db, "--owner", "hrc", "--status", "all")] == ["HRC", "ØC"]
    assert set(listed(db)[0]) >= {
        "id", "meeting_date", "body", "item_number", "item_title", "title", "owner", "co_owners",
        "due", "due_text", "kind", "condition", "status", "overdue", "confidence", "source",
    }  # fmt: skip
    code, _, stderr = run("list", "--db", db, "--status", "late")
    assert code == 2 and "late" in stderr


def test_cli_review_and_follow_up(db: str) -> None:
    by_owner = {a["owner"]: a["id"] for a in listed(db, "--status", "all")}
    oc, okonomi, hrc = by_owner["ØC"], by_owner["Økonomi"], by_owner["HRC"]

    assert run("accept", "--db", db, str(oc))[:2] == (0, f"Accepted ID {oc}.\n")
    assert run("reject", "--db", db, str(okonomi))[:2] == (0, f"Rejected ID {okonomi}.\n")
    code, stdout, _ = run("assign", str(oc), "--owner", "Anya", "--due", "30-09-2022", "--db", db)
    assert (code, stdout) == (0, f"ID {oc}: owner Anya; due 2022-09-30 (30-09-2022)\n")
    assert run("hold", str(oc), "--until", "budgettet er klar", "--db", db)[:2] == (
        0, f"ID {oc}: on hold until budgettet er klar.\n",
    )  # fmt: skip
    assert run("reactivate", str(oc), "--db", db)[:2] == (0, f"ID {oc}: open again.\n")
    assert run("done", str(hrc), "--note", "Sendt", "--db", db)[:2] == (0, f"ID {hrc}: done.\n")

    final = {a["id"]: a for a in listed(db, "--status", "all")}
    assert (final[oc]["status"], final[oc]["owner"], final[oc]["condition"]) == (
        "open", "Anya", "budgettet er klar",
    )  # fmt: skip
    assert (final[hrc]["status"], final[hrc]["notes"]) == ("done", "Sendt")
    assert final[okonomi]["status"] == "rejected"


def test_cli_assign_of_a_proposal_says_it_is_still_proposed(db: str) -> None:
    (proposal, *_) = listed(db, "--status", "proposed")
    code, stdout, _ = run("assign", str(proposal["id"]), "--owner", "HRC", "--db", db)
    assert code == 0
    assert stdout == (
        f"ID {proposal['id']}: owner HRC; still proposed: accept it with "
        f"`tracker accept {proposal['id']}`\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["accept", "99"], "error: ID 99: no such action"),
        (["reject", "99"], "error: ID 99: no such action"),
        (["done", "99"], "error: ID 99: no such action"),
        (["hold", "99", "--until", "x"], "error: ID 99: no such action"),
        (["reactivate", "99"], "error: ID 99: no such action"),
        (["assign", "99", "--owner", "HRC"], "error: ID 99: no such action"),
        (["assign", "1"], "error: ID 1: nothing to assign: give an owner, a due date or both"),
        (["reactivate", "1"], "error: ID 1: is open; reactivate applies to on hold, done or rejected actions"),
    ],
)  # fmt: skip
def test_cli_refusal_is_one_line_and_changes_nothing(
    db: str, args: list[str], message: str
) -> None:
    before = rows(db)
    code, stdout, stderr = run(*args, "--db", db)
    assert (code, stdout, stderr) == (1, "", message + "\n")
    assert rows(db) == before


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["show", "99999999999999999999"], "'meeting_id': 99999999999999999999"),
        (["history", "99999999999999999999"], "'action_id': 99999999999999999999"),
        (["accept", "1", "2147483648"], "'ids': 2147483648"),
        (["reject", "0"], "'ids': 0"),
        (["done", "1", "--if-version", "99999999999999999999"], "'--if-version': 99999999999999999999"),
        (["assign", "1", "--owner", "X", "--if-version", "0"], "'--if-version': 0"),
        (["hold", "1", "--until", "x", "--if-version", "-1"], "'--if-version': -1"),
    ],
)  # fmt: skip
def test_cli_a_number_the_store_cannot_hold_is_refused_by_value(
    db: str, args: list[str], named: str
) -> None:
    before = rows(db)
    code, stdout, stderr = run(*args, "--db", db)
    assert (code, stdout) == (2, "")
    [error] = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert error == f"Error: Invalid value for {named} is not between 1 and 2147483647"
    assert "Traceback" not in stderr
    assert rows(db) == before


def test_cli_accepting_several_refuses_all_for_one_bad_id(db: str) -> None:
    proposed = [str(a["id"]) for a in listed(db, "--status", "proposed")]
    before = rows(db)
    code, _, stderr = run("accept", "--db", db, *proposed, "99")
    assert (code, stderr) == (1, "error: ID 99: no such action\n")
    assert rows(db) == before
    assert run("accept", "--db", db, *proposed)[:2] == (0, f"Accepted IDs {', '.join(proposed)}.\n")


@pytest.mark.parametrize(("typed", "stored"), [
    ("2026-01-05", "2026-01-05"),
    ("2026-3-7", "2026-03-07"),
    ("05-01-2026", "2026-01-05"),
])  # fmt: skip
def test_cli_assign_reads_a_year_first_due_date_as_iso(db: str, typed: str, stored: str) -> None:
    action_id = str(listed(db)[0]["id"])
    code, stdout, _ = run("assign", action_id, "--due", typed, "--db", db)
    assert (code, stdout) == (0, f"ID {action_id}: due {stored} ({typed})\n")
    assert next(a for a in listed(db) if str(a["id"]) == action_id)["due"] == stored


def test_cli_assign_counts_next_meeting_by_the_organisations_cadence(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = tmp_path / "organisation.toml"
    org.write_text(
        '[[bodies]]\nname = "Direktionen"\ncadence = "FREQ=MONTHLY;BYMONTHDAY=1"\n',
        encoding="utf-8",
    )
    action_id = str(listed(db)[0]["id"])
    code, stdout, _ = run("assign", action_id, "--due", "næste møde", "--org", str(org), "--db", db)
    assert (code, stdout) == (0, f"ID {action_id}: due 2022-09-01 (næste møde)\n")

    monkeypatch.setenv("TRACKER_ORGANISATION", str(tmp_path / "missing.toml"))
    before = rows(db)
    code, _, stderr = run("assign", action_id, "--due", "næste møde", "--db", db)
    assert (code, stderr) == (1, f"error: {tmp_path / 'missing.toml'}: no such file\n")
    code, _, stderr = run("import", str(SEED), "--db", db)
    assert (code, stderr) == (1, f"error: {tmp_path / 'missing.toml'}: no such file\n")
    assert rows(db) == before


def test_every_action_command_and_parameter_has_help() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in ("list", "accept", "reject", "assign", "done", "hold", "reactivate"):
        assert commands[name].help, name
        assert all(getattr(p, "help", None) for p in commands[name].params), name
        assert run(name, "--help")[0] == 0


def test_cli_import_proposes_actions_from_real_minutes(database_url: str) -> None:
    db = database_url
    code, stdout, stderr = run("import", "--db", db, str(SEED))
    assert code == 0, stderr
    proposed = listed(db, "--status", "proposed")
    assert "actions proposed" in stdout
    assert f"{len(proposed)} actions proposed" in stdout
    assert {a["body"] for a in proposed} == {"Direktionen"}
    assert all(a["source"] and a["title"] for a in proposed)
    assert {a["item_title"] for a in proposed} >= {"Program for budgetseminar"}
