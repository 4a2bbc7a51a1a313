"""Importing minutes: store a parsed document as a meeting with its items,
and the extractor's proposals for the items that are new.

A batch (`import_files`) takes the engine and gives each file a transaction of
its own; `import_minutes` does one document's whole job in the caller's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from tracker import config, queries
from tracker.db import session_scope
from tracker.errors import InputError, MissingFactError, TrackerError
from tracker.extract import extract_actions
from tracker.extract.due import DueContext, best_due
from tracker.extract.model import ProposedAction
from tracker.ingest import Document, read_document
from tracker.minutes import model as parsed
from tracker.minutes import parse_minutes
from tracker.models import Action, AgendaItem, Body, Meeting, utcnow
from tracker.organisation import Organisation
from tracker.services.audit import Audit
from tracker.services.proposals import Revision, flag_lost_items, reconcile, store_new

ImportStatus = Literal["created", "updated", "unchanged"]

_Item = TypeVar("_Item", AgendaItem, parsed.AgendaItem)


@dataclass(frozen=True)
class ImportResult:
    """What importing one document did, for a one-line report or JSON.

    `items` is how many items the meeting has afterwards; `added`, `changed`
    and `removed` count items by what happened to them; `kept` names the items
    the document no longer has but that were kept because they have actions.
    `proposed` counts the actions the extractor proposed that were stored
    (for added items, and new ones for changed items); `revised` the stored
    proposals a changed item's new text updated, and `flagged` those whose
    sentence is gone from the minutes (see `tracker.services.proposals`).
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
    revised: int = 0
    flagged: int = 0

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
        if self.revised:
            details.append(f"{self.revised} proposal{'s' if self.revised > 1 else ''} revised")
        if self.flagged:
            details.append(f"{self.flagged} flagged: their sentence is gone")
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
            "revised": self.revised,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class ImportOutcome:
    """One file of a batch import: its result, or the error that stopped it."""

    path: Path
    result: ImportResult | None = None
    error: TrackerError | None = None
    notices: tuple[str, ...] = ()
    """The reader's notices (`Minutes.notices`): a --body or --date the text contradicts."""


def import_files(
    engine: Engine,
    paths: Iterable[Path],
    *,
    organisation: Organisation,
    body: str | None = None,
    meeting_date: dt.date | None = None,
    on_file: Callable[[ImportOutcome], None] | None = None,
    user: str | None = None,
) -> list[ImportOutcome]:
    """Read, parse and import files, each in a transaction of its own.

    A file the user can do something about (unreadable, not minutes, ambiguous)
    is reported in its outcome and the batch goes on; any other exception is a
    bug and stops the batch, leaving the files before it imported. `body` and
    `meeting_date` fill in what documents do not state; `organisation` names
    the owners and cadences the extractor resolves against; `on_file` is
    called with each file's outcome as soon as it is known, so a long batch
    can be reported as it goes; `user` is recorded as the creator
    of the proposals (default: the configured user, `tracker.config.user`).
    """
    outcomes = []
    for path in paths:
        try:
            document = read_document(path)
            minutes = parse_minutes(
                document.text,
                source=str(path),
                body=body,
                meeting_date=meeting_date,
                known_bodies=organisation.body_names(),
            )
            _require_body_and_date(minutes, str(path))
            with session_scope(engine) as session:
                result = import_minutes(
                    session, document, minutes, organisation=organisation, user=user
                )
            outcome = ImportOutcome(path, result, notices=tuple(minutes.notices))
        except TrackerError as error:
            outcome = ImportOutcome(path, error=error)
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)
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
      and items are updated, items matched by number, and "updated". Text that
      differs only in line breaks, spaces and hyphens says nothing new (see
      `_fingerprint`): the same minutes as PDF beside DOCX or text.
      Items the document no longer has are deleted unless they have actions;
      then they are kept and their proposals flagged.
    - Otherwise the meeting and its items are created: "created".

    Items that are new to the store get the extractor's proposed actions,
    each with a "created" event by `user` (default: the configured user).
    Stored items whose text changed have their proposals reconciled with the
    new text, keeping what people did (`tracker.services.proposals`); the
    actions of unchanged items stay as they are.

    Raises `MissingFactError` when the minutes (and the user) give no body or
    no date, and `InputError` when the date matches several of the body's
    meetings and the start time cannot tell which one is meant.
    """
    _require_body_and_date(minutes, document.name)
    wanted = minutes.meeting
    assert wanted.body is not None and wanted.date is not None
    held = wanted.date

    same_file = session.exec(
        select(Meeting).where(Meeting.source_sha256 == document.sha256)
    ).first()
    if same_file is not None:
        return _unchanged(session, same_file, document)

    body = session.exec(select(Body).where(Body.name == wanted.body)).first()
    meeting = _same_meeting(session, body, held, wanted, document) if body is not None else None
    audit = Audit(session, user if user is not None else config.user())
    if meeting is None:
        body = body or Body(name=wanted.body)
        return _create(session, body, held, document, minutes, organisation, audit)
    return _update(session, meeting, document, minutes, organisation, audit)


def _require_body_and_date(minutes: parsed.Minutes, source: str) -> None:
    """A meeting is stored with its body and date, or not at all."""
    missing = (
        *(("body",) if minutes.meeting.body is None or not minutes.meeting.body.strip() else ()),
        *(("date",) if minutes.meeting.date is None else ()),
    )
    if missing:
        raise MissingFactError(source, missing)


def _same_meeting(
    session: Session, body: Body, held: dt.date, wanted: parsed.Meeting, document: Document
) -> Meeting | None:
    """The stored meeting the minutes record, if any.

    A missing start time on either side matches any start, so minutes without
    a time still find their meeting; an exact start wins when that is ambiguous.
    """
    on_date = session.exec(
        select(Meeting).where(Meeting.body_id == body.id, Meeting.date == held)
    ).all()
    candidates = [
        m for m in on_date if m.start is None or wanted.start is None or m.start == wanted.start
    ]
    if len(candidates) > 1:
        candidates = [m for m in candidates if m.start == wanted.start]
        if len(candidates) != 1:
            raise InputError(
                document.name,
                f"{body.name} has several meetings on {held.isoformat()} and the "
                "minutes' start time does not tell which one they record",
            )
    return candidates[0] if candidates else None


def _create(
    session: Session,
    body: Body,
    held: dt.date,
    document: Document,
    minutes: parsed.Minutes,
    organisation: Organisation,
    audit: Audit,
) -> ImportResult:
    """A new meeting, of `body` (added to the store if it is new) on `held`."""
    if body.id is None:
        session.add(body)
        session.flush()
    assert body.id is not None
    meeting = Meeting(
        body_id=body.id,
        date=held,
        **_meeting_values(minutes),
        **_source_values(document),
    )
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    items = [AgendaItem(meeting_id=meeting.id, **_item_values(i)) for i in minutes.items]
    session.add_all(items)
    session.flush()
    revision = _propose(
        session, meeting, minutes, organisation, audit, new=_first(items), source=document.name
    )
    _date_the_waiting(session, body, meeting, organisation, audit)
    count = len(minutes.items)
    return _result(
        "created", meeting, body.name, document, count, added=count, proposed=revision.proposed
    )


def _update(
    session: Session,
    meeting: Meeting,
    document: Document,
    minutes: parsed.Minutes,
    organisation: Organisation,
    audit: Audit,
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

    added = {key: incoming[key] for key in incoming.keys() - stored.keys()}
    changed = [
        (stored[key], changes)
        for key in incoming.keys() & stored.keys()
        if (changes := _changes(stored[key], _item_values(incoming[key])))
    ]
    gone = [stored[key] for key in stored.keys() - incoming.keys()]
    with_actions = _with_actions(session, gone)
    removed = [item for item in gone if item.id not in with_actions]
    lost = [item for item in gone if item.id in with_actions]
    kept = tuple(item.number for item in lost)

    body = session.get_one(Body, meeting.body_id)
    items = len(incoming) + len(kept)
    if not (meeting_changes or added or changed or removed or _unflagged(session, lost)):
        return _result("unchanged", meeting, body.name, document, items, kept=kept)

    for name, value in {**meeting_changes, **_source_values(document)}.items():
        setattr(meeting, name, value)
    meeting.updated_at = utcnow()
    assert meeting.id is not None
    new_items = {
        key: AgendaItem(meeting_id=meeting.id, **_item_values(i)) for key, i in added.items()
    }
    session.add_all(new_items.values())
    for item, changes in changed:
        for name, value in changes.items():
            setattr(item, name, value)
    for item in removed:
        session.delete(item)
    session.flush()
    first = {key for key in incoming if key[1] == 0}  # see _propose
    revised = {id(item) for item, _ in changed}
    revision = _propose(
        session,
        meeting,
        minutes,
        organisation,
        audit,
        new=[item for key, item in new_items.items() if key in first],
        revised=[item for key, item in stored.items() if key in first and id(item) in revised],
        lost=lost,
        source=document.name,
    )
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
        proposed=revision.proposed,
        revised=revision.revised,
        flagged=revision.flagged,
    )


def _propose(
    session: Session,
    meeting: Meeting,
    minutes: parsed.Minutes,
    organisation: Organisation,
    audit: Audit,
    *,
    new: Sequence[AgendaItem],
    revised: Sequence[AgendaItem] = (),
    lost: Sequence[AgendaItem] = (),
    source: str,
) -> Revision:
    """Store the extractor's proposals for the `new` items, reconcile those of
    the `revised` ones (stored items whose text changed) with their actions,
    and flag the proposals of `lost` items (gone from the minutes, kept for
    their actions). See `tracker.services.proposals`.

    The extractor reads the whole document (a decision may refer to another
    item) and proposes by item number; an item number the document repeats
    gets them on its first item only. Later meetings of the body already in
    the store tell it when "næste møde" is.
    """
    revision = Revision(flagged=flag_lost_items(session, lost, audit, source=source))
    if not (new or revised):
        return revision
    known = queries.later_meeting_dates(session, body_id=meeting.body_id, after=meeting.date)
    # A rule whose proposals people here mostly rejected proposes with less confidence.
    trust = queries.rule_trust(session)
    by_number: dict[str, list[ProposedAction]] = {}
    for proposal in extract_actions(minutes, organisation, known_meetings=known):
        proposal.confidence = round(proposal.confidence * trust.get(proposal.rule, 1.0), 2)
        by_number.setdefault(proposal.item, []).append(proposal)
    fresh = [(item.id, p) for item in new for p in by_number.pop(item.number, []) if item.id]
    revision.proposed = store_new(session, fresh, audit)
    for item in revised:
        done = reconcile(session, item, by_number.pop(item.number, []), audit, source=source)
        revision.proposed += done.proposed
        revision.revised += done.revised
        revision.flagged += done.flagged
    return revision


def _date_the_waiting(
    session: Session, body: Body, meeting: Meeting, organisation: Organisation, audit: Audit
) -> None:
    """Work due "at the next meeting" of a body whose next meeting was not known
    when its minutes were read gets its date now that a later meeting is stored."""
    assert body.id is not None
    for action, held in queries.waiting_for_a_meeting(session, body_id=body.id, before=meeting.date):
        assert action.due_text is not None
        known = queries.later_meeting_dates(session, body_id=body.id, after=held)
        due = best_due(action.due_text, DueContext(held, body.name, organisation, known_meetings=known))
        if due is not None and due.date is not None:
            audit.record(action, "due", old=None, new=due.date)
            action.due = due.date
            session.add(action)


def _first(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """The first item of each number, in document order (see `_propose`)."""
    return [item for key, item in _keyed(items).items() if key[1] == 0]


def _unflagged(session: Session, items: Sequence[AgendaItem]) -> bool:
    """Whether any of these items has a proposal not yet flagged as having lost
    its sentence: a re-import that drops such an item has something to do."""
    ids = [item.id for item in items]
    return (
        bool(ids)
        and session.exec(
            select(func.count())
            .select_from(Action)
            .where(
                col(Action.item_id).in_(ids),
                col(Action.proposal).is_not(None),
                col(Action.source_lost_at).is_(None),
            )
        ).one()
        > 0
    )


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
    """The values that differ from what the row holds, text by its fingerprint."""
    return {
        name: value
        for name, value in values.items()
        if _fingerprint(getattr(row, name)) != _fingerprint(value)
    }


# Spaces and line breaks, and a hyphen after a letter: what one format's
# layout adds or drops ("foran-\ndring" in a PDF, "forandring" in a .docx;
# "Teknik-\nog" beside "Teknik- og").
_LAYOUT = re.compile(r"\s+|(?<=[^\W\d_])[-\u00ad\u2010\u2011](?=\s*[^\W\d_])")


def _fingerprint(value: Any) -> Any:
    """`value` with its text stripped of what only the layout decides."""
    if isinstance(value, str):
        return _LAYOUT.sub("", value)
    if isinstance(value, list):
        return [_fingerprint(element) for element in value]
    if isinstance(value, dict):
        return {key: _fingerprint(element) for key, element in value.items()}
    return value


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
