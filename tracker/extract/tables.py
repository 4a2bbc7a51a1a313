"""Tables in minutes text: rows of cells, and which column holds what.

Ingest renders a table row as one line of cells: DOCX and HTML join them
with tabs, text and PDF minutes separate them by " | " or by runs of two or
more spaces, and Markdown notes write `| a | b |` with a `|---|---|` row
under the header. A table states actions when its header row names a column
for the work and one for its owner ("Handling | Ansvarlig | Frist", "Action |
By whom | When"); a table of contents, of figures or of a budget names
neither, and a list of participants names no work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Column roles and the header words that name them, per language. A header
# cell names a role when it is one of these words, or when one of its parts
# is ("Status/kommentar", "Deadline (dato)").
COLUMN_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "da": {
        "task": ("handling", "handlinger", "opgave", "opgaver", "aktivitet", "aktiviteter",
                 "hvad", "indsats", "tiltag"),
        "owner": ("ansvarlig", "ansvarlige", "ansvar", "ansv", "hvem", "tovholder"),
        "due": ("frist", "deadline", "tidsfrist", "hvornår", "dato", "senest", "tidspunkt"),
        "status": ("status", "kommentar", "kommentarer", "bemærkning", "bemærkninger"),
    },
    "en": {
        "task": ("action", "actions", "action item", "action point", "task", "tasks", "item",
                 "what", "activity"),
        "owner": ("owner", "by whom", "who", "responsible", "lead", "assigned to", "assignee",
                  "action by"),
        "due": ("deadline", "when", "due", "due date", "by when", "date", "target date"),
        "status": ("status", "comment", "comments", "notes", "progress"),
    },
}  # fmt: skip
# A table must name these roles to be a table of actions.
REQUIRED_ROLES = ("task", "owner")
# Row status words that say the work is finished, per language; "ikke"/"not" before them undoes it.
DONE_WORDS: dict[str, tuple[str, ...]] = {
    "da": ("lukket", "lukkes", "afsluttet", "afsluttes", "udført", "færdig", "færdiggjort",
           "løst", "gennemført", "klaret"),
    "en": ("done", "closed", "complete", "completed", "finished", "resolved"),
}  # fmt: skip

_ROLE_OF = {
    word: role
    for vocabulary in COLUMN_WORDS.values()
    for role, words in vocabulary.items()
    for word in words
}
_DONE = re.compile(
    r"^(?:(?:punkt(?:et)?|item|action|opgaven?|sagen)\s+(?:er\s+|is\s+)?)?(?:"
    + "|".join(sorted({w for words in DONE_WORDS.values() for w in words}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_SPACES = re.compile(r"\S+(?: \S+)*")
# A cell wrapped onto the next line of a space-aligned table starts at most
# this many characters before the column it belongs to.
_TOLERANCE = 2


@dataclass(frozen=True)
class Row:
    """One data row: its cells by role, and the line as written."""

    line: int
    cells: dict[str, str]
    text: str


@dataclass(frozen=True)
class Table:
    """A table of actions: its rows; `start` is the header's line and `end` the
    first line after the table."""

    rows: list[Row]
    start: int
    end: int


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int


# How a line splits into cells, by the separator its table uses.
_Splitter = Callable[[str], list[_Cell] | None]


def _markdown(line: str) -> list[_Cell] | None:
    stripped = line.strip()
    if not stripped.startswith("|") or _MARKDOWN_RULE.match(stripped):
        return None
    inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
    return _cells(inner.split("|"))


def _tabs(line: str) -> list[_Cell] | None:
    return _cells(line.split("\t")) if "\t" in line else None


def _pipes(line: str) -> list[_Cell] | None:
    return _cells(line.split(" | ")) if " | " in line else None


def _spaced(line: str) -> list[_Cell] | None:
    found = [_Cell(m.group(0), m.start()) for m in _SPACES.finditer(line)]
    return found if len(found) >= 2 else None


def _cells(parts: list[str]) -> list[_Cell]:
    cells, position = [], 0
    for part in parts:
        cells.append(_Cell(" ".join(_BREAK.sub(" ", part).split()), position))
        position += len(part) + 1
    return cells


_SPLITTERS: tuple[_Splitter, ...] = (_markdown, _tabs, _pipes, _spaced)


def column_role(cell: str) -> str | None:
    """The role a header cell names, if any: "Ansvarlig" -> "owner", "By when" -> "due"."""
    text = re.sub(r"\([^)]*\)", " ", cell.lower())
    text = " ".join(re.sub(r"[*_#:.?]", " ", text).split())
    if text in _ROLE_OF:
        return _ROLE_OF[text]
    for part in re.split(r"\s*[/,&]\s*", text):
        if part in _ROLE_OF:
            return _ROLE_OF[part]
    return None


def _header(line: str) -> tuple[_Splitter, list[_Cell], list[str | None]] | None:
    for split in _SPLITTERS:
        cells = split(line)
        if not cells or len(cells) < 2:
            continue
        roles: list[str | None] = []
        for cell in cells:
            role = column_role(cell.text) if cell.text else None
            roles.append(role if role not in roles else None)
        if all(role in roles for role in REQUIRED_ROLES):
            return split, cells, roles
    return None


def is_header(line: str) -> bool:
    """Whether a line is the header row of a table of actions."""
    return _header(line) is not None


def read_table(lines: list[str], start: int) -> Table | None:
    """The table whose header row is `lines[start]`, with the rows under it."""
    header = _header(lines[start])
    if header is None:
        return None
    split, head, roles = header
    rows: list[Row] = []
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if _MARKDOWN_RULE.match(line.strip()) and line.strip():
            index += 1
            continue
        cells = split(line) if line.strip() else None
        if cells is None and split is _spaced and line.strip() and rows:
            # A cell wrapped onto the next line of a space-aligned table.
            cells = [_Cell(line.strip(), len(line) - len(line.lstrip()))]
            _extend(rows, _by_column(cells, head, roles, exact=False), line)
            index += 1
            continue
        if cells is None:
            break
        # Only a space-aligned row leaves empty cells out; the others keep their places.
        exact = split is not _spaced or len(cells) == len(head)
        by_role = _by_column(cells, head, roles, exact=exact)
        rows.append(Row(index, by_role, line.strip()))
        index += 1
    return Table(rows, start, index)


def _by_column(
    cells: list[_Cell], head: list[_Cell], roles: list[str | None], *, exact: bool
) -> dict[str, str]:
    """Cells by role: by position when the row has the header's cells, else by where
    each cell starts (space-aligned tables leave empty cells out)."""
    found: dict[str, list[str]] = {}
    for position, cell in enumerate(cells):
        if exact:
            column = position
        else:
            starts = [i for i, h in enumerate(head) if h.start <= cell.start + _TOLERANCE]
            column = starts[-1] if starts else 0
        role = roles[column] if column < len(roles) else None
        if role and cell.text:
            found.setdefault(role, []).append(cell.text)
    return {role: " ".join(texts) for role, texts in found.items()}


def _extend(rows: list[Row], cells: dict[str, str], line: str) -> None:
    last = rows[-1]
    merged = dict(last.cells)
    for role, text in cells.items():
        merged[role] = f"{merged[role]} {text}" if role in merged else text
    rows[-1] = Row(last.line, merged, f"{last.text} {line.strip()}")


def is_done(status: str) -> bool:
    """Whether a status cell says the work is finished ("Punkt lukkes.", "Done")."""
    first = re.split(r"(?<=[.!?;])\s", status.strip(), maxsplit=1)[0]
    return bool(_DONE.match(first)) and not re.search(r"\b(?:ikke|not|un)\b", first, re.IGNORECASE)
