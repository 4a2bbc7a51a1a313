"""The extractor's proposals in the store, first and again.

A first import stores each proposal as an action, with a copy of what was
proposed (`Action.proposal`). A corrected version of the same minutes is
read again and its proposals matched to the actions already stored for the
item, by the sentence they came from and their title:

- a match whose proposal changed gets the new values in the fields nobody
  edited (a field still equal to the last proposal); what people wrote,
  their status decisions and notes stay as they are;
- an action whose sentence is no longer in the item is flagged
  (`source_lost_at`), never deleted, so a person decides what it means;
- a proposal that matches nothing is stored as a new action to review.

Actions people added (no `proposal`) are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from sqlmodel import Session, col, select

from tracker.extract.model import ProposedAction
from tracker.models import Action, AgendaItem, proposal_value
from tracker.services.audit import Audit

# The fields a proposal sets; a re-import may update the ones nobody edited.
PROPOSED_FIELDS = (
    "title", "owner", "co_owners", "due", "due_text", "kind", "condition", "review", "source",
    "confidence",
)  # fmt: skip
# Of a finished (done or rejected) action only the sentence it came from is
# kept up to date: its other fields are the record of what was done.
_FINISHED = ("done", "rejected")
# How alike a stored action and a new proposal must be to be the same one:
# a corrected word or date keeps them together, another sentence does not.
_SAME = 0.6


@dataclass
class Revision:
    """What reconciling the proposals of a re-import did, by count."""

    proposed: int = 0
    revised: int = 0
    flagged: int = 0


def snapshot(proposal: ProposedAction) -> dict[str, Any]:
    """What the extractor proposed, as `Action.proposal` keeps it (JSON: dates as ISO text)."""
    return {name: proposal_value(getattr(proposal, name)) for name in PROPOSED_FIELDS}


def new_action(item_id: int, proposal: ProposedAction) -> Action:
    """A proposal as a stored action waiting for review."""
    values = {name: getattr(proposal, name) for name in PROPOSED_FIELDS}
    values["co_owners"] = list(proposal.co_owners)
    return Action(
        item_id=item_id, proposal=snapshot(proposal), rule=proposal.rule or None, **values
    )


def store_new(
    session: Session, proposals: Iterable[tuple[int, ProposedAction]], audit: Audit
) -> int:
    """Store proposals for items that are new to the store; how many."""
    actions = [new_action(item_id, proposal) for item_id, proposal in proposals]
    session.add_all(actions)
    session.flush()
    for action in actions:
        audit.record(action, "created", new=action.title)
    return len(actions)


def reconcile(
    session: Session,
    item: AgendaItem,
    proposals: Sequence[ProposedAction],
    audit: Audit,
    *,
    source: str,
) -> Revision:
    """Bring a stored item's actions in line with the proposals of its corrected text.

    `source` names the document, for the history of what the re-import did.
    """
    assert item.id is not None
    stored = [
        action
        for action in session.exec(
            select(Action).where(Action.item_id == item.id).order_by(col(Action.id))
        )
        if action.proposal is not None
    ]
    revision = Revision()
    matched = _match(stored, proposals)
    for action, proposal in matched:
        if _revise(action, snapshot(proposal), audit, source=source):
            revision.revised += 1
    found = {id(action) for action, _ in matched}
    text = _words(" ".join([item.decision or "", *(s["text"] for s in item.sections)]))
    for action in stored:
        if id(action) not in found and not _still_there(action.source, text):
            revision.flagged += flag_lost(action, audit, source=source)
    taken = {id(proposal) for _, proposal in matched}
    fresh = [(item.id, p) for p in proposals if id(p) not in taken]
    revision.proposed = store_new(session, fresh, audit)
    return revision


def flag_lost(action: Action, audit: Audit, *, source: str) -> int:
    """Flag a proposal whose sentence the minutes no longer have; 1 if newly flagged."""
    if action.source_lost_at is not None:
        return 0
    action.source_lost_at = audit.now
    audit.record(action, "source_lost", new=source)
    return 1


def flag_lost_items(
    session: Session, items: Iterable[AgendaItem], audit: Audit, *, source: str
) -> int:
    """Flag the proposals of items the corrected minutes no longer have; how many."""
    ids = [item.id for item in items]
    if not ids:
        return 0
    actions = session.exec(
        select(Action)
        .where(col(Action.item_id).in_(ids), col(Action.proposal).is_not(None))
        .order_by(col(Action.id))
    ).all()
    return sum(flag_lost(action, audit, source=source) for action in actions)


def _match(
    stored: Sequence[Action], proposals: Sequence[ProposedAction]
) -> list[tuple[Action, ProposedAction]]:
    """Pairs of a stored action and the new proposal that is the same one, best first.

    Each is scored by how alike the sentences and the titles are (against what
    was proposed last time, not what people made of it); an exact sentence
    and title is a sure match, and each side is used at most once.
    """
    scored = []
    for a, action in enumerate(stored):
        assert action.proposal is not None
        for p, proposal in enumerate(proposals):
            score = 0.7 * _alike(action.proposal["source"], proposal.source) + 0.3 * _alike(
                action.proposal["title"], proposal.title
            )
            if score >= _SAME:
                scored.append((score, -a, -p, action, proposal))
    scored.sort(key=lambda entry: entry[:3], reverse=True)
    pairs: list[tuple[Action, ProposedAction]] = []
    used_actions: set[int] = set()
    used_proposals: set[int] = set()
    for _, _, _, action, proposal in scored:
        if id(action) in used_actions or id(proposal) in used_proposals:
            continue
        used_actions.add(id(action))
        used_proposals.add(id(proposal))
        pairs.append((action, proposal))
    return pairs


def _revise(action: Action, proposed: dict[str, Any], audit: Audit, *, source: str) -> bool:
    """Give `action` the new proposal's values in the fields nobody edited; True if
    any field changed. The new proposal is kept as the one edits are told from."""
    last = action.proposal or {}
    unedited = [
        name
        for name in PROPOSED_FIELDS
        if proposal_value(getattr(action, name)) == last.get(name)
        and (name == "source" or action.status not in _FINISHED)
    ]
    changes = {
        name: _value(name, proposed[name]) for name in unedited if proposed[name] != last.get(name)
    }
    action.proposal = proposed
    if action.source_lost_at is not None:
        action.source_lost_at = None
        audit.record(action, "source_found", new=source)
    if not changes:
        return False
    audit.set(action, **changes)
    audit.record(action, "revised", new=source)
    return True


def _still_there(sentence: str | None, text: str) -> bool:
    """Whether the item's text still has the sentence (each of a merged action's)."""
    lines = [_words(line) for line in (sentence or "").splitlines() if line.strip()]
    return bool(lines) and any(line in text for line in lines)


def _alike(a: str | None, b: str | None) -> float:
    return SequenceMatcher(None, _words(a or ""), _words(b or ""), autojunk=False).ratio()


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _value(name: str, value: Any) -> Any:
    """A snapshot's value as the action's column holds it."""
    if name in ("due", "review") and value is not None:
        return dt.date.fromisoformat(value)
    return value
