"""The names of the bodies that meet, as minutes write them.

A body is named by a noun phrase whose head is a body noun: Danish
compounds ending in one ("Økonomiudvalget", "Skolebestyrelsen",
"Erhvervs- og Beskæftigelsesudvalget"), often with a "for ..." after it
("Udvalget for Teknik og Miljø"), and English phrases of capitalised words
before one ("Little Ashby Parish Council", "Neighbourhood Plan Working
Group"), often with an "of ..." after it ("City Council of the City of
Palo Alto"). Headers glue other words to the name ("Referat", "Minutes of
the", "Ordinary ... Meeting held on", a date, a room), so the name is
taken as the phrase around its head noun, not as the whole line.

A meeting noun names its body too: Danish writes the body into the word
("bestyrelsesmøde", "udvalgsmødet"), which gives the body in its definite
form ("Bestyrelsen", "Udvalget").
"""

from __future__ import annotations

import re

# Danish body nouns, each with its definite ending: "udvalg" -> "udvalget".
DANISH_BODY_NOUNS: dict[str, str] = {
    "udvalg": "et", "råd": "et", "byråd": "et", "regionsråd": "et", "bestyrelse": "n",
    "direktion": "en", "forum": "met", "gruppe": "n",
    "styregruppe": "n", "arbejdsgruppe": "n", "repræsentantskab": "et", "ledelse": "n",
    "generalforsamling": "en", "forsamling": "en", "komité": "en", "kommission": "en",
    "magistrat": "en", "borgerrepræsentation": "en", "nævn": "et", "panel": "et",
    "netværk": "et", "sekretariat": "et",
}  # fmt: skip
# English body nouns (the head of the name: "... Parish Council").
ENGLISH_BODY_NOUNS = (
    "council", "committee", "sub-committee", "subcommittee", "board", "group", "panel", "trust",
    "forum", "club", "society", "association", "assembly", "commission", "cabinet", "executive",
    "governors", "partnership", "consortium", "foundation", "district", "council's", "committee's",
    "board's", "agm",
)  # fmt: skip
# Words a header glues to a body's name that are not part of it.
_NOT_NAME = {
    "referat", "dagsorden", "beslutningsprotokol", "protokol", "møde", "mødet", "ordinært",
    "ekstraordinært", "ekstraordinær", "minutes", "agenda", "meeting", "draft", "approved",
    "ordinary", "extraordinary", "extra", "annual", "special", "regular", "public", "result",
    "summary", "unconfirmed", "confirmed", "action", "notes", "the", "a", "of", "for",
    # People named by their role before the body they lead ("Formanden for ...").
    "formanden", "formand", "næstformanden", "borgmesteren", "direktøren", "chair",
    "chairman", "chairperson", "mayor", "clerk", "honorable", "honourable",
    # Headings that stand before the body deciding ("Beslutning i Byrådet").
    "beslutning", "beslutninger", "afgørelse", "indstilling", "decision", "resolution",
}  # fmt: skip
# Meetings that are their own body: "Ekstraordinær generalforsamling".
_ASSEMBLIES = ("generalforsamling", "årsmøde", "landsmøde")
# Small words that may stand inside a name, between its capitalised words.
_CONNECTORS = {"og", "for", "i", "and", "&", "of", "with", "the", "upon", "on", "in"}
_RIGHT_OPENERS = {"for", "of", "i"}
_MAX_NAME = 90

_DANISH_HEAD_RE = re.compile(
    r"(?:"
    + "|".join(sorted(map(re.escape, DANISH_BODY_NOUNS), key=len, reverse=True))
    + r")(?:et|en|n|ne|ene|s|ets|ens|ns)?$"
)
_MEETING_NOUN_RE = re.compile(
    r"^(?P<abbr>[A-ZÆØÅ]{2,6})-møde(?:t|r|s)?$|^(?P<body>[\wæøå]+?)s?møde(?:t|r|rne|s)?$"
)


def _word(token: str) -> str:
    return token.strip(".,:;()[]\"'“”«»")


def _is_head(word: str) -> bool:
    """A capitalised word that ends in a body noun ("Økonomiudvalget", "Council")."""
    if not word[:1].isupper():
        return False
    lower = word.lower()
    return lower in ENGLISH_BODY_NOUNS or bool(_DANISH_HEAD_RE.search(lower))


def _is_name_word(token: str) -> bool:
    """A word that can be part of a body's name: capitalised, or the first part
    of a coordinated compound ("Erhvervs-", "Kultur-")."""
    word = _word(token)
    if not word or word.lower() in _NOT_NAME or token.startswith("("):
        return False  # "(Committee, ...)" after a name is a note on it
    return word[0].isupper() or (word.endswith("-") and word[0].isalpha())


def find_body(line: str) -> str | None:
    """The body a header line names, as the phrase around its head noun; None
    if the line names none."""
    tokens = line.replace("_", " ").split()
    for index, token in enumerate(tokens):
        word = _word(token)
        if word.lower() in _NOT_NAME or not _is_head(word):
            continue
        # "District Council": the head is the last body noun of the run of names.
        probe = index
        while probe + 1 < len(tokens) and not _ends_phrase(tokens[probe]):
            if not _is_name_word(tokens[probe + 1]):
                break
            probe += 1
            if _is_head(_word(tokens[probe])):
                index, token, word = probe, tokens[probe], _word(tokens[probe])
        tokens[index] = token.replace(word, _nominative(word))
        name = " ".join(tokens[_name_start(tokens, index) : _name_end(tokens, index)])
        name = name.strip(" ,.:;-–")
        if name and len(name) <= _MAX_NAME:
            return name
    return None


def _is_connector(token: str) -> bool:
    return _word(token).lower() in _CONNECTORS


def _ends_phrase(token: str) -> bool:
    return token.rstrip(".,:;") != token


def _name_start(tokens: list[str], head: int) -> int:
    """Where the name before its head noun begins: capitalised words back
    from the head, with small words between them ("Publow with Pensford")."""
    start = head
    while start > 0:
        previous = tokens[start - 1]
        joined = _is_connector(previous) and start > 1 and _is_name_word(tokens[start - 2])
        if not (joined or (_is_name_word(previous) and not previous.endswith((".", ":")))):
            break
        start -= 1
    while start < head and _is_connector(tokens[start]):
        start += 1
    return start


def _name_end(tokens: list[str], head: int) -> int:
    """Where the name after its head noun ends: "for ..."/"of ..." and the
    capitalised words that follow ("Udvalget for Teknik og Miljø")."""
    end = head + 1
    if (
        _ends_phrase(tokens[head])
        or end >= len(tokens)
        or _word(tokens[end]).lower() not in _RIGHT_OPENERS
    ):
        return end
    probe = end + 1
    while probe < len(tokens) and (_is_name_word(tokens[probe]) or _is_connector(tokens[probe])):
        probe += 1
        if _ends_phrase(tokens[probe - 1]):
            break
    while probe > end + 1 and _is_connector(tokens[probe - 1]):
        probe -= 1
    return probe if probe > end + 1 else end


def _nominative(word: str) -> str:
    """A body's name without a genitive ending: "Forretningsudvalgets" ->
    "Forretningsudvalget", "Council's" -> "Council"."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    lower = word.lower()
    if lower.endswith(("ets", "ens", "ns")) and _DANISH_HEAD_RE.search(lower[:-1]):
        return word[:-1]
    return word


def meeting_noun_body(line: str) -> str | None:
    """The body a Danish meeting noun in `line` names: "bestyrelsesmøde" ->
    "Bestyrelsen", "Skolebestyrelsesmødet" -> "Skolebestyrelsen", "ØU-møde"
    -> "ØU", "generalforsamling" -> "Generalforsamling" (an assembly is its
    own body). A name before the noun names the body with it, as written:
    "OS2borgerPC styregruppemøde" -> "OS2borgerPC styregruppe", "Heat
    Control Projektmøde" -> "Heat Control Projektmøde". None if there is no
    such noun."""
    tokens = line.split()
    for index, token in enumerate(tokens):
        word = _word(token)
        assembly = next((a for a in _ASSEMBLIES if word.lower().startswith(a)), None)
        if assembly is not None:
            return assembly[:1].upper() + assembly[1:]
        match = _MEETING_NOUN_RE.match(word)
        if not match:
            continue
        if match.group("abbr"):
            return match.group("abbr")
        stem = match.group("body")
        noun = next(
            (
                n
                for n in sorted(DANISH_BODY_NOUNS, key=len, reverse=True)
                if stem.lower().endswith(n)
            ),
            None,
        )
        start = _name_start(tokens, index)
        if start < index:
            named = " ".join(tokens[start:index])
            return f"{named} {stem if noun is not None else word}"
        if noun is not None:
            return stem[:1].upper() + stem[1:].lower() + DANISH_BODY_NOUNS[noun]
    return None


_MEETING_NAME_RE = re.compile(
    r"^(?:(?:draft\s+|approved\s+)?minutes\s+of\s+(?:the\s+)?)?"
    r"(?:[\d./-]+\s+)?(?P<name>(?!(?:next|last|previous|this|the|a)\b)(?:[\w'’&-]+\s+){1,6}meeting)"
    r"(?:\s+minutes)?\s*$",
    re.IGNORECASE,
)


def meeting_name(title: str) -> str | None:
    """A document title that names the meeting rather than a body: "Ocean
    Model Development meeting minutes" -> "Ocean Model Development meeting"."""
    match = _MEETING_NAME_RE.match(title.strip())
    return match.group("name") if match else None
