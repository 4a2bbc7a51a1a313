"""Backup: the whole store as one JSON document, and back.

`dump(engine)` reads every table (in foreign-key order, rows by primary key)
in one snapshot, so a dump taken while people work holds each change whole
or not at all, into JSON-ready values: dates and datetimes as ISO text
(datetimes with their UTC offset), times as HH:MM:SS, JSON columns as they
are. `restore(engine, data)` checks such a document row by row
(`tracker.backup_rules`) and writes it into an empty database of the same
schema revision, with Core inserts (DESIGN.md: the ORM is eight times slower
for bulk work), all in one transaction, and moves PostgreSQL's id sequences
past the restored ids. A dump of the restored database equals the original.
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
from tracker.backup_rules import checked_tables
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
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise InputError(
            str(path), f"not a tracker dump (not JSON: {error.msg}, line {error.lineno})"
        ) from None
    except ValueError as error:  # a key twice, or a number of more digits than Python reads
        raise InputError(str(path), f"not a tracker dump ({error})") from None
    except RecursionError:
        raise InputError(str(path), "not a tracker dump (JSON nested too deep)") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "not a tracker dump (not a JSON object)")
    return data


def restore(engine: Engine, data: Any, *, source: str = "dump") -> dict[str, int]:
    """Insert a dump into an empty database; the number of rows per table.

    Refused, with nothing written, when the database has any rows, when the
    dump is of another schema revision, or when any of its rows breaks a rule
    of the schema or the services (`tracker.backup_rules`).
    """
    _check_document(data, source)
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
        tables = checked_tables(data["tables"], source)
        for table in _tables():
            if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                raise InputError(
                    database,
                    f"not empty (table {table.name} has rows); restore only into an empty database",
                )
        for table in _tables():
            rows = tables[table.name]
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


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when it has a key twice (JSON would keep the last silently)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"{key!r} twice in one object")
        data[key] = value
    return data


def _check_document(data: Any, source: str) -> None:
    """The dump's frame: its format and version, a schema revision, and no key but
    those and "tables" (whose rows `checked_tables` checks)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(source, 'not a tracker dump (no "format": "tracker-backup")')
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            source,
            f"dump format version {data.get('version')!r}; this tracker reads {FORMAT_VERSION}",
        )
    if not isinstance(data.get("revision"), str):
        raise InputError(source, "malformed dump: no schema revision")
    unknown = sorted(set(data) - {"format", "version", "revision", "tables"})
    if unknown:
        raise InputError(source, f"malformed dump: unknown key {unknown[0]!r}")


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
