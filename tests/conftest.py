"""Shared fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url

from tracker.db import make_engine

# --- database (store layer) -------------------------------------------------
# Every test runs with HOME, the XDG directories and TRACKER_* settings pointed
# into its own tmp_path, so nothing can read or write the user's real data.
# `engine` is a migrated database of the test's own: a SQLite file, and also a
# fresh PostgreSQL database when TRACKER_TEST_POSTGRES_URL names a server
# (e.g. postgresql+psycopg://postgres@/postgres?host=/tmp/pgsock&port=55432).

POSTGRES_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every place the tracker reads settings or data from into tmp."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in [
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ]:
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.delenv("TRACKER_ORGANISATION", raising=False)
    monkeypatch.delenv("TRACKER_USER", raising=False)
    return home


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of the test's own, on SQLite and on PostgreSQL.

    Without a PostgreSQL server the PostgreSQL runs skip, saying how to enable
    them, except under CI=true, where .ci/run starts one and they must run.
    """
    if request.param == "postgresql" and not POSTGRES_URL:
        reason = "PostgreSQL not available: set TRACKER_TEST_POSTGRES_URL to a server to run these"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs PostgreSQL. {reason}")
        pytest.skip(reason)
    with fresh_database(request.param, tmp_path / "tracker.db") as engine:
        yield engine


@contextmanager
def fresh_database(kind: str, sqlite_file: Path) -> Iterator[Engine]:
    """A new, migrated, empty database: a SQLite file, or a PostgreSQL database
    created on the test server and dropped afterwards."""
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{sqlite_file}")
        yield engine
        engine.dispose()
        return
    assert POSTGRES_URL is not None
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    try:
        yield engine
    finally:
        engine.dispose()
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}"')
        server.dispose()


# --- end database -------------------------------------------------------------
