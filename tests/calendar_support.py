"""Helpers of the calendar tests: a small store of actions, and the two
independent parsers every produced file must pass (icalendar and ical.js)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import pytest
from sqlalchemy import Engine

from tracker import services
from tracker.db import session_scope
from tracker.models import Action, ActionEvent, AgendaItem, Body, Meeting

JS = Path(__file__).parent / "js"
USER = "tester"
MEETING_DAY = dt.date(2022, 8, 15)
NEXT_MEETING = dt.date(2022, 9, 12)  # a Monday; stored with its start, 10:00
TRICKY = 'Budget, plan; "udkast" til Byrådet\nHRC følger op: æøå ÆØÅ \\ slut'
LONG = "Økonomi- og Digitaliseringscentret undersøger " * 6 + "og vender tilbage"


@dataclass
class Store:
    """IDs of the seeded rows, by role."""

    body_id: int
    item_id: int
    closed_item_id: int
    open_id: int
    tricky_id: int
    long_id: int
    report_id: int
    held_id: int
    closed_id: int
    proposed_id: int
    undated_id: int


def add_action(
    engine: Engine,
    item_id: int,
    title: str,
    *,
    owner: str | None = "HRC",
    co_owners: tuple[str, ...] = (),
    due: dt.date | None = dt.date(2022, 9, 30),
    kind: str = "task",
    accept: bool = True,
    source: str | None = "HRC undersøger og tilretter programmet.",
) -> int:
    """An action as an import proposes it ("created" event), accepted unless not."""
    with session_scope(engine) as session:
        action = Action(
            item_id=item_id,
            title=title,
            owner=owner,
            co_owners=list(co_owners),
            due=due,
            due_text=due.strftime("%d-%m-%Y") if due else None,
            kind=kind,
            source=source,
            condition="hvis gruppen skal bruges igen" if kind == "on_hold" else None,
            review=dt.date(2022, 11, 15) if kind == "on_hold" else None,
        )
        session.add(action)
        session.flush()
        assert action.id is not None
        session.add(ActionEvent(action_id=action.id, user=USER, field="created", new=title))
        action_id = action.id
    if accept:
        with session_scope(engine) as session:
            services.accept(session, [action_id], user=USER)
    return action_id


def seed(engine: Engine) -> Store:
    """Direktionen's meeting of 15 August 2022 with an open and a closed item,
    its next meeting on 12 September (10:00-12:00), and one action of each
    kind a calendar treats differently."""
    with session_scope(engine) as session:
        body = Body(name="Direktionen")
        session.add(body)
        session.flush()
        assert body.id is not None
        meetings = []
        for day, sha in ((MEETING_DAY, "a"), (NEXT_MEETING, "b")):
            meeting = Meeting(
                body_id=body.id,
                date=day,
                start=dt.time(10, 0),
                end=dt.time(12, 0),
                source_name=f"{day}.txt",
                source_sha256=sha * 64,
                source_format="txt",
            )
            session.add(meeting)
            meetings.append(meeting)
        session.flush()
        assert meetings[0].id is not None
        item = AgendaItem(
            meeting_id=meetings[0].id,
            position=1,
            number="3",
            title="Program",
            case_number="22/1234",
        )
        closed = AgendaItem(
            meeting_id=meetings[0].id, position=2, number="9", title="Personalesag", closed=True
        )
        session.add_all([item, closed])
        session.flush()
        assert item.id is not None and closed.id is not None
        body_id, item_id, closed_item_id = body.id, item.id, closed.id
    return Store(
        body_id=body_id,
        item_id=item_id,
        closed_item_id=closed_item_id,
        open_id=add_action(engine, item_id, "Send programmet ud", co_owners=("ØC",)),
        tricky_id=add_action(engine, item_id, TRICKY),
        long_id=add_action(engine, item_id, LONG, owner="ØDC"),
        report_id=add_action(
            engine,
            item_id,
            "ØC kommer med et oplæg",
            owner="ØC",
            due=NEXT_MEETING,
            kind="report_back",
        ),
        held_id=add_action(engine, item_id, "Koordineringsgruppen i bero", kind="on_hold"),
        closed_id=add_action(engine, closed_item_id, "Hemmelig opfølgning", owner="HRC"),
        proposed_id=add_action(engine, item_id, "Kun et forslag", accept=False),
        undated_id=add_action(engine, item_id, "Løbende opfølgning", due=None),
    )


# --- parsers ------------------------------------------------------------------


def parse_icalendar(text: str) -> icalendar.Calendar:
    """Parse strictly with the icalendar library, validate the calendar (its
    properties and at least one component), and check what every component
    must have: UID, DTSTAMP, a start, and a complete alarm."""
    calendar = icalendar.Calendar.from_ical(text)
    errors = getattr(calendar, "errors", [])
    assert errors == [], errors
    calendar.validate()
    for component in calendar.walk():
        assert not getattr(component, "errors", []), (component.name, component.errors)
        if component.name not in ("VEVENT", "VTODO"):
            continue
        assert component.get("UID"), component
        assert component.get("DTSTAMP"), component
        assert component.get("DTSTART") or component.get("DUE"), component
        alarms = [c for c in component.subcomponents if c.name == "VALARM"]
        assert alarms, component
        for alarm in alarms:
            assert alarm.get("ACTION") == "DISPLAY"
            assert alarm.get("TRIGGER") is not None
            assert str(alarm.get("DESCRIPTION") or "").strip()
    return calendar


def parse_ical_js(*paths: Path) -> list[dict[str, Any]]:
    """Parse files with ical.js under node (tests/js/parse.mjs); skip when node
    or ical.js is missing, except in CI (CI=true), where that is a failure."""
    node = shutil.which("node")
    installed = (JS / "node_modules" / "ical.js" / "package.json").is_file()
    if node is None or not installed:
        reason = (
            "ical.js checks need node and `npm ci --prefix tests/js` "
            f"(node: {node or 'missing'}, ical.js: {'installed' if installed else 'missing'})"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert node is not None
    run = subprocess.run(
        [node, str(JS / "parse.mjs"), *map(str, paths)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    results: list[dict[str, Any]] = json.loads(run.stdout)
    for result in results:
        for component in result["components"]:
            assert component["uid"] and component["dtstamp"], component
            assert component["dtstart"] or component["due"], component
            assert component["alarms"], component
            for alarm in component["alarms"]:
                assert alarm["action"] == "DISPLAY" and alarm["trigger"] and alarm["description"]
    return results


def check_both(
    tmp_path: Path, text: str, name: str = "calendar.ics"
) -> tuple[icalendar.Calendar, dict[str, Any]]:
    """Parse `text` with both parsers (through a file, as clients get it)."""
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return parse_icalendar(text), parse_ical_js(path)[0]
