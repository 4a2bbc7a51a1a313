"""Several people changing the same actions at the same moment, as separate processes.

Each writer is a process of its own with its own engine and connections, the
way several secretaries' terminals share one database, on SQLite and on
PostgreSQL. What must hold: a change made from a stale view never silently
overwrites another's (exactly one of two racing writers wins and the other
is told what changed), and no change is ever lost, however many writers.
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import col, select

from tracker import services
from tracker.db import make_engine, read_session, session_scope
from tracker.errors import ConflictError
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.models import Action, ActionEvent
from tracker.organisation import Organisation

SEED = Path(__file__).parent / "fixtures" / "000_72469736df97498c.txt"
NO_ORG = Organisation()
WRITERS = 8
UPDATES = 200

# Spawned processes start clean: no engine, connection or lock is inherited.
spawn = multiprocessing.get_context("spawn")


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def import_seed(engine: Engine) -> list[int]:
    document = read_document(SEED)
    with session_scope(engine) as session:
        minutes = parse_minutes(document.text, source=SEED.name)
        services.import_minutes(session, document, minutes, organisation=NO_ORG, user="import")
        return list(session.exec(select(Action.id).order_by(col(Action.id))).all())


def version_of(url: str, action_id: int) -> int:
    """The action's version as a screen or a list would have shown it."""
    engine = make_engine(url, upgrade=False)
    try:
        with session_scope(engine) as session:
            return session.get_one(Action, action_id).version
    finally:
        engine.dispose()


# --- two people, one action ---------------------------------------------------------


def assign_from_view(
    url: str, action_id: int, owner: str, seen: int, start: Barrier, results: Any
) -> None:
    """One person's assign, made from the version they saw; the transaction is
    held open a moment after the change, so the other writer surely meets it."""
    engine = make_engine(url, upgrade=False)
    try:
        start.wait(timeout=60)
        with session_scope(engine) as session:
            services.assign(
                session, action_id, owner=owner, organisation=NO_ORG, user=owner, version=seen
            )
            time.sleep(0.3)
        results.put((owner, "saved"))
    except ConflictError as error:
        results.put((owner, str(error)))
    finally:
        engine.dispose()


def test_two_people_changing_one_action_one_wins_and_the_other_is_told(engine: Engine) -> None:
    action_id = import_seed(engine)[0]
    url = url_of(engine)
    seen = version_of(url, action_id)
    start, results = spawn.Barrier(2), spawn.Queue()
    writers = [
        spawn.Process(target=assign_from_view, args=(url, action_id, owner, seen, start, results))
        for owner in ("anna", "bo")
    ]
    for writer in writers:
        writer.start()
    outcome = dict(results.get(timeout=120) for _ in writers)
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0

    winners = [owner for owner, said in outcome.items() if said == "saved"]
    assert len(winners) == 1, outcome
    (winner,) = winners
    (loser,) = set(outcome) - {winner}
    told = outcome[loser]
    assert f"ID {action_id}: changed by someone else" in told
    assert f"version {seen}, now {seen + 1}" in told
    assert f"{winner}: owner " in told and f"-> {winner}" in told  # what the other did
    with session_scope(engine) as session:
        stored = session.get_one(Action, action_id)
        assert (stored.owner, stored.version) == (winner, seen + 1)
        owners = session.exec(
            select(ActionEvent.new).where(
                ActionEvent.action_id == action_id, ActionEvent.field == "owner"
            )
        ).all()
    assert owners == [winner]  # the loser's change left no trace


# --- many writers, nothing lost -------------------------------------------------------


def write_many(url: str, writer: int, action_ids: list[int], start: Barrier, results: Any) -> None:
    """UPDATES changes by one writer, spread over the shared actions: a note
    (which overwrites nothing, so it needs no version) and a reassignment
    made from a fresh read, retried on conflict as a person would."""
    engine = make_engine(url, upgrade=False)
    conflicts = 0
    try:
        start.wait(timeout=120)
        for n in range(UPDATES):
            action_id = action_ids[(writer + n) % len(action_ids)]
            if n % 2 == 0:
                with session_scope(engine) as session:
                    services.add_note(session, action_id, f"w{writer}-{n}", user=f"w{writer}")
                continue
            while True:
                with session_scope(engine) as session:
                    seen = session.get_one(Action, action_id).version
                time.sleep(0.001)  # the moment between looking and changing
                try:
                    with session_scope(engine) as session:
                        services.assign(
                            session,
                            action_id,
                            owner=f"w{writer}-{n}",
                            organisation=NO_ORG,
                            user=f"w{writer}",
                            version=seen,
                        )
                    break
                except ConflictError:
                    conflicts += 1
        results.put((writer, conflicts, None))
    except Exception as error:  # noqa: BLE001  (any failure goes to the test, which fails with it)
        results.put((writer, conflicts, repr(error)))
    finally:
        engine.dispose()


def test_eight_writers_lose_no_update(engine: Engine) -> None:
    action_ids = import_seed(engine)[:4]
    url = url_of(engine)
    with session_scope(engine) as session:
        before = {
            a.id: a.version
            for a in session.exec(select(Action).where(col(Action.id).in_(action_ids)))
        }
    start, results = spawn.Barrier(WRITERS), spawn.Queue()
    writers = [
        spawn.Process(target=write_many, args=(url, writer, action_ids, start, results))
        for writer in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    reports = [results.get(timeout=540) for _ in writers]
    for writer in writers:
        writer.join(timeout=60)
    assert [error for _, _, error in reports if error] == []

    with session_scope(engine) as session:
        actions = {
            a.id: (a.notes or "", a.version)
            for a in session.exec(select(Action).where(col(Action.id).in_(action_ids)))
        }
        changes = session.exec(
            select(ActionEvent.field, func.count())
            .where(col(ActionEvent.action_id).in_(action_ids), ActionEvent.field != "created")
            .group_by(col(ActionEvent.field))
        ).all()
    # Every note is there, once, on the action it was written to.
    written = {
        (action_ids[(w + n) % len(action_ids)], f"w{w}-{n}")
        for w in range(WRITERS)
        for n in range(0, UPDATES, 2)
    }
    stored = {(i, line) for i, (notes, _) in actions.items() for line in notes.splitlines()}
    assert stored == written
    # Every reassignment is recorded, and each change raised a version once.
    assert dict(changes) == {"note": WRITERS * UPDATES // 2, "owner": WRITERS * UPDATES // 2}
    assert sum(version - before[i] for i, (_, version) in actions.items()) == WRITERS * UPDATES
    # The writers did meet: some reassignments were made from a stale read and retried.
    assert sum(conflicts for _, conflicts, _ in reports) > 0


@pytest.mark.parametrize("seen_offset", [0, -1])
def test_a_change_from_the_current_version_is_saved_and_from_an_older_one_refused(
    engine: Engine, seen_offset: int
) -> None:
    action_id = import_seed(engine)[0]
    with session_scope(engine) as session:
        services.add_note(session, action_id, "first", user="anna")
    with session_scope(engine) as session:
        version = session.get_one(Action, action_id).version
    assert version == 2
    seen = version + seen_offset
    try:
        with session_scope(engine) as session:
            services.done(session, action_id, user="bo", version=seen)
    except ConflictError as error:
        assert seen_offset == -1
        assert [str(change) for change in error.changes] == ["anna: note first"]
    else:
        assert seen_offset == 0
    with session_scope(engine) as session:
        status = session.get_one(Action, action_id).status
    assert status == ("done" if seen_offset == 0 else "proposed")


def test_readers_do_not_wait_for_a_writer(engine: Engine) -> None:
    """A screen or a feed reads the last committed state while an import or
    another user holds a write transaction open (SQLite would otherwise make
    it wait for the lock, up to the busy timeout, and then fail)."""
    action_id = import_seed(engine)[0]
    with session_scope(engine) as writer:
        services.add_note(writer, action_id, "not committed yet", user="anna")
        writer.flush()
        with read_session(engine) as reader:
            seen = reader.get_one(Action, action_id)
            assert (seen.notes, seen.version) == (None, 1)
    with read_session(engine) as reader:
        assert reader.get_one(Action, action_id).notes == "not committed yet"
