"""Actions as a CSV spreadsheet and back: for people who live in Excel.

`export csv` writes one row per action; people edit owner, due date,
status, condition and notes and `import-actions` applies those edits by
action ID through the services, so each lands in the audit trail. The other
columns give context and are ignored on import. Every row is checked before
anything is written, and the whole file is one transaction: a file with a
single bad cell changes nothing.

The `version` column is each action's version at the export. A row that
would change an action someone else has changed since is refused, naming
their change, instead of quietly undoing it; files without the column (from
before it existed, or typed by hand) are applied to the actions as they are.

Excel is what people edit the file with, so the CSV is written for it and
read back as it saves it: a cell that Excel would run as a formula (one
starting with = + - @, a tab or a carriage return) is written with a leading
apostrophe, which the import takes off again, and a file saved by Danish Excel
(semicolons, Windows-1252, dates as 30-09-2023) reads like the export. An
Excel workbook (`tracker.workbook`) has the same columns and checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from tracker import services
from tracker.dates import read_typed_date
from tracker.errors import ConflictError, InputError, TrackerError
from tracker.ingest.sniff import Unreadable
from tracker.ingest.text import decode
from tracker.models import Action
from tracker.organisation import Organisation
from tracker.queries.actions import ActionRow
from tracker.services.actions import STATUSES
from tracker.services.audit import check_version

EDITABLE = ("owner", "due", "due_text", "status", "condition", "notes")
COLUMNS = ("id", "title", "owner", "due", "due_text", "status", "condition", "notes",
           "body", "meeting", "item", "item_title", "version")  # fmt: skip
REQUIRED = ("id", "owner", "due", "due_text", "status", "notes")
# `assign` resolves due phrases against the organisation; the spreadsheet sets
# only owners through it (dates come as dates), so no organisation is needed.
_NO_ORG = Organisation()
# A cell a spreadsheet would run as a formula (OWASP's CSV injection list),
# after any apostrophes: those are what the export adds, so a value that
# already starts with apostrophes gets one more and comes back whole.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


class SheetError(TrackerError):
    """A spreadsheet with invalid cells: every problem, one per line, by row and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SheetRow:
    """One row's editable cells, read and checked; `row` is the spreadsheet's
    row number (the header is row 1)."""

    row: int
    id: int
    owner: str | None
    due: dt.date | None
    due_text: str | None
    status: str
    condition: str | None
    notes: str | None
    version: int | None = None


@dataclass(frozen=True)
class Change:
    """What importing a row changes (or would change): field, old and new value."""

    id: int
    field: str
    old: str | None
    new: str | None

    def describe(self) -> str:
        """One line as `import-actions` prints it."""
        return f"ID {self.id}: {self.field} {self.old or '(none)'!s} -> {self.new or '(none)'!s}"


def write_csv(rows: Iterable[ActionRow], *, delimiter: str = ",") -> str:
    """The actions as CSV text; written with a BOM by the caller so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(neutralise(_text(cell) or "") for cell in row_cells(row))
    return buffer.getvalue()


def row_cells(row: ActionRow) -> list[int | str | dt.date | None]:
    """One action's cells, in the order of `COLUMNS`: dates as dates, empty as None."""
    return [row.id, row.title, row.owner, row.due, row.due_text, row.status, row.condition,
            row.notes, row.body, row.meeting_date, row.item_number, row.item_title,
            row.version]  # fmt: skip


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet shows and does not run: a leading
    apostrophe before a formula start; `restore` takes it off."""
    return "'" + cell if _FORMULA_START.match(cell) else cell


def restore(cell: str) -> str:
    """The value `neutralise` was given. Excel drops the apostrophe of a cell
    someone edits (it marks text there, as when typing '-5 % budget); such a
    cell already reads as typed."""
    return cell[1:] if cell.startswith("'") and _FORMULA_START.match(cell) else cell


def read_csv(path: Path) -> list[SheetRow]:
    """The rows of a CSV file, each cell checked (see `check_rows`).

    The text is decoded as ingest decodes minutes (UTF-8 with or without
    BOM, UTF-16, Windows-1252), and the cells are split by whichever of
    comma, semicolon or tab the header line uses: the header holds only
    column names, so it cannot mislead the way a note full of commas can.
    """
    name = path.name
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        raise InputError(name, f"cannot read it: {error.strerror}") from None
    except Unreadable as error:
        raise InputError(name, f"{error}; save it as CSV or as an Excel workbook (.xlsx)") from None
    header_line = text.partition("\n")[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    records = (
        (number, [restore(cell.strip()) for cell in record])
        for number, record in enumerate(reader, start=2)
        if any(cell.strip() for cell in record)
    )
    return check_rows(name, header, records)


def check_rows(
    name: str, header: list[str], records: Iterable[tuple[int, list[str]]]
) -> list[SheetRow]:
    """The edits in a sheet's rows, by their row numbers (the header is row 1),
    each cell checked; every problem is collected and raised together, so one
    run shows the user all of them."""
    header = [column.strip() for column in header]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise InputError(name, f"no column {', '.join(missing)}; export a file to see the columns")
    rows: list[SheetRow] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for number, record in records:
        errors: list[str] = []

        def bad(column: str, reason: str, errors: list[str] = errors, number: int = number) -> None:
            errors.append(f"{name}: row {number}, column {column}: {reason}")

        cells = dict(zip(header, record, strict=False))
        action_id = _int(cells.get("id", ""))
        if action_id is None:
            bad("id", f"{cells.get('id', '')!r} is not an action ID")
        elif action_id in seen:
            bad("id", f"ID {action_id} is also in row {seen[action_id]}")
        else:
            seen[action_id] = number
        due = None
        if cells.get("due"):
            due = read_typed_date(cells["due"])
            if due is None:
                bad("due", f"{cells['due']!r} is not a date (write e.g. 2024-09-30 or 30-09-2024)")
        version = _int(cells.get("version", "")) if cells.get("version") else None
        if cells.get("version") and version is None:
            bad("version", f"{cells['version']!r} is not a version number; export again")
        status = cells.get("status", "").lower().replace(" ", "_")
        if status not in STATUSES:
            bad("status", f"{cells.get('status', '')!r} is not a status ({', '.join(STATUSES)})")
        problems += errors
        if not errors and action_id is not None:
            rows.append(
                SheetRow(
                    row=number,
                    id=action_id,
                    owner=cells.get("owner") or None,
                    due=due,
                    due_text=cells.get("due_text") or None,
                    status=status,
                    condition=cells.get("condition") or None,
                    notes=_notes(cells.get("notes")),
                    version=version,
                )
            )
    if problems:
        raise SheetError(problems)
    return rows


def apply_rows(session: Session, rows: list[SheetRow], *, source: str, user: str) -> list[Change]:
    """Apply the rows' edits through the services, in the caller's transaction.

    Every row is tried, and every refusal collected by row and column; if
    any row is refused the whole batch raises `SheetError`, so the caller's
    transaction rolls back and nothing is written.
    """
    changes: list[Change] = []
    problems: list[str] = []
    for row in rows:
        try:
            changes += _apply(session, row, user)
        except _CellError as error:
            problems.append(f"{source}: row {row.row}, column {error.column}: {error.reason}")
    if problems:
        raise SheetError(problems)
    return changes


class _CellError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _apply(session: Session, row: SheetRow, user: str) -> list[Change]:
    """One row's edits, in an order every status allows: a finished action is
    reopened before its fields change, and finished again after."""
    # Locked (FOR UPDATE) so nobody changes it between the version check and the edits.
    action = session.exec(select(Action).where(Action.id == row.id).with_for_update()).first()
    if action is None:
        raise _CellError("id", f"no action has ID {row.id}")
    before = {field: _text(getattr(action, field)) for field in EDITABLE}
    due_text = row.due_text
    if row.due != action.due and due_text == action.due_text:
        # A date typed over one read from a phrase: the phrase ("inden 14 dage")
        # described the old date, and the report would print it beside the new one.
        due_text = None
    after = {
        "owner": row.owner,
        "due": _text(row.due),
        "due_text": due_text,
        "status": row.status,
        "condition": row.condition if row.status == "on_hold" else before["condition"],
        "notes": row.notes,
    }
    _check(row, action, before)
    if after == before:
        return []
    try:
        check_version(session, action, row.version)
    except ConflictError as error:
        what = "; ".join(map(str, error.changes))
        raise _CellError(
            "version",
            f"ID {row.id} was changed by someone else since the export (version "
            f"{error.seen}, now {error.current}: {what}); export again and redo this row",
        ) from None
    status = action.status
    column = "status"
    try:
        if status in ("done", "rejected") and row.status != status:
            services.reactivate(session, row.id, user=user)
        column = "owner"
        if row.owner is not None and row.owner != action.owner:
            services.assign(session, row.id, owner=row.owner, organisation=_NO_ORG, user=user)
        column = "due"
        if (row.due, due_text) != (action.due, action.due_text):
            services.set_due(session, row.id, row.due, due_text, user=user)
        column = "notes"
        old_notes = action.notes or ""
        if (row.notes or "") != old_notes:
            services.add_note(session, row.id, (row.notes or "")[len(old_notes) :], user=user)
        column = "status"
        _move(session, action, row, user)
    except InputError as error:
        raise _CellError(column, error.reason) from None
    return [
        Change(row.id, field, before[field], after[field])
        for field in EDITABLE
        if before[field] != after[field]
    ]


def _check(row: SheetRow, action: Action, before: dict[str, str | None]) -> None:
    """Edits the spreadsheet cannot express, refused with the column to fix."""
    if row.owner is None and action.owner is not None:
        raise _CellError("owner", "an owner cannot be removed; write who owns it")
    old_notes = before["notes"] or ""
    if not (row.notes or "").startswith(old_notes):
        raise _CellError("notes", "notes can be added to at the end, not changed or removed")
    if row.status == "proposed" and action.status != "proposed":
        raise _CellError("status", f"a reviewed action ({action.status}) cannot be proposed again")
    if row.status == "on_hold" and not (row.condition or action.condition):
        raise _CellError("condition", "an action on hold needs the condition it waits for")
    if row.status != "on_hold" and (row.condition or None) != action.condition:
        raise _CellError("condition", "only an action on hold (status on_hold) takes a condition")


def _move(session: Session, action: Action, row: SheetRow, user: str) -> None:
    """Take the action from its status now to the row's, by the services' transitions."""
    if row.status == "on_hold":
        condition = row.condition or action.condition or ""
        if action.status != "on_hold" or condition != action.condition:
            services.hold(session, row.id, until=condition, user=user)
    elif row.status == "open" and action.status == "proposed":
        services.accept(session, [row.id], user=user)
        if action.status == "on_hold":  # an on-hold proposal is accepted as held
            services.reactivate(session, row.id, user=user)
    elif row.status == "open" and action.status != "open":
        services.reactivate(session, row.id, user=user)
    elif row.status == "done" and action.status != "done":
        services.done(session, row.id, user=user)
    elif row.status == "rejected" and action.status != "rejected":
        services.reject(session, [row.id], user=user)


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None  # not "²"


def _notes(value: str | None) -> str | None:
    """Notes are lines; Excel may save line breaks as CRLF, the store keeps LF."""
    return (value or "").replace("\r\n", "\n") or None


def _text(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None or value == "" else str(value)
