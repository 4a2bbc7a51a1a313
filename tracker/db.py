"""Engine, sessions and migrations: the only module that knows how to open the store.

Everything that needs the database gets an `Engine` from `make_engine(url)`:
the CLI from `tracker.config.database_url(--db)`, the TUI from the CLI, tests
from a temp file. Work happens in `session_scope(engine)`, one transaction
each, so a failed import leaves no trace.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from tracker.errors import InputError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

# How long a SQLite writer waits for another one to finish before it fails
# with "database is locked"; imports of big documents can hold the lock a while.
BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, upgrade: bool = True) -> Engine:
    """An engine for `url`, its schema migrated to the newest revision.

    SQLite files get WAL journal mode (readers never block the writer, so the
    TUI can read while an import runs), enforced foreign keys and a busy
    timeout, and their directory is created. `upgrade=False` skips the
    migration, for code that manages the schema itself. A URL that cannot be
    used (not a URL, an unknown kind, a driver not installed, a server that
    does not answer, a file that is no database) is an `InputError` naming it.
    """
    try:
        sa_url = make_url(url)
    except ArgumentError:
        raise InputError(
            f"database URL {url!r}",
            "not a URL; write sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME",
        ) from None
    shown = sa_url.render_as_string(hide_password=True)
    try:
        if sa_url.get_backend_name() == "sqlite":
            _create_parent_dir(sa_url, shown)
            engine = create_engine(sa_url, json_serializer=_json_dumps)
            _configure_sqlite(engine)
        else:
            engine = create_engine(sa_url, json_serializer=_json_dumps, pool_pre_ping=True)
    except NoSuchModuleError:
        raise InputError(
            shown,
            f"unknown kind of database {sa_url.drivername!r}; use sqlite or postgresql+psycopg",
        ) from None
    except ModuleNotFoundError as error:
        raise InputError(
            shown,
            f"its driver ({error.name}) is not installed; for PostgreSQL, install "
            "tracker with the postgresql extra and use postgresql+psycopg://",
        ) from None
    if upgrade:
        try:
            migrate(engine)
        except DBAPIError as error:
            engine.dispose()
            raise InputError(
                shown, f"cannot open the database ({database_reason(error)})"
            ) from None
    return engine


def database_reason(error: DBAPIError) -> str:
    """The driver's own words for a database error, on one line, without
    SQLAlchemy's statement and background link."""
    reason = str(error.orig).strip() or type(error.orig).__name__
    return " ".join(reason.split())


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest Alembic revision, in one transaction.

    On SQLite, foreign keys are switched off while migrating: batch migrations
    copy and drop tables, and dropping a table with enforcement on would run
    its ON DELETE actions and wipe the rows that refer to it. The references
    are checked before the transaction commits instead.
    """
    from alembic import command  # here, not on top: 0.15 s that commands without a database skip

    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _sqlite_pragma(connection, "foreign_keys=ON")


def alembic_config() -> Config:
    """The Alembic configuration for the migrations shipped in this package.

    There is no alembic.ini: the connection is handed over in
    `config.attributes["connection"]`, or `migrations/env.py` opens
    `tracker.config.database_url()` (see there for writing a new revision).
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    return config


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed if the block succeeds, rolled
    back if it raises anything (the exception propagates)."""
    with Session(engine) as session, session.begin():
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session that only reads, in one transaction.

    On SQLite its transaction is deferred instead of IMMEDIATE: it takes no
    write lock, so screens, reports and calendar feeds read the last committed
    state while an import or another user writes, instead of queueing behind
    them. Changes made in it are rolled back, never committed.
    """
    with Session(engine) as session:
        session.connection(execution_options={READ_ONLY: True})
        yield session
        session.rollback()


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one committed state of the database,
    as it was at the first of them, while others go on writing.

    For readers that must not see half of someone's change, such as a backup
    reading one table after another. On PostgreSQL each statement of the
    default READ COMMITTED transaction sees what was committed when it began;
    REPEATABLE READ keeps the first one's snapshot for the whole transaction,
    and READ ONLY can neither lock nor conflict. On SQLite one deferred
    transaction (`read_session`) in WAL mode already reads one snapshot, and
    blocks no writer.
    """
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options |= {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect() as connection:
        connection.execution_options(**options)
        with connection.begin():
            yield connection


READ_ONLY = "tracker_read_only"
"""The execution option that marks a read-only connection (`read_session`, `read_snapshot`)."""


def _create_parent_dir(url: URL, shown: str) -> None:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputError(shown, f"cannot create its folder {folder} ({reason})") from None


def _json_dumps(value: Any) -> str:
    # Keep æøå readable in the stored JSON (and in any SQLite browser).
    return json.dumps(value, ensure_ascii=False)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The sqlite3 driver would otherwise open transactions on its own, only
        # before DML: DDL would escape the migration's transaction and PRAGMAs
        # could land inside one. SQLAlchemy's begin (below) decides instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock at the start: a deferred transaction
        # that reads and then writes fails at once with "database is locked"
        # when another writer got in between (busy_timeout cannot help there),
        # while an immediate one waits its turn. Sessions are short, and WAL
        # readers outside a transaction are never blocked. A reader's
        # transaction (`read_session`) never writes, so it takes no lock.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    """Run a PRAGMA on the driver's connection, bypassing SQLAlchemy's
    autobegin: `foreign_keys` has no effect inside a transaction."""
    dbapi_connection: Any = connection.connection.dbapi_connection
    dbapi_connection.execute(f"PRAGMA {pragma}")


def _check_foreign_keys(connection: Connection) -> None:
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if violations:
        raise RuntimeError(f"migration left rows with broken references: {violations[:5]}")
