"""The `tracker` command line, end to end on real minutes and on bad input."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from tests.formats import marked_to_docx, marked_to_html, text_to_docx, text_to_html, text_to_pdf
from tracker.cli import app
from tracker.cli import minutes as minutes_commands
from tracker.cli.common import PlainConsole
from tracker.db import make_engine, session_scope
from tracker.queries import count_rows

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "000_72469736df97498c.txt"
TEKNIK = FIXTURES / "teknik-miljoe-2023-03-07.txt"


@pytest.fixture
def db(database_url: str) -> str:
    """A migrated, empty database of the test's own, on SQLite and PostgreSQL."""
    return database_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(db: str) -> dict[str, int]:
    engine = make_engine(db)
    with session_scope(engine) as session:
        counts = count_rows(session)
    engine.dispose()
    return counts


def test_import_then_list_and_show(db: str) -> None:
    code, stdout, _ = run("import", "--db", db, str(SEED), str(TEKNIK))
    assert code == 0
    assert "2 created" in stdout

    code, stdout, _ = run("meetings", "--db", db, "--format", "json")
    meetings = json.loads(stdout)
    assert {(m["body"], m["date"]) for m in meetings} == {
        ("Direktionen", "2022-08-15"), ("Udvalget for Teknik og Miljø", "2023-03-07"),
    }  # fmt: skip
    direktionen = next(m for m in meetings if m["body"] == "Direktionen")
    assert direktionen["items"] == 9

    code, stdout, _ = run("show", str(direktionen["id"]), "--db", db, "--format", "json")
    detail = json.loads(stdout)
    assert [i["number"] for i in detail["items"]] == list(range(1, 10))
    assert detail["items"][5]["title"] == "Program for budgetseminar"
    assert detail["items"][5]["decision"].startswith("Programmet til det kommende")

    code, stdout, _ = run("show", str(direktionen["id"]), "--db", db)
    assert code == 0 and "budgetseminar" in stdout


def test_importing_the_same_document_again_changes_nothing(db: str) -> None:
    assert run("import", "--db", db, str(SEED))[0] == 0
    before = rows(db)
    code, stdout, _ = run("import", "--db", db, str(SEED))
    assert code == 0
    assert "unchanged" in stdout
    assert rows(db) == before


def test_show_unknown_meeting_is_one_clear_line(db: str) -> None:
    code, _, stderr = run("show", "999", "--db", db)
    assert code == 1
    assert stderr.strip().count("\n") == 0
    assert "no meeting with ID 999" in stderr


def test_extract_prints_json_without_touching_the_database(db: str) -> None:
    code, stdout, _ = run("extract", str(TEKNIK), "--format", "json")
    assert code == 0
    result = json.loads(stdout)
    assert set(result) >= {"meeting", "items", "actions"}
    assert result["meeting"]["body"] == "Udvalget for Teknik og Miljø"
    assert len(result["items"]) == 8


def test_extract_reads_a_text_that_names_no_body_or_date(tmp_path: Path) -> None:
    page = tmp_path / "beslutning.txt"
    page.write_text("1. Status\nBeslutning\nForvaltningen udarbejder et notat.\n", encoding="utf-8")
    code, stdout, stderr = run("extract", str(page))
    assert code == 0
    assert (json.loads(stdout)["meeting"]["body"], json.loads(stdout)["meeting"]["date"]) == (
        None, None,
    )  # fmt: skip
    assert stderr.splitlines() == [
        f"notice: {page}: the text does not say which body met; give it with --body NAME",
        f"notice: {page}: the text does not state the meeting's date; give it with --date YYYY-MM-DD",
    ]
    assert [a["owner"] for a in json.loads(stdout)["actions"]] == ["Forvaltningen"]
    code, stdout, stderr = run(
        "extract", str(page), "--body", "Direktionen", "--date", "2024-02-05"
    )
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["meeting"]["date"] == "2024-02-05"
    code, _, stderr = run("extract", str(page), "--body", "Direktionen", "--date", "5/2")
    assert code == 1 and "--date" in stderr


@pytest.mark.parametrize(
    ("given", "missing"), [
        ([], "which body met or the meeting's date; give them with --body NAME --date YYYY-MM-DD"),
        (["--date", "2024-02-05"], "which body met; give it with --body NAME"),
        (["--body", "Direktionen"], "the meeting's date; give it with --date YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_import_names_the_file_and_the_missing_fact(
    db: str, tmp_path: Path, given: list[str], missing: str
) -> None:
    page = tmp_path / "beslutning.txt"
    page.write_text("1. Status\nBeslutning\nGodkendt.\n", encoding="utf-8")
    code, _, stderr = run("import", "--db", db, *given, str(page))
    assert code == 1
    assert [line for line in stderr.splitlines() if line.startswith("error:")] == [
        f"error: {page}: the text does not say {missing}"
    ]
    assert rows(db)["meeting"] == 0
    assert (
        run("import", "--db", db, "--body", "Direktionen", "--date", "2024-02-05", str(page))[0]
        == 0
    )


def _encrypted_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Punkt 1: Hemmeligt")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))
    return path


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input and a fragment of the reason it must be refused with."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 8)
    whole = text_to_pdf(SEED.read_text(encoding="utf-8"), tmp_path / "whole.pdf")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole.read_bytes()[:600])
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really")
    letter = tmp_path / "letter.txt"
    letter.write_text("Kære alle\n\nHusk frokosten på fredag.\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "nope.pdf", "no such file"),
        "directory": (folder, "directory"),
        "empty": (empty, "empty"),
        "garbage": (garbage, "binary"),
        "truncated pdf": (truncated, "PDF"),
        "encrypted pdf": (_encrypted_pdf(tmp_path / "secret.pdf"), "password"),
        "unsupported": (sheet, "unsupported"),
        "not minutes": (letter, "does not say which body met"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing", "directory", "empty", "garbage", "truncated pdf", "encrypted pdf", "unsupported",
     "not minutes"],
)  # fmt: skip
def test_bad_input_is_one_line_nonzero_and_leaves_the_database_unchanged(
    case: str, tmp_path: Path, db: str
) -> None:
    assert run("import", "--db", db, str(TEKNIK))[0] == 0
    before = rows(db)
    path, reason = bad_inputs(tmp_path)[case]

    code, _, stderr = run("import", "--db", db, str(path))

    assert code == 1
    error_lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1, stderr
    assert str(path) in error_lines[0]
    assert reason.lower() in error_lines[0].lower()
    assert rows(db) == before

    # Extract reads any readable text, saying what it could not find.
    code, _, stderr = run("extract", str(path))
    assert code == (0 if case == "not minutes" else 1) and str(path) in stderr


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("bad\nname.txt", "bad\\nname.txt"),
        ("farve\x1b[31m.txt", "farve\\x1b[31m.txt"),
        ("tilbage\u202etxt.exe.txt", "tilbage\\u202etxt.exe.txt"),
        ("klokke\x07\r.txt", "klokke\\x07\\r.txt"),
    ],
)
def test_control_characters_in_a_file_name_are_shown_escaped(
    tmp_path: Path, db: str, name: str, shown: str
) -> None:
    bad = tmp_path / name
    bad.write_text("Kære alle, husk frokosten.\n", encoding="utf-8")
    good = tmp_path / name.replace(".txt", " ok.txt")
    shutil.copy(TEKNIK, good)
    code, stdout, stderr = run("import", "--db", db, str(bad), str(good))
    assert code == 1
    [line] = stderr.splitlines()  # one line, for all the newline in the name
    assert line.startswith(f"error: {tmp_path}/{shown}: ")
    assert f"{tmp_path}/{shown.replace('.txt', ' ok.txt')}: created" in stdout
    code, stdout, stderr = run("extract", str(bad))
    assert code == 0
    notices = stderr.splitlines()  # one line each
    assert len(notices) == 2 and all(n.startswith(f"notice: {tmp_path}/{shown}: ") for n in notices)
    assert not any(c in stderr + stdout for c in "\x1b\x07\r\u202e")


@pytest.mark.parametrize(
    ("url", "named", "reason"),
    [
        ("nonsense", "database URL 'nonsense'", "not a URL"),
        ("foo://x/y", "foo://x/y", "unknown kind of database 'foo'"),
        ("mysql://x@y/z", "mysql://x@y/z", "driver (MySQLdb) is not installed"),
        ("postgresql+psycopg://me:secret@127.0.0.1:1/db", "postgresql+psycopg://me:***@127.0.0.1:1/db",
         "cannot open the database (connection failed"),
        ("sqlite:///{tmp}/garbage.db", "sqlite:///{tmp}/garbage.db",
         "cannot open the database (file is not a database)"),
        ("sqlite:///{tmp}", "sqlite:///{tmp}", "cannot open the database (unable to open"),
        ("sqlite:///{tmp}/garbage.db/x.db", "sqlite:///{tmp}/garbage.db/x.db",
         "cannot create its folder {tmp}/garbage.db"),
    ],
)  # fmt: skip
def test_a_database_that_cannot_be_opened_is_one_line(
    tmp_path: Path, url: str, named: str, reason: str
) -> None:
    (tmp_path / "garbage.db").write_bytes(b"not a database, just some bytes " * 64)
    url, named, reason = (text.format(tmp=tmp_path) for text in (url, named, reason))
    for args in (["meetings"], ["import", str(TEKNIK)], ["list"]):
        code, stdout, stderr = run(*args, "--db", url)
        assert (code, stdout) == (1, "")
        assert stderr.startswith(f"error: {named}: ") and stderr.count("\n") == 1, stderr
        assert reason in stderr and "secret" not in stderr
    assert (tmp_path / "garbage.db").read_bytes().startswith(b"not a database")


def test_a_read_only_database_refuses_an_import_in_one_line(tmp_path: Path) -> None:
    """SQLite opened read-only (mode=ro): the database refuses the first write."""
    db = f"sqlite:///{tmp_path / 'tracker.db'}"
    make_engine(db).dispose()
    read_only = f"sqlite:///file:{tmp_path / 'tracker.db'}?mode=ro&uri=true"
    code, stdout, stderr = run("import", "--db", read_only, str(TEKNIK))
    assert (code, stdout) == (1, "")
    assert stderr == "error: the database refused the work (attempt to write a readonly database)\n"
    assert rows(db)["meeting"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["dump"],
        ["export", "csv"],
        ["export", "ics", "--all"],
        ["report", "--body", "Udvalget for Teknik og Miljø", "--for", "2023-04-04"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_output_that_cannot_be_written_is_one_line(
    db: str, tmp_path: Path, args: list[str]
) -> None:
    assert run("import", "--db", db, str(TEKNIK))[0] == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for output in (blocker / "out.txt", tmp_path / "no" / "such" / "folder.txt", tmp_path):
        code, stdout, stderr = run(*args, "--db", db, "-o", str(output))
        assert (code, stdout) == (1, ""), stderr
        assert stderr.startswith(f"error: {output}: cannot write it (") and stderr.count("\n") == 1


def test_import_continues_past_a_bad_file_and_reports_it(tmp_path: Path, db: str) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, stdout, stderr = run("import", "--db", db, str(SEED), str(bad), str(TEKNIK))
    assert code == 1
    assert "empty.txt" in stderr
    assert "2 created, 1 failed" in stdout
    assert rows(db)["meeting"] == 2


def test_import_on_a_terminal_shows_progress_and_reports_each_file(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    terminal = PlainConsole(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(minutes_commands, "err", terminal)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, stdout, stderr = run("import", "--db", db, str(SEED), str(bad), str(TEKNIK))
    assert code == 1
    assert "Importing" in screen.getvalue() and "/3" in screen.getvalue()
    report = stdout.splitlines()
    assert report[0].startswith(f"{SEED}: created Direktionen 2022-08-15")
    assert report[1].startswith(f"{TEKNIK}: created Udvalget for Teknik og Miljø")
    assert report[2:] == [
        "3 file(s): 2 created, 1 failed.",
        "Failed (1):",
        f"  {bad}: the file is empty",
    ]
    assert stderr == f"error: {bad}: the file is empty\n"


@pytest.mark.parametrize(
    "maker", [text_to_pdf, text_to_docx, text_to_html], ids=["pdf", "docx", "html"]
)
@pytest.mark.parametrize(
    "source", [SEED, TEKNIK, FIXTURES / "parish-council-2023-03-14.txt"], ids=lambda p: p.stem[:12]
)
def test_every_format_gives_the_same_items_as_the_text(maker, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    suffix = {"text_to_pdf": ".pdf", "text_to_docx": ".docx", "text_to_html": ".html"}[
        maker.__name__
    ]
    converted = maker(source.read_text(encoding="utf-8"), tmp_path / f"{source.stem}{suffix}")
    if maker is text_to_pdf:
        # A page header that names no body or date, as many municipalities' do.
        converted = maker(source.read_text(encoding="utf-8"), converted, header="Eksempel Kommune")
    assert _structure(converted) == _structure(source)


def _structure(path: Path) -> dict:
    """The meeting and the items `tracker extract` finds in a file."""
    code, stdout, stderr = run("extract", str(path))
    assert code == 0, stderr
    result = json.loads(stdout)
    items = [(i["number"], i["title"], i["case"], i["closed"]) for i in result["items"]]
    return {"meeting": result["meeting"], "items": items}


# Minutes whose items are marked only by their layout: headings or bold titles.
UNNUMBERED = """{title}Referat af bestyrelsesmøde i Grundejerforeningen Engen
Dato: 4. marts 2024 kl. 19.00
Sted: Fælleshuset
Til stede: Hanne Berg, Mikkel Dahl og Lone Friis

{item}Budget{end}
Kassereren gennemgik budgettet for 2024.
Budgettet blev godkendt.

{item}Ny legeplads{end}
Mikkel Dahl indhenter tre tilbud inden næste møde.

{item}Eventuelt{end}
Intet.
"""


@pytest.mark.parametrize("maker", [marked_to_html, marked_to_docx], ids=["html", "docx"])
@pytest.mark.parametrize(
    ("title", "item", "end"), [("# ", "## ", ""), ("", "**", "**")], ids=["headings", "bold"]
)
def test_items_marked_only_by_headings_or_bold_titles_are_found_in_every_format(  # type: ignore[no-untyped-def]
    maker, title: str, item: str, end: str, tmp_path: Path
) -> None:
    """An <h2> or a Word "Heading 2", a bold paragraph or a bold run, gives
    the items the same minutes give written in Markdown."""
    text = UNNUMBERED.format(title=title, item=item, end=end)
    source = tmp_path / "referat.txt"
    source.write_text(text, encoding="utf-8")
    suffix = ".html" if maker is marked_to_html else ".docx"
    converted = _structure(maker(text, tmp_path / f"referat{suffix}"))
    assert [name for _, name, _, _ in converted["items"]] == [
        "Budget",
        "Ny legeplads",
        "Eventuelt",
    ]
    assert converted == _structure(source)


def test_demo_builds_a_database_from_the_sample_minutes(db: str) -> None:
    code, stdout, stderr = run("demo", "--db", db)
    assert code == 0, stderr
    samples = [p for p in (Path(__file__).parents[1] / "data" / "minutes").iterdir() if p.is_file()]
    assert rows(db)["meeting"] == len(samples)
    assert "Direktionen" in stdout


def test_demo_never_writes_into_the_configured_database(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TRACKER_DATABASE_URL names the user's working database: the demo keeps
    out of it and builds its own (demo.db in the data directory)."""
    assert run("import", "--db", db, str(TEKNIK))[0] == 0
    before = rows(db)
    monkeypatch.setenv("TRACKER_DATABASE_URL", db)
    code, stdout, stderr = run("demo")
    assert code == 0, stderr
    assert rows(db) == before
    demo_db = tmp_path / "home" / ".local" / "share" / "tracker" / "demo.db"
    assert rows(f"sqlite:///{demo_db}")["meeting"] > 0


@pytest.mark.parametrize(
    "args",
    [
        ["meetings", "--format", "json"],
        ["list", "--status", "all", "--format", "json"],
        ["report", "--body", "Udvalget for Teknik og Miljø", "--for", "2023-04-04", "-f", "json"],
        ["dump"],
    ],
    ids=lambda args: args[0],
)
def test_the_db_given_before_the_command_is_the_commands_database(
    db: str, tmp_path: Path, args: list[str]
) -> None:
    """`tracker --db URL COMMAND` uses URL (the environment names another,
    empty database), and the command's own --db wins over it."""
    assert run("import", "--db", db, str(TEKNIK))[0] == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, before_command, stderr = run("--db", db, *args)
    assert code == 0, stderr
    code, own_flag, _ = run("--db", empty, *args, "--db", db)
    assert code == 0 and own_flag == before_command
    # TRACKER_DATABASE_URL names a database of the test's own, empty.
    assert run(*args)[:2] != (0, before_command)
    assert "Udvalget for Teknik og Miljø" in before_command


def test_the_org_and_lang_given_before_the_command_apply_to_it(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.cli.clock.today", lambda: date(2023, 3, 8))
    assert run("import", "--db", db, str(TEKNIK))[0] == 0
    org = tmp_path / "organisation.toml"
    org.write_text('[[bodies]]\nname = "Udvalget for Teknik og Miljø"\n'
                   'cadence = "FREQ=MONTHLY;BYMONTHDAY=1"\n', encoding="utf-8")  # fmt: skip
    report = ["report", "--body", "Udvalget for Teknik og Miljø", "--db", db]
    code, stdout, stderr = run("--org", str(org), "--lang", "en", *report)
    assert code == 0, stderr
    assert stdout == run(*report, "--org", str(org), "--lang", "en")[1]
    assert "Follow-up on decisions" in stdout and "2023-04-01" in stdout
    assert "Opfølgning" in run("--lang", "da", "--org", str(org), *report)[1]


def test_copy_of_a_file_under_another_name_is_unchanged(tmp_path: Path, db: str) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    run("import", "--db", db, str(SEED))
    code, stdout, _ = run("import", "--db", db, str(copy))
    assert code == 0 and "unchanged" in stdout


def test_extract_a_pasted_decision_from_standard_input() -> None:
    text = "Godkendt. Forvaltningen vender tilbage med en status inden 1. oktober 2024.\n"
    result = CliRunner().invoke(
        app,
        ["extract", "--as-decision", "-", "--body", "Direktionen", "--date", "2024-05-06"],
        input=text,
    )
    assert result.exit_code == 0, result.stderr
    extracted = json.loads(result.stdout)
    assert extracted["meeting"] == {
        **extracted["meeting"],
        "body": "Direktionen",
        "date": "2024-05-06",
    }
    [action] = extracted["actions"]
    assert (action["owner"], action["due"], action["kind"]) == (
        "Forvaltningen",
        "2024-10-01",
        "report_back",
    )


def test_a_pasted_decision_needs_body_and_date(tmp_path: Path) -> None:
    mail = tmp_path / "mail.txt"
    mail.write_text("ØC udarbejder et notat til næste møde.\n", encoding="utf-8")
    code, _, stderr = run("extract", "--as-decision", str(mail), "--date", "2024-05-06")
    assert code == 1 and "--body" in stderr
    code, stdout, _ = run(
        "extract", "--as-decision", str(mail), "--body", "Direktionen", "--date", "2024-05-06"
    )
    assert code == 0
    assert json.loads(stdout)["actions"][0]["owner"] == "ØC"


def _board_minutes(day: str, decision: str) -> str:
    return (
        f"Referat af bestyrelsesmøde i Beboerforeningen Lærkereden\nDato: {day}\n\n"
        f"Punkt 1: Legepladsen\nBeslutning:\n{decision}\n"
    )


def test_work_due_at_the_next_meeting_gets_its_date_when_that_meeting_is_imported(
    tmp_path: Path, db: str
) -> None:
    first = tmp_path / "first.txt"
    first.write_text(
        _board_minutes("4. marts 2025", "Kassereren indhenter tilbud på nye gynger til næste møde."),
        encoding="utf-8",
    )
    assert run("import", "--db", db, str(first))[0] == 0
    [action] = json.loads(run("list", "--db", db, "--status", "proposed", "--format", "json")[1])
    # No later meeting of the board is known yet: the phrase, and no invented date.
    assert (action["due"], action["due_text"]) == (None, "til næste møde")

    second = tmp_path / "second.txt"
    second.write_text(_board_minutes("8. april 2025", "Tilbuddene blev drøftet."), encoding="utf-8")
    assert run("import", "--db", db, str(second))[0] == 0
    [action] = json.loads(run("list", "--db", db, "--status", "proposed", "--format", "json")[1])
    assert (action["due"], action["due_text"]) == ("2025-04-08", "til næste møde")
    history = json.loads(run("history", str(action["id"]), "--db", db, "--format", "json")[1])
    assert [(e["field"], e["new"]) for e in history if e["field"] == "due"] == [("due", "2025-04-08")]


def test_each_stored_proposal_keeps_the_id_of_the_rule_that_made_it(tmp_path: Path, db: str) -> None:
    from sqlmodel import select

    from tracker.models import Action

    minutes = tmp_path / "board.txt"
    minutes.write_text(
        _board_minutes("4. marts 2025", "Kassereren indhenter tilbud. Referatet sendes ud til alle."),
        encoding="utf-8",
    )
    assert run("import", "--db", db, str(minutes))[0] == 0
    engine = make_engine(db)
    with session_scope(engine) as session:
        stored = sorted(a.rule or "" for a in session.exec(select(Action)).all())
    engine.dispose()
    assert stored == ["da.actor", "da.passive"]
