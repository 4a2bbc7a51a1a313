"""Actions as an Excel workbook (.xlsx) and back: the spreadsheet round trip
without what Excel does to a CSV file.

Excel opens a CSV by guessing each cell's type, in the user's locale: it
rewrites dates, turns a due phrase such as "30/9" into a date and would run
a cell starting with "=" as a formula. In a workbook every cell has its type
written down: the due and meeting dates are date cells, and every text
column is formatted as text, so what is exported, and what people type
there, stays as it is, and no apostrophes are needed against formulas.

The columns, the checks and how edits are applied are the CSV's
(`tracker.spreadsheet`); only reading and writing cells is here.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from tracker.errors import InputError
from tracker.queries.actions import ActionRow
from tracker.spreadsheet import COLUMNS, SheetRow, check_rows, row_cells

_SHEET = "actions"
_DATE_FORMAT = "yyyy-mm-dd"
_TEXT_FORMAT = "@"  # Excel's "Text": a typed value is kept as typed, never converted
_NUMBERS = ("id", "version")
_DATES = ("due", "meeting")
_MAX_WIDTH = 60


def write_xlsx(rows: Iterable[ActionRow], path: Path) -> int:
    """Write the actions to a workbook at `path`; how many rows were written."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = _SHEET
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [len(column) for column in COLUMNS]
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, (column, value) in enumerate(zip(COLUMNS, row_cells(row), strict=True)):
            cell = sheet.cell(row=count + 1, column=index + 1, value=value)
            if column in _DATES:
                cell.number_format = _DATE_FORMAT
            elif column not in _NUMBERS:
                cell.number_format = _TEXT_FORMAT
                if value is not None:
                    cell.data_type = "s"  # text, even when it starts with "="
            longest = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[index] = max(widths[index], min(longest, _MAX_WIDTH))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    workbook.save(path)
    return count


def read_xlsx(path: Path) -> list[SheetRow]:
    """The rows of the workbook's first sheet, each cell checked as a CSV's are."""
    name = path.name
    try:
        workbook = load_workbook(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(
            name, f"not an Excel workbook ({error}); save it as .xlsx or export again"
        ) from None
    except OSError as error:
        raise InputError(name, f"cannot read it: {error.strerror}") from None
    values = workbook.worksheets[0].iter_rows(values_only=True)
    header = [_text(value) for value in next(values, ())]
    rows = ([_text(value) for value in row] for row in values)
    records = ((number, cells) for number, cells in enumerate(rows, start=2) if any(cells))
    return check_rows(name, header, records)


def _text(value: object) -> str:
    """A cell as the text the checks read: a date cell as an ISO date, a whole
    number without ".0", an empty cell as ""."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
