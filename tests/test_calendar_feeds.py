"""Exports over time, feed caching, subscriptions and the calendar commands.

On a temp database (the `engine` fixture); the CLI through typer's runner.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.calendar_support import USER, Store, check_both, parse_ical_js, parse_icalendar, seed
from tracker import queries, services
from tracker.calendar.build import CalendarOptions, build_calendar
from tracker.calendar.feeds import Feed, FeedCache, feed_urls, local_day
from tracker.calendar.subscriptions import subscribe, unsubscribe
from tracker.calendar.tokens import (
    TOKEN_BYTES,
    new_token,
    same_hash,
    token_from_url,
    token_hash,
    well_formed,
)
from tracker.calendar_days import roll_forward
from tracker.cli import app
from tracker.db import make_engine, session_scope
from tracker.errors import InputError
from tracker.models import Action
from tracker.organisation import Organisation, Unit
from tracker.queries.calendar import FeedScope
from tracker.report import to_markdown

ALL = FeedScope("all")


@pytest.fixture
def store(engine: Engine) -> Store:
    return seed(engine)


def export(engine: Engine, scope: FeedScope = ALL) -> str:
    with session_scope(engine) as session:
        rows = queries.calendar_actions(session, scope)
    return build_calendar(rows, CalendarOptions(name="test"), today=dt.date.today()).text


def event_of(text: str, action_id: int, review: int | None = None) -> dict[str, str]:
    """The unfolded properties of one action's VEVENT (of its review number
    `review` if on hold), by name (alarms left out)."""
    uid = f"action-{action_id}@" if review is None else f"action-{action_id}-review-{review}@"
    for block in text.replace("\r\n ", "").split("BEGIN:VEVENT\r\n")[1:]:
        body = block.split("BEGIN:VALARM")[0]
        props = dict(line.split(":", 1) for line in body.split("\r\n") if ":" in line)
        props = {name.split(";")[0]: value for name, value in props.items()}
        if props["UID"].startswith(uid):
            return props
    raise AssertionError(f"no event {uid}")


def fingerprint(engine: Engine, scope: FeedScope = ALL) -> str:
    with session_scope(engine) as session:
        return queries.feed_fingerprint(session, scope).key


# --- exports over time -----------------------------------------------------------


def test_changing_the_due_date_keeps_the_uid_and_raises_sequence(
    engine: Engine, store: Store, tmp_path: Path
) -> None:
    before = event_of(export(engine), store.open_id)
    with session_scope(engine) as session:
        services.assign(
            session, store.open_id, due_phrase="14-10-2022", organisation=Organisation(), user=USER
        )
    after_text = export(engine)
    after = event_of(after_text, store.open_id)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert (before["DTSTART"], after["DTSTART"]) == ("20220930", "20221014")
    assert after["LAST-MODIFIED"] >= before["LAST-MODIFIED"]
    assert after["DTSTAMP"] == after["LAST-MODIFIED"]
    check_both(tmp_path, after_text)


def test_every_change_raises_sequence(engine: Engine, store: Store) -> None:
    sequences = [int(event_of(export(engine), store.open_id)["SEQUENCE"])]
    with session_scope(engine) as session:
        services.add_note(session, store.open_id, "Sendt til trykning", user=USER)
    sequences.append(int(event_of(export(engine), store.open_id)["SEQUENCE"]))
    with session_scope(engine) as session:
        services.edit_title(session, store.open_id, "Send det nye program ud", user=USER)
    sequences.append(int(event_of(export(engine), store.open_id)["SEQUENCE"]))
    assert sequences == sorted(set(sequences))


def test_marking_done_removes_it_and_rejecting_cancels_it(engine: Engine, store: Store) -> None:
    with session_scope(engine) as session:
        services.done(session, store.open_id, user=USER)
        services.reject(session, [store.tricky_id], user=USER)
    text = export(engine)
    assert f"action-{store.open_id}@" not in text
    cancelled = event_of(text, store.tricky_id)
    assert cancelled["STATUS"] == "CANCELLED"
    # A proposal that was never agreed work is not in the calendar, rejected or not.
    with session_scope(engine) as session:
        services.reject(session, [store.proposed_id], user=USER)
    assert f"action-{store.proposed_id}@" not in export(engine)
    # Reopened, the done action is back with the same UID and a higher SEQUENCE.
    with session_scope(engine) as session:
        services.reactivate(session, store.open_id, user=USER)
    assert event_of(export(engine), store.open_id)["STATUS"] == "CONFIRMED"


def test_hold_turns_the_event_into_review_reminders(engine: Engine, store: Store) -> None:
    with session_scope(engine) as session:
        services.hold(session, store.open_id, until="når budgettet er vedtaget", user=USER)
        held_on = local_day(services.audit.utcnow())
    text = export(engine)
    assert f"UID:action-{store.open_id}@" not in text  # its due date is no longer a reminder
    first = event_of(text, store.open_id, review=1)
    assert first["DTSTART"] == roll_forward(held_on + relativedelta(months=3)).strftime("%Y%m%d")
    assert "når budgettet er vedtaget" in first["DESCRIPTION"] and "RRULE" not in first
    parse_icalendar(text)


def test_feed_report_and_detail_agree_on_the_next_review(engine: Engine, store: Store) -> None:
    """Held from 7 December 2026, years after its meeting (review date 15
    November 2022): every screen shows Monday 8 March 2027 next."""
    today, policy = dt.date(2027, 1, 10), Organisation().policy
    with session_scope(engine) as session:
        action = session.get(Action, store.held_id)
        assert action is not None
        action.held_since = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        rows = queries.calendar_actions(session, ALL)
        report = queries.follow_up_report(
            session, body="Direktionen", for_date=today, today=today, organisation=Organisation()
        )
        detail = queries.action_detail(session, store.held_id, today=today, policy=policy)
    text = build_calendar(rows, CalendarOptions(name="x"), today=today).text
    assert event_of(text, store.held_id, review=1)["DTSTART"] == "20270308"
    [line] = [line for owner in report.owners for line in owner.on_hold]
    assert (line.id, line.held_since, line.review) == (
        store.held_id,
        dt.date(2026, 12, 7),
        dt.date(2027, 3, 8),
    )
    assert "since 2026-12-07; last reviewed" in to_markdown(report, "en")
    assert "review 2027-03-08" in to_markdown(report, "en")
    assert detail is not None and detail.next_review == dt.date(2027, 3, 8)


# --- fingerprints and the cache ----------------------------------------------------


def test_fingerprint_changes_with_the_data_of_its_scope_only(engine: Engine, store: Store) -> None:
    hrc, odc = FeedScope("owner", "HRC"), FeedScope("owner", "ØDC")
    first = (fingerprint(engine), fingerprint(engine, hrc), fingerprint(engine, odc))
    assert first == (fingerprint(engine), fingerprint(engine, hrc), fingerprint(engine, odc))
    with session_scope(engine) as session:
        services.done(session, store.tricky_id, user=USER)  # an HRC action
    second = (fingerprint(engine), fingerprint(engine, hrc), fingerprint(engine, odc))
    assert second[0] != first[0] and second[1] != first[1]
    assert second[2] == first[2]
    with session_scope(engine) as session:  # moving an action out of a scope
        services.assign(session, store.long_id, owner="HRC", organisation=Organisation(), user=USER)
    assert fingerprint(engine, odc) != second[2]


def cached(engine: Engine, cache: FeedCache, scope: FeedScope, options: CalendarOptions) -> Feed:
    with session_scope(engine) as session:
        return cache.get(session, scope, options)


def test_cache_rebuilds_only_when_data_changed(engine: Engine, store: Store) -> None:
    cache = FeedCache()
    options = CalendarOptions(name="all")
    first = cached(engine, cache, ALL, options)
    again = cached(engine, cache, ALL, options)
    assert again is first and cache.builds == 1
    cached(engine, cache, FeedScope("owner", "HRC"), options)
    assert cache.builds == 2
    with session_scope(engine) as session:
        services.add_note(session, store.open_id, "ny note", user=USER)
    changed = cached(engine, cache, ALL, options)
    assert cache.builds == 3 and changed.etag != first.etag
    assert changed.last_modified >= first.last_modified
    assert cached(engine, cache, ALL, options) is changed and cache.builds == 3


def test_cache_rebuilds_on_a_new_day(engine: Engine, store: Store) -> None:
    """Which reviews a calendar shows depends on the day: the same data is
    built again after midnight (Danish time), not before."""
    now = [dt.datetime(2027, 1, 10, 22, 30, tzinfo=dt.UTC)]  # 23:30 in Copenhagen
    cache = FeedCache(clock=lambda: now[0])
    options = CalendarOptions(name="all")
    first = cached(engine, cache, ALL, options)
    now[0] += dt.timedelta(minutes=20)
    assert cached(engine, cache, ALL, options) is first and cache.builds == 1
    now[0] += dt.timedelta(minutes=20)  # 00:10 on the 11th
    cached(engine, cache, ALL, options)
    assert cache.builds == 2


def test_cache_is_bounded(engine: Engine, store: Store) -> None:
    cache = FeedCache(size=2)
    options = CalendarOptions(name="x")
    for owner in ("HRC", "ØC", "ØDC"):
        cached(engine, cache, FeedScope("owner", owner), options)
    cached(engine, cache, FeedScope("owner", "HRC"), options)  # evicted, so built again
    assert cache.builds == 4


# --- tokens and subscriptions ------------------------------------------------------


def test_tokens_are_long_random_and_stored_as_hashes() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert TOKEN_BYTES * 8 >= 128
    for token in tokens:
        assert well_formed(token) and len(token) == 43
        assert same_hash(token, token_hash(token))
        assert not same_hash(token[:-1] + ("A" if token[-1] != "A" else "B"), token_hash(token))
    assert not well_formed("../../etc/passwd") and not well_formed("short")
    url = "https://x.dk/feeds/" + next(iter(tokens)) + ".ics"
    assert token_from_url(url) == next(iter(tokens))


def test_subscribe_and_unsubscribe(engine: Engine, store: Store) -> None:
    with session_scope(engine) as session:
        made = subscribe(session, FeedScope("body", "direktionen"), label=" Dir ", user=USER)
    assert made.scope == FeedScope("body", "Direktionen")  # the stored spelling
    with session_scope(engine) as session:
        (row,) = queries.list_subscriptions(session)
        assert row.token_sha256 == token_hash(made.token) != made.token
        assert (row.label, row.created_by, row.include_confidential) == ("Dir", USER, False)
        assert queries.active_subscription(session, token_hash(made.token)) == row
        assert made.token not in str(row.to_dict())
    with session_scope(engine) as session:
        assert unsubscribe(session, f"https://x/feeds/{made.token}.ics") == made.id
    with session_scope(engine) as session:
        assert queries.active_subscription(session, token_hash(made.token)) is None
        assert queries.list_subscriptions(session) == []
        assert len(queries.list_subscriptions(session, include_revoked=True)) == 1
    with pytest.raises(InputError, match="already revoked"), session_scope(engine) as session:
        unsubscribe(session, str(made.id))
    with pytest.raises(InputError, match="no body called"), session_scope(engine) as session:
        subscribe(session, FeedScope("body", "Byrådet"), user=USER)
    for unknown in ("999", "2147483648", "99999999999999999999"):  # beyond what the store holds
        with pytest.raises(InputError, match="no such subscription"), session_scope(engine) as s:
            unsubscribe(s, unknown)


def test_feed_urls() -> None:
    assert feed_urls("https://tracker.htk.dk/", "T") == (
        "https://tracker.htk.dk/feeds/T.ics",
        "webcal://tracker.htk.dk/feeds/T.ics",
    )
    assert feed_urls("https://htk.dk/tracker", "T")[1] == "webcal://htk.dk/tracker/feeds/T.ics"
    with pytest.raises(ValueError):
        feed_urls("ftp://x", "T")


# --- the commands --------------------------------------------------------------------


@pytest.fixture
def db(database_url: str, engine: Engine) -> str:
    seed(engine)
    return database_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_ics_command(db: str, tmp_path: Path) -> None:
    path = tmp_path / "hrc.ics"
    code, stdout, stderr = run("export", "ics", "--owner", "HRC", "-o", str(path), "--db", db)
    assert code == 0, stderr
    # Three HRC actions, and the one on hold: held today, reviewed in 3, 6 and 9 months.
    assert "Wrote 6 events (owner HRC)" in stdout and "1 without a date left out" in stdout
    text = path.read_bytes().decode()
    assert "NAME:Follow-ups: HRC\r\n" in text
    assert "Confidential follow-up" in text and "Hemmelig" not in text
    todo = tmp_path / "todo.ics"
    code, _, stderr = run(
        "export", "ics", "--todo", "--include-confidential", "-o", str(todo), "--db", db
    )
    assert code == 0, stderr
    assert "BEGIN:VTODO" in todo.read_text() and "Hemmelig" in todo.read_text()
    parse_ical_js(path, todo)
    parse_icalendar(todo.read_text())
    result = CliRunner().invoke(app, ["export", "ics", "--body", "Direktionen", "--db", db])
    data = result.stdout_bytes  # bytes: the runner's text would turn CRLF into LF
    assert result.exit_code == 0 and data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    code, _, stderr = run("export", "ics", "--owner", "HRC", "--all", "--db", db)
    assert code == 1 and "give only one of" in stderr


def test_subscription_commands(db: str) -> None:
    code, _, stderr = run("subscribe", "--db", db)
    assert code == 1 and "--owner NAME, --body NAME or --all" in stderr
    code, stdout, stderr = run(
        "subscribe", "--owner", "ØC", "--label", "ØC's calendar", "--db", db,
        "--base-url", "https://tracker.htk.dk",
    )  # fmt: skip
    assert code == 0, stderr
    web, webcal = re.findall(r"\S+://\S+\.ics", stdout)
    assert web.startswith("https://tracker.htk.dk/feeds/")
    assert webcal == web.replace("https://", "webcal://")
    assert "warning" not in stderr
    code, stdout, _ = run("subscribe", "--all", "--db", db)
    assert code == 0 and "http://127.0.0.1:8080/feeds/" in stdout
    code, stdout, _ = run("subscriptions", "--db", db)
    assert code == 0 and "owner ØC" in stdout and "all actions" in stdout
    code, _, _ = run("unsubscribe", web, "--db", db)
    assert code == 0
    code, stdout, _ = run("subscriptions", "--db", db, "--format", "json")
    assert code == 0 and '"owner"' not in stdout and '"all"' in stdout
    code, stdout, _ = run("subscriptions", "--all", "--db", db, "--format", "json")
    assert '"revoked_at": null' in stdout and '"revoked_at": "20' in stdout
    code, _, stderr = run("unsubscribe", web, "--db", db)
    assert code == 1 and "already revoked" in stderr
    token = token_from_url(web)
    assert token not in stderr
    code, _, stderr = run("subscribe", "--all", "--base-url", "ftp://x", "--db", db)
    assert code == 1 and "--base-url" in stderr


def test_unknown_owners_and_bodies_are_refused_with_the_nearest_names(
    db: str, tmp_path: Path
) -> None:
    for args, expected in (
        (("--owner", "Oc"), "--owner: no owner called 'Oc'; did you mean ØC or ØDC?"),
        (("--owner", "HCR"), "--owner: no owner called 'HCR'; did you mean HRC?"),
        (
            ("--body", "Direktionn"),
            "--body: no body called 'Direktionn'; did you mean Direktionen?",
        ),
        (("--owner", "Zyx"), "--owner: no owner called 'Zyx'; owners are the names on actions"),
    ):
        code, stdout, stderr = run("subscribe", *args, "--db", db)
        assert (code, stdout) == (1, ""), stderr
        assert stderr.startswith(f"error: {expected}") and stderr.count("\n") == 1, stderr
        path = tmp_path / "x.ics"
        code, _, stderr = run("export", "ics", *args, "-o", str(path), "--db", db)
        assert code == 1 and stderr.startswith(f"error: {expected}")
        assert not path.exists()
    code, stdout, _ = run("subscriptions", "--db", db, "--format", "json")
    assert (code, stdout.strip()) == (0, "[]")  # nothing was made


def test_a_scope_keeps_the_stored_spelling_and_knows_the_organisation(
    engine: Engine, store: Store, tmp_path: Path
) -> None:
    organisation = Organisation(units=(Unit("Center for Kultur", ("CKF",)),))
    with session_scope(engine) as session:
        # A co-owner only, written in another case: the stored spelling.
        assert subscribe(session, FeedScope("owner", "øc"), user=USER).scope.value == "ØC"
        # Named in the organisation file, by its full name: stored by its display name.
        made = subscribe(
            session, FeedScope("owner", "center for kultur"), organisation=organisation, user=USER
        )
        assert made.scope == FeedScope("owner", "CKF")
        with pytest.raises(InputError, match="no owner called 'CKF'"):
            subscribe(session, FeedScope("owner", "CKF"), user=USER)  # without the file
    # Its calendar is empty for now, and valid.
    check_both(tmp_path, export(engine, made.scope))


def test_export_of_real_minutes_parses(tmp_path: Path, database_url: str) -> None:
    """The seed minutes imported and accepted as they are, then exported."""
    url = database_url
    fixture = Path(__file__).parent / "fixtures" / "000_72469736df97498c.txt"
    org = Path(__file__).parent.parent / "data" / "organisation.toml"
    assert run("import", str(fixture), "--db", url)[0] == 0
    engine = make_engine(url)
    with session_scope(engine) as session:
        ids = [
            row.id
            for row in queries.list_actions(session, status="proposed", today=dt.date.today())
        ]
        services.accept(session, ids, user=USER)
    engine.dispose()
    path = tmp_path / "seed.ics"
    code, _, stderr = run("export", "ics", "-o", str(path), "--db", url, "--org", str(org))
    assert code == 0, stderr
    check_both(tmp_path, path.read_text(), "again.ics")
