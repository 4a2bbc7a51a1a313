"""Decisions -> proposed follow-up actions, one agenda item at a time.

For each item the meeting's own decision is read sentence by sentence and
clause by clause (`sentences`), each clause is asked whether it holds work,
whose and of what kind (`danish`, `english`), and the work found is then
joined where the minutes spread one task over several places:

- "Indstillingen godkendt" adopts the recommendation's at-clauses as the
  decision; "dog således at ..." amends the clause it overlaps;
- a later sentence that names an actor for work an earlier sentence put in
  the passive ("Det undersøges ... HRC undersøger ...") gives that work its
  owner instead of adding a second action.

Tables, action lists, "ACTION:" lines and owner tags ("Action TM") are read
first, from the item's whole text (`lists`); the sentence readers then read
the decision without the lines those rules consumed, and an owner tag gives
its owner to the work they find in the lines it tags.

Due dates come from `due`, owners are displayed through `owners`. Every
action carries the id of the rule that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from dateutil.relativedelta import relativedelta

from tracker.calendar_days import roll_forward
from tracker.extract import danish, english, lists, titles
from tracker.extract.due import Due, DueContext, best_due, typed_due
from tracker.extract.events import find_events
from tracker.extract.model import ProposedAction
from tracker.extract.owners import People, names_in, owner_name, party_name, split_owners
from tracker.extract.rules import Reading
from tracker.extract.sentences import (
    Clause,
    clauses,
    numbered_segments,
    sentences,
    split_sentences,
)
from tracker.minutes.model import AgendaItem, Minutes
from tracker.organisation import Organisation

_ADOPTION = re.compile(
    r"^(?:(?:indstillingen|indstillingerne|forslaget)\s+(?:blev\s+|er\s+)?(?:godkendt|godkendes|"
    r"tiltrådt|tiltrædes|vedtaget|vedtages|fulgt)"
    r"|(?:godkendt|tiltrådt|vedtaget)\s+som\s+indstillet"
    r"|tiltrådt|godkendt|vedtaget"
    r"|\w+\s+(?:godkendte|tiltrådte|vedtog|fulgte)\s+indstillingen)\b",
    re.IGNORECASE,
)
# "Indstillingens punkt 1 og 3 blev godkendt": only some points are adopted.
_PARTIAL_ADOPTION = re.compile(
    r"^(?:indstillingens\s+)?(?:punkt(?:erne)?|pkt\.?|att-punkt(?:erne)?)\s+"
    r"(?P<points>\d+(?:\s*(?:,|og|-|–)\s*\d+)*)\s+(?:i\s+indstillingen\s+)?(?:blev\s+|er\s+)?"
    r"(?:godkendt|godkendes|tiltrådt|tiltrædes|vedtaget|vedtages)\b",
    re.IGNORECASE,
)
_AMENDMENT = re.compile(
    r"\b(?:dog\s+således,?\s+at|dog\s+med\s+(?:den\s+)?(?:ændring|tilføjelse|bemærkning),?\s+at|"
    r"med\s+(?:den\s+)?(?:ændring|tilføjelse|bemærkning),?\s+at|idet\s+|dog\s+at)\s*",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(
    r"^(?P<author>.*?)\s*\bindstille[rs]?\b(?:\s+til)?,?\s*(?:at\b)?\s*(?:\w+\s*:)?",
    re.IGNORECASE,
)
_ENGLISH_ADOPTION = re.compile(
    r"\b(?:recommendations?|report)\s+(?:be|was|were)\s+(?:approved|adopted|agreed)\b",
    re.IGNORECASE,
)
# Subjects that do work without naming who: "kommunen søger om ...".
_UNNAMED_ACTORS = {"kommunen", "vi", "man", "administrationen selv"}
_STOP = {
    "sagen", "udvalget", "direktionen", "byrådet", "forvaltningen", "administrationen", "møde",
    "mødet", "næste", "kommende", "skal", "blev", "bliver", "være", "dette", "disse", "kommunens",
    "efter", "inden", "senest", "også", "samt", "eller", "med", "for", "til", "over", "under",
    "der", "det", "som", "hvor", "ikke", "igen", "videre", "henblik", "forbindelse", "the",
    "and", "that", "this", "with", "from", "will", "meeting", "council", "next",
    # Words for work in general: sharing one says nothing about being the same task.
    "arbejdet", "arbejde", "opgaven", "opgave", "opgaver", "work", "task",
}  # fmt: skip
_SUFFIXES = (
    "ernes", "erens", "erne", "ende", "ene", "ens", "ers", "ets", "er", "en", "et", "es", "e", "s", "r",
)  # fmt: skip


@dataclass
class _Found:
    """An action under construction, with what joining needs to know."""

    reading: Reading
    clause: Clause
    origin: str  # "decision", "recommendation", "amendment"
    sentence_index: int
    owners: list[str] = field(default_factory=list)
    owner_inferred: bool = False
    due: Due | None = None
    title: str = ""
    sources: list[str] = field(default_factory=list)
    condition: str | None = None
    rule: str = ""
    line: int | None = None  # where in the item's decision (or list) it stands

    @property
    def text(self) -> str:
        return " ".join([self.clause.full, *self.sources])


def extract_actions(
    minutes: Minutes, organisation: Organisation, *, known_meetings: tuple[date, ...] = ()
) -> list[ProposedAction]:
    """The follow-up actions the minutes' decisions call for, item by item."""
    meeting = minutes.meeting
    text = "\n".join(item.decision or "" for item in minutes.items)
    people = People(tuple(meeting.participants), names_in(text, organisation))
    later = tuple(sorted({*known_meetings, *_meetings_named_in(minutes)}))
    actions: list[ProposedAction] = []
    # Due phrases are read against the meeting's date; without one they give none.
    ctx = (
        DueContext(
            meeting_date=meeting.date,
            body=meeting.body or "",
            organisation=organisation,
            known_meetings=later,
        )  # fmt: skip
        if meeting.date is not None
        else None
    )
    for item in minutes.items:
        if item.closed or not item.decision:
            continue
        reader: _Reader = (
            _English(people, organisation, meeting.body)
            if minutes.language == "en"
            else _Danish(people, organisation, meeting.body)
        )
        found = _read_item(item, reader, minutes.language, ctx)
        if ctx is not None:
            for action in found:
                action.due = action.due or _due(action.text, item, ctx)
        actions.extend(_finish(item, found, ctx, organisation))
    return actions


def _read_item(
    item: AgendaItem, reader: _Reader, language: str, ctx: DueContext | None
) -> list[_Found]:
    """The item's actions: what the list, table, marker and tag rules read in its
    whole text, and what the sentence readers find in the rest of its decision."""
    if item.decision and lists.heads_own_list(item.title, reader.people):
        owned = lists.owned_list(item.title, item.decision, language, reader.people)
        if owned:
            return [reader.from_listed(entry) for entry in owned]
    texts = [s.text for s in item.sections] or [d.text for d in item.decisions]
    if item.decision not in texts:
        texts.append(item.decision or "")
    found: list[_Found] = []
    for text in texts:
        if text != item.decision and any(d.text == text for d in item.decisions):
            continue  # another body's decision on the item is history
        scan = lists.scan(text, language, reader.people)
        listed = list(scan.listed)
        said: list[_Found] = []
        if text == item.decision:
            said = reader.read(item, scan.remaining)
            if scan.listed or scan.tags:
                for action in said:
                    if action.origin != "recommendation":
                        action.line = scan.line_of(action.clause.sentence)
            listed.extend(_own(said, scan.tags, reader))
        else:
            listed.extend(t.fallback for t in scan.tags if t.fallback)
        if listed:
            for entry in listed:
                action = reader.from_listed(entry)
                if entry.due_text and ctx is not None:
                    action.due = typed_due(entry.due_text, ctx) or _due(entry.due_text, item, ctx)
                said.append(action)
            # In the order the text has them; adopted recommendations (no line) first.
            said.sort(key=lambda a: -1 if a.line is None else a.line)
        found.extend(said)
    return _absorb(found)


def _own(found: list[_Found], tags: list[lists.OwnerTag], reader: _Reader) -> list[lists.Listed]:
    """Give each owner tag's owners to the ownerless work in the lines it tags; the
    actions of tags whose lines hold no work the sentence readers found."""
    made: list[lists.Listed] = []
    for tag in tags:
        inside = [f for f in found if f.line is not None and tag.start <= f.line < tag.end]
        for action in inside:
            # A tag on one piece of work names its owners outright ("... the Clerk
            # would ask again.  Action: RH"); a tag over several owns what no one owns.
            if not action.owners or action.owner_inferred or len(inside) == 1:
                action.owners, action.owner_inferred = reader.owners(tag.owners), False
        if not inside and tag.fallback is not None:
            made.append(tag.fallback)
    return made


def _absorb(found: list[_Found]) -> list[_Found]:
    """A listed action and a sentence elsewhere in the item that states the same
    work for the same owner are one action: the list's, with both sources.

    The same work shares most of its content words (at least two, and 60 % of
    the shorter wording's), which two minutes that share a topic do not.
    """
    listed = [f for f in found if f.origin == "list"]
    if not listed:
        return found
    result: list[_Found] = []
    for action in found:
        twin = None
        if action.origin != "list":
            mine = _stems(action.clause.full)
            twin = next(
                (
                    entry for entry in listed
                    if (not action.owners or action.owner_inferred or action.owners == entry.owners)
                    and _same_work(mine, _stems(entry.clause.full))
                ),
                None,
            )  # fmt: skip
        if twin is None:
            result.append(action)
            continue
        twin.sources.append(action.clause.sentence)
        twin.due = twin.due or action.due
    return result


def _due(text: str, item: AgendaItem, ctx: DueContext) -> Due | None:
    """The action's due date. "Snarest" and "et kommende heldagsmøde" also
    depend on the dated events the item names, which are looked for only then."""
    due = best_due(text, ctx)
    if due is None or due.kind not in {"asap", "meeting"}:
        return due
    item_text = "\n".join([item.title, *(s.text for s in item.sections)])
    events = tuple(find_events(item_text, default_year=ctx.meeting_date.year))
    return best_due(text, replace(ctx, events=events)) if events else due


def _point_numbers(text: str) -> set[int]:
    """ "1, 2 og 4" -> {1, 2, 4}; "1-3" -> {1, 2, 3}."""
    numbers: set[int] = set()
    for first, last in re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", text):
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def _meetings_named_in(minutes: Minutes) -> list[date]:
    """Later meetings the document itself announces ("Date of next meeting: ...")."""
    found: list[date] = []
    held = minutes.meeting.date
    if held is None:
        return found
    for item in minutes.items:
        if re.search(r"\b(?:next meeting|næste møde|kommende møder?)\b", item.title, re.IGNORECASE):
            for event in find_events(item.decision or "", default_year=held.year):
                if event.date > held:
                    found.append(event.date)
    return found


class _Reader:
    """What the Danish and English readers share: owners named by phrases, and
    actions made from what a list rule read."""

    def __init__(self, people: People, organisation: Organisation, body: str | None) -> None:
        self.people = people
        self.organisation = organisation
        self.body = body  # who "we"/"vi" is

    def read(self, item: AgendaItem, decision: str) -> list[_Found]:
        raise NotImplementedError

    def read_text(self, text: str) -> list[_Found]:
        raise NotImplementedError

    def owners(self, phrases: tuple[str, ...]) -> list[str]:
        """Owners from phrases the layout marks as owners (a cell, a tag): a
        participant's initials name the participant, a phrase no rule names
        stays as written, an external is no owner."""
        named: list[str] = []
        for phrase in phrases:
            if self.organisation.is_external(phrase):
                continue
            person = self.people.by_initials(phrase)
            parts = [person] if person else split_owners(phrase, self.organisation, self.people)
            named.extend(parts or [phrase])
        return list(dict.fromkeys(named))

    def from_listed(self, listed: lists.Listed) -> _Found:
        """An action from a list rule's work: its owner from the layout if it names
        one, else from the work's wording; its title from the wording unless the
        work is a table cell, which is its own title."""
        said = [] if listed.as_written else self.read_text(listed.task)
        # The work is what its first sentence says; later ones comment on it.
        first = next((f for f in said if f.sentence_index == 0), None)
        clause = Clause(text=listed.task, sentence=listed.source)
        if first is not None:
            reading = replace(first.reading, confidence=listed.confidence)
            title, condition = first.title, first.condition
            # In a layout that states actions, initials are people ("ACTION: RH to ...").
            owners = [self.people.by_initials(o) or o for o in first.owners]
        else:
            verb = (listed.task.split() or [""])[0]
            reading = Reading(verb=verb, task=listed.task, confidence=listed.confidence,
                                     kind=danish.kind_of(verb, listed.task))  # fmt: skip
            title, owners, condition = self._title(listed.task), [], None
        if listed.kind:
            reading.kind = listed.kind
        if listed.owners:
            owners = self.owners(listed.owners)
        elif (
            first is not None
            and not owners
            and first.reading.owner_strength in {"subject", "named"}
        ):
            # "ACTION: P Kerr to collect ...": the layout says this is someone's
            # work, so the subject owns it even where no rule knows the name.
            owners = self.owners((first.reading.owner_phrase or "",))
        if not owners:
            reading.confidence -= 0.1
        return _Found(reading=reading, clause=clause, origin="list", sentence_index=-1,
                      owners=owners, title=title, condition=condition, rule=listed.rule,
                      line=listed.line)  # fmt: skip

    def _title(self, task: str) -> str:
        return titles.finish(task)


class _Danish(_Reader):
    """Reads one item's Danish decision into actions."""

    def read(self, item: AgendaItem, decision: str) -> list[_Found]:
        """The actions in `decision` (the item's decision, less what list rules read)."""
        found: list[_Found] = []
        postponed = False
        for index, sentence in enumerate(sentences(decision)):
            if danish.is_postponement(sentence) and len(sentence.split()) <= 4:
                postponed = True
                continue
            partial = _PARTIAL_ADOPTION.match(sentence)
            adoption = partial or _ADOPTION.match(sentence)
            if adoption and (index == 0 or partial):
                points = _point_numbers(partial.group("points")) if partial else None
                found.extend(self._recommendation(item, points))
                amendment = _AMENDMENT.search(sentence)
                if amendment:
                    for clause in clauses(sentence[amendment.end() :]):
                        self._add(found, clause, "amendment", index)
                continue
            previous = None
            for clause in clauses(sentence):
                self._add(found, clause, "decision", index, antecedent=previous)
                previous = clause
        found = _join(found)
        if postponed and not found:
            # "Udsat.": parked, with nothing said of when it comes back.
            clause = Clause(text="Sagen genoptages på et kommende møde", sentence=decision)
            reading = Reading(verb="genoptages", task=clause.text, kind="on_hold",
                              confidence=0.6, passive=True, rule="da.postponement")  # fmt: skip
            action = self._made(reading, clause, "decision", 0)
            if action is not None:
                found.append(action)
        return found

    def read_text(self, text: str) -> list[_Found]:
        """The work a list entry or tagged minute states, sentence by sentence."""
        found: list[_Found] = []
        for index, sentence in enumerate(sentences(text)):
            previous = None
            for clause in clauses(sentence):
                self._add(found, clause, "decision", index, antecedent=previous)
                previous = clause
        return _join(found)

    def _recommendation(self, item: AgendaItem, points: set[int] | None) -> list[_Found]:
        """The Indstilling's at-clauses, now decided, owned by default by its author.

        `points` limits a partial adoption ("Indstillingens punkt 1 og 3 blev
        godkendt") to the numbered points it names.
        """
        section = item.section("indstilling")
        if section is None:
            return []
        text = section.text
        lead = _RECOMMENDS.match(text.replace("\n", " "))
        author = None
        if lead:
            author_phrase = lead.group("author").strip()
            author = owner_name(author_phrase, self.organisation, self.people, strict=True)
            text = (
                text[len(lead.group(0)) :]
                if text.replace("\n", " ").startswith(lead.group(0))
                else text
            )
        found: list[_Found] = []
        order = 0
        for number, segment in numbered_segments(text):
            if points is not None and number not in points:
                continue
            for sentence in split_sentences(segment):
                order += 1
                for clause in clauses(sentence):
                    clause.framed = True
                    # Each recommendation clause stands apart from the decision's sentences.
                    self._add(found, clause, "recommendation", -order)
        for action in found:
            if not action.owners and author:
                action.owners, action.owner_inferred = [author], True
        return found

    def _add(
        self, found: list[_Found], clause: Clause, origin: str, index: int,
        antecedent: Clause | None = None,
    ) -> None:  # fmt: skip
        if clause.sentence.rstrip().endswith("?"):
            return  # "Hvordan nedbringer vi ledningstabet?": a question, not a decision
        reading = danish.read_clause(clause.text, clause.tails, framed=clause.framed)
        action = self._made(reading, clause, origin, index) if reading is not None else None
        if action is not None:
            if antecedent is not None:
                # "Aftalen blev godkendt, og borgmesteren bemyndiges til at underskrive den."
                action.title = titles.resolve_pronoun(action.title, antecedent.text)
            found.append(action)

    def _made(self, reading: Reading, clause: Clause, origin: str, index: int) -> _Found | None:
        action = _Found(reading=reading, clause=clause, origin=origin, sentence_index=index,
                        rule=reading.rule)  # fmt: skip
        if reading.owner_phrase and reading.owner_strength in {"subject", "modal"}:
            action.owners = split_owners(reading.owner_phrase, self.organisation, self.people)
            if not action.owners and reading.owner_phrase.lower() not in _UNNAMED_ACTORS:
                return self._as_passive(reading, clause, origin, index)
        elif reading.owner_phrase:
            named = owner_name(reading.owner_phrase, self.organisation, self.people)
            action.owners = [named] if named else []
            if not named and reading.owner_strength == "referral":
                return None  # "sendt tilbage til X" where X names no one is no referral
        if not action.owners:
            phrase, task, strength = danish.tail_owner(clause.tails)
            named = owner_name(phrase, self.organisation, self.people) if phrase else None
            if named:
                action.owners = [named]
                if strength == "precondition" and task:
                    reading.task, reading.verb = task, task.split()[0]
                    reading.passive = False
                    reading.owner_strength = "precondition"
        if not action.owners:
            agent = re.search(
                r"\b(?:via|v\.|ved)\s+(?P<who>[\wæøåÆØÅ\-]+(?:\s+[A-ZÆØÅ][\w\-]*)*)", clause.full
            )
            if agent:
                named = owner_name(agent.group("who"), self.organisation, self.people)
                action.owners = [named] if named else []
        action.title = _title(reading, clause)
        return action

    def _as_passive(
        self, reading: Reading, clause: Clause, origin: str, index: int
    ) -> _Found | None:
        """A "subject + verb" reading whose subject is no owner ("Ordningen evalueres")
        is read again without the actor rule."""
        retry = danish.read_clause(
            clause.text, clause.tails, framed=clause.framed, allow_actor=False
        )
        return self._made(retry, clause, origin, index) if retry is not None else None


class _English(_Reader):
    """Reads one item's English minute text into actions."""

    def read(self, item: AgendaItem, decision: str) -> list[_Found]:
        """The actions in `decision` (the item's minute, less what list rules read).
        A subject that names no one ("It would help to ...") makes no work here."""
        return [
            f for f in self.read_text(decision)
            if f.owners or f.reading.owner_strength not in {"subject", "named"}
        ]  # fmt: skip

    def read_text(self, text: str) -> list[_Found]:
        found: list[_Found] = []
        before = ""
        said = sentences(text)
        for index, sentence in enumerate(said):
            for reading in english.read_sentence(sentence, before):
                clause = Clause(text=reading.clause or reading.task, sentence=sentence)
                action = _Found(reading=reading, clause=clause, origin="decision",
                                sentence_index=index, rule=reading.rule)  # fmt: skip
                if reading.owner_phrase:
                    action.owners = self._named(reading.owner_phrase, reading.owner_strength)
                if reading.kind == "on_hold":
                    action.condition = english.english_condition(reading)
                    if not action.condition and sentence.rstrip().endswith(":"):
                        # "deferred for the following reasons:" and the points under it
                        action.condition = "; ".join(said[index + 1 : index + 4]) or None
                action.title = titles.english_title(reading.task)
                found.append(action)
            before = sentence
        return found

    def _named(self, phrase: str, strength: str) -> list[str]:
        """The owners a doer phrase names: "we" is the meeting's body; "the Clerk
        and Cllr Harvey" are two; where the wording does not mark a subject
        ("Clerk to ..." reads like "Talk to ..."), only a sure party counts."""
        if phrase.lower() == "we":
            return [self.body] if self.body else []
        name = party_name if strength == "named" else owner_name
        return split_owners(phrase, self.organisation, self.people, name=name)

    def _title(self, task: str) -> str:
        return titles.english_title(task)


def _title(reading: Reading, clause: Clause) -> str:
    if reading.as_written:
        return titles.finish(clause.full)
    if reading.owner_strength in {"subject"}:
        task = reading.task
        framed = re.match(r"^\w+\s+for,?\s+at\s+(?P<rest>.+)$", task)  # "sørger for, at ..."
        if framed:
            inner = danish.read_clause(framed.group("rest"), [], framed=True)
            if inner and inner.passive:
                return titles.passive_title(framed.group("rest"), inner.verb)
        return titles.present_title(task)
    if reading.owner_strength == "referral":
        purpose = re.search(r"med henblik på\s+(?P<what>.+)$", clause.text)
        follow = danish.relative_task(clause.tails)
        if follow:
            return titles.infinitive_title(follow)
        if purpose:
            return titles.finish(f"Behandl sagen med henblik på {purpose.group('what')}")
        return titles.finish(f"Behandl {clause.text.split()[0].lower()}")
    if reading.owner_strength in {"authorised", "asked", "precondition", "modal"}:
        return titles.infinitive_title(reading.task)
    if reading.passive:
        return titles.passive_title(clause.text, reading.verb)
    return titles.infinitive_title(reading.task)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-zæøå]+", text.lower().replace("-", " "))
    stems = set()
    for word in words:
        if len(word) < 4 or word in _STOP:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        if word[-1] == word[-2]:
            word = word[:-1]  # "udbudd(et)" and "udbud" are one word
        stems.add(word)
    return stems


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared content: 1 per shared stem, 0.5 per compound part ("høring" in "høringssvar")."""
    score = 0.0
    for stem in a:
        if stem in b:
            score += 1
        elif any(
            len(stem) >= 5
            and len(other) >= 5
            and (
                other.startswith(stem)
                or stem.startswith(other)
                or other.endswith(stem)
                or stem.endswith(other)
            )
            for other in b
        ):
            score += 0.5
    return score


def _join(found: list[_Found]) -> list[_Found]:
    """Join work spread over several clauses into one action.

    An amendment joins the recommendation clause it changes. A clause with a
    named owner joins an earlier ownerless (or default-owned) action from
    another sentence that it shares content with: the same task, now owned.
    """
    result: list[_Found] = []
    for action in found:
        target = None
        if action.origin == "amendment":
            target = _best_match(action, [r for r in result if r.origin == "recommendation"], 0.5)
        elif action.owners and not action.owner_inferred:
            candidates = [
                r for r in result
                if (not r.owners or r.owner_inferred or r.owners == action.owners)
                and r.sentence_index != action.sentence_index
                and r.reading.owner_strength not in {"authorised", "referral"}
            ]  # fmt: skip
            target = _best_match(action, candidates, 1.0)
            if (
                target is not None
                and target.owners == action.owners
                and not target.owner_inferred
                # the work itself, not the owner's name both clauses share
                and not _same_work(_stems(action.reading.task), _stems(target.reading.task))
            ):
                target = None  # the same owner's next task, not this one again
        if target is None:
            result.append(action)
            continue
        target.sources.append(action.clause.full)
        if action.origin == "amendment":
            target.title = f"{target.title} ({titles.finish(action.clause.text).lower()})"
        else:
            target.owners, target.owner_inferred = action.owners, False
            if action.reading.kind != "task":
                target.reading.kind = action.reading.kind
            target.reading.confidence = max(target.reading.confidence, action.reading.confidence)
    return result


def _same_work(a: set[str], b: set[str]) -> bool:
    shared = _overlap(a, b)
    return shared >= 2 and shared >= 0.6 * min(len(a), len(b))


def _best_match(action: _Found, candidates: list[_Found], threshold: float) -> _Found | None:
    mine = _stems(action.clause.full)
    scored = [(_overlap(mine, _stems(c.text)), i, c) for i, c in enumerate(candidates)]
    scored = [s for s in scored if s[0] >= threshold]
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], s[1]))[2]


def _finish(
    item: AgendaItem, found: list[_Found], ctx: DueContext | None, organisation: Organisation
) -> list[ProposedAction]:
    actions = []
    for action in found:
        kind = action.reading.kind
        due = action.due
        condition = action.condition
        review = None
        if kind == "task" and due is not None and due.kind == "meeting":
            kind = "report_back"  # work brought to a meeting is reported back
        if kind == "on_hold":
            condition = (
                condition
                or action.reading.condition
                or danish.condition_of([action.clause.text, *action.clause.tails])
                or _condition_elsewhere(item, action)
            )
            if ctx is not None:
                # The hold begins at the meeting; its review falls on a working day after.
                review = roll_forward(
                    ctx.meeting_date + relativedelta(months=organisation.policy.review_months)
                )
            due = None
        # The phrase a deadline came from is said by the due date, so it leaves
        # the title; a date that is part of the work ("med opstart 1. juli 2024",
        # "for the April newsletter") stays.
        ends_title = due is not None and action.title.rstrip(" .").endswith(due.text)
        deadline = due is not None and (due.hard or (due.kind != "explicit" and ends_title))
        title = titles.shorten(action.title, drop=due.text if deadline and due else None)
        shared = sum(1 for other in found if other.clause.sentence == action.clause.sentence) > 1
        # When one sentence holds several actions, each keeps its own clause as source.
        source_parts = [action.clause.full if shared else action.clause.sentence, *action.sources]
        actions.append(
            ProposedAction(
                item=item.number,
                title=title,
                source=" ".join(dict.fromkeys(p.strip() for p in source_parts if p.strip())),
                kind=kind,
                owner=action.owners[0] if action.owners else None,
                co_owners=action.owners[1:],
                due=due.date if due else None,
                due_text=due.text if due else None,
                condition=condition,
                review=review,
                confidence=round(action.reading.confidence, 2),
                rule=action.rule,
            )
        )
    return actions


def _condition_elsewhere(item: AgendaItem, action: _Found) -> str | None:
    """An on-hold decision often leaves its condition to the recommendation
    ("... sættes i bero, og kan genaktiveres, hvis ...")."""
    for section in item.sections:
        if section.kind == "beslutning":
            continue
        for sentence in sentences(section.text):
            if re.search(r"\b(?:genaktiveres|genoptages|bero|pause)\b", sentence, re.IGNORECASE):
                condition = danish.condition_of([sentence])
                if condition:
                    return condition
    return None
