"""Checking the owner or body a calendar is asked for, before it is made.

A feed for a misspelt owner ("Oc" for "ØC") matches no action and stays
empty for ever without anyone noticing, so a scope must name an owner or
body that exists: one named on a stored action or meeting, or in the
organisation file. Its spelling as stored is kept (matching ignores case,
as the feed does); anything else is refused with the nearest names, found
on names folded so that "Oc" is near "ØC" on a keyboard without Ø.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from sqlmodel import Session

from tracker import queries
from tracker.errors import InputError
from tracker.organisation import Organisation
from tracker.queries.calendar import FeedScope

_DANISH = str.maketrans({"æ": "ae", "ø": "o", "å": "aa"})


def checked_scope(
    session: Session, scope: FeedScope, organisation: Organisation | None = None
) -> FeedScope:
    """`scope` with its owner or body as stored, or an `InputError` suggesting
    the nearest known names. `organisation` adds the owners and bodies its
    file names, and turns its aliases into the names actions are stored by."""
    if scope.kind == "all":
        return scope
    assert scope.value is not None
    option = f"--{scope.kind}"
    value = " ".join(scope.value.split())
    if not value:
        raise InputError(option, "the name is empty")
    organisation = organisation or Organisation()
    if scope.kind == "body":
        info = organisation.body(value)
        value = info.name if info is not None else value
        known = [*queries.report_bodies(session), *(b.name for b in organisation.bodies)]
    else:
        # Actions store an owner by the organisation's display name ("ØDC").
        value = organisation.find_owner(value) or value
        known = [
            *queries.owner_names(session),
            *(unit.display for unit in organisation.units),
            *(person.name for person in organisation.people),
        ]
    for name in known:
        if name.casefold() == value.casefold():
            return FeedScope(scope.kind, name)
    nearest = _nearest(value, known)
    hint = f"did you mean {_either(nearest)}?" if nearest else _none_like(scope.kind, known)
    raise InputError(option, f"no {scope.kind} called {value!r}; {hint}")


def _nearest(value: str, names: Iterable[str]) -> list[str]:
    """Up to three known names closest to `value`, compared folded."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(_fold(name), name)
    return [by_key[key] for key in difflib.get_close_matches(_fold(value), by_key, n=3)]


def _fold(name: str) -> str:
    """`name` lower-cased, Danish letters spelt out, accents dropped."""
    spelt = name.casefold().translate(_DANISH)
    return "".join(c for c in unicodedata.normalize("NFKD", spelt) if not unicodedata.combining(c))


def _either(names: list[str]) -> str:
    """Names as a sentence lists them: A; A or B; A, B or C."""
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def _none_like(kind: str, known: list[str]) -> str:
    """What to say when no known name is near."""
    if not known:
        return f"no {kind} is known yet: import minutes first"
    if kind == "owner":
        return "owners are the names on actions (`tracker list --status all`) or in --org"
    return "the bodies are listed by `tracker meetings`"
