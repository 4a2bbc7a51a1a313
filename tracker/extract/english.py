"""Which English minute sentences hold future work, and who owns it.

English council minutes mark decisions ("RESOLVED that the Clerk obtain
...", "It was agreed to defer ...") and name actors with "X to ...", "X
will ...", "X was asked to ...". "ACTION: JS to ... by 21 March" lines are
a layout rule (`lists`), which reads what follows the marker here. Approvals
("RESOLVED that the minutes be approved", "RESOLVED to approve the
payments") and narrative in the past tense are not work.
"""

from __future__ import annotations

import re

from tracker.extract.danish import Reading, condition_of, kind_of

# "RESOLVED that ...", "It was agreed to ...", "Proposed by Cllr X, seconded by
# Cllr Y and RESOLVED that ...", "Members agreed that ...".
_RESOLVED = re.compile(
    r"(?:^|\b(?:and|was|were|it|council|members|committee)\s+)(?:resolved|agreed|decided|determined)"
    r"\s*(?::|,)?\s*(?:unanimously\s+)?(?:that\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_ACTOR = re.compile(
    r"^(?P<owner>(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|of|and|&))*?)\s+"
    r"(?P<modal>to|will|shall|is\s+to|are\s+to|agreed\s+to|offered\s+to|undertook\s+to|"
    r"(?:(?:was|were)\s+)?(?:asked|requested|instructed|directed|tasked|authorised|authorized)\s+to)\s+"
    r"(?P<task>[a-z].+)$"
)
_ASKED = re.compile(
    r"\b(?:asked|requested|instructed|directed|authorised|authorized)\s+(?P<owner>(?:the\s+)?[A-Z][\w.'’\- ]*?)\s+to\s+(?P<task>[a-z].+)$"
)
_SUBJUNCTIVE = re.compile(
    r"^(?P<owner>(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)\s+(?P<task>(?!be\b)[a-z]+\b.*)$"
)
_REFERRED = re.compile(
    r"\b(?:referred|passed|delegated)\s+to\s+(?P<owner>(?:the\s+)?[\w ]+?(?:committee|group|panel|working party|officer|clerk))\b",
    re.IGNORECASE,
)
_NOT_WORK = re.compile(
    r"^(?:to\s+)?(?:approve|accept|note|receive|adopt|agree|confirm|ratify|welcome|thank|"
    r"declare|elect|co-opt|resolve|be\s+(?:approved|accepted|noted|received|adopted|signed|"
    r"confirmed|ratified))\b",
    re.IGNORECASE,
)
_PARTS = re.compile(r",?\s+and\s+(?=to\s+[a-z])", re.IGNORECASE)
_REVISIT = re.compile(r"^(?:to\s+)?(?:revisit|reconsider|review|return\s+to)\b", re.IGNORECASE)


def read_sentence(sentence: str) -> list[Reading]:
    """The work an English sentence holds, each with its owner phrase if any."""
    text = sentence.strip().rstrip(".")
    resolved = _RESOLVED.search(text)
    if resolved:
        rest = resolved.group("rest")
        if _NOT_WORK.match(rest) or re.search(r"\bbe\s+(?:approved|adopted|received|noted)\b", rest):
            return []
        return _infinitives(rest)
    asked = _ASKED.search(text)
    if asked:
        return [_work(asked.group("task"), asked.group("owner"))]
    referred = _REFERRED.search(text)
    if referred:
        return [Reading(verb="referred", task=text, owner_phrase=referred.group("owner"),
                        owner_strength="referral", kind="task", confidence=0.7)]  # fmt: skip
    actor = _ACTOR.match(text)
    if actor and not _NOT_WORK.match(actor.group("task")):
        return [_work(actor.group("task"), actor.group("owner"))]
    return []


def _infinitives(rest: str) -> list[Reading]:
    """ "to defer the purchase until ..., and to revisit the matter if ..." or
    "that the Clerk obtain three quotes ... and report back ..."."""
    subjunctive = _SUBJUNCTIVE.match(rest)
    if subjunctive and not rest.lower().startswith("to "):
        if _NOT_WORK.match(subjunctive.group("task")):
            return []
        return [_work(subjunctive.group("task"), subjunctive.group("owner"))]
    parts = [p.strip() for p in _PARTS.split(rest) if p.strip()]
    readings = [
        _work(re.sub(r"^to\s+", "", part, flags=re.IGNORECASE), None)
        for part in parts
        if not _NOT_WORK.match(part)
    ]
    held = [r for r in readings if r.kind == "on_hold"]
    if held:
        # "defer ... and revisit the matter if the grant is awarded": the revisit
        # is how the held work comes back, not a second action.
        revisits = [r for r in readings if _REVISIT.match(r.task)]
        held[0].task = "; ".join([held[0].task, *(r.task for r in revisits)])
        readings = [r for r in readings if r not in revisits]
    return readings


def _work(task: str, owner: str | None) -> Reading:
    verb = task.split()[0] if task.split() else ""
    return Reading(verb=verb, task=task, owner_phrase=owner,
                   owner_strength="subject" if owner else "",
                   kind=kind_of(verb, task), confidence=0.85 if owner else 0.65)  # fmt: skip


def english_condition(task: str) -> str | None:
    """The condition of a deferred item: "until the outcome is known; if the grant is awarded"."""
    found = [m.group(0).strip(" ,.;") for m in re.finditer(r"\b(?:until|unless|if|once)\b[^;,.]+", task, re.IGNORECASE)]
    return "; ".join(found) if found else condition_of([task])
