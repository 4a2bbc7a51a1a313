"""Use cases that change the store.

A use case over one thing takes the caller's session and does its whole job
inside the caller's transaction (`tracker.db.session_scope`); a batch takes
the engine and gives each thing a transaction of its own.

Services know nothing of the CLI or the TUI and return frozen results, not
rows. The row lookups they need in order to change rows live here beside the
change; read-only questions for screens and commands live in `tracker.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from tracker import config, queries
from tracker.db import session_scope
from tracker.errors import InputError, TrackerError
from tracker.extract import extract_actions
from tracker.extract.due import Due, DueContext, resolve_due
from tracker.ingest import Document, read_document
from tracker.minutes import model as parsed
from tracker.minutes import parse_minutes
from tracker.models import Action, ActionEvent, AgendaItem, Body, Meeting, utcnow
from tracker.organisation import Organisation

ImportStatus = Literal["created", "updated", "unchanged"]

_Item = TypeVar("_Item", AgendaItem, parsed.AgendaItem)


@dataclass(frozen=True)
class ImportResult:
    """What importing one document did, for a one-line report or JSON.

    `items` is how many items the meeting has afterwards; `added`, `changed`
    and `removed` count items by what happened to them; `kept` names the items
    the document no longer has but that were kept because they have actions.
    `proposed` counts the actions the extractor proposed for the added items.
    """

    status: ImportStatus
    meeting_id: int
    body: str
    date: dt.date
    start: dt.time | None
    items: int
    source: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    kept: tuple[str, ...] = ()
    proposed: int = 0

    def describe(self) -> str:
        """One line for people: "updated Direktionen 2022-08-15 10:00 (12 items; ...)"."""
        when = self.date.isoformat() + (f" {self.start:%H:%M}" if self.start else "")
        details = [f"{self.items} items"]
        if self.status == "updated":
            details.append(f"{self.added} added, {self.changed} changed, {self.removed} removed")
        if self.kept:
            details.append(f"kept {', '.join(self.kept)} (they have actions)")
        if self.proposed:
            details.append(f"{self.proposed} action{'s' if self.proposed > 1 else ''} proposed")
        return f"{self.status} {self.body} {when} ({'; '.join(details)})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: ISO date, "HH:MM" time."""
        return {
            "status": self.status,
            "meeting_id": self.meeting_id,
            "body": self.body,
            "date": self.date.isoformat(),
            "start": f"{self.start:%H:%M}" if self.start else None,
            "items": self.items,
            "source": self.source,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "kept": list(self.kept),
            "proposed": self.proposed,
        }


@dataclass(frozen=True)
class ImportOutcome:
    """One file of a batch import: its result, or the error that stopped it."""

    path: Path
    result: ImportResult | None = None
    error: TrackerError | None = None


def import_files(
    engine: Engine,
    paths: Iterable[Path],
    *,
    organisation: Organisation,
    body: str | None = None,
    meeting_date: dt.date | None = None,
    on_file: Callable[[Path], None] | None = None,
    user: str | None = None,
) -> list[ImportOutcome]:
    """Read, parse and import files, each in a transaction of its own.

    A file the user can do something about (unreadable, not minutes, ambiguous)
    is reported in its outcome and the batch goes on; any other exception is a
    bug and stops the batch, leaving the files before it imported. `body` and
    `meeting_date` fill in what documents do not state; `organisation` names
    the owners and cadences the extractor resolves against; `on_file` is
    called after each file, for progress; `user` is recorded as the creator
    of the proposals (default: the configured user, `tracker.config.user`).
    """
    outcomes = []
    for path in paths:
        try:
            document = read_document(path)
            minutes = parse_minutes(
                document.text, source=str(path), body=body, meeting_date=meeting_date
            )
            with session_scope(engine) as session:
                result = import_minutes(
                    session, document, minutes, organisation=organisation, user=user
                )
                outcomes.append(ImportOutcome(path, result))
        except TrackerError as error:
            outcomes.append(ImportOutcome(path, error=error))
        if on_file is not None:
            on_file(path)
    return outcomes


def import_minutes(
    session: Session,
    document: Document,
    minutes: parsed.Minutes,
    *,
    organisation: Organisation,
    user: str | None = None,
) -> ImportResult:
    """Store one parsed minutes document; importing it again changes nothing.

    - The very same file (by SHA-256) as a stored meeting: "unchanged".
    - Otherwise the body's meeting on that date (same start time, or either
      start unknown) is the same meeting: if the document says nothing new,
      "unchanged" and nothing is written, not even a timestamp; else its fields
      and items are updated, items matched by number, and "updated".
      Items the document no longer has are deleted unless they have actions.
    - Otherwise the meeting and its items are created: "created".

    Items that are new to the store get the extractor's proposed actions,
    each with a "created" event by `user` (default: the configured user);
    the actions of stored items stay as people left them.

    Raises `InputError` when the minutes name no body, or when the date
    matches several of the body's meetings and the start time cannot tell
    which one is meant.
    """
    wanted = minutes.meeting
    if not wanted.body.strip():
        raise InputError(document.name, "the minutes name no board or committee")

    same_file = session.exec(
        select(Meeting).where(Meeting.source_sha256 == document.sha256)
    ).first()
    if same_file is not None:
        return _unchanged(session, same_file, document)

    body = session.exec(select(Body).where(Body.name == wanted.body)).first()
    meeting = _same_meeting(session, body, wanted, document) if body is not None else None
    audit = _Audit(session, user if user is not None else config.user())
    if meeting is None:
        return _create(session, body, document, minutes, organisation, audit)
    return _update(session, meeting, document, minutes, organisation, audit)


def _same_meeting(
    session: Session, body: Body, wanted: parsed.Meeting, document: Document
) -> Meeting | None:
    """The stored meeting the minutes record, if any.

    A missing start time on either side matches any start, so minutes without
    a time still find their meeting; an exact start wins when that is ambiguous.
    """
    on_date = session.exec(
        select(Meeting).where(Meeting.body_id == body.id, Meeting.date == wanted.date)
    ).all()
    candidates = [
        m for m in on_date if m.start is None or wanted.start is None or m.start == wanted.start
    ]
    if len(candidates) > 1:
        candidates = [m for m in candidates if m.start == wanted.start]
        if len(candidates) != 1:
            raise InputError(
                document.name,
                f"{wanted.body} has several meetings on {wanted.date.isoformat()} and the "
                "minutes' start time does not tell which one they record",
            )
    return candidates[0] if candidates else None


def _create(
    session: Session,
    body: Body | None,
    document: Document,
    minutes: parsed.Minutes,
    organisation: Organisation,
    audit: _Audit,
) -> ImportResult:
    if body is None:
        body = Body(name=minutes.meeting.body)
        session.add(body)
        session.flush()
    assert body.id is not None
    meeting = Meeting(
        body_id=body.id,
        date=minutes.meeting.date,
        **_meeting_values(minutes),
        **_source_values(document),
    )
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    items = [AgendaItem(meeting_id=meeting.id, **_item_values(i)) for i in minutes.items]
    session.add_all(items)
    session.flush()
    proposed = _propose(session, meeting, minutes, organisation, items, audit)
    count = len(minutes.items)
    return _result("created", meeting, body.name, document, count, added=count, proposed=proposed)


def _update(
    session: Session,
    meeting: Meeting,
    document: Document,
    minutes: parsed.Minutes,
    organisation: Organisation,
    audit: _Audit,
) -> ImportResult:
    """Bring a stored meeting in line with a corrected document, writing only
    if something differs."""
    meeting_changes = _changes(meeting, _meeting_values(minutes))
    stored = _keyed(
        session.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        ).all()
    )
    incoming = _keyed(minutes.items)

    added = [incoming[key] for key in incoming.keys() - stored.keys()]
    changed = [
        (stored[key], changes)
        for key in incoming.keys() & stored.keys()
        if (changes := _changes(stored[key], _item_values(incoming[key])))
    ]
    gone = [stored[key] for key in stored.keys() - incoming.keys()]
    with_actions = _with_actions(session, gone)
    removed = [item for item in gone if item.id not in with_actions]
    kept = tuple(item.number for item in gone if item.id in with_actions)

    body = session.get_one(Body, meeting.body_id)
    items = len(incoming) + len(kept)
    if not (meeting_changes or added or changed or removed):
        return _result("unchanged", meeting, body.name, document, items, kept=kept)

    for name, value in {**meeting_changes, **_source_values(document)}.items():
        setattr(meeting, name, value)
    meeting.updated_at = utcnow()
    assert meeting.id is not None
    new_items = [AgendaItem(meeting_id=meeting.id, **_item_values(i)) for i in added]
    session.add_all(new_items)
    for item, changes in changed:
        for name, value in changes.items():
            setattr(item, name, value)
    for item in removed:
        session.delete(item)
    session.flush()
    proposed = _propose(session, meeting, minutes, organisation, new_items, audit)
    return _result(
        "updated",
        meeting,
        body.name,
        document,
        items,
        added=len(added),
        changed=len(changed),
        removed=len(removed),
        kept=kept,
        proposed=proposed,
    )


def _propose(
    session: Session,
    meeting: Meeting,
    minutes: parsed.Minutes,
    organisation: Organisation,
    items: Sequence[AgendaItem],
    audit: _Audit,
) -> int:
    """Store the extractor's proposals for `items`, the meeting's rows just
    added, and say how many there were.

    The extractor reads the whole document (a decision may refer to another
    item), so its proposals for items already stored are dropped here. Later
    meetings of the body already in the store tell it when "næste møde" is.
    """
    if not items:
        return 0
    item_ids: dict[str, int] = {}
    for item in items:
        assert item.id is not None
        item_ids.setdefault(item.number, item.id)
    known = queries.later_meeting_dates(session, body_id=meeting.body_id, after=meeting.date)
    proposals = [
        proposal
        for proposal in extract_actions(minutes, organisation, known_meetings=known)
        if proposal.item in item_ids
    ]
    actions = [
        Action(
            item_id=item_ids[p.item],
            title=p.title,
            owner=p.owner,
            co_owners=list(p.co_owners),
            due=p.due,
            due_text=p.due_text,
            kind=p.kind,
            condition=p.condition,
            review=p.review,
            source=p.source,
            confidence=p.confidence,
        )
        for p in proposals
    ]
    session.add_all(actions)
    session.flush()
    for action in actions:
        audit.record(action, "created", new=action.title)
    return len(proposals)


def _unchanged(session: Session, meeting: Meeting, document: Document) -> ImportResult:
    body = session.get_one(Body, meeting.body_id)
    items = session.exec(
        select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
    ).one()
    return _result("unchanged", meeting, body.name, document, items)


def _result(
    status: ImportStatus,
    meeting: Meeting,
    body: str,
    document: Document,
    items: int,
    **counts: Any,
) -> ImportResult:
    assert meeting.id is not None
    return ImportResult(
        status=status,
        meeting_id=meeting.id,
        body=body,
        date=meeting.date,
        start=meeting.start,
        items=items,
        source=document.name,
        **counts,
    )


def _keyed(items: Iterable[_Item]) -> dict[tuple[str, int], _Item]:
    """Items by (number, occurrence): numbers identify items across versions of
    a document, and the occurrence keeps a repeated number from hiding one."""
    seen: Counter[str] = Counter()
    keyed: dict[tuple[str, int], _Item] = {}
    for item in items:
        keyed[(item.number, seen[item.number])] = item
        seen[item.number] += 1
    return keyed


def _with_actions(session: Session, items: list[AgendaItem]) -> set[int]:
    """Ids of those items that have at least one action."""
    ids = [item.id for item in items]
    if not ids:
        return set()
    return set(session.exec(select(Action.item_id).where(col(Action.item_id).in_(ids)).distinct()))


def _changes(row: Meeting | AgendaItem, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from what the row holds."""
    return {name: value for name, value in values.items() if getattr(row, name) != value}


def _meeting_values(minutes: parsed.Minutes) -> dict[str, Any]:
    """The meeting's columns a document determines (body and date identify it)."""
    meeting = minutes.meeting
    return {
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "participants": list(meeting.participants),
        "absent": list(meeting.absent),
        "language": minutes.language,
    }


def _source_values(document: Document) -> dict[str, Any]:
    return {
        "source_name": document.name,
        "source_sha256": document.sha256,
        "source_format": document.format,
    }


def _item_values(item: parsed.AgendaItem) -> dict[str, Any]:
    """An item's columns, with sections and decisions as JSON-ready dicts."""
    return {
        "position": item.position,
        "number": item.number,
        "title": item.title,
        "case_number": item.case,
        "closed": item.closed,
        "sections": [{"kind": s.kind, "heading": s.heading, "text": s.text} for s in item.sections],
        "decisions": [
            {
                "heading": d.heading,
                "body": d.body,
                "date": d.date.isoformat() if d.date else None,
                "text": d.text,
            }
            for d in item.decisions
        ],
        "decision": item.decision,
    }


# --- reviewing and following up actions -----------------------------------------

ActionChange = Literal[
    "accept", "reject", "assign", "done", "hold", "reactivate", "edit", "note", "split", "merge"
]

_UNFINISHED = ("proposed", "open", "on_hold")

ALLOWED_FROM: dict[ActionChange, tuple[str, ...]] = {
    "accept": ("proposed",),
    "reject": _UNFINISHED,
    "assign": _UNFINISHED,
    "done": _UNFINISHED,
    "hold": _UNFINISHED,
    "reactivate": ("on_hold", "done", "rejected"),
    "edit": _UNFINISHED,
    "note": ("proposed", "open", "on_hold", "done", "rejected"),
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
"""


class _Audit:
    """The events of one use case: every change it makes, by one user at one moment.

    Services change audited fields through `set`, which records an event for
    each field whose value actually changes, so the history never shows a
    change that did not happen and never misses one that did.
    """

    def __init__(self, session: Session, user: str) -> None:
        if not user.strip():
            raise InputError("user", "no user to record the change for; set TRACKER_USER")
        self.session, self.user, self.now = session, user.strip(), utcnow()

    def set(self, action: Action, **values: Any) -> None:
        for name, value in values.items():
            old = getattr(action, name)
            if old != value:
                setattr(action, name, value)
                self.record(action, name, old, value)

    def record(self, action: Action, field: str, old: Any = None, new: Any = None) -> None:
        assert action.id is not None  # flushed before its first event
        self.session.add(
            ActionEvent(
                action_id=action.id,
                at=self.now,
                user=self.user,
                field=field,
                old=_event_text(old),
                new=_event_text(new),
            )
        )


def _event_text(value: Any) -> str | None:
    """A value as the history shows it: ISO dates, lists joined, nothing for empty."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def accept(session: Session, ids: Iterable[int], *, user: str) -> None:
    """Turn proposals into agreed work: open, or on hold for a proposal of the
    kind "on_hold", which waits for its condition from the start.

    All or nothing: one ID that is not a proposal refuses them all.
    """
    audit = _Audit(session, user)
    for action in _actions(session, ids, "accept"):
        if action.kind == "on_hold":
            audit.set(action, status="on_hold")
            action.held_since = audit.now
        else:
            audit.set(action, status="open")


def reject(session: Session, ids: Iterable[int], *, user: str) -> None:
    """Drop wrong proposals or work that is no longer wanted, keeping the rows
    with their source sentences as the record of what was proposed and refused.

    All or nothing, like `accept`.
    """
    audit = _Audit(session, user)
    for action in _actions(session, ids, "reject"):
        audit.set(action, status="rejected")


def assign(
    session: Session,
    action_id: int,
    *,
    owner: str | None = None,
    due_phrase: str | None = None,
    organisation: Organisation,
    user: str,
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
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "assign")
    if owner is not None:
        audit.set(action, owner=owner)
    if due_phrase is not None:
        due = _resolve_due(session, action.item_id, due_phrase, organisation)
        audit.set(action, due=due.date, due_text=due.text)


def done(session: Session, action_id: int, *, note: str | None = None, user: str) -> None:
    """Mark an action done now, with an optional note (added to its notes)."""
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "done")
    audit.set(action, status="done")
    action.completed_at = audit.now
    note = (note or "").strip()
    if note:
        _append_note(audit, action, note)


def hold(session: Session, action_id: int, *, until: str, user: str) -> None:
    """Put an action on hold until a condition is met ("if the group is needed
    again"); an action already on hold gets the new condition and keeps the
    time it has been waiting since."""
    condition = until.strip()
    if not condition:
        raise InputError(f"ID {action_id}", "say what the action waits for")
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "hold")
    if action.status != "on_hold":
        audit.set(action, status="on_hold")
        action.held_since = audit.now
    audit.set(action, condition=condition)


def reactivate(session: Session, action_id: int, *, user: str) -> None:
    """Reopen an action that was on hold, done or rejected.

    The times it was held or done since are cleared with the state they
    belonged to; its condition and notes stay, as the history people wrote.
    """
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "reactivate")
    audit.set(action, status="open")
    action.held_since, action.completed_at = None, None


def edit_title(session: Session, action_id: int, title: str, *, user: str) -> None:
    """Reword an action's title (whitespace tidied); the old title stays in its history."""
    cleaned = _title(title, f"ID {action_id}")
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "edit")
    audit.set(action, title=cleaned)


def add_note(session: Session, action_id: int, text: str, *, user: str) -> None:
    """Add a note to any action, finished or not: what people learned about it."""
    note = text.strip()
    if not note:
        raise InputError(f"ID {action_id}", "the note is empty")
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "note")
    _append_note(audit, action, note)


def split_action(session: Session, action_id: int, titles: list[str], *, user: str) -> list[int]:
    """Split an action the extractor proposed as one into several; the new IDs.

    The original keeps the first title and its history; each further title
    becomes a new action on the same item with the same owner, due date,
    kind, source and status, so the parts are reviewed where the whole was.
    """
    source = f"ID {action_id}"
    cleaned = [_title(title, source) for title in titles if title.strip()]
    if len(cleaned) < 2:
        raise InputError(source, "give at least two titles, one per part")
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "split")
    audit.set(action, title=cleaned[0])
    parts = [
        Action(
            item_id=action.item_id,
            title=title,
            owner=action.owner,
            co_owners=list(action.co_owners),
            due=action.due,
            due_text=action.due_text,
            kind=action.kind,
            condition=action.condition,
            review=action.review,
            source=action.source,
            confidence=action.confidence,
            status=action.status,
            held_since=action.held_since,
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


def merge_actions(session: Session, ids: Sequence[int], *, user: str) -> int:
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
    audit = _Audit(session, user)
    kept, *others = _actions(session, unique, "merge")
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
    audit = _Audit(session, user)
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


def _append_note(audit: _Audit, action: Action, note: str) -> None:
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


def _actions(session: Session, ids: Iterable[int], change: ActionChange) -> list[Action]:
    """The actions `change` is about to change, each checked to exist and to
    be in a status the change applies to, before any is changed."""
    actions = []
    allowed = ALLOWED_FROM[change]
    for action_id in ids:
        action = session.get(Action, action_id)
        if action is None:
            raise InputError(f"ID {action_id}", "no such action")
        if action.status not in allowed:
            *others, last = (status.replace("_", " ") for status in allowed)
            names = f"{', '.join(others)} or {last}" if others else last
            raise InputError(
                f"ID {action_id}",
                f"is {action.status.replace('_', ' ')}; {change} applies to {names} actions",
            )
        actions.append(action)
    return actions


def set_due(
    session: Session, action_id: int, due: dt.date | None, due_text: str | None, *, user: str
) -> None:
    """Set an action's due date as a date, not a phrase: for a spreadsheet where
    people type the date itself. `due_text` is kept beside it as given, since
    only the person editing knows whether the old phrase still describes it."""
    audit = _Audit(session, user)
    (action,) = _actions(session, [action_id], "assign")
    audit.set(action, due=due, due_text=(due_text or "").strip() or None)
