"""Action lists, tables, markers and owner tags: the layouts that state actions outright.

The sentence readers (`danish`, `english`) find work in what a decision
says. Many minutes also set it out: a table with columns for the task, the
owner and the deadline, an "Action items" / "Opfølgning" / "Aftaler" list
under a heading, "ACTION: X to ..." lines, and owner tags after a minute
("... will ask the contractor again.      Action TM", "Ansvarlig: KL" under
a block).

Each layout is a rule in `RULES`: an id that every action it makes carries,
the languages it reads, what it matches, the kind it gives (None: the work's
own wording decides), its base confidence and the function that reads
owner, work and due. `scan` tries the line rules at each line of a text;
a rule that matches consumes the lines it read, and `Scan.remaining` is the
text without them, for the sentence readers, so nothing is read twice. This
module reads layout only: owners stay phrases as written and due dates
stay text, for the extractor to resolve.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import accumulate
from typing import Any

from tracker.extract import tables
from tracker.extract.owners import People
from tracker.extract.sentences import split_sentences

# --- vocabulary -------------------------------------------------------------------

# Headings of a list of actions, alone on their line ("## Action items", "Aftaler:").
LIST_HEADINGS: dict[str, tuple[str, ...]] = {
    "da": ("opfølgning", "opfølgningspunkter", "aftaler", "aftalte handlinger", "handlinger",
           "handlingspunkter", "handlingsliste", "handlingsplan", "opgaver", "opgaveliste",
           "to do", "to-do"),
    "en": ("action items", "action item", "actions", "action points", "action list",
           "actions arising", "agreed actions", "follow-up actions", "follow-ups", "to do",
           "to-do", "todo", "next actions"),
}  # fmt: skip
# Words that open an action line ("ACTION: Clerk to ...", "Handling: AB sender ...").
MARKER_WORDS: dict[str, tuple[str, ...]] = {
    "da": ("handling", "opfølgning"),
    "en": ("action", "actions", "action item", "action items", "action point", "action points",
           "todo", "to do"),
}  # fmt: skip
# Labels of an owner tag: "Action TM" makes an action of the minute it ends;
# "Ansvarlig: KL" gives the block above it an owner.
ACTION_TAGS: dict[str, tuple[str, ...]] = {"en": ("action", "actions", "action by")}
RESPONSIBLE_TAGS: dict[str, tuple[str, ...]] = {
    "da": ("ansvarlig", "ansvarlige", "ansv", "tovholder"),
    "en": ("responsible", "owner", "lead"),
}
# Owners an action tag may name besides initials and participants.
TAG_OFFICES = (
    "clerk", "the clerk", "chair", "chairman", "chairperson", "vice-chair", "mayor", "treasurer",
    "secretary", "rfo", "all", "everyone", "alle", "formand", "formanden", "sekretær",
    "sekretariatet",
)  # fmt: skip
# What an action line or list entry says when there is nothing to do.
NOTHING = ("ingen", "intet", "ingen aftaler", "none", "nothing", "n/a", "na", "-", "–")
# Pronouns are no owners of a marked action ("Action: we will meet again").
_PRONOUNS = {
    "we", "i", "you", "they", "it", "this", "someone", "somebody", "vi", "man", "der", "det",
}  # fmt: skip


def _words(*groups: dict[str, tuple[str, ...]]) -> str:
    words = {w for group in groups for words in group.values() for w in words}
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


# --- what a rule reads --------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One action a rule read: its work, owners and due as the text writes them.

    `owners` are owner phrases as written (a cell, a tag, a name before a
    colon); empty when the work's own wording must say who. `as_written`
    marks work that is its own title (a table's task cell); other work is
    read by the sentence readers for its title, kind and owner.
    """

    rule: str
    task: str
    source: str
    line: int
    owners: tuple[str, ...] = ()
    due_text: str | None = None
    kind: str | None = None
    confidence: float = 0.7
    as_written: bool = False


@dataclass(frozen=True)
class OwnerTag:
    """An owner tag: `owners` own the ownerless work the sentence readers find
    in lines `start` to `end` (exclusive); `fallback` is the action the tag makes
    when they find none there (None: the tag only gives owners)."""

    rule: str
    owners: tuple[str, ...]
    start: int
    end: int
    fallback: Listed | None = None


@dataclass
class Hit:
    """What one rule read: its actions and tags, the lines it consumed (line ->
    the column the consumed part starts at) and the line to go on from."""

    next: int
    listed: list[Listed] = field(default_factory=list)
    tags: list[OwnerTag] = field(default_factory=list)
    consumed: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Cursor:
    """Where a rule is tried: the text's lines, the line, where the current block
    began (after a heading or the last thing a rule read), the document's
    language and who took part."""

    lines: list[str]
    index: int
    since: int
    language: str
    people: People


Reader = Callable[["Rule", Any, Cursor], Hit | None]


@dataclass(frozen=True)
class Rule:
    """One reading rule: `match` recognises a line (scope "line") or a list entry
    ("entry"); `read` turns the match into actions or owner tags."""

    id: str
    languages: tuple[str, ...]
    match: Callable[[str], Any]
    kind: str | None
    confidence: float
    read: Reader
    scopes: tuple[str, ...] = ("line",)


@dataclass(frozen=True)
class Scan:
    """What the rules read in one text, and the text left for the sentence readers
    (consumed lines blanked, so line numbers stay)."""

    listed: list[Listed]
    tags: list[OwnerTag]
    remaining: str

    def line_of(self, sentence: str) -> int | None:
        """The line of `remaining` where `sentence` (as `sentences.sentences` gives
        it, wrapped lines joined) begins, if it is there."""
        probe = " ".join(sentence.split())[:60]
        found = self._flat.find(probe) if probe else -1
        return bisect_right(self._starts, found) - 1 if found >= 0 else None

    @cached_property
    def _flat_lines(self) -> list[str]:
        return [" ".join(line.split()) for line in self.remaining.split("\n")]

    @cached_property
    def _flat(self) -> str:
        return " ".join(self._flat_lines)

    @cached_property
    def _starts(self) -> list[int]:
        return list(accumulate((len(line) + 1 for line in self._flat_lines[:-1]), initial=0))


# --- line shapes ----------------------------------------------------------------------

_LIST_MARKER = re.compile(r"^\s*(?:[-*•]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+|\([a-z0-9]{1,3}\)\s+)")
_CHECKBOX = re.compile(r"^\[(?P<box>[ xX])\]\s*")
_REFERENCE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+:?\s+|^\d{1,2}:\s+")
# A Markdown heading or a line in bold: where a block of text begins.
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}\s|^[ \t]*\*\*[^*\n]+\*\*:?[ \t]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|__")
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def plain(line: str) -> str:
    """A line without Markdown emphasis and heading marks, trimmed."""
    text = _EMPHASIS.sub("", line).strip()
    text = re.sub(r"^#{1,6}\s+", "", text)
    return text.strip(" *_\t")


def _entry_text(line: str) -> tuple[str, bool]:
    """A list line without its bullet, checkbox or reference number ("2.4:"); and
    whether it is ticked off."""
    text = _REFERENCE.sub("", plain(_LIST_MARKER.sub("", line, count=1)), count=1)
    box = _CHECKBOX.match(text)
    if box:
        return plain(text[box.end() :]), box.group("box") != " "
    return text, False


def _starts_entry(line: str) -> bool:
    return bool(_LIST_MARKER.match(line)) or bool(_CHECKBOX.match(line.strip()))


def _segment_start(lines: list[str], index: int, since: int) -> int:
    """The first line of the paragraph or list entry that line `index` belongs to
    (the way `sentences.numbered_segments` groups lines)."""
    start = index
    while start > since and lines[start - 1].strip() and not _starts_entry(lines[start]):
        start -= 1
    return start


def _joined(lines: list[str], start: int, end: int) -> str:
    return " ".join(line.strip() for line in lines[start:end] if line.strip())


def _is_nothing(text: str) -> bool:
    return text.strip(" .").lower() in NOTHING


def split_owner_cell(text: str) -> tuple[str, ...]:
    """ "Teknik / BH" -> ("Teknik", "BH"); placeholders ("-", "n/a", "?") name no one.
    Units with "og"/"and" in their name stay whole here; the extractor splits
    those it can name part by part."""
    text = plain(text)
    if _is_nothing(text) or text.strip(" ?").lower() in {"", "tbd", "tba", "?"}:
        return ()
    parts = (p.strip(" .") for p in re.split(r"\s*[/;,&+]\s*", text))
    return tuple(p for p in parts if re.search(r"\w", p))


# --- tables -----------------------------------------------------------------------------


def _read_table(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    table = tables.read_table(at.lines, at.index)
    if table is None or not table.rows:
        return None
    hit = Hit(next=table.end, consumed=dict.fromkeys(range(table.start, table.end), 0))
    for row in table.rows:
        task = row.cells.get("task", "").strip()
        if not task or _is_nothing(task) or tables.is_done(row.cells.get("status", "")):
            continue
        due = row.cells.get("due", "").strip()
        hit.listed.append(
            Listed(
                rule.id,
                task,
                row.text,
                row.line,
                owners=split_owner_cell(row.cells.get("owner", "")),
                due_text=due or None,
                kind=rule.kind,
                confidence=rule.confidence,
                as_written=True,
            )
        )
    return hit


# --- lists under a heading ---------------------------------------------------------

_LIST_HEADING = re.compile(rf"^(?:{_words(LIST_HEADINGS)})\s*:?$", re.IGNORECASE)


def _list_heading(line: str) -> re.Match[str] | None:
    return _LIST_HEADING.match(plain(line)) if len(line) <= 60 else None


def _read_list(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    """The entries under an action-list heading: bullets (with their wrapped lines),
    or, without bullets, one entry per line from the line right under the heading
    up to the first blank line (a paragraph after a blank line is no entry of an
    empty list)."""
    lines = at.lines
    index = at.index + 1
    while index < len(lines) and not lines[index].strip() and index - at.index <= 2:
        index += 1
    if index >= len(lines) or not lines[index].strip():
        return None
    bulleted = _starts_entry(lines[index])
    if not bulleted and index > at.index + 1:
        return None
    entries: list[tuple[int, int]] = []  # (first line, end line) of each entry
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = index + 1
            if bulleted and following < len(lines) and _starts_entry(lines[following]):
                index = following
                continue
            break
        if _HEADING_LINE.match(line) or _list_heading(line) or tables.is_header(line):
            break
        indented = bool(entries) and _indent(line) > _indent(lines[entries[-1][0]])
        if bulleted and (not _starts_entry(line) or indented):
            entries[-1] = (entries[-1][0], index + 1)  # a wrapped line or a sub-point
        else:
            entries.append((index, index + 1))
        index += 1
    if not entries:
        return None
    hit = Hit(next=index, consumed=dict.fromkeys(range(at.index, entries[-1][1]), 0))
    for start, end in entries:
        written = _joined(lines, start, end)
        text, ticked = _entry_text(written)
        if ticked or not text or _is_nothing(text):
            continue
        source = plain(_LIST_MARKER.sub("", written, count=1))
        hit.listed.extend(
            replace(e, line=start, source=source) for e in _read_entry(rule, text, at)
        )
    return hit


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _who_first(text: str) -> tuple[tuple[str, ...], str]:
    """Who and what of "jdoe will look into ..." or "BH/KL to find out ..."; else
    no one and the text."""
    match = _WHO_FIRST.match(text)
    if match is None or match.group("who").lower() in _PRONOUNS:
        return (), text
    return split_owner_cell(match.group("who")), match.group("task")


def _read_entry(default: Rule, text: str, at: Cursor) -> list[Listed]:
    """One list entry, read by the first entry rule that matches it, else as work."""
    for rule in RULES:
        if "entry" not in rule.scopes or at.language not in rule.languages:
            continue
        match = rule.match(text)
        if match:
            hit = rule.read(rule, match, Cursor([text], 0, 0, at.language, at.people))
            if hit is not None:
                return hit.listed
    owners, task = _who_first(text)
    return [
        Listed(default.id, task, text, 0, owners, kind=default.kind, confidence=default.confidence)
    ]


_NAME_TASK = re.compile(r"^(?P<name>[^:]{1,40}?)\s*:\s+(?P<task>\S.*)$")
_NAME = re.compile(r"^[A-ZÆØÅ][\wæøå'’.\-]*(?:\s+[A-ZÆØÅ][\wæøå'’.\-]*){0,2}$")
_INITIALS = re.compile(r"^[A-ZÆØÅ]{2,4}\d?$")


def _name_task(text: str) -> re.Match[str] | None:
    """ "Anna: send the draft to the group", "BH/KL: udarbejder et oplæg"."""
    match = _NAME_TASK.match(text)
    if not match:
        return None
    names = split_owner_cell(match.group("name"))
    return match if names and all(_NAME.match(n) or _INITIALS.match(n) for n in names) else None


def _read_name_task(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    names = split_owner_cell(match.group("name"))
    task = match.group("task").strip()
    known = any(at.people.match(n) or at.people.by_initials(n) for n in names)
    # A topic label ("Budget: Anna checks the figures") leads a sentence; a name
    # leads the work itself ("Anna: send ..."), or is one of the participants.
    if not known and not task[:1].islower() and not all(_INITIALS.match(n) for n in names):
        return None
    listed = Listed(
        rule.id,
        task,
        at.lines[at.index],
        at.index,
        owners=names,
        kind=rule.kind,
        confidence=rule.confidence,
    )
    return Hit(next=at.index + 1, listed=[listed], consumed={at.index: 0})


# --- markers and tags -------------------------------------------------------------

# "👷 TODO: ...", "✅ Action: ...": a symbol or two in front of a marker.
_PICTOGRAPH = r"[^\w\s.,;:!?()\[\]'\"-]{1,3}"

_MARKER = re.compile(
    rf"(?:^(?:{_PICTOGRAPH}\s*)?|(?<=[.!?])\s+)(?P<label>(?i:{_words(MARKER_WORDS)}))"
    r"(?:\s+(?i:for)\s+(?P<for>[^:]{1,50}?)"
    r"|\s+(?P<who>[A-ZÆØÅ][\w.\-]*(?:\s*[/&,]\s*[A-ZÆØÅ][\w.\-]*)*|(?i:all|alle)))?"
    r"\s*(?::|\s[-–])\s*(?P<rest>\S.*)$"
)
# "jdoe will look into ...", "BH/KL to find out ...": in a line that states an
# action, a lower-case handle or a group of initials before "to"/"will" is who.
_WHO_FIRST = re.compile(
    r"^@?(?P<who>[a-z][\w\-]{2,}|[A-ZÆØÅ]{2,4}(?:\s*[/&]\s*[A-ZÆØÅ]{2,4})+)"
    r"\s+(?:will|to|shall|skal|vil)\s+(?P<task>\S.*)$"
)
_PARTICIPANT_FIRST = re.compile(
    r"^(?P<who>[A-ZÆØÅ][\w\-]+(?:\s+[A-ZÆØÅ][\w\-]+)?)(?:['’]s)?\s+[a-zæøå]"
)
_TAG_OWNERS = r"(?P<owners>[^.:;]{1,40}?)"
_ACTION_TAG_LINE = re.compile(
    rf"^\(?(?P<label>(?i:{_words(ACTION_TAGS)}))\s*[:\-–]?\s*{_TAG_OWNERS}\)?\.?$"
)
_ACTION_TAG_END = re.compile(
    rf"^(?P<work>.*?\S)(?:\s{{2,}}|\t+|(?<=[.!?;)])\s+)\(?(?P<label>(?i:{_words(ACTION_TAGS)}))"
    rf"\s*[:\-–]?\s*{_TAG_OWNERS}\)?\.?$"
)
_RESPONSIBLE_LINE = re.compile(
    rf"^(?P<label>(?i:{_words(RESPONSIBLE_TAGS)}))\.?\s*:\s*{_TAG_OWNERS}$"
)


def _marker(line: str) -> re.Match[str] | None:
    return _MARKER.search(plain(_LIST_MARKER.sub("", line, count=1)))


def _read_marker(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    """ "ACTION: Clerk to ...", "Action item for all mentors: update ...", "ACTION all: ...";
    a line broken inside its sentence goes on on the next lines."""
    owner = match.group("for") or match.group("who")
    rest = match.group("rest").strip()
    end = at.index + 1
    while (
        not _SENTENCE_END.search(rest) and end < len(at.lines) and at.lines[end].strip()
        and not _starts_entry(at.lines[end]) and not _marker(at.lines[end])
    ):  # fmt: skip
        rest = f"{rest} {at.lines[end].strip()}"
        end += 1
    rest = plain(rest)
    line = at.lines[at.index]
    # Where the marker starts in the line as written, if a sentence comes before it.
    column = max(0, line.find(match.group("label"))) if match.start("label") else 0
    hit = Hit(next=end, consumed={at.index: column, **dict.fromkeys(range(at.index + 1, end), 0)})
    if _is_nothing(rest):
        return hit  # "Actions: none"
    owners: tuple[str, ...] = split_owner_cell(owner) if owner else ()
    if not owners:
        owners, rest = _who_first(rest)
    if not owners:
        # "TODO: Will needs someone with a truck": a participant named first is who.
        first = _PARTICIPANT_FIRST.match(rest)
        person = at.people.match(first.group("who")) if first else None
        owners = (person,) if person else ()
    source = (
        _joined(at.lines, at.index, end)[column:] if column else _joined(at.lines, at.index, end)
    )
    hit.listed.append(
        Listed(
            rule.id,
            rest,
            source.strip(),
            at.index,
            owners=owners,
            kind=rule.kind,
            confidence=rule.confidence,
        )
    )
    return hit


def _owner_tags(text: str, people: People) -> tuple[str, ...]:
    """The owners an action tag names ("RH/TM", "Clerk", "all"), or () if `text`
    is anything else."""
    parts = re.split(r"\s*(?:/|,|&|\band\b|\bog\b)\s*", text.strip(" .()"))
    if not parts or not all(
        _INITIALS.match(p) or p.lower() in TAG_OFFICES or people.match(p) for p in parts
    ):
        return ()
    return tuple(parts)


def _action_tag(line: str) -> re.Match[str] | None:
    text = plain(line)
    return _ACTION_TAG_LINE.match(text) or _ACTION_TAG_END.match(text)


def _read_action_tag(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    """ "... will ask the contractor again.      Action TM": the minute's work, owned
    by TM; "Action: TM" alone on a line tags the minute above it."""
    owners = _owner_tags(match.group("owners"), at.people)
    if not owners:
        return None
    lines, index = at.lines, at.index
    if "work" in match.groupdict():
        start, end = _segment_start(lines, index, at.since), index + 1
        column = lines[index].rfind(match.group("label"))
        work = f"{_joined(lines, start, index)} {lines[index][:column]}".strip()
        consumed = {index: column}
    else:
        end = index
        while end > at.since and not lines[end - 1].strip():
            end -= 1
        if end <= at.since:
            return None
        start = _segment_start(lines, end - 1, at.since)
        work = _joined(lines, start, end)
        consumed = {index: 0}
    work = _LIST_MARKER.sub("", work, count=1).strip()
    # The tag follows the sentence that says what to do; the minute is its source.
    task = (split_sentences(work) or [work])[-1]
    fallback = Listed(
        rule.id, task, work, start, owners=owners, kind=rule.kind, confidence=rule.confidence
    )
    return Hit(
        next=index + 1, tags=[OwnerTag(rule.id, owners, start, end, fallback)], consumed=consumed
    )


def _responsible(line: str) -> re.Match[str] | None:
    return _RESPONSIBLE_LINE.match(plain(line))


def _read_responsible(rule: Rule, match: Any, at: Cursor) -> Hit | None:
    """ "Ansvarlig: KL" under a block: KL owns the block's ownerless work."""
    owners = split_owner_cell(match.group("owners"))
    if not owners or len(match.group("owners").split()) > 6 or at.index <= at.since:
        return None
    tag = OwnerTag(rule.id, owners, at.since, at.index)
    return Hit(next=at.index + 1, tags=[tag], consumed={at.index: 0})


# --- the rules ------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("table.task-owner-deadline", ("da", "en"), tables.is_header, None, 0.8, _read_table),
    Rule("list.action-items", ("da", "en"), _list_heading, None, 0.7, _read_list),
    Rule("tag.action-initials", ("da", "en"), _action_tag, None, 0.75, _read_action_tag),
    Rule("tag.responsible", ("da", "en"), _responsible, None, 0.75, _read_responsible),
    Rule("marker.action-colon", ("da", "en"), _marker, None, 0.8, _read_marker, ("line", "entry")),
    Rule("bullet.name-task", ("da", "en"), _name_task, None, 0.75, _read_name_task, ("entry",)),
)


OWNER_HEADING = Rule("list.owner-heading", ("da", "en"), _list_heading, None, 0.7, _read_list)
"""An item headed by whose work it is, holding a list: every entry is theirs."""
_EVERYONE = re.compile(r"^(?:all|alle)(?:\s+[\wæøå\-]+)?$", re.IGNORECASE)


def heads_own_list(title: str, people: People) -> bool:
    """Whether an item's title is who does the work listed under it: one
    participant ("rhiba", "Anne Holm") or everyone ("All Exec", "Alle")."""
    title = title.strip(" :")
    return bool(people.match(title)) or bool(_EVERYONE.match(title))


def owned_list(owner: str, text: str, language: str, people: People) -> list[Listed]:
    """The entries of `text` when it is a bulleted list and nothing else, each
    owned by `owner` unless it names its own ("- Anne: ..."); else none."""
    # The item's text starts trimmed; its other bullets keep the list's indent.
    lines = text.split("\n")
    indents = [_indent(line) for line in lines[1:] if _starts_entry(line)]
    lines[0] = " " * min(indents, default=0) + lines[0]
    filled = [line for line in lines if line.strip()]
    if not filled or not _starts_entry(filled[0]):
        return []
    hit = _read_list(OWNER_HEADING, None, Cursor(["", *lines], 0, 0, language, people))
    if hit is None or any(
        line.strip() for i, line in enumerate(lines) if i + 1 not in hit.consumed
    ):
        return []
    return [
        replace(e, line=e.line - 1, owners=e.owners or (owner.strip(" :"),)) for e in hit.listed
    ]


# Where a rule can start, found once per lower-cased text (cheaper than
# IGNORECASE), so the rules look at a few lines and not at every one: a label
# at the start of a line (after bullets and emphasis), a marker or tag word
# anywhere in it (after a sentence, at the end of a minute), or, in a text with
# cell separators, a word that heads an owner column.
_LABEL_AT_START = re.compile(
    rf"^[ \t]*(?:[-*•>#(_]+[ \t]*|{_PICTOGRAPH}[ \t]*|\d{{1,2}}[.)][ \t]*|[a-z][.)][ \t]+|\[[ x]\][ \t]*)*"
    rf"(?:{_words(LIST_HEADINGS, MARKER_WORDS, ACTION_TAGS, RESPONSIBLE_TAGS)})(?!\w)",
    re.MULTILINE,
)


def _prefixes(*groups: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The words of `groups` that no other one begins ("action" for "action item")."""
    words = {w for group in groups for words in group.values() for w in words}
    return tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))


_ANYWHERE = _prefixes(MARKER_WORDS, ACTION_TAGS)
_OWNER_COLUMN = re.compile(
    rf"(?<!\w)(?:{_words({lang: v['owner'] for lang, v in tables.COLUMN_WORDS.items()})})(?!\w)"
)
_SEPARATORS = ("|", "\t", "  ")


def _candidates(lowered: str) -> list[int]:
    """Offsets in `lowered` on the lines where a line rule may match."""
    found = [m.start() for m in _LABEL_AT_START.finditer(lowered)]
    for word in _ANYWHERE:  # str.find outruns a regex alternation here
        at = lowered.find(word)
        while at >= 0:
            found.append(at)
            at = lowered.find(word, at + 1)
    if any(separator in lowered for separator in _SEPARATORS):
        found += [m.start() for m in _OWNER_COLUMN.finditer(lowered)]
    return found


def scan(text: str, language: str, people: People) -> Scan:
    """Read `text` with the line rules for `language`; see the module docstring."""
    lowered = text.lower()  # as many lines as `text`, though a line may change length
    offsets = _candidates(lowered)
    if not offsets:
        return Scan([], [], text)
    lines = text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lowered.split("\n")[:-1]), initial=0))
    candidates = sorted({bisect_right(starts, offset) - 1 for offset in offsets})
    headings = [bisect_right(starts, m.start()) - 1 for m in _HEADING_LINE.finditer(lowered)]
    listed: list[Listed] = []
    tags: list[OwnerTag] = []
    consumed: dict[int, int] = {}
    done = 0  # the first line no rule has read yet
    for index in candidates:
        if index < done:
            continue
        heading = bisect_right(headings, index - 1)
        since = max(done, headings[heading - 1] + 1 if heading else 0)
        at = Cursor(lines, index, since, language, people)
        for rule in RULES:
            if "line" in rule.scopes and language in rule.languages:
                match = rule.match(lines[index])
                hit = rule.read(rule, match, at) if match else None
                if hit is not None:
                    listed.extend(hit.listed)
                    tags.extend(hit.tags)
                    consumed.update(hit.consumed)
                    done = max(hit.next, index + 1)
                    break
    if not consumed:
        return Scan(listed, tags, text)
    remaining = "\n".join(
        line[: consumed[i]].rstrip() if i in consumed else line for i, line in enumerate(lines)
    )
    return Scan(listed, tags, remaining)
