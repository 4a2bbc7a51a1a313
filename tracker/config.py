"""Settings, each declared once: name, environment variable, default, description.

The table `SETTINGS` is the single source for code, `--help` texts and docs, so a
setting cannot be documented in one place and read differently in another.
Precedence is always: an explicit override (a command-line flag), then the
environment, then the default. Nothing here touches the disk: the default
database directory is created by `tracker.db.make_engine` when it is used.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tracker.errors import TrackerError

APP_NAME = "tracker"


@dataclass(frozen=True)
class Setting:
    """One setting: where it is read from and what it falls back to.

    `default` is a function so that defaults depending on the machine (the
    user's data directory, the OS user) are computed when asked for, which lets
    tests redirect HOME/XDG variables before anything is resolved.
    """

    name: str
    env: str
    default: Callable[[], str | None]
    description: str

    def value(self, override: str | None = None) -> str | None:
        """The override if given, else the environment variable if set and non-empty,
        else the default."""
        if override:
            return override
        return os.environ.get(self.env) or self.default()


def _default_database_url() -> str:
    path = Path(platformdirs.user_data_dir(APP_NAME)) / "tracker.db"
    return f"sqlite:///{path}"


def _default_user() -> str:
    # getpass consults LOGNAME/USER/... and then the password database, which
    # may have no entry for the uid inside containers.
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _default_language() -> str:
    # The TUI's catalogue knows its languages and how to read the locale; its
    # i18n module imports no Textual, so settings stay free of the UI.
    from tracker.tui.i18n import default_language

    return default_language()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "database_url",
            "TRACKER_DATABASE_URL",
            _default_database_url,
            "SQLAlchemy URL of the database; a SQLite file in the user's data "
            "directory by default, a postgresql+psycopg:// URL for shared use.",
        ),
        Setting(
            "organisation_file",
            "TRACKER_ORGANISATION",
            lambda: None,
            "TOML file mapping unit abbreviations, aliases and people to units, "
            "and each body's meeting cadence.",
        ),
        Setting(
            "user",
            "TRACKER_USER",
            _default_user,
            "Name recorded as the author of changes; the OS user by default.",
        ),
        Setting(
            "language",
            "TRACKER_LANGUAGE",
            _default_language,
            "Language of the app's screens: da or en; Danish for a Danish locale, "
            "else English, by default.",
        ),
    )
}


def database_url(override: str | None = None) -> str:
    """The database URL: `override` (the `--db` flag), then TRACKER_DATABASE_URL,
    then the SQLite file in the user's data directory."""
    url = SETTINGS["database_url"].value(override)
    assert url is not None  # the default always gives one
    return url


def demo_database_url() -> str:
    """Where `tracker demo` builds its database: beside the real one, never it."""
    return f"sqlite:///{Path(platformdirs.user_data_dir(APP_NAME)) / 'demo.db'}"


def sample_minutes_dir() -> Path:
    """The sample minutes `tracker demo` imports (data/minutes/ of a source checkout)."""
    folder = Path(__file__).resolve().parent.parent / "data" / "minutes"
    if not folder.is_dir():
        raise TrackerError(f"{folder}: no sample minutes here; they come with the source code")
    return folder


def sample_organisation_file() -> Path:
    """The sample organisation file that goes with the sample minutes (data/organisation.toml)."""
    return Path(__file__).resolve().parent.parent / "data" / "organisation.toml"


def organisation_file(override: str | None = None) -> Path | None:
    """The organisation file, if one is configured."""
    value = SETTINGS["organisation_file"].value(override)
    return Path(value).expanduser() if value else None


def user(override: str | None = None) -> str:
    """Who is recorded as making changes."""
    value = SETTINGS["user"].value(override)
    assert value is not None  # the default always gives one
    return value


def language(override: str | None = None) -> str:
    """The UI language: `override` (the `--lang` flag), then TRACKER_LANGUAGE, then the locale."""
    from tracker.tui.i18n import LANGUAGES

    value = (SETTINGS["language"].value(override) or "").strip().lower()
    if value not in LANGUAGES:
        raise TrackerError(f"unknown language {value!r}: use {' or '.join(LANGUAGES)}")
    return value
