"""Who does the work: owner noun phrases in Danish and English minutes.

An owner is a unit abbreviation (ØC, HRC), a unit or office ("Forvaltningen",
"sekretariatet", "Teknik og Miljø", "Vejafdelingen", "borgmesteren", "the
Clerk"), or a person (a participant, "v. Anya", "Cllr Patel"). Whether a
noun phrase is an owner depends on where it stands, which the caller
decides; this module only says whether a phrase *can* name one, and how to
display it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.organisation import Organisation

# Definite nouns for units, offices and bodies, alone or as the head of a
# compound ("Vejafdelingen", "Børne- og Skoleudvalget", "Direktionssekretariatet").
_UNIT_HEAD = re.compile(
    r"(?:forvaltning|administration|sekretariat|direktion|borgmester|kommunaldirektør|direktør|"
    r"centerchef|chef|formand|udvalg|byråd|kommunalbestyrelse|regionsråd|afdeling|center|centret|"
    r"enhed|stab|kontor|styregruppe|arbejdsgruppe|projektgruppe|gruppe|ledelse|leder|"
    r"sekretær|koordinator|konsulent|team|forum|råd|kasserer|referent|tovholder|revisor|bestyrelse)(?:en|et|ne|erne|et|n)?$",
    re.IGNORECASE,
)
# Unit names written as proper names: "Teknik og Miljø", "Center for Økonomi",
# "Kultur- og Erhvervsafdelingen".
_PROPER_UNIT = re.compile(
    r"^(?:Center|Centret|Afdeling|Enhed|Sekretariat)\s+for\s+[A-ZÆØÅ][\w\-]*(?:\s+(?:og|for|i)\s+[A-ZÆØÅ]?[\w\-]*)*$"
    r"|^[A-ZÆØÅ][\wæøå]+-?\s+og\s+[A-ZÆØÅ][\wæøå\-]+$"
)
_ABBREVIATION = re.compile(r"^[A-ZÆØÅ]{2,6}\d?$")
_ENGLISH_OFFICE = re.compile(
    r"^(?:the\s+)?(?:(?:parish|town|city|deputy|assistant|responsible)\s+)?"
    r"(?:clerk|chair|chairman|chairperson|vice-chair|mayor|treasurer|secretary|officers?|staff|"
    r"director(?:\s+of\s+[A-Z][\w ]+)?|head\s+of\s+[A-Z][\w ]+|manager|council|committee|"
    r"working\s+group|proper\s+officer|rfo|administration)$",
    re.IGNORECASE,
)
_ENGLISH_GROUP = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w&\-]*\s+)+(?:Committee|Sub-Committee|Working\s+Group|Group|Panel|Board|Team|"
    r"Department|Directorate|Office|Service|Services|Unit|Council)$"
)
_COUNCILLOR = re.compile(r"^(?:Cllr\.?|Councillor|Cllr)\s+(?:[A-Z]\.\s*)*[A-Z][\w'’\-]+$")
_NAME = re.compile(r"^[A-ZÆØÅ][\wæøå'’\-]+(?:\s+[A-ZÆØÅ][\wæøå'’\-]+){0,3}$")
# Never owners: external organisations and generic words that look like units.
_NOT_OWNERS = {
    "kl", "eu", "dk", "htk", "mio", "kr", "nb", "obs", "ok", "pdf", "it", "sagen", "punktet",
    "det", "der", "dette", "den", "de", "vi", "man", "forslaget", "aftalen", "planen",
    "this", "that", "these", "those", "there", "here", "they", "he", "she", "we", "you", "i",
    "each", "none", "what", "which", "who", "when", "where", "how", "why", "then", "also",
    "however", "next", "following", "please", "if", "once", "until",
    # Danish function words that open a sentence with a capital.
    "som", "herunder", "hvor", "når", "hvis", "da", "men", "så", "også", "derfor", "dog", "status",
    "endelig", "følgende",
    # Abbreviations of meetings and paperwork, not of parties.
    "agm", "egm", "aob", "aocb", "tbc", "tbd", "fyi", "rfc", "rfi", "rfp", "faq", "mou", "pr",
}  # fmt: skip
# Words of a meeting's own paperwork: a capitalised phrase holding one is a
# heading or a lead-in ("Special Meeting Motions", "Background The Board"), not a name.
_PAPERWORK = {
    "meeting", "meetings", "motion", "motions", "item", "items", "agenda", "minutes", "report",
    "update", "updates", "action", "actions", "background", "discussion", "review", "summary",
    "notes", "note", "proposal", "the", "of", "and", "for", "to", "in", "on", "at", "with",
}  # fmt: skip
# A person written out: "Sam Berry", "S Mills", "M. Jensen", "Anne-Marie O'Neill".
_PERSON = re.compile(
    r"^(?:[A-Z]\.?\s*){0,2}[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2}$|^[A-Z]\.?\s+[A-Z][a-z'’\-]+$"
)
# One capitalised word in the definite form is a common noun at a sentence start
# ("Programmet", "Ordningen"), not a name.
_COMMON_NOUN = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?:et|en|ne|erne|ene)$")
_DEFINITE_LEAD = re.compile(r"^(?:den|det|de)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class People:
    """The meeting's participants, for matching "Anya" or "Cllr Patel" to a person."""

    names: tuple[str, ...]
    mentioned: tuple[str, ...] = ()
    """Full names the minutes write out beyond the participants ("Carsten
    Helsted ordner den ... Carsten sætter skilt op"): a first name alone may
    stand for one of them."""

    def match(self, phrase: str) -> str | None:
        """The participant (else the person named in full elsewhere in the
        minutes) a first name, surname or "Cllr X" refers to, if unique."""
        words = [w for w in re.split(r"[\s.]+", phrase) if w and w.lower() not in _TITLES]
        if not words:
            return None
        for names in (self.names, self.mentioned):
            found = [
                name for name in names
                if all(w.lower() in {p.lower().strip(".") for p in name.split()} for w in words)
            ]  # fmt: skip
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def by_initials(self, tag: str) -> str | None:
        """The participant whose initials `tag` is, if exactly one: "TM" for "T. Moss",
        "KL" or "KML" for "Karen Marie Lund", "ALK" or "AK" for "Anna-Lis Kofoed"."""
        if not _INITIALS.fullmatch(tag):
            return None
        found = [name for name in self.names if tag in _initials_of(name)]
        return found[0] if len(found) == 1 else None


# "Carsten Helsted", "Anne-Marie Holm": a first name and a surname, in the text.
_FULL_NAME = re.compile(
    r"(?<![\w.])([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)? [A-ZÆØÅ][a-zæøå]{2,})(?![\w-])"
)


def names_in(text: str, organisation: Organisation) -> tuple[str, ...]:
    """Full names of people the text writes out: two capitalised words, neither
    a unit noun nor a word that is no party, the surname no common noun in its
    definite form, and not a unit the organisation file knows."""
    found: list[str] = []
    for name in _FULL_NAME.findall(text):
        words = name.split()
        # First names end like definite nouns ("Carsten", "Karen"); surnames rarely do.
        if _COMMON_NOUN.match(words[-1]) or any(
            w.lower() in _NOT_OWNERS | _PAPERWORK or _UNIT_HEAD.search(w) for w in words
        ):
            continue
        if organisation.find_owner(name) is None and name not in found:
            found.append(name)
    return tuple(found)


_INITIALS = re.compile(r"[A-ZÆØÅ]{2,4}")
_TITLES = {"cllr", "councillor", "mr", "mrs", "ms", "dr"}


def _initials_of(name: str) -> set[str]:
    """The ways a name is written as initials: every part, or first and last name."""
    words = [
        w for w in re.split(r"[\s.]+", name) if w and w.lower() not in _TITLES and w[0].isupper()
    ]
    if len(words) < 2:
        return set()
    whole = [w[0] for w in words]
    parts = [p[0] for w in words for p in w.split("-") if p]
    return {"".join(whole), "".join(parts), words[0][0] + words[-1][0]}


def owner_name(
    phrase: str, organisation: Organisation, people: People, *, strict: bool = False
) -> str | None:
    """The owner a noun phrase names, as it should be displayed, or None.

    `strict` accepts only phrases that name an owner on their own (known
    entities, abbreviations, unit nouns); without it a capitalised proper
    name in subject position also counts ("Teknik og Miljø", "Mette Hansen").
    """
    phrase = re.sub(r"\s*\([^)]*\)", "", phrase).strip(" ,.:;")
    if not phrase or len(phrase) > 60:
        return None
    if phrase.lower() in _NOT_OWNERS or organisation.is_external(phrase):
        return None
    known = organisation.find_owner(phrase)
    if known:
        return known
    person = people.match(phrase) if _NAME.match(phrase) or _COUNCILLOR.match(phrase) else None
    if _COUNCILLOR.match(phrase):
        return phrase
    if person and len(phrase.split()) == 1:
        return person
    if _ABBREVIATION.match(phrase):
        return phrase
    bare = _DEFINITE_LEAD.sub("", phrase)
    last = bare.split()[-1] if bare.split() else ""
    if _UNIT_HEAD.search(last) and len(bare.split()) <= 6 and not _DEFINITE_LEAD.match(phrase):
        return _capitalise(bare)
    if _ENGLISH_OFFICE.match(phrase) or _ENGLISH_GROUP.match(phrase):
        return phrase
    if _PROPER_UNIT.match(phrase):
        return phrase
    if person:
        return person
    if (
        not strict
        and _NAME.match(phrase)
        and phrase.split()[0].lower() not in _NOT_OWNERS
        and not _COMMON_NOUN.match(phrase)
    ):
        return phrase
    return None


def party_name(phrase: str, organisation: Organisation, people: People) -> str | None:
    """The owner a doer phrase names when it surely is a party: a known owner,
    an office, a councillor, a participant, or a person's full name. A single
    capitalised word no participant has is a sentence's first word, not a name
    ("Talk to ...", "Review the minutes")."""
    named = owner_name(phrase, organisation, people, strict=True)
    if named:
        return named
    bare = re.sub(r"\s*\([^)]*\)", "", phrase).strip(" ,.:;")
    person = people.match(bare) if bare else None
    if person:
        return person
    words = bare.split()
    if len(words) >= 2 and _PERSON.match(bare) and not any(w.lower() in _PAPERWORK for w in words):
        return bare
    return None


def split_owners(
    phrase: str,
    organisation: Organisation,
    people: People,
    *,
    name: Callable[[str, Organisation, People], str | None] = owner_name,
) -> list[str]:
    """ "ØC og HRC" -> ["ØC", "HRC"]; "Teknik og Miljø" stays one unit. `name`
    says whether the whole phrase names an owner; each part must surely be one."""
    whole = name(phrase, organisation, people)
    parts = re.split(r"\s*(?:,|\bog\b|\band\b|&)\s*", phrase)
    if len(parts) > 1 and all(p.strip() for p in parts):
        named = [party_name(p, organisation, people) for p in parts]
        if all(named):
            return [n for n in named if n]
    return [whole] if whole else []


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
