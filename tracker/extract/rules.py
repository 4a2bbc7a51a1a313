"""Reading rules as named data: what a rule matches, what it gives, and how sure it is.

Each language reader (`danish`, `english`) keeps its rules in one table, in
the order they are tried. A rule is an id ("da.referral", "en.actor-to"), a
pattern, the kind of action it gives, its base confidence and the function
that reads the owner, the work and the condition from a match. A rule of
kind `NO_WORK` says that what it matches holds no work ("Godkendt",
"RESOLVED that the minutes be approved"): reading stops there.

Every proposed action carries the id of the rule that made it, so `tracker
rules` can say how each rule fares with the secretaries, and adding a
pattern of the language is one entry in a table and one family of tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

NO_WORK = "none"  # the kind of a rule that says a clause holds no work


@dataclass
class Reading:
    """What one clause says about work to do."""

    verb: str  # the verb that carries the work, as written
    task: str  # the clause text the title is built from
    owner_phrase: str | None = None
    owner_strength: str = ""  # how the owner is named: "subject", "named", "modal", "asked", "authorised", "referral", "precondition"
    kind: str = "task"
    confidence: float = 0.6
    passive: bool = False
    rule: str = ""
    condition: str | None = None  # what parked work waits for, where the rule reads it
    as_written: bool = False  # the clause is its own title ("Sagen blev udsat til ...")
    clause: str = ""  # the clause read, doer and all, where a sentence holds several


@dataclass(frozen=True)
class RuleInput:
    """A clause as the rules see it: its text, its qualifying tails, and whether
    it stands under a decision frame ("Det blev aftalt, at ...")."""

    text: str
    tails: tuple[str, ...] = ()
    framed: bool = False
    allow_actor: bool = True


Read = Callable[["Rule", re.Match[str], RuleInput], Reading | None]


@dataclass(frozen=True)
class Rule:
    """One reading rule. `kind` None takes the kind from the work's verb."""

    id: str
    language: str
    matches: str  # what the rule matches, in words (`tracker rules`, docs)
    pattern: re.Pattern[str]
    read: Read
    kind: str | None = None
    confidence: float = 0.7
    anchored: bool = False  # the pattern must match at the clause's start

    def reading(self, **fields: object) -> Reading:
        """A reading made by this rule, with its id and base confidence."""
        values: dict[str, object] = {"confidence": self.confidence, "rule": self.id}
        if self.kind is not None:
            values["kind"] = self.kind
        values.update(fields)
        return Reading(**values)  # type: ignore[arg-type]


def first_reading(rules: Sequence[Rule], clause: RuleInput) -> Reading | None:
    """The reading of the first rule in the table that reads the clause; None
    when none does or when the first that does says no work follows."""
    for rule in rules:
        match = (
            rule.pattern.match(clause.text) if rule.anchored else rule.pattern.search(clause.text)
        )
        if match is None:
            continue
        reading = rule.read(rule, match, clause)
        if reading is None:
            continue
        return None if reading.kind == NO_WORK else reading
    return None


def no_work(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    """The reader of a rule that says the clause holds no work."""
    return rule.reading(verb="", task=clause.text, kind=NO_WORK)
