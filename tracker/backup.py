"""Backup: the whole store as one JSON document, and back.

`dump(engine)` reads every table (in foreign-key order, rows by primary key),
all in one snapshot, so a dump taken while people work holds each change
whole or not at all, into JSON-ready values: dates and datetimes as ISO text (datetimes with their
UTC offset), times as HH:MM:SS, JSON columns as they are. `restore(engine,
data)` writes such a document into an empty database of the same schema
revision, with Core inserts (DESIGN.md: the ORM is eight times slower for bulk
work), all in one transaction, and moves PostgreSQL's id sequences past the
restored ids. A dump of the restored database equals the original dump.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlmodel import SQLModel

from tracker import models  # noqa: F401  (registers the tables in SQLModel.metadata)
from tracker.db import read_snapshot
from tracker.errors import InputError

FORMAT = "tracker-backup"
FORMAT_VERSION = 1


def dump(engine: Engine) -> dict[str, Any]:
    """Every row of every table, with the format version and schema revision."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with read_snapshot(engine) as connection:
        revision = _revision(connection)
        for table in _tables():
            query = sa.select(table).order_by(*table.primary_key.columns)
            tables[table.name] = [
                {key: _to_json(value) for key, value in row.items()}
                for row in connection.execute(query).mappings()
            ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "revision": revision,
        "tables": tables,
    }


def load(path: Path) -> dict[str, Any]:
    """Read a dump file; a file that is not a tracker dump is refused in one line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(str(path), f"cannot read it ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not a tracker dump (not UTF-8 text)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            str(path), f"not a tracker dump (not JSON: {error.msg}, line {error.lineno})"
        ) from None
    if not isinstance(data, dict):
        raise InputError(str(path), "not a tracker dump (not a JSON object)")
    return data


def restore(engine: Engine, data: Any, *, source: str = "dump") -> dict[str, int]:
    """Insert a dump into an empty database; the number of rows per table.

    Refused, with nothing written, when the database has any rows, when the
    dump is of another schema revision, or when it is malformed.
    """
    tables = _validated(data, source)
    database = engine.url.render_as_string(hide_password=True)
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        revision = _revision(connection)
        if data["revision"] != revision:
            raise InputError(
                source,
                f"dump of schema revision {data['revision']!r}, but the database is at "
                f"{revision!r}; restore it with the tracker version that wrote it",
            )
        for table in _tables():
            if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                raise InputError(
                    database,
                    f"not empty (table {table.name} has rows); restore only into an empty database",
                )
        for table in _tables():
            rows = [_row_from_json(table, row, source) for row in tables.get(table.name, [])]
            if rows:
                connection.execute(sa.insert(table), rows)
            counts[table.name] = len(rows)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    return counts


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)


def _revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # never from UTCDateTime, which is all the schema has
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _validated(data: Any, source: str) -> dict[str, list[Any]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(source, 'not a tracker dump (no "format": "tracker-backup")')
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            source,
            f"dump format version {data.get('version')!r}; this tracker reads {FORMAT_VERSION}",
        )
    if not isinstance(data.get("revision"), str):
        raise InputError(source, "malformed dump: no schema revision")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InputError(source, 'malformed dump: no "tables" object')
    known = {table.name for table in _tables()}
    for name, rows in tables.items():
        if name not in known:
            raise InputError(source, f"malformed dump: unknown table {name!r}")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InputError(source, f"malformed dump: table {name} is not a list of rows")
    return tables


def _row_from_json(table: sa.Table, row: dict[str, Any], source: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in row.items():
        column = table.columns.get(key)
        if column is None:
            raise InputError(source, f"malformed dump: table {table.name} has no column {key!r}")
        try:
            values[key] = _from_json(column, value)
        except (TypeError, ValueError):
            where = f"table {table.name}, row id {row.get('id')!r}, column {key}"
            raise InputError(source, f"malformed dump: {where}: {value!r} is not valid") from None
    return values


def _from_json(column: sa.Column[Any], value: Any) -> Any:
    if value is None or isinstance(column.type, sa.JSON):
        return value
    column_type = column.type
    if isinstance(column_type, sa.types.TypeDecorator):  # UTCDateTime says "object"
        column_type = column_type.impl_instance
    kind = column_type.python_type
    if kind is dt.datetime:
        if not isinstance(value, str):
            raise TypeError(value)
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("a datetime without a time zone")
        return parsed
    if kind in (dt.date, dt.time):
        if not isinstance(value, str):
            raise TypeError(value)
        return kind.fromisoformat(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise TypeError(value)
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(value)
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(value)
        return float(value)
    if kind is str and not isinstance(value, str):
        raise TypeError(value)
    return value


def _reset_sequences(connection: Connection) -> None:
    """Point each serial id sequence at the largest restored id, so the next
    row gets a fresh one (an empty table starts again at 1)."""
    for table in _tables():
        if "id" not in table.columns:
            continue
        connection.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {connection.dialect.identifier_preparer.quote(table.name)}"
            ),
            {"table": table.name},
        )
