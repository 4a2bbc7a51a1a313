"""What the rows of a dump must be before `tracker restore` writes any of them.

A dump is a file, and files get edited. `checked_tables` holds every row to
the rules the schema and the services keep, and refuses the first row that
breaks one in one line naming its table, row and field, before anything is
written: a dump either restores, alike on SQLite and PostgreSQL, or is refused.

Most rules come from the tables themselves: every column is present and no
other, of its type (dates and times as ISO text, datetimes with a UTC offset),
within PostgreSQL's range for it (SQLite's integers are wider), and null only
where the column may be; primary keys and unique constraints hold, and
foreign keys point at rows of the dump. Text must be storable on both
databases. `JSON_SHAPES` says what the JSON columns hold, and `FIELD_RULES`
and `ROW_RULES` add what the services keep. Pydantic checks each row against
a model made from all this, in strict mode, so no value is coerced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, get_args

import sqlalchemy as sa
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, create_model
from sqlmodel import SQLModel

from tracker import models  # noqa: F401  (registers the tables in SQLModel.metadata)
from tracker.errors import InputError
from tracker.extract.model import KINDS
from tracker.queries.calendar import ScopeKind
from tracker.services.actions import STATUSES
from tracker.services.proposals import PROPOSED_FIELDS

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Row = dict[str, Any]
STRICT = ConfigDict(strict=True, extra="forbid")
TABLES = SQLModel.metadata.sorted_tables
"""Every table, in foreign-key order: a row's references are checked when it is."""


def _storable(text: str) -> str:
    """Text both databases store as it is: PostgreSQL refuses NUL characters,
    and a lone surrogate (which JSON's \\ud800 escapes allow) is no UTF-8."""
    if "\x00" in text:
        raise ValueError(f"{_shown(text)} holds a NUL character, which PostgreSQL cannot store")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{_shown(text)} is not valid Unicode (a lone surrogate)") from None
    return text


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{_shown(text)} is not an ISO date (YYYY-MM-DD)") from None


def _time(text: str) -> dt.time:
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{_shown(text)} is not an ISO time (HH:MM:SS)") from None
    if parsed.tzinfo is not None:
        raise ValueError(f"{_shown(text)} has a UTC offset; times are stored without one")
    return parsed


def _datetime(text: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{_shown(text)} is not an ISO date and time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{_shown(text)} has no UTC offset")
    try:
        return parsed.astimezone(dt.UTC)  # as `UTCDateTime` will store it
    except OverflowError:
        raise ValueError(f"{_shown(text)} is out of range in UTC") from None


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError(f"{_shown(text)} is empty")
    return text


def _one_of(values: Sequence[str]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in values:
            raise ValueError(f"{_shown(value)} is not one of {', '.join(values)}")
        return value

    return AfterValidator(check)


def _integer(bits: int) -> Any:
    return Annotated[int, Field(ge=-(2 ** (bits - 1)), le=2 ** (bits - 1) - 1)]


# In the dump dates, times and datetimes are ISO text; checked, they are the
# values the columns take.
Text = Annotated[str, AfterValidator(_storable)]
IsoDate = Annotated[str, AfterValidator(_date)]
IsoTime = Annotated[str, AfterValidator(_time)]
IsoDateTime = Annotated[str, AfterValidator(_datetime)]
NOT_BLANK = AfterValidator(_not_blank)

SCALARS: tuple[tuple[type[sa.types.TypeEngine[Any]], Any], ...] = (
    (sa.SmallInteger, _integer(16)),
    (sa.BigInteger, _integer(64)),
    (sa.Integer, _integer(32)),
    (sa.Float, Annotated[float, Field(allow_inf_nan=False)]),
    (sa.Boolean, bool),
    (sa.DateTime, IsoDateTime),
    (sa.Date, IsoDate),
    (sa.Time, IsoTime),
    (sa.String, Text),
)
"""A dump's value for each kind of column, by SQLAlchemy type (first match):
integers in PostgreSQL's range for the type, floats finite."""


class _Section(BaseModel):
    model_config = STRICT
    kind: Text
    heading: Text
    text: Text


class _Decision(BaseModel):
    model_config = STRICT
    heading: Text
    body: Text | None
    date: IsoDate | None
    text: Text


JSON_SHAPES: dict[tuple[str, str], Any] = {
    ("meeting", "participants"): list[Text],
    ("meeting", "absent"): list[Text],
    ("agenda_item", "sections"): list[_Section],
    ("agenda_item", "decisions"): list[_Decision],
    ("action", "co_owners"): list[Text],
    # ("action", "proposal") follows below: each proposed field as its action column
}
"""What each JSON column holds (`tracker.services.imports` writes sections and decisions)."""

FIELD_RULES: dict[tuple[str, str], tuple[Any, ...]] = {
    ("action", "title"): (NOT_BLANK,),
    ("action", "owner"): (NOT_BLANK,),
    ("action", "kind"): (_one_of(KINDS),),
    ("action", "confidence"): (Field(ge=0, le=1),),
    ("action", "status"): (_one_of(STATUSES),),
    ("action", "version"): (Field(ge=1),),
    ("action_event", "user"): (NOT_BLANK,),
    ("action_event", "version"): (Field(ge=1),),
    ("meeting", "source_sha256"): (Field(pattern="^[0-9a-f]{64}$"),),
    ("subscription", "token_sha256"): (Field(pattern="^[0-9a-f]{64}$"),),
    ("subscription", "scope"): (_one_of(get_args(ScopeKind)),),
    ("subscription", "created_by"): (NOT_BLANK,),
}
"""What the services keep besides the column types, by table and column (a
column that may be null keeps it when it is not)."""


def _done_has_completed_at(row: Row) -> tuple[str, str] | None:
    if row["status"] == "done" and row["completed_at"] is None:
        return "completed_at", "a done action needs the time it was done"
    if row["status"] != "done" and row["completed_at"] is not None:
        return "completed_at", f"only done actions have one, and this one is {row['status']}"
    return None


def _on_hold_has_held_since(row: Row) -> tuple[str, str] | None:
    if row["status"] == "on_hold" and row["held_since"] is None:
        return "held_since", "an action on hold needs the time it was put on hold"
    return None


def _scope_has_value(row: Row) -> tuple[str, str] | None:
    if row["scope"] != "all" and row["value"] is None:
        return "value", f"the {row['scope']} scope needs a name"
    if row["scope"] == "all" and row["value"] is not None:
        return "value", "the all scope takes no name"
    return None


ROW_RULES: dict[str, tuple[Callable[[Row], tuple[str, str] | None], ...]] = {
    "action": (_done_has_completed_at, _on_hold_has_held_since),
    "subscription": (_scope_has_value,),
}
"""Rules between the fields of one row (checked values): the field and what is wrong."""


def checked_tables(tables: Any, source: str) -> dict[str, list[Row]]:
    """A dump's "tables" as the rows to insert, by table in foreign-key order.

    Raises `InputError` (one line: table, row and field) at the first row or
    value that breaks a rule; JSON columns keep the dump's values as they are.
    """
    if not isinstance(tables, dict):
        raise InputError(source, 'malformed dump: no "tables" object')
    known = {table.name for table in TABLES}
    for name in tables:
        if name not in known:
            raise InputError(source, f"malformed dump: unknown table {name!r}")
    checked: dict[str, list[Row]] = {}
    for table in TABLES:
        rows = tables.get(table.name)
        if rows is None:
            raise InputError(source, f"malformed dump: table {table.name} is missing")
        if not isinstance(rows, list):
            raise InputError(source, f"malformed dump: table {table.name}: not a list of rows")
        checked[table.name] = [
            _checked_row(table, number, row, source) for number, row in enumerate(rows, 1)
        ]
        _check_keys(table, rows, checked, source)
    return checked


def _checked_row(table: sa.Table, number: int, row: Any, source: str) -> Row:
    if not isinstance(row, dict):
        raise InputError(source, f"table {table.name}, row {number}: not an object of fields")
    try:
        model = ROW_MODELS[table.name].model_validate(row)
    except ValidationError as error:
        first = error.errors()[0]
        location, reason = _location(first["loc"]), _reason(first)
        raise _refusal(source, table, number, row, location, reason) from None
    values = {
        column.name: row[column.name]
        if isinstance(column.type, sa.JSON)
        else getattr(model, column.name)
        for column in table.columns
    }
    for rule in ROW_RULES.get(table.name, ()):
        broken = rule(values)
        if broken:
            raise _refusal(source, table, number, row, *broken)
    return values


def _check_keys(
    table: sa.Table, rows: list[Row], checked: dict[str, list[Row]], source: str
) -> None:
    """Unique keys are unique (a key with a null is, in both databases), and
    foreign keys point at rows of the dump (their tables come earlier)."""
    values = checked[table.name]
    for names in _unique_keys(table):
        seen: dict[tuple[Any, ...], int] = {}
        for number, (row, value) in enumerate(zip(rows, values, strict=True), 1):
            key = tuple(value[name] for name in names)
            if None not in key and seen.setdefault(key, number) != number:
                reason = f"{_shown_key(row, names)} is in row {seen[key]} too; it must be unique"
                raise _refusal(source, table, number, row, ", ".join(names), reason)
    for foreign_key in sorted(table.foreign_key_constraints, key=lambda fk: tuple(fk.column_keys)):
        names = tuple(foreign_key.column_keys)
        referred = foreign_key.referred_table
        targets = tuple(element.column.name for element in foreign_key.elements)
        present = {tuple(row[name] for name in targets) for row in checked[referred.name]}
        for number, (row, value) in enumerate(zip(rows, values, strict=True), 1):
            key = tuple(value[name] for name in names)
            if None not in key and key not in present:
                reason = (
                    f"no {referred.name} in the dump has {', '.join(targets)} "
                    f"{_shown_key(row, names)}"
                )
                raise _refusal(source, table, number, row, ", ".join(names), reason)


def _unique_keys(table: sa.Table) -> list[tuple[str, ...]]:
    """The primary key first, then every unique constraint and index."""
    unique = {
        *(tuple(c.columns.keys()) for c in table.constraints if isinstance(c, sa.UniqueConstraint)),
        *(tuple(column.name for column in i.columns) for i in table.indexes if i.unique),
    }
    return [tuple(table.primary_key.columns.keys()), *sorted(unique)]


def _row_model(table: sa.Table) -> type[BaseModel]:
    """A strict model of the table's rows: every column, required, and nothing else."""
    fields: dict[str, Any] = {
        column.name: (_field_type(table, column), ...) for column in table.columns
    }
    return create_model(f"{table.name}_row", __config__=STRICT, **fields)


def _field_type(table: sa.Table, column: sa.Column[Any]) -> Any:
    if isinstance(column.type, sa.JSON):
        kind = JSON_SHAPES[(table.name, column.name)]
    else:
        kind = _scalar(column)
    rules = FIELD_RULES.get((table.name, column.name), ())
    if column.primary_key and column.autoincrement in (True, "auto"):
        rules += (Field(ge=1),)  # serial ids start at 1, and the sequences must follow them
    if rules:
        kind = Annotated[(kind, *rules)]
    return kind | None if column.nullable else kind


def _scalar(column: sa.Column[Any]) -> Any:
    column_type = column.type
    if isinstance(column_type, sa.types.TypeDecorator):  # UTCDateTime
        column_type = column_type.impl_instance
    kind = next((kind for sa_type, kind in SCALARS if isinstance(column_type, sa_type)), None)
    if kind is None:
        raise TypeError(f"no dump rule for {column.table.name}.{column.name}: add one to SCALARS")
    length = getattr(column_type, "length", None)
    return Annotated[kind, Field(max_length=length)] if length else kind


def _proposal_shape() -> Any:
    """`Action.proposal`: each proposed field, with the value its action column
    would take in a dump (dates as ISO text)."""
    action = SQLModel.metadata.tables["action"]
    fields: dict[str, Any] = {
        name: (_field_type(action, action.columns[name]), ...) for name in PROPOSED_FIELDS
    }
    return create_model("proposal", __config__=STRICT, **fields)


JSON_SHAPES[("action", "proposal")] = _proposal_shape()
ROW_MODELS = {table.name: _row_model(table) for table in TABLES}
"""Made on import, so a column without a rule fails every restore and its tests."""


def _refusal(
    source: str, table: sa.Table, number: int, row: Row, field: str, reason: str
) -> InputError:
    row_id = row.get("id")
    which = f"row {number} (id {row_id})" if type(row_id) is int else f"row {number}"
    return InputError(source, f"table {table.name}, {which}, field {field}: {reason}")


def _location(loc: tuple[int | str, ...]) -> str:
    """A field and the path into it: `sections[0].kind`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _reason(error: ErrorDetails) -> str:
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "extra_forbidden":
        return "no such field"
    if error["type"] == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if error["type"] in ("model_type", "dict_type"):  # pydantic would name its model class
        return f"{_shown(error['input'])}: input should be an object"
    return f"{_shown(error['input'])}: {error['msg'][0].lower()}{error['msg'][1:]}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _shown_key(row: Row, names: tuple[str, ...]) -> str:
    values = [_shown(row[name]) for name in names]
    return values[0] if len(values) == 1 else f"({', '.join(values)})"
