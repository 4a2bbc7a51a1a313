"""How the extractor's rules fare with the people who review their proposals.

Every proposal keeps the id of the rule that made it (`Action.rule`) and a
copy of what was proposed (`Action.proposal`). A proposal accepted with every
reviewed field still as proposed was right; one accepted with changes was
edited (the fields say where the rule goes wrong); a rejected one was wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from tracker.models import Action
from tracker.queries.readmodel import ReadModel

# The fields a reviewer corrects; the rest (source, confidence) are the extractor's.
REVIEWED_FIELDS = ("title", "owner", "co_owners", "due", "kind", "condition")
_ACCEPTED = ("open", "on_hold", "done")
# Below this many reviewed proposals a rule's record says nothing yet.
_ENOUGH = 5


@dataclass(frozen=True)
class RuleOutcome(ReadModel):
    """One rule's proposals in this database, by what people did with them."""

    rule: str
    proposed: int
    waiting: int
    accepted: int
    edited: int
    rejected: int
    edited_fields: dict[str, int] = field(default_factory=dict)

    @property
    def reviewed(self) -> int:
        return self.accepted + self.edited + self.rejected

    def confidence_factor(self) -> float:
        """How far to trust the rule's next proposals: 1 until enough of them are
        reviewed, then lower the more of them were rejected (never below 0.5)."""
        if self.reviewed < _ENOUGH or self.rejected * 2 <= self.reviewed:
            return 1.0
        return max(0.5, 1 - self.rejected / self.reviewed / 2)


def rule_outcomes(session: Session) -> list[RuleOutcome]:
    """Every rule with proposals in the store, most proposals first."""
    rows = session.exec(
        select(Action.rule, Action.status, Action.proposal, *_columns()).where(
            col(Action.rule).is_not(None)
        )
    ).all()
    tally: dict[str, Counter[str]] = {}
    fields: dict[str, Counter[str]] = {}
    for rule, status, proposal, *values in rows:
        if rule is None:
            continue  # the query leaves them out; this tells the type checker
        counts = tally.setdefault(rule, Counter())
        counts["proposed"] += 1
        if status == "proposed":
            counts["waiting"] += 1
        elif status == "rejected":
            counts["rejected"] += 1
        elif status in _ACCEPTED:
            changed = _edited(dict(proposal or {}), dict(zip(REVIEWED_FIELDS, values, strict=True)))
            counts["edited" if changed else "accepted"] += 1
            fields.setdefault(rule, Counter()).update(changed)
    outcomes = [
        RuleOutcome(
            rule=rule,
            proposed=c["proposed"],
            waiting=c["waiting"],
            accepted=c["accepted"],
            edited=c["edited"],
            rejected=c["rejected"],
            edited_fields=dict(fields.get(rule, Counter()).most_common()),
        )  # fmt: skip
        for rule, c in tally.items()
    ]
    return sorted(outcomes, key=lambda o: (-o.proposed, o.rule))


def _columns() -> list[Any]:
    return [getattr(Action, name) for name in REVIEWED_FIELDS]


def _edited(proposal: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """The reviewed fields whose value is no longer the one proposed."""
    return [
        name for name, value in values.items()
        if name in proposal and _plain(value) != _plain(proposal[name])
    ]  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value or None
