"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase
from sqlalchemy import Engine, NullPool, create_engine, make_url

from tracker.db import make_engine

# Hypothesis keeps its files (the examples that failed once, to try them first
# next time, and caches of its own) in the system's temporary directory rather
# than in .hypothesis/ of the work tree: a test run leaves the checkout as it
# found it (.ci/run checks).
HYPOTHESIS_HOME = Path(tempfile.gettempdir()) / "tracker-hypothesis"
set_hypothesis_home_dir(str(HYPOTHESIS_HOME))
settings.register_profile(
    "tracker", database=DirectoryBasedExampleDatabase(HYPOTHESIS_HOME / "examples")
)
settings.load_profile("tracker")

# --- database (store layer) -------------------------------------------------
# Every test runs with HOME, the XDG directories and TRACKER_* settings pointed
# into its own tmp_path, so nothing can read or write the user's real data.
# A test that uses a database asks for `database_url` (or `engine`, built on
# it): a migrated, empty database of the test's own, run once on a SQLite file
# and once on a fresh PostgreSQL database when TRACKER_TEST_POSTGRES_URL names
# a server (e.g. postgresql+psycopg://postgres@/postgres?host=/tmp/pgsock&port=55432).
# Without one the PostgreSQL runs skip, saying how to enable them, except under
# CI=true, where .ci/run starts a server and they must run.

POSTGRES_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")
DATABASES = ["sqlite", "postgresql"]
"""The kinds of database every database test runs on (the fixtures' params)."""


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


def require_database(kind: str) -> None:
    """Skip a PostgreSQL run when no server is configured, or fail it under CI=true."""
    if kind == "postgresql" and not POSTGRES_URL:
        reason = "PostgreSQL not available: set TRACKER_TEST_POSTGRES_URL to a server to run these"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs PostgreSQL. {reason}")
        pytest.skip(reason)


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, empty database of the test's own, on SQLite and on
    PostgreSQL. Whatever opens an engine on it must dispose of it by the end of
    the test (`engine` does)."""
    with fresh_database_url(request.param, tmp_path / "tracker.db") as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on `database_url`, disposed of after the test."""
    engine = make_engine(database_url, upgrade=False)  # migrated already
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def fresh_database_url(kind: str, sqlite_file: Path) -> Iterator[str]:
    """The URL of a new, migrated, empty database: a SQLite file, or a
    PostgreSQL database created on the test server and dropped afterwards
    (with FORCE: connections a test left open do not keep it alive)."""
    require_database(kind)
    if kind == "sqlite":
        url = f"sqlite:///{sqlite_file}"
        make_engine(url).dispose()
        yield url
        return
    assert POSTGRES_URL is not None
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        make_engine(url).dispose()
        yield url
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


@contextmanager
def fresh_database(kind: str, sqlite_file: Path) -> Iterator[Engine]:
    """An engine on a `fresh_database_url`, disposed of before it is dropped."""
    with fresh_database_url(kind, sqlite_file) as url:
        engine = make_engine(url, upgrade=False)
        try:
            yield engine
        finally:
            engine.dispose()


# --- end database -------------------------------------------------------------
