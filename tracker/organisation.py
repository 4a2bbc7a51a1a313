"""The organisation file: who can own an action, and when bodies meet.

Minutes name owners by abbreviation ("ØC"), by a unit's informal name
("sekretariatet") or by a first name ("v. Anya"); a follow-up list needs one
name per owner. The organisation file (TOML, see docs/organisation.md) maps
every such form to one display name, lists names that are never owners
(external bodies such as "KL", the municipality's own abbreviation), gives
each body's meeting cadence so "næste møde" can become a date, and holds the
due-date policy ("snarest" = how many working days).

Names written entirely in capitals ("HR", "KL") are abbreviations and match
exactly, so the unit "IT" is not found in the English word "it"; all other
names match case-insensitively.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from dateutil.rrule import rrule, rrulestr

from tracker.errors import InputError

_T = TypeVar("_T")


@dataclass(frozen=True)
class Unit:
    """A unit that owns actions; shown by its first abbreviation if it has one."""

    name: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """The name a follow-up list shows: minutes use abbreviations, so lists do too."""
        return self.abbreviations[0] if self.abbreviations else self.name


@dataclass(frozen=True)
class Person:
    """A person who owns actions; `unit` is the `Unit.name` they belong to."""

    name: str
    unit: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyInfo:
    """A meeting body, with the RFC 5545 RRULE of its ordinary meetings.

    `cadence` is an RRULE without DTSTART ("FREQ=WEEKLY;BYDAY=MO"); the
    meeting whose minutes are read serves as its start.
    """

    name: str
    aliases: tuple[str, ...] = ()
    cadence: str | None = None
    start: time | None = None


@dataclass(frozen=True)
class Policy:
    """How vague due phrases and reminders become dates.

    "snarest" is due `asap_working_days` working days after the meeting,
    "straks" `immediately_working_days`; computed dates that fall on a
    weekend or holiday move to the next working day when
    `roll_to_working_day`; on-hold actions are reviewed every
    `review_months`; reminders go out `reminder_working_days` before a due
    date.
    """

    asap_working_days: int = 5
    immediately_working_days: int = 1
    roll_to_working_day: bool = True
    review_months: int = 3
    reminder_working_days: int = 2


@dataclass(frozen=True)
class Organisation:
    """Units, people, bodies, the due-date policy and names that are never owners."""

    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()
    bodies: tuple[BodyInfo, ...] = ()
    policy: Policy = field(default_factory=Policy)
    externals: tuple[str, ...] = ()

    def body(self, name: str) -> BodyInfo | None:
        """The body called `name` or one of its aliases, ignoring case."""
        return self._bodies.get(name.strip().casefold())

    def body_names(self) -> tuple[tuple[str, str], ...]:
        """(name or alias, the body's name) for every body, for the minutes
        reader, which prefers a body the organisation knows."""
        return tuple(
            (name, body.name) for body in self.bodies for name in (body.name, *body.aliases)
        )

    def find_owner(self, text: str) -> str | None:
        """The display name of the unit or person `text` names, if any.

        A unit is displayed by its first abbreviation (else its name), a
        person by full name. Externals are never owners.
        """
        return _lookup(self._owners, text)

    def is_external(self, name: str) -> bool:
        """Whether `name` is an external body ("KL") that must not own actions."""
        return _lookup(self._externals, name) is not None

    @cached_property
    def _owners(self) -> dict[str, str]:
        return {_key(name): display for name, display in _owner_names(self.units, self.people)}

    @cached_property
    def _externals(self) -> dict[str, str]:
        return {_key(name): name for name in self.externals}

    @cached_property
    def _bodies(self) -> dict[str, BodyInfo]:
        return {
            name.casefold(): body for body in self.bodies for name in (body.name, *body.aliases)
        }


def _key(name: str) -> str:
    """Lookup key: abbreviations (all capitals) exact, other names case-folded."""
    name = " ".join(name.split())
    return name if name.isupper() else name.casefold()


def _lookup(index: Mapping[str, str], text: str) -> str | None:
    text = " ".join(text.split())
    return index.get(text) if text.isupper() else index.get(text.casefold())


def _owner_names(units: tuple[Unit, ...], people: tuple[Person, ...]) -> list[tuple[str, str]]:
    """(name as written, display name) for every way the file lets an owner be named."""
    pairs = [(n, u.display) for u in units for n in (u.name, *u.abbreviations, *u.aliases)]
    pairs += [(n, p.name) for p in people for n in (p.name, *p.aliases)]
    return pairs


# --- loading -----------------------------------------------------------------


class _Invalid(Exception):
    """One problem in the file, with the key path it concerns."""


def load_organisation(path: Path | None) -> Organisation:
    """Read and check an organisation file; None gives an empty organisation.

    Every problem is an `InputError` naming the file and, in one line, the
    key or entry and what is wrong with it, so a secretary can fix the file
    without reading code.
    """
    if path is None:
        return Organisation()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not a UTF-8 text file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"TOML syntax error: {exc}") from None
    try:
        return _organisation(data)
    except _Invalid as exc:
        raise InputError(str(path), str(exc)) from None


_TOP_KEYS = ("externals", "policy", "units", "people", "bodies")


def _organisation(data: dict[str, Any]) -> Organisation:
    _check_keys(data, _TOP_KEYS, "")
    units = tuple(_entries(data, "units", _unit))
    unit_names = {_key(n): u.name for u in units for n in (u.name, *u.abbreviations)}
    people = tuple(_entries(data, "people", lambda t, w: _person(t, w, unit_names)))
    bodies = tuple(_entries(data, "bodies", _body))
    externals = _str_tuple(data, "externals", "")
    policy = _policy(_table(data, "policy"))
    _check_unique_names(units, people, externals)
    _check_unique_bodies(bodies)
    return Organisation(units, people, bodies, policy, externals)


def _entries(
    data: dict[str, Any], key: str, build: Callable[[dict[str, Any], str], _T]
) -> list[_T]:
    """Each entry of an array of tables ([[units]]), numbered from 1 in messages."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Invalid(f"'{key}' must be an array of tables, written [[{key}]]")
    return [build(entry, f"{key}[{i}]") for i, entry in enumerate(value, start=1)]


def _unit(table: dict[str, Any], where: str) -> Unit:
    _check_keys(table, ("name", "abbreviations", "aliases"), where)
    return Unit(
        _name(table, where),
        _str_tuple(table, "abbreviations", where),
        _str_tuple(table, "aliases", where),
    )


def _person(table: dict[str, Any], where: str, unit_names: Mapping[str, str]) -> Person:
    _check_keys(table, ("name", "unit", "aliases"), where)
    unit = _optional_str(table, "unit", where)
    if unit is not None:
        if _lookup(unit_names, unit) is None:
            raise _Invalid(f"{where}.unit: '{unit}' is not the name or abbreviation of a unit")
        unit = _lookup(unit_names, unit)
    return Person(_name(table, where), unit, _str_tuple(table, "aliases", where))


def _body(table: dict[str, Any], where: str) -> BodyInfo:
    _check_keys(table, ("name", "aliases", "cadence", "start"), where)
    cadence = _optional_str(table, "cadence", where)
    if cadence is not None:
        cadence = _cadence(cadence, f"{where}.cadence")
    return BodyInfo(
        _name(table, where), _str_tuple(table, "aliases", where), cadence, _start(table, where)
    )


def _cadence(value: str, where: str) -> str:
    """The RRULE without an optional "RRULE:" prefix, checked by dateutil."""
    rule = value.strip().removeprefix("RRULE:")
    if "\n" in rule or "DTSTART" in rule.upper():
        raise _Invalid(f"{where}: give one RRULE line without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO")
    try:
        parsed = rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise _Invalid(f"{where}: '{value}' is not a valid RRULE ({exc})") from None
    if not isinstance(parsed, rrule):
        raise _Invalid(f"{where}: '{value}' is not a single RRULE")
    return rule


def _start(table: dict[str, Any], where: str) -> time | None:
    """A TOML local time (11:30:00) or a string "11:30"."""
    value = table.get("start")
    if value is None or isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Invalid(f"{where}.start: '{value}' is not a time of day; write e.g. \"11:30\"")


def _policy(table: dict[str, Any]) -> Policy:
    defaults = Policy()
    names = tuple(defaults.__dataclass_fields__)
    _check_keys(table, names, "policy")
    values: dict[str, int | bool] = {}
    for name, value in table.items():
        default = getattr(defaults, name)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise _Invalid(f"policy.{name}: must be true or false, not {value!r}")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _Invalid(f"policy.{name}: must be a whole number of 0 or more, not {value!r}")
        values[name] = value
    return Policy(**values)  # type: ignore[arg-type]  # each value checked against its field above


def _check_unique_names(
    units: tuple[Unit, ...], people: tuple[Person, ...], externals: tuple[str, ...]
) -> None:
    """One name, one owner: an ambiguous alias would assign actions at random."""
    seen: dict[str, tuple[str, str]] = {}
    for name, display in _owner_names(units, people):
        earlier = seen.setdefault(_key(name), (name, display))
        if earlier[1] != display:
            raise _Invalid(f"'{name}' names both '{earlier[1]}' and '{display}'")
    for name in externals:
        if _key(name) in seen:
            raise _Invalid(f"externals: '{name}' is also the name of owner '{seen[_key(name)][1]}'")


def _check_unique_bodies(bodies: tuple[BodyInfo, ...]) -> None:
    seen: dict[str, str] = {}
    for body in bodies:
        for name in (body.name, *body.aliases):
            earlier = seen.setdefault(name.casefold(), body.name)
            if earlier != body.name:
                raise _Invalid(f"'{name}' names both body '{earlier}' and body '{body.name}'")


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            place = f"{where}: unknown key" if where else "unknown top-level key"
            raise _Invalid(f"{place} '{key}' (allowed: {', '.join(allowed)})")


def _path(where: str, key: str) -> str:
    """'bodies[2].cadence', or just 'externals' at the top level."""
    return f"{where}.{key}" if where else key


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _Invalid(f"'{key}' must be a table, written [{key}]")
    return value


def _name(table: dict[str, Any], where: str) -> str:
    name = _optional_str(table, "name", where)
    if not name:
        raise _Invalid(f"{where}: missing 'name'")
    return name


def _optional_str(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise _Invalid(f"{_path(where, key)}: must be a string, not {value!r}")
    return value.strip() if value is not None else None


def _str_tuple(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid(f'{_path(where, key)}: must be a list of non-empty strings, e.g. ["ØC"]')
    return tuple(v.strip() for v in value)
