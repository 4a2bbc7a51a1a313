"""How the extractor's rules fare with the people who review their proposals.

Every proposal keeps the id of the rule that made it (`Action.rule`) and a
copy of what was proposed (`Action.proposal`). A proposal accepted with every
reviewed field still as proposed was right; one accepted with changes was
edited (the fields say where the rule goes wrong); a rejected one was wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.models import Action, proposal_value
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
        return trust(self.reviewed, self.rejected)


def trust(reviewed: int, rejected: int) -> float:
    """How far to trust a rule's next proposals: 1 until enough of them are
    reviewed, then lower the more of them were rejected (never below 0.5)."""
    if reviewed < _ENOUGH or rejected * 2 <= reviewed:
        return 1.0
    return max(0.5, 1 - rejected / reviewed / 2)


def rule_trust(session: Session) -> dict[str, float]:
    """`trust` of every rule people reviewed proposals of, counted in SQL: an
    import needs only the counts, not every proposal's fields."""
    reviewed = col(Action.status).in_([*_ACCEPTED, "rejected"])
    rejected = sa.case((col(Action.status) == "rejected", 1), else_=0)
    rows = session.exec(
        select(Action.rule, sa.func.count(), sa.func.sum(rejected))
        .where(col(Action.rule).is_not(None), reviewed)
        .group_by(Action.rule)
    ).all()
    return {rule: trust(count, int(no or 0)) for rule, count, no in rows if rule}


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
        if name in proposal and proposal_value(value) != proposal[name]
    ]  # fmt: skip
