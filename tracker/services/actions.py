"""Reviewing and following up actions: each use case takes the caller's
session and does its whole job inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from sqlmodel import Session, select

from tracker import queries
from tracker.errors import InputError
from tracker.extract.due import Due, DueContext, resolve_due
from tracker.models import Action, AgendaItem, Body, Meeting
from tracker.organisation import Organisation
from tracker.services.audit import Audit, check_version
from tracker.services.proposals import PROPOSED_FIELDS

ActionChange = Literal[
    "accept", "reject", "assign", "done", "hold", "reactivate", "edit", "note", "split", "merge"
]

STATUSES = ("proposed", "open", "on_hold", "done", "rejected")
"""Every status an action can have (`Action.status`)."""

_UNFINISHED = ("proposed", "open", "on_hold")

ALLOWED_FROM: dict[ActionChange, tuple[str, ...]] = {
    "accept": ("proposed",),
    "reject": _UNFINISHED,
    "assign": _UNFINISHED,
    "done": _UNFINISHED,
    "hold": _UNFINISHED,
    "reactivate": ("on_hold", "done", "rejected"),
    "edit": _UNFINISHED,
    "note": STATUSES,
    "split": _UNFINISHED,
    "merge": _UNFINISHED,
}
"""The statuses each change applies to, for the services and for UIs that
offer only the changes that will work.

Reviewing turns a proposal into open work (accept) or drops it (reject); a
reviewer who marks a proposal done or on hold accepts it by doing so, while
assigning an owner or a date, editing, splitting or merging is part of the
review and leaves it proposed. Done and rejected actions are finished, so
they take no changes but reactivate, which reopens them when the work turns
out to be unfinished or wrongly rejected, and notes, which anyone may add
to any action. Holding an on-hold action again updates its condition.

Every change takes the version(s) of the action(s) the caller saw
(`version=`, or `versions=` by ID for changes of several actions); when
given and an action has changed since, nothing is changed and
`tracker.errors.ConflictError` says what the others did. Without them the
change applies to the action as it is now, as a command given by ID does.
Adding a note takes no version: it overwrites nothing.
"""

Versions = Mapping[int, int]


def accept(
    session: Session, ids: Iterable[int], *, user: str, versions: Versions | None = None
) -> None:
    """Turn proposals into agreed work: open, or on hold for a proposal of the
    kind "on_hold", which waits for its condition from the start.

    All or nothing: one ID that is not a proposal refuses them all.
    """
    audit = Audit(session, user)
    for action in _actions(session, ids, "accept", versions):
        if action.kind == "on_hold":
            audit.set(action, status="on_hold")
            action.held_since = audit.now
        else:
            audit.set(action, status="open")


def reject(
    session: Session, ids: Iterable[int], *, user: str, versions: Versions | None = None
) -> None:
    """Drop wrong proposals or work that is no longer wanted, keeping the rows
    with their source sentences as the record of what was proposed and refused.

    All or nothing, like `accept`.
    """
    audit = Audit(session, user)
    for action in _actions(session, ids, "reject", versions):
        audit.set(action, status="rejected")


def assign(
    session: Session,
    action_id: int,
    *,
    owner: str | None = None,
    due_phrase: str | None = None,
    organisation: Organisation,
    user: str,
    version: int | None = None,
) -> None:
    """Give an action an owner, a due date, or both.

    The owner is kept as typed: it may be a unit, an abbreviation or a person,
    and people read it. The due phrase is resolved the way the extractor
    resolves the minutes' own phrases, against the action's meeting date and
    body ("næste møde" is the body's next meeting), and kept beside the date;
    ongoing work ("løbende") has the phrase and no date. A phrase that is
    not a due date at all is refused (`resolve_due` says why).
    """
    source = f"ID {action_id}"
    owner = owner.strip() if owner is not None else None
    due_phrase = due_phrase.strip() if due_phrase is not None else None
    if owner is None and due_phrase is None:
        raise InputError(source, "nothing to assign: give an owner, a due date or both")
    if owner == "":
        raise InputError(source, "the owner is empty")
    if due_phrase == "":
        raise InputError(source, "the due date is empty")
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "assign", _seen(action_id, version))
    if owner is not None:
        audit.set(action, owner=owner)
    if due_phrase is not None:
        due = _resolve_due(session, action.item_id, due_phrase, organisation)
        audit.set(action, due=due.date, due_text=due.text)


def done(
    session: Session,
    action_id: int,
    *,
    note: str | None = None,
    user: str,
    version: int | None = None,
) -> None:
    """Mark an action done now, with an optional note (added to its notes)."""
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "done", _seen(action_id, version))
    audit.set(action, status="done")
    action.completed_at = audit.now
    note = (note or "").strip()
    if note:
        _append_note(audit, action, note)


def hold(
    session: Session, action_id: int, *, until: str, user: str, version: int | None = None
) -> None:
    """Put an action on hold until a condition is met ("if the group is needed
    again"); an action already on hold gets the new condition and keeps the
    time it has been waiting since."""
    condition = until.strip()
    if not condition:
        raise InputError(f"ID {action_id}", "say what the action waits for")
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "hold", _seen(action_id, version))
    if action.status != "on_hold":
        audit.set(action, status="on_hold")
        action.held_since = audit.now
    audit.set(action, condition=condition)


def reactivate(session: Session, action_id: int, *, user: str, version: int | None = None) -> None:
    """Reopen an action that was on hold, done or rejected.

    The times it was held or done since are cleared with the state they
    belonged to; its condition and notes stay, as the history people wrote.
    """
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "reactivate", _seen(action_id, version))
    audit.set(action, status="open")
    action.held_since, action.completed_at = None, None


def edit_title(
    session: Session, action_id: int, title: str, *, user: str, version: int | None = None
) -> None:
    """Reword an action's title (whitespace tidied); the old title stays in its history."""
    cleaned = _title(title, f"ID {action_id}")
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "edit", _seen(action_id, version))
    audit.set(action, title=cleaned)


def add_note(session: Session, action_id: int, text: str, *, user: str) -> None:
    """Add a note to any action, finished or not: what people learned about it."""
    note = text.strip()
    if not note:
        raise InputError(f"ID {action_id}", "the note is empty")
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "note")
    _append_note(audit, action, note)


def split_action(
    session: Session,
    action_id: int,
    titles: list[str],
    *,
    user: str,
    version: int | None = None,
) -> list[int]:
    """Split an action the extractor proposed as one into several; the new IDs.

    The original keeps the first title and its history; each further title
    becomes a new action on the same item with the same owner, due date,
    kind, source and status, so the parts are reviewed where the whole was.
    """
    source = f"ID {action_id}"
    cleaned = [_title(title, source) for title in titles if title.strip()]
    if len(cleaned) < 2:
        raise InputError(source, "give at least two titles, one per part")
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "split", _seen(action_id, version))
    audit.set(action, title=cleaned[0])
    # Each part is what the extractor proposed with another title, reviewed
    # where the whole was (and, like it, told apart from people's edits on re-import).
    same = {name: getattr(action, name) for name in PROPOSED_FIELDS}
    same["co_owners"] = list(action.co_owners)
    parts = [
        Action(
            **(same | {"title": title}),
            item_id=action.item_id,
            status=action.status,
            held_since=action.held_since,
            proposal=action.proposal,
            source_lost_at=action.source_lost_at,
        )
        for title in cleaned[1:]
    ]
    session.add_all(parts)
    session.flush()
    new_ids = [part.id for part in parts if part.id is not None]
    for part in parts:
        audit.record(part, "created", new=part.title)
        audit.record(part, "split_from", new=f"#{action_id}")
    audit.record(action, "split_into", new=", ".join(f"#{i}" for i in new_ids))
    return new_ids


def merge_actions(
    session: Session, ids: Sequence[int], *, user: str, versions: Versions | None = None
) -> int:
    """Merge proposals that are one piece of work into the first of them; its ID.

    The first keeps its fields and gets each other's title as a note and its
    source appended, so nothing the minutes said is lost; the others are
    rejected with a note pointing at the one they became part of. Only
    actions of the same agenda item merge: they share a decision.
    """
    unique = list(dict.fromkeys(ids))
    if len(unique) < 2:
        raise InputError(
            f"ID {unique[0]}" if unique else "IDs", "give two or more actions to merge"
        )
    audit = Audit(session, user)
    kept, *others = _actions(session, unique, "merge", versions)
    assert kept.id is not None
    for other in others:
        if other.item_id != kept.item_id:
            raise InputError(
                f"ID {other.id}", f"is on another agenda item than ID {kept.id}; cannot merge"
            )
    sources = [kept.source] if kept.source else []
    for other in others:
        _append_note(audit, kept, f"merged #{other.id}: {other.title}")
        audit.record(kept, "merged_from", new=f"#{other.id}")
        if other.source and other.source not in sources:
            sources.append(other.source)
        audit.set(other, status="rejected")
        _append_note(audit, other, f"merged into #{kept.id}")
    audit.set(kept, source="\n".join(sources) or None)
    return kept.id


def add_action(
    session: Session,
    item_id: int,
    title: str,
    source: str | None,
    *,
    owner: str | None = None,
    due_phrase: str | None = None,
    organisation: Organisation,
    user: str,
) -> int:
    """Add an action the extractor missed to an agenda item; its ID.

    It is open at once (a person wrote it, there is nothing to review), with
    `source` the sentence of the decision it comes from and full confidence;
    the due phrase is resolved as `assign` does.
    """
    where = f"item {item_id}"
    cleaned = _title(title, where)
    audit = Audit(session, user)
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise InputError(where, "no such agenda item")
    owner = (owner or "").strip() or None
    phrase = (due_phrase or "").strip()
    due = _resolve_due(session, item_id, phrase, organisation) if phrase else None
    action = Action(
        item_id=item_id,
        title=cleaned,
        owner=owner,
        due=due.date if due else None,
        due_text=due.text if due else None,
        source=(source or "").strip() or None,
        status="open",
    )
    session.add(action)
    session.flush()
    audit.record(action, "created", new=cleaned)
    assert action.id is not None
    return action.id


def _title(title: str, source: str) -> str:
    """A title on one line with tidy spaces; an empty one is refused."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InputError(source, "the title is empty")
    return cleaned


def _append_note(audit: Audit, action: Action, note: str) -> None:
    """Add a note as a line of the action's notes, recorded as a "note" event."""
    action.notes = f"{action.notes}\n{note}" if action.notes else note
    audit.record(action, "note", new=note)


def _resolve_due(session: Session, item_id: int, phrase: str, organisation: Organisation) -> Due:
    """A typed due phrase, read against the item's meeting and its body's later
    meetings, as the extractor reads the minutes' own phrases."""
    item = session.get_one(AgendaItem, item_id)
    meeting = session.get_one(Meeting, item.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    known = queries.later_meeting_dates(session, body_id=meeting.body_id, after=meeting.date)
    return resolve_due(
        phrase, DueContext(meeting.date, body.name, organisation, known_meetings=known)
    )


def _actions(
    session: Session, ids: Iterable[int], change: ActionChange, versions: Versions | None = None
) -> list[Action]:
    """The actions `change` is about to change, each checked to exist, to be
    in a status the change applies to and to be the version the caller saw,
    before any is changed.

    Each is read with a row lock (FOR UPDATE; SQLite's write transaction
    locks the whole database already), so a concurrent change to the same
    action waits for this one and then sees its result.
    """
    actions = []
    allowed = ALLOWED_FROM[change]
    for action_id in ids:
        action = session.exec(
            select(Action)
            .where(Action.id == action_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
        if action is None:
            raise InputError(f"ID {action_id}", "no such action")
        check_version(session, action, (versions or {}).get(action_id))
        if action.status not in allowed:
            *others, last = (status.replace("_", " ") for status in allowed)
            names = f"{', '.join(others)} or {last}" if others else last
            raise InputError(
                f"ID {action_id}",
                f"is {action.status.replace('_', ' ')}; {change} applies to {names} actions",
            )
        actions.append(action)
    return actions


def _seen(action_id: int, version: int | None) -> Versions | None:
    return {action_id: version} if version is not None else None


def set_due(
    session: Session,
    action_id: int,
    due: dt.date | None,
    due_text: str | None,
    *,
    user: str,
    version: int | None = None,
) -> None:
    """Set an action's due date as a date, not a phrase: for a spreadsheet where
    people type the date itself. `due_text` is kept beside it as given, since
    only the person editing knows whether the old phrase still describes it."""
    audit = Audit(session, user)
    (action,) = _actions(session, [action_id], "assign", _seen(action_id, version))
    audit.set(action, due=due, due_text=(due_text or "").strip() or None)
