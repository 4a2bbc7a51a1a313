"""Decision text -> sentences -> clauses.

Minutes coordinate several decisions in one sentence ("Det blev aftalt, at
programmet sendes ud ..., og at afklaring ... drøftes på et kommende
direktionsmøde, hvor ØC kommer med et oplæg"), so the unit the extractor
classifies is the clause: a frame ("Det blev aftalt, at") is cut off, the
at-clauses and comma-coordinated main clauses become separate clauses, and
relative and subordinate clauses ("..., hvor ØC kommer med et oplæg", "...,
når Vejafdelingen har indhentet et nyt tilbud") stay attached to the clause
they belong to, because they qualify it rather than add work of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "bl.a", "f.eks", "fx", "jf", "jvf", "ift", "osv", "mv", "m.v", "m.m", "mm", "kl", "nr", "ca",
    "d", "pkt", "evt", "inkl", "ekskl", "vedr", "hhv", "mht", "ang", "tlf", "stk", "mio", "mia",
    "kr", "ha", "dvs", "pga", "iht", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "okt", "nov",
    "dec", "cllr", "mr", "mrs", "ms", "dr", "st", "no", "e.g", "i.e", "etc", "approx", "v", "ved",
}  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÆØÅ0-9])")
_NUMBERING = r"\d{1,2}[.)]\s+|[a-z][.)]\s+|[ivx]{1,4}\)\s*"  # "2.", "b)", "iv)"
_LIST_LINE = re.compile(rf"^\s*(?:[-*•]\s+(?:{_NUMBERING})?|{_NUMBERING})")
# "Projektor: Carsten ordner den", "Lydanlæg:Carsten sætter ...": a topic named
# before the sentence about it. Decision labels ("Resolved: That ...") frame
# what follows and stay with it.
_TOPIC_LABEL = re.compile(
    r"^(?P<label>[A-ZÆØÅ][\wæøå\-]*(?:\s+[\wæøå\-]+){0,3})\s*[:;]\s*(?=[A-ZÆØÅ])"
)
# "Eric: We'll need to ...", "Bo: Jeg synes ...": a speaker and what they said.
_SPEECH = re.compile(
    r"(?:I|We|You|They|He|She|Jeg|Vi|Du|De|Han|Hun|Man)\b|(?:I|We|You|They)['’]", re.IGNORECASE
)
_FRAME_LABELS = {
    "resolved", "agreed", "decided", "decision", "recommendation", "motion", "noted", "action",
    "beslutning", "indstilling", "konklusion", "aftale", "vedtaget",
}  # fmt: skip

# "Det blev aftalt, at", "Direktionen ... besluttede, at", "Udvalget ønsker, at":
# what comes after is the decided content.
_FRAME = re.compile(
    r"\b(?:blev|er|bliver)\s+(?:aftalt|besluttet|vedtaget|konkluderet|enighed om)\s*,?\s*(?=at\b)"
    r"|\b(?:var|er|blev)\s+(?:der\s+)?(?:enige?|enighed)\s+om\s*,?\s*(?=at\b)"
    r"|\b(?:besluttede|besluttes|godkendte|godkender|vedtog|aftalte|aftales|konkluderede|"
    r"tilkendegav|ønsker|ønskede|anbefaler|anbefalede|tiltrådte|fastholdt|fastholder)\s*,?\s*(?=at\b)",
    re.IGNORECASE,
)
# Separators between clauses that each carry their own decision.
_AT_SPLIT = re.compile(r",?\s*\b(?:og|men|samt|eller)\s+(?=at\b)|,\s*(?=at\b)", re.IGNORECASE)
_MAIN_SPLIT = re.compile(r",\s*(?:og|men|samt)\s+|;\s*", re.IGNORECASE)
# Subordinate and relative clauses that qualify the clause before them.
_SUBORDINATE = re.compile(
    r",\s*(?=(?:som|der|hvor|hvorefter|hvis|når|indtil|så|fordi|da|idet|hvilket|mens|"
    r"ligesom|selvom)\b)"
    r"|\s+(?=(?:hvis|når|indtil|såfremt|hvorefter)\b)",
    re.IGNORECASE,
)
_TAKES_AT = re.compile(r"\b(?:sørger|sørge)\s+for|\b(?:sikrer|sikre|påser|påse)\s*$", re.IGNORECASE)
_FINITE_HINT = re.compile(
    r"\b(?:\w{3,}(?:es|er|te|ede)|skal|vil|kan|bliver|blev|har|er|var|sørger|går)\b", re.IGNORECASE
)


@dataclass
class Clause:
    """One clause of a decision, with the qualifying clauses attached to it.

    `framed` is True for at-clauses under a decision frame ("Det blev aftalt,
    at ..."), whose content is decided work even in the present tense.
    """

    text: str
    sentence: str
    framed: bool = False
    tails: list[str] = field(default_factory=list)

    @property
    def full(self) -> str:
        """The clause with its relative and subordinate clauses."""
        return ", ".join([self.text, *self.tails]) if self.tails else self.text


def numbered_segments(text: str) -> list[tuple[int | None, str]]:
    """Paragraphs and list entries, with PDF line wraps joined, and the number
    of each numbered entry ("2. udvalget orienteres ..." -> (2, "udvalget ..."))."""
    out: list[tuple[int | None, str]] = []
    number: int | None = None
    current: list[str] = []
    raw_lines = text.split("\n")
    width = max((len(line.strip()) for line in raw_lines), default=0)
    for raw in raw_lines:
        line = raw.strip()
        marker = _LIST_LINE.match(line) if line else None
        if current and line and not marker and _ends_a_line(current[-1], line, width):
            out.append((number, " ".join(current)))
            number, current = None, []
        if not line or marker:
            if current:
                out.append((number, " ".join(current)))
            number = _list_number(marker.group(0)) if marker else None
            current = [line[marker.end() :]] if marker else []
            continue
        current.append(line)
    if current:
        out.append((number, " ".join(current)))
    return [(n, s) for n, s in out if s]


def _ends_a_line(line: str, following: str, width: int) -> bool:
    """Whether `line` ends its statement though it has no full stop: a line well
    short of the text's width, before a capitalised one, was not wrapped
    ("Steen opdaterer hjemmesiden" / "Anne laver en plakat."), unless it ends in a
    word that needs more ("... sendes til" / "Økonomiudvalget")."""
    if not following[:1].isupper() or len(line) >= 0.8 * width:
        return False
    last = line.rsplit(None, 1)[-1].lower()
    return not line.endswith((",", ":", "-", "–")) and last not in _CONTINUES


# Words a line cannot end a statement on.
_CONTINUES = {
    "og", "eller", "samt", "men", "at", "til", "i", "på", "for", "med", "af", "fra", "om", "ved",
    "den", "det", "de", "en", "et", "som", "der", "and", "or", "but", "to", "of", "in", "on", "at",
    "for", "with", "by", "from", "the", "a", "an", "that", "which",
}  # fmt: skip


def _list_number(marker: str) -> int | None:
    digits = re.match(r"\s*(\d+)", marker)
    return int(digits.group(1)) if digits else None


def segments(text: str) -> list[str]:
    """Paragraphs and list entries of a decision, with PDF line wraps joined."""
    return [segment for _, segment in numbered_segments(text)]


def sentences(text: str) -> list[str]:
    """Sentences of a decision text, abbreviations and dates left whole; a clause
    in brackets is a sentence of its own, after the one it stood in."""
    found: list[str] = []
    for segment in segments(text):
        for sentence in split_sentences(segment):
            inner = [m for m in _ASIDE.finditer(sentence) if _FINITE_HINT.search(m.group("aside"))]
            if not inner:
                found.append(sentence)
                continue
            spans = {m.span() for m in inner}
            outer = _ASIDE.sub(lambda m: "" if m.span() in spans else m.group(0), sentence)
            found.append(re.sub(r"\s+([.,;:!?])", r"\1", " ".join(outer.split())))
            found.extend(m.group("aside").strip() for m in inner)
    return [s for s in found if s]


# "(sekretæren lover at dette uddybes i næste referat)": an aside of a few words.
_ASIDE = re.compile(r"\((?P<aside>[^()]*?\S(?:\s+\S+){3,}[^()]*)\)")


def split_sentences(segment: str) -> list[str]:
    """The sentences of one paragraph or list entry."""
    result: list[str] = []
    if segment:
        start = 0
        for match in _SENTENCE_END.finditer(segment):
            before = segment[start : match.start()].rstrip()
            last_word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before else ""
            if last_word in _ABBREVIATIONS or re.fullmatch(r"\d{1,2}", last_word):
                continue  # "bl.a. ...", "den 15. august"
            result.append(segment[start : match.start()].strip())
            start = match.end()
        tail = segment[start:].strip()
        if tail:
            result.append(tail)
    return result


def without_topic(sentence: str) -> str:
    """The sentence without a topic named before it ("Projektor: Carsten ordner
    den" -> "Carsten ordner den"); a decision label or a speaker stays."""
    topic = _TOPIC_LABEL.match(sentence)
    if topic is None or topic.group("label").lower() in _FRAME_LABELS:
        return sentence
    rest = sentence[topic.end() :]
    return sentence if _SPEECH.match(rest) else rest


def clauses(sentence: str) -> list[Clause]:
    """Split a sentence into the clauses that can each hold a decision; each
    keeps the whole sentence, its topic label included, as its source."""
    text = without_topic(sentence)
    frame = None
    for frame in _FRAME.finditer(text):
        break
    if frame is not None:
        content = text[frame.end() :]
        parts = [p for p in _AT_SPLIT.split(content) if p.strip()]
        return [_attach_tails(_strip_at(p), sentence, framed=True) for p in parts]
    parts = _split_main(text)
    return [_attach_tails(p, sentence, framed=False) for p in parts]


def _split_main(sentence: str) -> list[str]:
    """Split at ", og" / ", men" / ";" where both sides have a verb of their own."""
    pieces = _MAIN_SPLIT.split(sentence)
    merged: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if merged and not (_FINITE_HINT.search(piece) and _FINITE_HINT.search(merged[-1])):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    # at-clauses coordinated inside a main clause ("..., og at ...") split too,
    # but "X sørger for, at ..." is one clause: the at-clause is X's task.
    out: list[str] = []
    for piece in merged:
        for part in (p for p in _AT_SPLIT.split(piece) if p.strip()):
            if out and _TAKES_AT.search(out[-1]):
                out[-1] = f"{out[-1]}, at {_strip_at(part)}"
            else:
                out.append(part)
    return [_strip_at(p) for p in out]


def _strip_at(text: str) -> str:
    return re.sub(r"^\s*at\s+", "", text.strip(), flags=re.IGNORECASE).strip(" ,.")


def _attach_tails(text: str, sentence: str, *, framed: bool) -> Clause:
    pieces = _SUBORDINATE.split(text)
    head = pieces[0].strip(" ,.")
    tails = [p.strip(" ,.") for p in pieces[1:] if p.strip(" ,.")]
    return Clause(text=head, sentence=sentence, framed=framed, tails=tails)
