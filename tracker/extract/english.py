"""Which English minute sentences hold future work, and who owns it.

English minutes mark decisions ("RESOLVED that the Clerk obtain ...", "It
was agreed to defer ...") and name the doer in many ways: "X to ...", "X
will/would ...", "X agreed to ...", "X was asked to ...", "Council directs
staff to ...", a task line of a name and a present-tense verb ("Sam books
the hall"), or a pronoun that points back to a person named before ("...
which he would chase up"). Work may also be written without a doer ("the
newsletter will be circulated"), or parked ("deferred until ...",
"tabled"). Approvals, votes and what was reported are not work.

The rules are a table (`RULES`), tried in order on each clause; the first
that reads a clause decides it. "ACTION: JS to ... by 21 March" lines are a
layout rule (`lists`), which reads what follows the marker here.
"""

from __future__ import annotations

import re

from tracker.extract.rules import NO_WORK, Read, Reading, Rule, RuleInput, first_reading, no_work
from tracker.extract.sentences import without_topic

# Offices and groups that own work when written in lower case ("the clerk").
_ROLE = (
    r"(?:clerk|chair(?:man|woman|person)?|vice[- ]chair(?:man|person)?|treasurer|secretary|"
    r"council|committee|board|staff|officers?|members?|director|manager|president|mayor|"
    r"administration|administrator|trustees?|governors?|team|everyone|exec(?:utive)?|"
    r"applicant|consultant|contractor|organi[sz]ers?|volunteers?)"
)
# One word of a name: "Cllr", "S", "Mills", "M.", "O'Neill", "GF/THC", "McLaughlin".
_NAME_WORD = r"(?:[A-Z][\w'’\-]*\.?(?:/[A-Z][\w'’\-]*)*)"
_PART = rf"(?:(?:[Tt]he|[Aa]ll|[Bb]oth)\s+)?(?:{_NAME_WORD}|{_ROLE})"
# A doer: one or more names or roles, joined by "and", "&", "/" or commas,
# optionally followed by a bracket ("Matthew (MSM)").
_OWNER = (
    rf"(?P<owner>{_PART}(?:\s+{_NAME_WORD})*(?:\s*(?:,|&|\band\b|/)\s*{_PART}(?:\s+{_NAME_WORD})*)*"
    r"(?:\s*\([^)]{1,30}\))?|(?P<pronoun>he|she|they|we|i))"
)
# Words a clause may start with before its doer: "so the Clerk agreed to ...".
_LEAD = (
    r"^(?:(?:so|then|and|but|also|therefore|accordingly|meanwhile|action|actions?\s*:)\s*,?\s+)*"
)
_TASK = r"(?P<task>[a-z][^;]*)$"

# "RESOLVED that ...", "It was agreed to ...", "Proposed by Cllr X, seconded by
# Cllr Y and RESOLVED that ...", "Members agreed that ...".
_RESOLVED = re.compile(
    r"(?:^|\b(?:and|was|were|it|council|members|committee|board)\s+)"
    r"(?:(?:resolved|agreed|decided|determined|voted)\b\s*(?::|,|–|-)?\s*(?:unanimously\s+)?(?:that\s+)?"
    r"|moved\s+that\s+)(?P<rest>.+)$",
    re.IGNORECASE,
)
# Verbs of decisions complete at the meeting: "to approve ...", "that the minutes be approved".
_DONE_VERB = (
    r"approve|accept|note|receive|adopt|agree|confirm|ratify|welcome|thank|declare|elect|"
    r"re-?elect|co-?opt|appoint|resolve|endorse|support|reject|refuse|decline|congratulate|"
    r"grant|award|pay|authori[sz]e\s+(?:the\s+)?(?:payments?|expenditure|accounts?)|"
    # Work given up: "to let go of ...", "to take no further action".
    r"let\s+go|drop|abandon|not\s+(?:to\s+)?(?:pursue|proceed|progress)|take\s+no\s+(?:further\s+)?action"
)
_NOT_WORK = re.compile(
    rf"^(?:to\s+)?(?:(?:{_DONE_VERB})\b|be\s+(?:\w+ly\s+)?(?:approved|accepted|noted|received|"
    r"adopted|signed|confirmed|ratified|agreed|carried|elected|appointed|co-?opted)\b)",
    re.IGNORECASE,
)
# Clauses of one sentence that each carry their own work.
_CLAUSE_SPLIT = re.compile(
    r"\s*;\s*|,?\s+but\s+|,\s+so\s+|\s+so\s+(?=(?:the\s+)?[A-Z]|he\b|she\b|they\b|we\b)"
    r"|,?\s+(?:which|who)\s+(?=(?:he|she|they|we)\s+(?:will|would|shall|is|are)\b)"
    rf"|,?\s+and\s+(?=(?:the\s+)?(?:{_NAME_WORD}|{_ROLE}|he|she|they|we)(?:\s+{_NAME_WORD})*\s+"
    r"(?:to|will|would|shall|agreed|offered|undertook|was|were|is|are)\s)"
    # "..., and, where appropriate, officers circulate ...": a role and its verb.
    rf"|,?\s+and\s*,\s+[^,]{{1,30}},\s+(?=(?:the\s+)?{_ROLE}\s+[a-z]+\s)"
    r"|,?\s+and\s+(?=to\s+[a-z])",
)
_FUTURE_TARGET = re.compile(
    r"\b(?:next|following|future|later|subsequent|forthcoming|upcoming|coming)\s+(?:\w+\s+)?"
    r"(?:meeting|session|agenda)|\b(?:meeting|agenda)\s+(?:on|of)\s+\w+|"
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:until|unless|if|once|when|pending|awaiting|subject\s+to|after|(?:for\s+)?up\s+to\s+\d+)"
    r"\b[^;,.]+",
    re.IGNORECASE,
)


def read_sentence(sentence: str, before: str = "") -> list[Reading]:
    """The work an English sentence holds, each with its owner phrase if any.
    `before` is the text before the sentence, where a pronoun's person is named."""
    text = without_topic(sentence.strip()).rstrip(".")
    resolved = _RESOLVED.search(text)
    framed = resolved is not None
    if resolved is not None:
        text = resolved.group("rest")
        if _NOT_WORK.match(text) or _BE_DONE.search(text):
            return []
    readings: list[Reading] = []
    context = before
    for part in _clauses(text):
        if part:
            reading = first_reading(RULES, RuleInput(part, framed=framed))
            if reading is not None:
                reading.clause = part
                if reading.owner_phrase is None and _PRONOUN_SUBJECT.match(part):
                    reading.owner_phrase = _antecedent(context)
                    reading.owner_strength = "subject" if reading.owner_phrase else ""
                readings.append(reading)
        context = f"{context} {part}"
    return _held_with_revisits(readings)


def _clauses(text: str) -> list[str]:
    """The clauses of a sentence. A split that would leave fewer than three
    words before it is no clause boundary: "The clerk and Cllr Reed to ..." is
    one subject, not two clauses."""
    parts: list[str] = []
    start = 0
    for found in _CLAUSE_SPLIT.finditer(text):
        if len(text[start : found.start()].split()) < 3:
            continue
        parts.append(text[start : found.start()])
        start = found.end()
    parts.append(text[start:])
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _held_with_revisits(readings: list[Reading]) -> list[Reading]:
    """ "defer ... and revisit the matter if the grant is awarded": the revisit
    is how the held work comes back, not a second action."""
    held = [r for r in readings if r.kind == "on_hold"]
    if not held:
        return readings
    revisits = [r for r in readings if r is not held[0] and _REVISIT.match(r.task)]
    held[0].task = "; ".join([held[0].task, *(r.task for r in revisits)])
    return [r for r in readings if r not in revisits]


# "that the minutes of the meeting held on ... be agreed as a correct record".
_BE_DONE = re.compile(
    r"\bbe\s+(?:approved|adopted|received|noted|agreed|accepted|signed|confirmed|ratified)\b",
    re.IGNORECASE,
)
_REVISIT = re.compile(r"^(?:to\s+)?(?:revisit|reconsider|review|return\s+to)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(rf"{_LEAD}(?:he|she|they)\b", re.IGNORECASE)
# The last person or office named: what "he", "she" or "they" stands for.
_ANTECEDENT = re.compile(
    rf"(?:\b(?:Cllr\.?|Councillor|Mr|Mrs|Ms|Dr)\s+(?:[A-Z]\.?\s*)*[A-Z][\w'’\-]+"
    rf"|\bthe\s+{_ROLE}\b|\b[A-Z][a-z]+\s+[A-Z][a-z'’\-]+\b|\b(?:Chair(?:man)?|Clerk|Treasurer|Secretary)\b)"
)


def _antecedent(text: str) -> str | None:
    found = _ANTECEDENT.findall(text)
    return found[-1] if found else None


def _owner(match: re.Match[str]) -> str | None:
    """The doer a match names; "we" is the meeting's body, a pronoun the person
    named before it (filled in by `read_sentence`)."""
    phrase = re.sub(r"['’]s$", "", match.group("pronoun") or match.group("owner"))  # "Matt's gotta"
    if phrase.lower() in {"he", "she", "they", "i", "we"}:
        return "we" if phrase.lower() == "we" else None
    return phrase


def _doer(strength: str = "subject") -> Read:
    """Work with its doer: "Clerk to write ...", "the Clerk agreed to ..."."""

    def read(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
        task = match.group("task").strip()
        if _NOT_WORK.match(task) or _NOT_DOING.match(task):
            return None
        owner = _owner(match)
        if owner and "modal" in match.groupdict() and match.group("modal") == "to":
            named = "named"  # "Clerk to ...": but "Talk to ..." is an imperative
        else:
            named = strength
        return rule.reading(
            verb=task.split()[0], task=task, owner_phrase=owner,
            owner_strength=named if owner else "", kind=rule.kind or kind_of(task),
        )  # fmt: skip

    return read


# Futures that are no work: "would like to", "will be pleased", "will not".
_NOT_DOING = re.compile(
    r"^(?:like|love|be\b|not\b|have\s+(?:been|had)|need\b|also\s+be|try\s+to\s+attend|attend\b)",
    re.IGNORECASE,
)


def _subjunctive(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "RESOLVED that the Clerk obtain three quotes": a doer and a bare verb."""
    if not clause.framed or clause.text.lower().startswith("to "):
        return None
    task = match.group("task")
    if _NOT_WORK.match(task):
        return rule.reading(verb="", task=task, kind=NO_WORK)
    return _doer()(rule, match, clause)


def _infinitive(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "RESOLVED to defer ...", "agreed to write to the landowner"."""
    if not clause.framed or not _VERB_FIRST.match(clause.text):
        return None
    task = re.sub(r"^to\s+", "", clause.text, flags=re.IGNORECASE)
    if _NOT_WORK.match(clause.text):
        return rule.reading(verb="", task=task, kind=NO_WORK)
    return rule.reading(verb=task.split()[0], task=task, kind=kind_of(task))


# An infinitive or a bare verb, not a clause with a subject of its own ("it was
# not needed", "in at the AGM ...", "by S").
_VERB_FIRST = re.compile(
    r"^(?:to\s+[a-z]{2,}|(?!(?:it|this|that|there|he|she|they|we|the|a|an|in|at|by|on|of|up|for|"
    r"with|as|all|no|not|any|some)\b)[a-z]{3,}\b)"
)


# "tabled until the time certain of February 16, 2010", "deferred until 3 May":
# a date it comes back on, not a condition.
_UNTIL_A_DATE = re.compile(
    r"\buntil\s+(?:the\s+(?:time\s+certain\s+of|meeting\s+(?:of|on))\s+)?(?:\w+day,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b",
    re.IGNORECASE,
)


def _held(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    """Deferred or tabled: to a named meeting or date it is brought back then
    (report_back); otherwise it waits, on the condition the clause gives."""
    text = clause.text
    after = text[match.end() :]
    if _UNTIL_A_DATE.search(after) or (_FUTURE_TARGET.search(after) and not re.search(
        r"\b(?:until|unless|if|once|pending)\b", after, re.IGNORECASE
    )):  # fmt: skip
        return rule.reading(verb=match.group(0), task=text, kind="report_back", confidence=0.7)
    return rule.reading(verb=match.group(0), task=text, kind="on_hold")


def _object_doer(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "Council directs staff to ...", "asked the Clerk to ...": the object does it."""
    task = match.group("task").strip()
    if _NOT_WORK.match(task):
        return None
    return rule.reading(verb=task.split()[0], task=task, owner_phrase=_owner(match),
                        owner_strength="asked", kind=kind_of(task))  # fmt: skip


def _agentless(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "The newsletter will be circulated", "quotes to be obtained"."""
    if match.group("part").lower() in _NOT_PARTICIPLE:
        return None
    before = clause.text[: match.start()]
    if _QUESTION.search(before) or (
        match.group("modal").lower() == "to" and _FINITE.search(before)
    ):
        return None  # "confirm how the visit would be arranged"; "had made a list of items to be covered"
    if match.group("modal").lower() == "should" and not clause.framed:
        return None  # "the seats are worn and should be replaced": a view, not a decision
    task = clause.text
    return rule.reading(
        verb=match.group("part"), task=task, passive=True, kind=kind_of(match.group("part"), task)
    )


_QUESTION = re.compile(r"\b(?:how|whether|what|which|why|if|when|where|who)\b", re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:had|has|have|was|were|is|are|made|will|would|continue[sd]?|want(?:s|ed)?|needs?|"
    r"seem(?:s|ed)?|appear(?:s|ed)?|likely|going|used|able)\b",
    re.IGNORECASE,
)
# Participles after "will be" that say how things are, not what is done.
_NOT_PARTICIPLE = {
    "held", "needed", "required", "used", "based", "located", "open", "closed", "shown", "seen",
    "known", "expected", "pleased", "delighted", "happy", "able", "welcomed", "allowed", "given",
    "made", "taken", "kept", "paid", "charged", "involved", "affected", "interested", "included",
    "invited", "asked", "elected", "appointed", "chaired", "hosted",
}  # fmt: skip


def _doing(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "Cllr Ash is looking into a grant" -> "Look into a grant", owned by Cllr Ash."""
    verb = match.group("verb").lower()
    if verb in _NOT_DOING_VERBS:
        return None
    task = f"{_from_gerund(verb)} {match.group('rest').strip()}".strip()
    owner = _owner(match)
    return rule.reading(verb=verb, task=task, owner_phrase=owner,
                        owner_strength="subject" if owner else "", kind=kind_of(task))  # fmt: skip


# "-ing" forms of being, feeling and waiting, not of work.
_NOT_DOING_VERBS = {
    "being", "going", "hoping", "having", "looking forward", "waiting", "considering", "meeting",
    "expecting", "feeling", "thinking", "wondering", "concerned", "pleased", "willing", "missing",
    "happening", "seeking advice", "trying", "struggling", "coming", "living", "standing", "running",
    "staying", "remaining", "sitting", "attending",
}  # fmt: skip
_GERUND_E = re.compile(
    r"(?:[^aeiou](?:at|iz|is|ar|ur|ir|it|ak|ok|uc|ud|iv|ov|os|as|us|ut|ag)|ng|rg|dg|ss)$"
)


def _from_gerund(verb: str) -> str:
    """ "looking" -> "look", "planning" -> "plan", "updating" -> "update"."""
    stem = verb[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsaeiou":
        return stem[:-1]
    if (
        _GERUND_E.search(stem)
        and not stem.endswith(("ss", "ing"))
        and not re.search(r"(?:ll|[aeiou]{2}[a-z])$", stem)
    ):
        return stem + "e"
    return stem


def _task_line(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading | None:
    """ "Sam books the hall", "Matthew (MSM) works with the vendor ...": a name and
    a present-tense verb of work."""
    verb = match.group("verb").lower()
    if verb in _NOT_TASK_VERBS or match.group("owner").split()[0].lower() in _NOT_NAMES:
        return None
    if verb.endswith("ics") or match.group("task").split()[0].lower() in {"and", "or", "of", "&"}:
        return None  # a plural noun in a phrase ("OWD metrics and results"), not a verb
    task = f"{_base(verb)} {match.group('task').strip()}"
    return rule.reading(verb=verb, task=task, owner_phrase=match.group("owner"),
                        owner_strength="named", kind=kind_of(_base(verb), task))  # fmt: skip


# Present-tense verbs that report, decide or describe rather than do.
_NOT_TASK_VERBS = {
    "is", "was", "has", "does", "says", "notes", "agrees", "approves", "accepts", "receives",
    "thanks", "welcomes", "resolves", "considers", "discusses", "reports", "states", "explains",
    "feels", "believes", "suggests", "proposes", "seconds", "moves", "confirms", "reminds",
    "highlights", "mentions", "wonders", "questions", "queries", "means", "needs", "wants",
    "seems", "remains", "includes", "contains", "covers", "shows", "goes", "comes", "lives",
    "likes", "knows", "hopes", "expects", "understands", "recognises", "recognizes", "supports",
    "opposes", "declares", "advises", "informs", "updates", "asks", "requests", "recommends",
    "presents", "introduces", "outlines", "summarises", "summarizes", "describes", "points",
    "emphasises", "emphasizes", "stresses", "concludes", "comments", "adds", "replies",
    "responds", "answers", "notices", "observes", "argues", "claims", "insists", "regrets",
    "apologises", "apologizes", "sees", "gets", "costs", "takes", "allows", "requires",
    "stands", "joins", "specialises", "specializes", "ensues", "exists", "attends", "leaves",
    "arrives", "chairs", "opens", "closes", "starts", "begins", "ends", "raises", "happens",
}  # fmt: skip
# Capitalised words that begin a sentence but name no one.
_NOT_NAMES = {
    "the", "this", "that", "these", "those", "it", "there", "here", "everyone", "nobody", "all",
    "each", "every", "some", "any", "no", "one", "what", "which", "who", "when", "where", "how",
    "council", "committee", "board", "members", "meeting", "item", "agenda", "minutes", "motion",
}  # fmt: skip


def _base(verb: str) -> str:
    """ "books" -> "book", "finishes" -> "finish", "carries" -> "carry"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _referred(rule: Rule, match: re.Match[str], clause: RuleInput) -> Reading:
    return rule.reading(verb="referred", task=clause.text, owner_phrase=match.group("owner"),
                        owner_strength="referral")  # fmt: skip


# Verb stems by the kind of work they give.
_KINDS = (
    ("report_back", re.compile(r"^(?:report\w*\s+back|bring\w*\s+back|come\s+back|present|return|revisit|reconsider)", re.IGNORECASE)),
    ("investigate", re.compile(r"^(?:investigat|look\w*\s+into|clarif|explor|assess|review|research|check|find\s+out|establish|consider)", re.IGNORECASE)),
    ("communicate", re.compile(r"^(?:notify|inform|write|reply|respond|circulat|publish|send|email|e-mail|tell|contact|let\s+\w+\s+know|advise|publicis|advertis)", re.IGNORECASE)),
)  # fmt: skip


def kind_of(task: str, text: str = "") -> str:
    """The action kind from the wording of English work."""
    if re.search(r"\b(?:defer|postpone|on hold|tabled)\b", text or task, re.IGNORECASE):
        return "on_hold"
    for kind, stems in _KINDS:
        if stems.match(task.strip()):
            return kind
    return "task"


_MODAL = (
    r"(?:will|shall|would|'ll|is\s+to|are\s+to|(?:is|are)\s+going\s+to|needs?\s+to|must|has\s+to|"
    r"have\s+to|(?:has\s+|have\s+)?got\s+to|gotta|(?:is|are)\s+gonna|plans?\s+to|intends?\s+to|to)"
)
_UNDERTAKE = (
    r"(?:(?:has|have|had)\s+)?(?:kindly\s+)?(?:agreed|offered|undertook|undertaken|volunteered|"
    r"promised|is\s+tasked|are\s+tasked|was\s+tasked|were\s+tasked|(?:is|are)\s+responsible\s+for)"
    r"\s+(?:to\s+)?"
)
_HANDED = (
    r"(?:(?:was|were|has\s+been|have\s+been|is|are|had\s+been)\s+)?(?:also\s+)?(?:asked|requested|instructed|"
    r"directed|tasked|authori[sz]ed|mandated|charged|invited|delegated)\s+(?:to|with)\s+"
)
_DELEGATES = (
    r"\b(?:asked|asks|requested|requests|instructed|instructs|directed|directs|authori[sz]ed|"
    r"authori[sz]es|tasked|tasks|mandated|mandates|charged|charges|invited|invites|urged|urges|"
    r"delegated\s+authority\s+to|gave\s+delegated\s+authority\s+to)\s+"
)

# The English reading rules, in the order they are tried on each clause.
RULES: tuple[Rule, ...] = (
    Rule("en.held", "en", "work parked or tabled: 'deferred until ...', 'tabled', 'kept in view'",
         re.compile(r"\b(?:defer(?:red|s)?|postpone[ds]?|tabled|to\s+(?:further\s+)?table|"
                    r"table\s+(?:the|this|that|it)\b|held\s+over|hold\s+over|kept\s+in\s+view|"
                    r"keep\s+in\s+view|on\s+hold|parked|held\s+in\s+abeyance|"
                    # "That no site visits take place until ...": stopped until something happens.
                    r"no\s+(?:further\s+)?(?:\w+\s+){1,3}?(?:take\s+place|be\s+held|proceed|go\s+ahead)\s+(?=until\b))\b",
                    re.IGNORECASE),
         _held, kind="on_hold", confidence=0.75),
    Rule("en.enable", "en", "work a decision makes possible for its object: 'to enable officers to ...'",
         re.compile(rf"^(?:to\s+|and\s+)?(?:enable|allow|permit)\s+(?-i:{_OWNER})\s+to\s+{_TASK}", re.IGNORECASE),
         _doer("asked"), confidence=0.75, anchored=True),
    Rule("en.bring-back", "en", "an item brought back to a later meeting: 'brought back to', 'on the next agenda'",
         re.compile(r"\b(?:bring|brought|come|came|coming|put|placed?)\s+(?:\w+\s+){0,6}?back\s+"
                    r"(?:to|at|on|before|for)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,4}?"
                    r"(?:meeting|agenda|council|committee|board|session)\b|"
                    r"\b(?:on|to)\s+the\s+(?:next|following|future)\s+(?:\w+\s+)?agenda\b|"
                    r"\bre-?list(?:ed)?\b|\bagenda\s+item\s+(?:for|at)\s+(?:the\s+)?next\b", re.IGNORECASE),
         lambda rule, match, clause: rule.reading(verb="bring back", task=clause.text), kind="report_back"),
    Rule("en.object-doer", "en", "a body handing work to its object: 'directs staff to', 'asked the Clerk to'",
         re.compile(rf"{_DELEGATES}{_OWNER}\s+to\s+{_TASK}"), _object_doer, confidence=0.8),
    Rule("en.handed", "en", "work handed to the subject: 'X was asked to', 'X is authorised to'",
         re.compile(rf"{_LEAD}(?-i:{_OWNER})\s+{_HANDED}{_TASK}", re.IGNORECASE), _doer("authorised"),
         confidence=0.8, anchored=True),
    Rule("en.undertook", "en", "work a doer takes on: 'X agreed to', 'X offered to', 'X volunteered to'",
         re.compile(rf"(?:{_LEAD}|\b)(?-i:{_OWNER})\s+{_UNDERTAKE}{_TASK}", re.IGNORECASE), _doer(),
         confidence=0.8),
    Rule("en.doer-future", "en", "a doer with a future or an obligation: 'X to', 'X will', 'X would', 'X needs to'",
         re.compile(rf"{_LEAD}(?-i:{_OWNER})\s+(?P<modal>{_MODAL})\s+(?!be\b){_TASK}", re.IGNORECASE), _doer(),
         confidence=0.85, anchored=True),
    Rule("en.doing", "en", "work under way with its doer: 'X is looking into ...', 'X is in the process of ...'",
         re.compile(rf"{_LEAD}(?-i:{_OWNER})\s+(?:is|are)\s+(?:now\s+|currently\s+|still\s+|already\s+)?"
                    r"(?:in\s+the\s+process\s+of\s+)?(?P<verb>[a-z]{2,}ing)\s+(?P<rest>[^;]*)$", re.IGNORECASE),
         _doing, confidence=0.7, anchored=True),
    Rule("en.needs-doing", "en", "work a thing needs: 'the risk assessments need reviewing and updating'",
         re.compile(r"\b(?:needs?|require[sd]?)\s+(?P<verb>[a-z]{2,}ing)\b", re.IGNORECASE),
         lambda rule, match, clause: rule.reading(verb=match.group("verb"), task=clause.text), confidence=0.6),
    Rule("en.decided", "en", "a decision complete at the meeting: approved, noted, carried, elected",
         re.compile(r"\b(?:be|was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:approved|adopted|accepted|"
                    r"received|noted|signed|ratified|confirmed|carried|elected|appointed|co-?opted|"
                    r"re-?elected|passed|rejected|refused|declined|lost|defeated|seconded|proposed)\b"
                    r"(?!\s+(?:that|to)\b)|\bmotion\s+(?:was\s+)?(?:carried|lost|fell|passed)\b",
                    re.IGNORECASE),
         no_work, kind=NO_WORK),
    Rule("en.subjunctive", "en", "a resolution naming its doer: 'RESOLVED that the Clerk obtain ...'",
         re.compile(rf"^(?-i:{_OWNER})\s+(?P<task>(?!be\b|is\b|are\b|was\b|were\b|has\b|have\b)[a-z]+\b.*)$"),
         _subjunctive, confidence=0.85),
    Rule("en.infinitive", "en", "a resolution's infinitive: 'RESOLVED to write to ...'",
         re.compile(r"^(?:to\s+)?[a-z]+\b", re.IGNORECASE), _infinitive, confidence=0.65),
    Rule("en.agentless", "en", "future work without a doer: 'X will be circulated', 'quotes to be obtained'",
         re.compile(r"\b(?P<modal>will|shall|would|is\s+to|are\s+to|needs?\s+to|must|should|to)\s+be\s+"
                    r"(?:\w+ly\s+)?(?P<part>[a-z]+(?:ed|en|t))\b", re.IGNORECASE),
         _agentless, confidence=0.6),
    Rule("en.task-line", "en", "a name and a present-tense verb of work: 'Sam books the hall'",
         re.compile(rf"^(?P<owner>{_NAME_WORD}(?:\s+{_NAME_WORD})?(?:\s*\([^)]{{1,30}}\))?)\s+"
                    r"(?P<verb>[a-z]{3,}s)\s+(?P<task>.+)$"),
         _task_line, confidence=0.7),
    Rule("en.referred", "en", "a matter referred to another body: 'referred to the Finance Committee'",
         re.compile(r"\b(?:referred|passed|delegated|forwarded)\s+to\s+(?P<owner>(?:the\s+)?[\w ]+?"
                    r"(?:committee|group|panel|working party|officer|clerk|council|board))\b", re.IGNORECASE),
         _referred, confidence=0.7),
)  # fmt: skip


def english_condition(reading: Reading) -> str | None:
    """The condition of parked work: its until/if/once clauses."""
    found = [m.group(0).strip(" ,.;") for m in _CONDITION.finditer(reading.task)]
    return "; ".join(found) if found else None
