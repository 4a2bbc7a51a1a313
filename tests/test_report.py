"""The follow-up report: its data, and the same report as Markdown, HTML and JSON.

One database for the module, built from the seed and the dev documents with
the clock frozen (the services' `utcnow`), then changed the way a secretary
would before a meeting: one action done with a note, one on hold, one overdue
and one due before the next meeting. The HTML is parsed, not string-matched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import DATABASES, fresh_database
from tests.tui_support import SAMPLE_ORGANISATION, SEED, TODAY, make_context
from tracker import queries, services
from tracker.cli import app
from tracker.db import session_scope
from tracker.queries import FollowUpReport
from tracker.report import LABELS, Language, to_html, to_json, to_markdown

DEV_DOCUMENTS = sorted((Path(__file__).parents[1] / "data" / "minutes").iterdir())
NEXT_MEETING = dt.date(2022, 9, 5)  # Direktionen meets on Mondays (the organisation file)
EXPECTED = {  # section -> owner -> action IDs
    "overdue": {"ØC": [4]},
    "due": {"ØC": [5]},
    "on_hold": {"HRC": [2]},
    "done": {"Sekretariatet": [3]},
    "proposed": {None: [1, 6, 7, 8, 9]},
}
NOTE = "Sendt til Byrådet <17/8> & bekræftet"


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2022, 8, day, hour, tzinfo=dt.UTC)


@pytest.fixture(scope="module", params=DATABASES)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of the changed database, on SQLite and PostgreSQL; the clock says
    August 2022 throughout. Built once per module, so not on `database_url`
    (a fixture per test), but by the same `fresh_database`."""
    tmp = tmp_path_factory.mktemp("report")
    with (
        fresh_database(request.param, tmp / "tracker.db") as engine,
        pytest.MonkeyPatch.context() as patch,
    ):
        clock = [at(16)]
        patch.setattr(services.audit, "utcnow", lambda: clock[0])
        context = make_context(engine, SEED, *DEV_DOCUMENTS)
        org, user = context.organisation, "ØC"
        steps = [
            (at(20), lambda s: services.accept(s, [3, 4, 5], user=user)),
            (at(22), lambda s: services.assign(
                s, 4, due_phrase="25-08-2022", organisation=org, user=user)),
            (at(22), lambda s: services.assign(
                s, 5, owner="ØC", due_phrase="05-09-2022", organisation=org, user=user)),
            (at(25), lambda s: services.done(s, 3, note=NOTE, user=user)),
            (at(26), lambda s: services.hold(s, 2, until="budgettet er vedtaget", user=user)),
            (at(29), lambda s: services.add_note(s, 2, "Drøftet igen", user=user)),
        ]  # fmt: skip
        for moment, step in steps:
            clock[0] = moment
            with session_scope(context.engine) as session:
                step(session)
        yield engine.url.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def report(database: str) -> FollowUpReport:
    from tracker.db import make_engine
    from tracker.organisation import load_organisation

    engine = make_engine(database)
    with session_scope(engine) as session:
        found = queries.follow_up_report(
            session,
            body="direktion",  # an alias from the organisation file
            for_date=None,
            today=TODAY,
            organisation=load_organisation(SAMPLE_ORGANISATION),
        )
    engine.dispose()
    return found


def ids_by_section(report: FollowUpReport) -> dict[str, dict[str | None, list[int]]]:
    found: dict[str, dict[str | None, list[int]]] = {}
    for owner in report.owners:
        for name in EXPECTED:
            lines = getattr(owner, name)
            if lines:
                found.setdefault(name, {})[owner.owner] = [line.id for line in lines]
    return found


def test_the_report_finds_every_section_for_the_next_meeting(report: FollowUpReport) -> None:
    assert (report.body, report.for_date, report.previous_meeting) == (
        "Direktionen",
        NEXT_MEETING,
        dt.date(2022, 8, 15),
    )
    assert ids_by_section(report) == EXPECTED
    assert report.counts == {"overdue": 1, "due": 1, "on_hold": 1, "done": 1, "proposed": 5}
    [held] = next(o for o in report.owners if o.owner == "HRC").on_hold
    assert (held.condition, held.held_since, held.last_reviewed) == (
        "budgettet er vedtaget",
        dt.date(2022, 8, 26),
        dt.date(2022, 8, 29),
    )
    [done] = next(o for o in report.owners if o.owner == "Sekretariatet").done
    assert (done.completed_on, done.completion_note) == (dt.date(2022, 8, 25), NOTE)
    assert (done.meeting_date, done.item_number, done.case_number) == (
        dt.date(2022, 8, 15),
        "6",
        "22/578",
    )
    assert done.item_title == "Program for budgetseminar"


def test_a_later_meeting_sees_more_due_work(report: FollowUpReport, database: str) -> None:
    """--for moves the horizon: action 5 (due 5 Sep) is overdue on 8 Sep."""
    from tracker.db import make_engine
    from tracker.organisation import Organisation

    engine = make_engine(database)
    with session_scope(engine) as session:
        later = queries.follow_up_report(
            session,
            body="Direktionen",
            for_date=dt.date(2022, 9, 12),
            today=dt.date(2022, 9, 8),
            organisation=Organisation(),
        )
    engine.dispose()
    assert ids_by_section(later)["overdue"] == {"ØC": [4, 5]}
    assert later.counts["due"] == 0


@pytest.mark.parametrize("language", ["da", "en"])
def test_markdown_has_every_section_per_owner(report: FollowUpReport, language: Language) -> None:
    label = LABELS[language]
    text = to_markdown(report, language)
    found: dict[str, dict[str | None, list[int]]] = {}
    owner: str | None = None
    section = ""
    headings = {f"### {label[name]}": name for name in EXPECTED}
    for line in text.splitlines():
        if line.startswith("## "):
            owner = None if line == f"## {label['no_owner']}" else line[3:]
        elif line in headings:
            section = headings[line]
        elif line.startswith("- **#"):
            action_id = int(line[5:].split()[0])
            found.setdefault(section, {}).setdefault(owner, []).append(action_id)
    assert found == EXPECTED
    assert text.startswith(f"# {label['title']}\n")
    for name, count in report.counts.items():
        assert f"| {label[name]} | {count} |" in text.splitlines()
    assert ("<17/8>" not in text) and ("\\<17/8\\>" in text)  # escaped, as Markdown
    assert ("15-08-2022" if language == "da" else "2022-08-15") in text


class ReportParser(HTMLParser):
    """The report's structure as a browser sees it: counts, and IDs by section and owner."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, list[str]] = {}
        self.found: dict[str, dict[str | None, list[int]]] = {}
        self.texts: dict[int, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._stack: list[str] = []
        self._owner: str | None = None
        self._section = ""
        self._row: str | None = None
        self._item: int | None = None
        self._h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._stack.append(tag)
        if tag == "tr":
            self._row = attributes.get("data-section")
            if self._row:
                self.counts[self._row] = []
        elif tag == "section" and "data-section" in attributes:
            self._section = attributes["data-section"] or ""
        elif tag == "h2":
            self._h2, self._owner = True, ""
        elif tag == "li":
            self._item = int(attributes["data-id"] or 0)
            self.found.setdefault(self._section, {}).setdefault(self._owner, []).append(self._item)
            self.texts[self._item] = ""

    def handle_endtag(self, tag: str) -> None:
        self._stack.pop()
        if tag == "h2":
            self._h2 = False
        elif tag == "li":
            self._item = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "style":
            self.styles.append(data)
        if self._h2:
            self._owner = (self._owner or "") + data
        if self._row and self._stack[-1] == "td":
            self.counts[self._row].append(data)
        if self._item is not None:
            self.texts[self._item] += data + "|"


@pytest.mark.parametrize("language", ["da", "en"])
def test_html_is_one_printable_page_with_every_section(
    report: FollowUpReport, language: Language
) -> None:
    label = LABELS[language]
    parser = ReportParser()
    parser.feed(to_html(report, language))
    parser.close()
    no_owner = label["no_owner"]
    found = {
        section: {None if owner == no_owner else owner: ids for owner, ids in owners.items()}
        for section, owners in parser.found.items()
    }
    assert found == EXPECTED
    assert {name: cells for name, cells in parser.counts.items()} == {
        name: [label[name], str(count)] for name, count in report.counts.items()
    }
    assert ("html", {"lang": language}) in parser.tags
    assert any("@media print" in style for style in parser.styles)
    assert not [tag for tag, attrs in parser.tags if tag in ("script", "link", "img")]
    assert not [attrs for _, attrs in parser.tags if "src" in attrs or "href" in attrs]
    done_text = parser.texts[3]
    assert NOTE in done_text  # the note's < and & survived escaping as text
    assert label["done"] not in done_text
    assert "22/578" in done_text and "Program for budgetseminar" in done_text
    held = parser.texts[2]
    reviewed = "29-08-2022" if language == "da" else "2022-08-29"
    assert "budgettet er vedtaget" in held and reviewed in held


@pytest.mark.parametrize("language", ["da", "en"])
def test_json_has_every_section_and_the_labels(report: FollowUpReport, language: Language) -> None:
    data = json.loads(to_json(report, language))
    found: dict[str, dict[str | None, list[int]]] = {}
    for owner in data["owners"]:
        for name in EXPECTED:
            if owner[name]:
                found.setdefault(name, {})[owner["owner"]] = [line["id"] for line in owner[name]]
    assert found == EXPECTED
    assert data["counts"] == report.counts
    assert (data["for_date"], data["previous_meeting"]) == ("2022-09-05", "2022-08-15")
    assert data["language"] == language
    assert data["labels"]["on_hold"] == LABELS[language]["on_hold"]
    [held] = next(o for o in data["owners"] if o["owner"] == "HRC")["on_hold"]
    assert (held["held_since"], held["last_reviewed"]) == ("2022-08-26", "2022-08-29")


def test_cli_writes_the_report(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.cli.clock.today", lambda: TODAY)
    target = tmp_path / "report.html"
    args = ["report", "--db", database, "--org", str(SAMPLE_ORGANISATION), "--body", "Direktionen"]
    result = CliRunner().invoke(app, [*args, "-f", "html", "--lang", "en", "-o", str(target)])
    assert result.exit_code == 0, result.output
    parser = ReportParser()
    parser.feed(target.read_text(encoding="utf-8"))
    assert parser.found["overdue"] == {"ØC": [4]}
    result = CliRunner().invoke(app, [*args, "-f", "json", "--for", "2022-09-12"])
    assert json.loads(result.stdout)["for_date"] == "2022-09-12"
    result = CliRunner().invoke(app, [*args, "--for", "12/09/2022"])
    assert result.exit_code == 1
    assert "--for: '12/09/2022' is not a date" in result.output


def test_a_body_must_be_named_when_there_are_several(database: str) -> None:
    result = CliRunner().invoke(app, ["report", "--db", database])
    assert result.exit_code == 1
    assert "--body: say whose report; the bodies are: Byrådet, Direktionen" in result.output
