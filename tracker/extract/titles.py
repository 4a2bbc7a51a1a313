"""Short imperative titles in the document's language.

A secretary's follow-up list says what to do: "Send programmet ud til
Byrådet", "Undersøg og tilret program for seminaret", "Obtain three quotes
for replacing the swing seats". Danish imperatives are the verb stem, so
they come from the passive ("sendes" -> "send"), the present ("undersøger"
-> "undersøg"), the infinitive ("igangsætte" -> "igangsæt") or the
participle ("indhentet" -> "indhent").
"""

from __future__ import annotations

import re

_MAX_TITLE = 90
_IRREGULAR_PARTICIPLES = {
    "forelagt": "forelæg", "fremlagt": "fremlæg", "lagt": "læg", "sat": "sæt", "sendt": "send",
    "gjort": "gør", "taget": "tag", "givet": "giv", "bragt": "bring", "fulgt": "følg",
    "valgt": "vælg", "solgt": "sælg", "spurgt": "spørg", "set": "se", "fået": "få",
    "gået": "gå", "stillet": "stil", "indkaldt": "indkald", "afholdt": "afhold",
}  # fmt: skip
# Decisions whose follow-up is another verb: a postponed case must be taken up again.
_FOLLOW_UP = {"udsættes": "genoptag", "udskydes": "genoptag"}
_PARTICLES = {"ud", "op", "ind", "tilbage", "videre", "igen", "ned", "frem", "over", "i"}
_AGENT = re.compile(r"\s+(?:via|gennem)\s+(?:\w+\s+){0,3}?\w*(?:et|en|ne)\b", re.IGNORECASE)
# Where an embedded clause starts: the passive's subject is after the last of these.
_LAST_CLAUSE = re.compile(r"(?:,\s*|\b)(?:at|som)\s+", re.IGNORECASE)
_FIRST_VERB = re.compile(r"\b(?:har|er|skal|vil|kan|bliver|blev|var)\b", re.IGNORECASE)
# "det undersøges om ...": "det" stands in for the clause after the verb.
_EXTRAPOSED = re.compile(
    r"^(?:om|hvordan|hvorvidt|at|hvilke|hvilket|hvem|hvad|hvornår)\b", re.IGNORECASE
)


def _collapse(stem: str) -> str:
    """ "sætt" -> "sæt", "forelægg" -> "forelæg": Danish stems drop a doubled final consonant."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyæøå":
        return stem[:-1]
    return stem


def imperative(verb: str) -> str:
    """The Danish imperative of a passive, present, infinitive or participle form."""
    word = verb.lower()
    if word in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[word]
    if word.endswith("ås"):
        return word[:-1]
    if word.endswith("es") and len(word) > 4:
        return _collapse(word[:-2])
    if word.endswith("ør"):
        return word
    if word.endswith("er") and len(word) > 4:
        return _collapse(word[:-2])
    if word.endswith(("år", "år")):
        return word[:-1]
    if word.endswith("et") and len(word) > 5:
        return _collapse(word[:-2])
    if word.endswith("e") and len(word) > 3 and word[-2] not in "aeiouyæøå":
        return _collapse(word[:-1])
    if word.endswith("t") and len(word) > 5:
        return _collapse(word[:-1])
    return word


def passive_title(clause: str, verb: str) -> str:
    """ "programmet sendes ud til Byrådet" -> "Send programmet ud til Byrådet"."""
    index = _find_word(clause, verb)
    if index is None:
        return finish(clause)
    before = _LAST_CLAUSE.split(clause[:index].strip())[-1].strip()
    after = clause[index + len(verb) :].strip()
    before = re.sub(
        r"\s+(?:skal|vil|kan)\s+(?:blive|være)$|\s+(?:skal|vil|bliver|blev)$", "", before
    )
    subject = _subject(before)
    if subject.lower() == "der" or (subject.lower() == "det" and _EXTRAPOSED.match(after)):
        subject = ""
    elif clause.startswith(subject) and subject[1:2].islower():
        subject = subject[:1].lower() + subject[1:]  # sentence-initial capital only
    words = after.split()
    particle = ""
    if words and words[0].lower() in _PARTICLES and words[0].lower() != "i":
        particle, after = words[0], " ".join(words[1:])
    parts = [_FOLLOW_UP.get(verb.lower(), imperative(verb)), subject, particle, after]
    return finish(" ".join(p for p in parts if p))


def present_title(task: str) -> str:
    """ "undersøger og tilretter program" -> "Undersøg og tilret program"."""
    words = task.split()
    if not words:
        return ""
    words[0] = imperative(words[0])
    for index in range(1, len(words) - 1):
        # "... og vender tilbage": a second verb of the same actor.
        if words[index].lower() in {"og", "samt"} and _coordinated_verb(words, index + 1):
            words[index + 1] = imperative(words[index + 1])
    return finish(" ".join(words))


# What follows a verb and not a plural noun ("og orienterer udvalget", "og
# sender det", not "priser og leverandører"): a small word that opens its
# object or particle, a noun in the definite form, or a name.
_AFTER_VERB = {"tilbage", "med", "op", "en", "et", "til", "på", "om", "for", "ud", "videre", "det", "den", "de"}  # fmt: skip
_DEFINITE_NOUN = re.compile(r"[a-zæøå]{2,}(?:et|en|ne)")


def _coordinated_verb(words: list[str], index: int) -> bool:
    """Whether the word after "og" is a second present-tense verb of the actor."""
    word = words[index]
    if not re.fullmatch(r"[a-zæøå]{3,}(?:er|ør)", word):
        return False
    following = words[index + 1].strip(",.") if index + 1 < len(words) else ""
    return (
        index == 2
        or following.lower() in _AFTER_VERB
        or bool(_DEFINITE_NOUN.fullmatch(following))
        or following[:1].isupper()
    )


def infinitive_title(task: str) -> str:
    """ "igangsætte en forundersøgelse" -> "Igangsæt en forundersøgelse"."""
    task = re.sub(r"^at\s+", "", task.strip(), flags=re.IGNORECASE)
    words = task.split()
    if not words:
        return ""
    words[0] = imperative(words[0])
    for index in range(1, len(words) - 1):
        if words[index].lower() in {"og", "samt"} and words[index + 1].endswith("e"):
            words[index + 1] = imperative(words[index + 1])
    return finish(" ".join(words))


def english_title(task: str) -> str:
    """ "obtain three quotes ..." -> "Obtain three quotes ..."."""
    return finish(re.sub(r"^(?:to|will|shall|should)\s+", "", task.strip(), flags=re.IGNORECASE))


def finish(text: str) -> str:
    """Agent phrases dropped, spaces tidied, first letter capitalised."""
    text = _AGENT.sub("", text)
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,.;:-")
    # A bracket the sentence split left without its partner.
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" ,.;:-")
    if text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip()
    return text[:1].upper() + text[1:]


_DANGLING = re.compile(r"\s+(?:til|indtil|frem\s+til|på|i|to|until|on|by|at|for)$", re.IGNORECASE)


def shorten(title: str, *, drop: str | None = None) -> str:
    """The final title: a due-date phrase taken out (the due date says it), and
    the length capped at a word boundary."""
    if drop:
        title = re.sub(r"\s{2,}", " ", title.replace(drop, " ")).strip(" ,.")
        # "Udsæt høringen til [efter sommerferien]": no preposition left hanging.
        title = finish(_DANGLING.sub("", title))
    if len(title) > _MAX_TITLE:
        cut = title[:_MAX_TITLE].rsplit(" ", 1)[0]
        title = cut.rstrip(" ,.;:-") + " …"
    return title


def resolve_pronoun(title: str, antecedent: str) -> str:
    """ "Underskriv den" -> "Underskriv aftalen" when the clause before was about
    "Aftalen": a title must make sense on its own in a list."""
    match = re.search(r"\s(?:den|det|dem)$", title)
    subject = _subject(antecedent)
    if (
        not match
        or not subject
        or len(subject.split()) > 4
        or subject.lower() in {"det", "der", "den"}
    ):
        return title
    return f"{title[: match.start()]} {subject[:1].lower()}{subject[1:]}"


def _find_word(text: str, word: str) -> int | None:
    match = re.search(rf"\b{re.escape(word)}\b", text)
    return match.start() if match else None


def _subject(before: str) -> str:
    """The noun phrase a passive clause is about: the words before its first verb."""
    match = _FIRST_VERB.search(before)
    subject = before[: match.start()] if match else before
    return re.sub(r"\s+(?:og|men|samt)$", "", subject.strip()).strip(" ,")
