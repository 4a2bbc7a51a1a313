"""Plain data for proposed follow-up actions: the extractor's output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("task", "investigate", "report_back", "communicate", "on_hold")


@dataclass
class ProposedAction:
    """A follow-up action the extractor proposes for one agenda item.

    `item` is the item's number as written; `due_text` is the phrase the due
    date came from, kept beside the resolved `due` so a reviewer sees both.
    On-hold actions carry their reactivation `condition` and a periodic
    `review` date instead of a due date. `source` is the sentence or
    sentences the action came from.
    """

    item: str
    title: str
    source: str
    kind: str = "task"
    owner: str | None = None
    co_owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_text: str | None = None
    condition: str | None = None
    review: date | None = None
    confidence: float = 0.5
    rule: str = ""


def action_to_dict(action: ProposedAction) -> dict[str, object]:
    """An action as `tracker extract --format json` prints it."""
    from tracker.minutes.jsonable import item_number

    return {
        "item": item_number(action.item),
        "title": action.title,
        "owner": action.owner,
        "co_owners": list(action.co_owners),
        "due": action.due.isoformat() if action.due else None,
        "due_text": action.due_text,
        "kind": action.kind,
        "condition": action.condition,
        "review": action.review.isoformat() if action.review else None,
        "source": action.source,
        "confidence": action.confidence,
        "rule": action.rule,
    }
