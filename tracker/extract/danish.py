"""Which Danish clauses hold future work, who owns it, and what kind it is.

The rules follow MINUTES_LANGUAGE.md: passive -s verbs about the future
("sendes ud", "undersøges"), modal and periphrastic forms ("skal afklares",
"vil blive forelagt"), a named actor with a present-tense verb ("HRC
undersøger"), authority given ("bemyndiges til at"), cases sent back or
referred on ("sendt tilbage til X med henblik på"), postponements and
on-hold decisions. The meeting reporting itself in the past tense, and
performative present passives ("Indstillingen godkendes", "tages til
efterretning"), are not work.
"""

from __future__ import annotations

import re

from tracker.extract.rules import NO_WORK, Read, Reading, Rule, RuleInput, first_reading, no_work
from tracker.extract.titles import imperative

# -s forms that are not passives of future work: deponents and states.
_NOT_PASSIVE = {
    "ønskes", "findes", "synes", "lykkes", "mødes", "ses", "kendes", "skønnes", "behøves",
    "trives", "færdes", "enes", "længes", "mindes", "omgås", "fås", "haves", "menes", "siges",
    "forventes", "antages", "vides", "anses", "betragtes", "opleves", "virkes", "kaldes",
    "skyldes", "lykkedes", "trænges", "undres", "glædes",
    "bemærkes", "understreges", "præciseres", "konstateres", "noteres", "fremgår", "pågældendes",
    "kommunes", "landets", "proces", "succes", "tiltrædes", "godkendes", "vedtages", "anbefales", "besluttes",
    "bevilges", "frigives", "afvises", "forkastes", "imødekommes", "gives", "meddeles",
    "overholdes", "fortsættes", "bibeholdes", "fastholdes", "opretholdes", "tilføjes",
    "indstilles", "foreslås", "finansieres", "afsættes", "overføres", "omplaceres", "disponeres",
    "afholdes", "udgiftsneutrales",
}  # fmt: skip
# Passive stems of work to be done, for confidence and kinds.
_INVESTIGATE = re.compile(
    r"^(?:undersøg|afklar|belys|vurder|analyser|kortlæg|afdæk|udred|afsøg|efterprøv|investigat|"
    r"look into|clarif|explor|assess|review)",
    re.IGNORECASE,
)
_REPORT_BACK = re.compile(
    r"^(?:forelæg|fremlæg|genoptag|udsæt|udskyd|præsenter|vend\w* tilbage|kom\w* med (?:et|en) (?:oplæg|indstilling|forslag|status)|"
    r"behandl\w* igen|tag\w* op igen|genbesøg|report\w* back|bring\w* back|present|return)",
    re.IGNORECASE,
)
_COMMUNICATE = re.compile(
    r"^(?:send|udsend|orienter|informer|offentliggør|meddel|svar|besvar|skriv|underret|"
    r"kommuniker|annoncer|notify|inform|write|reply|respond|circulat|publish|report)",
    re.IGNORECASE,
)
_SENT_TO = re.compile(r"\bsend\w*\s+(?:\w+\s+){0,4}?(?:ud|til)\b", re.IGNORECASE)
_ON_HOLD = re.compile(
    r"\b(?:sættes|stilles|sat|stillet|lægges|lagt)\s+i\s+bero\b|\bi\s+bero\b|\bparkeres\b|"
    r"\bsat\s+på\s+pause\b|\bsættes\s+på\s+pause\b|\bafvent(?:e|er|es)\b|\bon\s+hold\b|"
    r"\bdefer(?:red)?\b|\bpostpone|"
    # "Kontrakter: Venter til næste møde", "Sagen venter på ...": the item waits.
    r"^venter\s+(?:til|på|med)\b|\b(?:sagen|punktet|emnet)\s+venter\s+(?:til|på|med)\b",
    re.IGNORECASE,
)
_AWAITS = re.compile(r"\bafvent(?:e|er|es)?\s+[^.;,]+", re.IGNORECASE)
_CONDITION = re.compile(
    r"\b(?:hvis|såfremt|indtil|når|i tilfælde af|if|until|unless|once|should)\b\s+(?P<cond>[^.;]+)",
    re.IGNORECASE,
)

_PAST_MAIN = re.compile(
    r"\b(?:blev|var|havde|drøftede|godkendte|besluttede|orienterede|tog|gav|fik|bad|kom|gik|"
    r"vedtog|aftalte|konstaterede|noterede|tilkendegav|understregede|fremhævede|udtrykte|"
    r"roste|takkede|spurgte|oplyste|fremlagde|præsenterede|gennemgik|anbefalede|stemte|"
    r"\w+ede)\b",
    re.IGNORECASE,
)
_MODAL_FUTURE = re.compile(
    r"\b(?:skal|skulle)\s+(?:der\s+)?(?:\w+\s+){0,4}?(?P<verb>\w+e|\w+es)\b"
    r"|\bvil\s+(?:der\s+)?blive\s+(?P<part>\w+[te])\b"
    r"|\bbliver\s+(?P<part2>\w+(?:et|t))\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?P<verb>[a-zæøå]{3,}(?:es|s))\b")
# A case sent back or referred on: "sendes tilbage til", "oversendes til (behandling i)".
# A plain "sendes til X" is a message to X, not a referral.
# "skal ske i dialog med ...", "skal indgå i ...": how things are to be, not work.
_MANNER_VERBS = {
    "være", "have", "kunne", "ske", "foregå", "gælde", "indgå", "fremgå", "omfatte", "ligge",
    "bero", "afspejle", "tage udgangspunkt",
}  # fmt: skip
_RETURN = re.compile(
    r"(?<!\bder )\b(?:(?:sendes|sendt)\s+tilbage|oversendes|oversendt|henvises|henvist|videresendes|"
    r"videresendt|tilbagesendes|tilbagesendt)\s+til\s+(?:behandling\s+i\s+|"
    r"videre\s+behandling\s+i\s+)?(?P<owner>(?:[A-ZÆØÅ][\w\-]*|[a-zæøå]+(?:en|et))(?:\s+(?:og|for|i)\s+[A-ZÆØÅ]?[\w\-]+)*)",
)
_AUTHORISED = re.compile(
    r"(?P<owner>[\wÆØÅæøå\- ]+?)\s+(?:bemyndiges|anmodes|opfordres|pålægges|bedes|får til opgave|"
    r"(?:blev|er blevet)\s+(?:bedt|anmodet|opfordret|pålagt|bemyndiget))"
    r"\s+(?:til\s+|om\s+)?(?:at\s+)?(?P<task>.+)",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\b(?:anmoder|anmodede|beder|bad|pålægger|pålagde|opfordrer|opfordrede|bemyndiger|bemyndigede)\s+"
    r"(?P<owner>[\wÆØÅæøå\- ]+?)\s+(?:om\s+at|om|til\s+at|at)\s+(?P<task>.+)",
    re.IGNORECASE,
)
# "Sekretæren lover at ...", "Bo påtog sig at ...": work X takes on.
_UNDERTAKES = re.compile(
    r"^(?P<owner>[A-ZÆØÅ][\w\-]*(?:\s+(?:og\s+)?[A-ZÆØÅ][\w\-]*)*|[a-zæøå]+(?:en|et))\s+"
    r"(?:lover|lovede|påtager\s+sig|påtog\s+sig|tilbyder|tilbød|melder\s+sig\s+til|meldte\s+sig\s+til)"
    r"\s*,?\s+(?:til\s+)?(?:at\s+)?(?P<task>\S.+)$"
)
# "Direktionen giver HR mandat til at forhandle ...": authority handed to X.
_MANDATE = re.compile(
    r"\b(?:giver|gav|giver\s+hermed)\s+(?P<owner>[\wÆØÅæøå\- ]+?)\s+(?:mandat|bemyndigelse|fuldmagt)"
    r"\s+til\s+(?:at\s+)?(?P<task>.+)",
    re.IGNORECASE,
)
# "Forvaltningen skal inden sommerferien fremlægge ...": a subject, a modal, and
# the infinitive of its work a few words on.
_MODAL_SUBJECT = re.compile(
    r"^(?P<owner>[A-ZÆØÅ][\w\-]*(?:\s+(?:og|for|-)\s+[A-ZÆØÅ]?[\w\-]+)*|[a-zæøå]+(?:en|et))"
    r"\s+(?:skal|vil|må)\s+(?:(?:[\w\-.]+\s+){0,6}?)(?P<verb>[a-zæøå]{3,}e)\b(?P<rest>.*)$"
)
_PRECONDITION_ACTOR = re.compile(
    r"^(?:når|efter at|så snart)\s+(?P<owner>[\wÆØÅæøå\- ]+?)\s+(?:har|have)\s+(?P<task>\w+(?:et|t)\b.*)$",
    re.IGNORECASE,
)
_RELATIVE_ACTOR = re.compile(
    r"^(?:hvor|hvorefter|og)\s+(?P<owner>[\wÆØÅæøå\- ]+?)\s+(?P<verb>[a-zæøå]+(?:er|r))\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_RELATIVE_SUBJECT = re.compile(r"^(?:som|der)\s+(?:skal|vil|bedes)\s+(?P<task>.+)$", re.IGNORECASE)
_POSTPONED = re.compile(
    r"^(?:udsat|sagen\s+(?:blev\s+)?udsat|sagen\s+udsættes|punktet\s+(?:blev\s+)?udsat)\b",
    re.IGNORECASE,
)
# "Punktet blev flyttet til næste møde", "Sagen genoptages på næste møde": the
# item comes back at a meeting, which is when it is due.
_RESUMED = re.compile(
    r"\b(?:flyttet|flyttes|genoptages|genoptaget|behandles\s+igen|tages\s+op\s+igen|udsat|udsættes|"
    r"udskudt|udskydes)\s+"
    r"(?P<when>(?:til|på)\s+(?:det\s+)?(?:næste|førstkommende|kommende|et\s+(?:senere|kommende))\s+\w*møde\w*)",
    re.IGNORECASE,
)
# "Udsat til efter sommerferien", "udskydes indtil KL's udspil foreligger",
# "Punktet tages op igen, når budgettet kendes": parked until something happens.
_PARKED = re.compile(
    r"\b(?:udsat|udsættes|udskudt|udskydes)(?:\s+(?P<cond>(?:til|indtil)\s+[^.;]+))?"
    r"|\btages\s+op\s+igen\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r"^(?:når|hvis|såfremt|indtil)\s+\S", re.IGNORECASE)
_NO_ACTION = re.compile(
    r"\btil\s+efterretning\b|\bgodkend(?:es|t)\b"
    r"|\banbefales\b|\btiltrådt\b|\bvedtaget\b|\bikke\s+godkendt\b|\bforkastet\b",
    re.IGNORECASE,
)
# Verbs in the present tense after an actor: "HRC undersøger", "ØC kommer med".
_PRESENT = re.compile(r"^[a-zæøå]+(?:er|ør|år)$")
_NOT_PRESENT = {"der", "her", "eller", "over", "under", "efter", "mener", "andre", "ellers",
                "for", "mer", "nær", "hver", "er", "har", "var", "hvor", "senere", "tidligere"}  # fmt: skip
# Present-tense verbs by which a body decides rather than works.
_PERFORMATIVE = {
    "godkender", "beslutter", "vedtager", "tiltræder", "anbefaler", "noterer", "konstaterer",
    "bemærker", "støtter", "drøfter", "afviser", "forkaster", "bevilger",
    "vælger", "udpeger", "genvælger",
}  # fmt: skip
# A body asking for something to be brought to it.
_REQUEST = re.compile(
    r"^(?P<verb>ønsker|efterspørger|beder\s+om|anmoder\s+om)\s+(?:at\s+få\s+)?"
    r"(?P<what>(?:en|et|at)\s+.+)$",
    re.IGNORECASE,
)
_FRONTED = {
    "herefter", "derefter", "efterfølgende", "samtidig", "desuden", "endvidere", "derudover",
    "dernæst", "fremadrettet", "hereafter", "afslutningsvis",
}  # fmt: skip
# An object put first for emphasis: "Det tager Trine fat i", "Den sag følger Bo op på".
_FRONTED_OBJECT = {"det", "dette", "den", "dem"}
# Words after which an -er word is a noun: prepositions and articles.
_BEFORE_NOUNS = {
    "af", "til", "på", "i", "for", "med", "fra", "om", "ved", "en", "et", "de", "nye", "alle",
    "følgende", "disse", "flere", "mange", "andre", "nogle", "samtlige", "øvrige", "to",
    "tre", "fire", "fem", "begge", "hvilke", "sine", "deres", "vores", "jeres",
}  # fmt: skip
# Verbs of a state, not of work: "OS2 anvender MPL 2.0", "Værket kører".
_STATE_VERBS = {
    "anvender", "benytter", "indeholder", "omfatter", "består", "dækker", "ligger", "koster",
    "fungerer", "kører", "virker", "hedder", "betyder", "kræver", "ejer", "rummer", "udgør",
    "mangler", "oplever", "synes", "tror", "håber",
}  # fmt: skip
# Adverbs that make a present tense describe a habit: "OS2 udgiver typisk ...".
_HABITUAL = {
    "typisk", "normalt", "generelt", "altid", "ofte", "sædvanligvis", "aktuelt", "allerede", "fortsat",
}  # fmt: skip
_STRANDED = {"i", "på", "for", "til", "med", "af", "om", "op", "ud"}
# "at" + infinitive after a frame: work only when the verb is a working verb.
_WORK_INFINITIVE = re.compile(
    r"^(?:igangsætte|iværksætte|udarbejde|undersøge|sende|udsende|indkalde|afklare|belyse|"
    r"vurdere|analysere|kortlægge|forelægge|fremlægge|genoptage|evaluere|tilrette|justere|"
    r"revidere|opdatere|indhente|gennemføre|afholde|nedsætte|etablere|ansætte|rekruttere|"
    r"kontakte|orientere|informere|offentliggøre|underskrive|indgå|forhandle|indarbejde|"
    r"udmønte|implementere|planlægge|forberede|arrangere|invitere|udbyde|udpege|inddrage|"
    r"følge|tage|arbejde|lave|skrive|besvare|svare|præsentere|udvikle|afdække|sikre|"
    r"undersøge|genbesøge|drøfte|behandle)$",
    re.IGNORECASE,
)


def kind_of(verb: str, text: str) -> str:
    """The action kind from its verb and wording."""
    if _ON_HOLD.search(text):
        return "on_hold"
    forms = (verb.lower(), imperative(verb))  # "sendes"/"send"; English verbs as written
    if any(_REPORT_BACK.search(f) for f in forms) or _REPORT_BACK.search(text.lower()):
        return "report_back"
    if any(_INVESTIGATE.search(f) for f in forms):
        return "investigate"
    if any(_COMMUNICATE.search(f) for f in forms):
        if forms[1] == "send" and not _SENT_TO.search(text):
            return "task"  # "sendes i høring/udbud" is not a message to someone
        return "communicate"
    return "task"


def condition_of(texts: list[str]) -> str | None:
    """The reactivation condition in an on-hold clause or its tails ("hvis ...",
    "indtil ...", or what the work awaits: "afventer KL's udspil")."""
    for text in texts:
        match = _CONDITION.search(text)
        if match:
            return match.group(0).strip(" ,.")
    for text in texts:
        awaits = _AWAITS.search(text)
        if awaits:
            return awaits.group(0).strip(" ,.")
    return None


def is_postponement(sentence: str) -> bool:
    return bool(_POSTPONED.match(sentence.strip()))


def read_clause(
    text: str, tails: list[str], *, framed: bool, allow_actor: bool = True
) -> Reading | None:
    """The work a clause holds, or None when it reports, decides or describes.

    `framed` marks at-clauses under a decision frame ("Det blev aftalt, at"),
    where an infinitive with a working verb is work too ("at igangsætte en
    forundersøgelse"). `allow_actor=False` reads a clause whose apparent
    subject turned out to be no owner ("Ordningen evaluerer" is not a thing).
    """
    clean = text.strip(" ,.")
    if not clean:
        return None
    return first_reading(RULES, RuleInput(clean, tuple(tails), framed, allow_actor))


def _referral(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    investigate = re.search(r"belys|undersøg|afklar", clause.text, re.IGNORECASE)
    return rule.reading(
        verb=match.group(0).split()[0], task=clause.text, owner_phrase=match.group("owner"),
        owner_strength="referral", kind="investigate" if investigate else "task",
    )  # fmt: skip


def _handed(strength: str) -> Read:
    """ "X bemyndiges til at ...", "Direktionen bad X om at ...": work handed to X."""

    def read(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
        task = match.group("task")
        return rule.reading(
            verb=task.split()[0], task=task, owner_phrase=match.group("owner"),
            owner_strength=strength, kind=kind_of(task.split()[0], clause.text),
        )  # fmt: skip

    return read


def _resumed(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    task = f"genoptage punktet {match.group('when')}"
    return rule.reading(verb="genoptage", task=task)


def _parked(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    # "udsat til næste møde" never gets here: da.resumed, tried first, reads it.
    when = next((t for t in clause.tails if _WHEN.match(t)), None)
    condition = (match.group("cond") or when or "").strip(" ,.")
    if not condition:
        return None
    return rule.reading(verb=match.group(0).split()[0], task=clause.text, condition=condition,
                        as_written=True)  # fmt: skip


def _held(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    verb = match.group(0).split()[0]
    return rule.reading(verb=verb, task=clause.text, passive=verb.endswith("es"))


def _actor(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    if not clause.allow_actor:
        return None
    reading = _actor_clause(clause.text)
    if reading is not None:
        reading.rule = reading.rule or rule.id
    return reading


def _modal_subject(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    verb = match.group("verb")
    if not clause.allow_actor or verb.lower() in _MANNER_VERBS | {"blive", "have"}:
        return None  # passives and results are the modal rule's
    task = f"{verb}{match.group('rest')}"
    return rule.reading(verb=verb, task=task, owner_phrase=match.group("owner"),
                        owner_strength="modal", kind=kind_of(verb, clause.text))  # fmt: skip


def _no_action(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    return None if _MODAL_FUTURE.search(clause.text) else no_work(rule, match, clause)


def _modal(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    verb = match.group("verb") or match.group("part") or match.group("part2") or ""
    done_by = re.search(r"\bvære\s+(?P<part>[a-zæøå]{4,}(?:et|t))\b", clause.text[match.start() :])
    if verb.lower() == "være" and done_by:
        # "Projektet skal være afsluttet inden ...": a result to reach.
        return rule.reading(
            verb=done_by.group("part"), task=clause.text, confidence=0.65, passive=True
        )
    if verb.lower() in _MANNER_VERBS:
        return no_work(rule, match, clause)  # "skal ske i dialog med ...": how, not what
    return rule.reading(verb=verb, task=clause.text, kind=kind_of(verb, clause.text), passive=True)


def _passive(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    clean = clause.text
    for found in _PASSIVE.finditer(clean):
        verb = found.group("verb")
        if not verb.endswith("es") and not verb.endswith("ås"):
            continue
        if verb.lower() in _NOT_PASSIVE or _preceded_by_article(clean, found.start()):
            continue
        if re.search(r"\bkan\s+(?:\w+\s+)?$", clean[: found.start()], re.IGNORECASE):
            continue  # "kan kobles": a possibility, not a decision
        if _OWN_MEETING.match(clean) or re.search(r"\bmå\s+ikke\b", clean, re.IGNORECASE):
            return None  # "Næste møde rykkes til ...": the meeting's own calendar; a ban
        if _PAST_MAIN.search(clean[: found.start()]) and not clause.framed:
            continue  # "... blev drøftet, hvor ..."
        return rule.reading(verb=verb, task=clean, kind=kind_of(verb, clean), passive=True)
    return None


def _framed_infinitive(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    verb = match.group("verb")
    if not clause.framed or not _WORK_INFINITIVE.match(verb):
        return None
    return rule.reading(verb=verb, task=clause.text, kind=kind_of(verb, clause.text))


_ANY = re.compile(r"^")
# The meeting's own calendar: "Næste møde rykkes til ...", "Mødet flyttes ...".
_OWN_MEETING = re.compile(r"^(?:næste|kommende|dette)\s+møde\b|^mødet\b", re.IGNORECASE)

# The Danish reading rules, in the order they are tried.
RULES: tuple[Rule, ...] = (
    Rule("da.referral", "da", "a case sent back or referred on: 'oversendes til X', 'sendes tilbage til X'",
         _RETURN, _referral, confidence=0.75),
    Rule("da.authorised", "da", "work handed to X in the passive: 'X bemyndiges til at', 'X anmodes om at'",
         _AUTHORISED, _handed("authorised"), confidence=0.8),
    Rule("da.asked", "da", "a body handing work to X: 'anmoder X om at', 'bemyndiger X til at', 'pålægger X at'",
         _ASKS, _handed("asked"), confidence=0.75),
    Rule("da.undertook", "da", "work X takes on: 'X lover at', 'X påtog sig at', 'X tilbød at'",
         _UNDERTAKES, _handed("asked"), confidence=0.8),
    Rule("da.mandate", "da", "authority handed to X: 'giver X mandat til at'",
         _MANDATE, _handed("asked"), confidence=0.8),
    Rule("da.resumed", "da", "an item back at a later meeting: 'flyttet til næste møde', 'genoptages på næste møde'",
         _RESUMED, _resumed, kind="report_back", confidence=0.7),
    Rule("da.parked", "da", "work parked until something happens: 'udsat til ...', 'tages op igen, når ...'",
         _PARKED, _parked, kind="on_hold", confidence=0.75),
    Rule("da.on-hold", "da", "work parked: 'sættes i bero', 'afventer', 'parkeres'",
         _ON_HOLD, _held, kind="on_hold", confidence=0.8),
    Rule("da.actor", "da", "a named actor with a present-tense verb: 'HRC undersøger ...'",
         _ANY, _actor, confidence=0.85),
    Rule("da.modal-subject", "da", "a subject with a modal and its infinitive: 'Forvaltningen skal ... fremlægge'",
         _MODAL_SUBJECT, _modal_subject, confidence=0.8),
    Rule("da.decided", "da", "a decision complete at the meeting: 'godkendt', 'taget til efterretning'",
         _NO_ACTION, _no_action, kind=NO_WORK),
    Rule("da.modal", "da", "modal and periphrastic future: 'skal afklares', 'vil blive forelagt'",
         _MODAL_FUTURE, _modal),
    Rule("da.passive", "da", "an -s passive of future work: 'programmet sendes ud'",
         _PASSIVE, _passive),
    Rule("da.infinitive", "da", "a working verb's infinitive under a decision frame: 'at igangsætte ...'",
         re.compile(r"^(?P<verb>[a-zæøå]+e)\b"), _framed_infinitive, confidence=0.6, anchored=True),
)  # fmt: skip


_ARTICLES_AND_PREPOSITIONS = {"en", "et", "af", "til", "for", "på", "med", "fra"}


def _preceded_by_article(text: str, index: int) -> bool:
    """A genitive or noun after an article ("den pågældendes") is not a verb."""
    before = text[:index].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].lower() in _ARTICLES_AND_PREPOSITIONS


def _actor_clause(clause: str) -> Reading | None:
    """ "HRC undersøger og tilretter ...", "Teknik og Miljø udarbejder ...",
    "Forvaltningen svarer ...", and after a fronted adverbial "Herefter
    udarbejder ØC ..."."""
    words = clause.split()
    fronted = words[0].lower() if words else ""
    if (
        len(words) > 2
        and (fronted in _FRONTED or fronted in _FRONTED_OBJECT)
        and _PRESENT.match(words[1])
    ):
        size = 0
        while 2 + size < len(words) and (
            words[2 + size][:1].isupper() or (size and words[2 + size] in {"og", "for", "-"})
        ):
            size += 1
        if not size and len(words) > 3 and re.fullmatch(r"[a-zæøå]+(?:en|et)", words[2]):
            size = 1  # "Herefter udarbejder forvaltningen ...", "Det tager formanden fat i"
        # A fronted object is the object of a preposition left at the end ("fat i",
        # "op på", "for"); without one the name may be the object ("Det koster Bo ...").
        stranded = words[-1].strip(".").lower() in _STRANDED and len(words) - 2 - size <= 3
        if size and (fronted in _FRONTED or stranded):
            subject = " ".join(words[2 : 2 + size])
            # The fronted object goes back to its place after the verb's own words.
            obj = [fronted] if fronted in _FRONTED_OBJECT else []
            rest = " ".join([words[1], *words[2 + size :], *obj])
            return Reading(verb=words[1], task=rest, owner_phrase=subject,
                           owner_strength="subject", kind=kind_of(words[1], rest),
                           confidence=0.8, rule="da.fronted-actor")  # fmt: skip
    for index in range(1, min(len(words), 7)):
        word = words[index].strip(",.")
        if word.lower() in _NOT_PRESENT or not _PRESENT.match(word):
            continue
        before = words[index - 1].lower()
        if (
            before in _BEFORE_NOUNS
            or before.endswith("ede")
            or (before.endswith("ende") and index > 1)
        ):
            continue  # "af busruter", "Krævede felter", "igangværende aktiviteter": nouns
        if "ikke" in (w.lower() for w in words[index + 1 : index + 3]):
            return None  # "Elevrådet deltager ikke": no work
        if word.lower() in _STATE_VERBS or (
            index + 1 < len(words) and words[index + 1].lower() in _HABITUAL
        ):
            return None  # a state or a habit, not work
        if word.lower() in _PERFORMATIVE and not (
            word.lower() == "drøfter" and re.search(r"\bmed\s+\S", " ".join(words[index:]))
        ):
            return None  # but "JN drøfter det med sekretariatet" is JN's errand
        subject = " ".join(words[:index])
        if not subject[:1].isupper() and not re.match(r"^[a-zæøå]+(?:en|et)\b", subject):
            continue
        if subject.endswith(":") and index == len(words) - 1:
            return None  # "Bo Holm: kasserer" labels a person with a role
        # "forvaltningen til budgetseminaret udarbejder ...": the subject ends
        # where an adverbial phrase begins.
        subject = re.split(
            r"\s+(?:til|på|i|inden|senest|efter|med|hurtigst|snarest|straks)\s+",
            subject,
            maxsplit=1,
        )[0]
        rest = " ".join(words[index:])
        if _NO_ACTION.search(rest):
            return None
        request = _REQUEST.match(rest)
        if request:
            # "Udvalget ønsker en status på næste møde": the body asks for work
            # it does not do itself; whoever answers is not named.
            return Reading(verb="forelægge", task=f"forelægge {request.group('what')}",
                           kind="report_back", confidence=0.65, rule="da.request")  # fmt: skip
        return Reading(
            verb=word, task=rest, owner_phrase=subject, owner_strength="subject",
            kind=kind_of(word, rest), confidence=0.85, rule="da.actor",
        )  # fmt: skip
    return None


def tail_owner(tails: list[str]) -> tuple[str | None, str | None, str]:
    """An owner named in a qualifying clause: ", hvor ØC kommer med et oplæg" or
    ", når Vejafdelingen har indhentet et nyt tilbud". Returns (owner phrase,
    task text, strength)."""
    for tail in tails:
        pre = _PRECONDITION_ACTOR.match(tail)
        if pre:
            return pre.group("owner"), pre.group("task"), "precondition"
        rel = _RELATIVE_ACTOR.match(tail)
        if (
            rel
            and _PRESENT.match(rel.group("verb"))
            and rel.group("verb").lower() not in _NOT_PRESENT
        ):
            return rel.group("owner"), f"{rel.group('verb')}{rel.group('rest')}", "relative"
    return None, None, ""


def relative_task(tails: list[str]) -> str | None:
    """ ", som skal komme med en indstilling": the work a referral target must do."""
    for tail in tails:
        match = _RELATIVE_SUBJECT.match(tail)
        if match:
            return match.group("task")
    return None
