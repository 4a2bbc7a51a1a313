"""The inside of an agenda item: case number, closed flag, sections and decisions.

Section headings come from a vocabulary of the names municipalities use
(Baggrund, Indstilling, Sagsfremstilling, ...; Background, Recommendation,
...). Decision headings are recognised by form, since they carry a body and
a date: "Beslutning Direktionen den 15-08-2022", "Beslutning i Byrådet den
28-11-2023", "Økonomiudvalgets beslutning 14-11-2023", "Afgørelse",
"Decision".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.dates import find_dates
from tracker.minutes.model import Decision, Section

# Canonical kind -> the headings that name it (matched case-insensitively, whole line,
# optionally followed by a colon).
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "resume": ("resumé", "resume", "sammenfatning", "kort fortalt", "summary"),
    "baggrund": ("baggrund", "background", "historik", "tidligere beslutninger"),
    "indstilling": (
        "indstilling",
        "indstillinger",
        "forvaltningens indstilling",
        "administrationens indstilling",
        "direktørens indstilling",
        "forslag til beslutning",
        "anbefaling",
        "recommendation",
        "recommendations",
    ),
    "sagsfremstilling": (
        "sagsfremstilling",
        "supplerende sagsfremstilling",
        "beskrivelse af sagen",
        "sagsbeskrivelse",
        "sagens indhold",
        "sagens baggrund",
        "report",
    ),
    "vurdering": ("vurdering", "forvaltningens vurdering", "administrationens vurdering"),
    "okonomi": (
        "økonomi",
        "økonomiske konsekvenser",
        "økonomi og finansiering",
        "bevillingsmæssige konsekvenser",
        "finansiering",
        "financial implications",
    ),
    "horing": ("høring", "høringssvar", "borgerinddragelse"),
    "kommunikation": ("kommunikation", "kommunikation og presse"),
    "videre_proces": (
        "videre proces",
        "den videre proces",
        "det videre forløb",
        "næste skridt",
        "tidsplan",
        "tidsplan og videre proces",
        "next steps",
    ),
    "lovgrundlag": ("lovgrundlag", "retsgrundlag", "lovgivning", "hjemmel", "legal implications"),
    "sagsgang": (
        "sagsgang og sagstype",
        "sagsgang",
        "kompetence",
        "beslutningskompetence",
        "beslutningsproces",
    ),
    "konsekvenser": (
        "konsekvenser",
        "personalemæssige konsekvenser",
        "miljømæssige konsekvenser",
        "klimamæssige konsekvenser",
        "bæredygtighed",
    ),
    "bilag": ("bilag", "bilagsliste", "attachments", "appendices"),
}
_SECTION_BY_NAME = {name: kind for kind, names in SECTION_NAMES.items() for name in names}
_SECTION_RE = re.compile(
    r"^(?P<name>"
    + "|".join(sorted(map(re.escape, _SECTION_BY_NAME), key=len, reverse=True))
    + r")\s*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)

_DECISION_WORDS = r"beslutning|afgørelse|protokol|protokollat|referat|decision|resolution"
# "Beslutning ...", "Beslutning i Byrådet den ...", "Udvalgets beslutning ...".
_DECISION_RE = re.compile(
    r"^(?:(?P<owner>[A-ZÆØÅ][\w\-]*s)\s+)?(?P<word>" + _DECISION_WORDS + r")\b"
    r"(?P<rest>[^:]*?)(?::\s*(?P<inline>.*))?$",
    re.IGNORECASE,
)
_BODY_DATE_RE = re.compile(
    r"^(?P<body>[A-ZÆØÅ][\wæøå\- ]*?(?:udvalg|byråd|direktion|kommunalbestyrelse|regionsråd|"
    r"bestyrelse|råd)(?:et|en)?)\s*(?:,\s*)?(?:den\s+|d\.\s*)?(?P<rest>\d.*|\w+dag.*)$",
    re.IGNORECASE,
)
_BODY_PREFIX_RE = re.compile(r"^(?:i|fra|for|af|by|of)\s+", re.IGNORECASE)
_DATE_LEAD_RE = re.compile(r"\s+(?:den|d\.|on|the)\s*$", re.IGNORECASE)

_CASE_LABEL_RE = re.compile(
    r"^(?:sagsnr|sags\s?nr|sagsnummer|sag\s+nr|sagsid|sags-id|j\.\s?nr|journalnr|journalnummer|"
    r"acadre\s+sagsnr|case\s+no|case\s+number|case\s+ref)\.?\s*[:.]?\s*(?P<case>\S.*)$",
    re.IGNORECASE,
)
_CASE_BARE_RE = re.compile(
    r"^(?P<case>\d{2}/\d{2,6}|\d{4}-\d{4,9}|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2})$"
)
_CLOSED_TITLE_RE = re.compile(
    r"^\(?lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?\)?(?:\s*[:\-–.]|$)|\(lukket(?:\s+\w+)?\)$",
    re.IGNORECASE,
)
_CLOSED_BODY_RE = re.compile(
    r"^(?:lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?|punktet er lukket|sagen er lukket|"
    r"confidential|exempt item)\.?$",
    re.IGNORECASE,
)
_OPEN_MARKER_RE = re.compile(
    r"^(?:åben|åbent|offentlig)(?:\s+(?:sag|punkt|dagsordenspunkt))?\.?$", re.IGNORECASE
)
_MAX_HEADING = 120


@dataclass(frozen=True)
class SectionHeading:
    """A recognised section or decision heading line."""

    kind: str
    heading: str
    inline: str
    decision: Decision | None = None


def parse_section_heading(line: str) -> SectionHeading | None:
    """The section a line opens, or None if it is ordinary text."""
    if len(line) > _MAX_HEADING:
        return None
    match = _SECTION_RE.match(line)
    if match:
        return SectionHeading(
            _SECTION_BY_NAME[match.group("name").lower()], line, match.group("rest") or ""
        )
    decision = _parse_decision_heading(line)
    if decision is not None:
        return SectionHeading("beslutning", line, decision.text, decision)
    return None


def _parse_decision_heading(line: str) -> Decision | None:
    match = _DECISION_RE.match(line)
    if not match:
        return _body_and_date_heading(line)
    rest = match.group("rest").strip()
    inline = (match.group("inline") or "").strip()
    found = find_dates(rest)
    meeting_date: date | None = found[0].value if found else None
    body_text = rest[: found[0].start].strip() if found else rest
    body_text = _DATE_LEAD_RE.sub("", body_text).strip(" ,")
    body_text = _BODY_PREFIX_RE.sub("", body_text).strip()
    owner = match.group("owner")
    if owner and owner.lower() not in {"udvalgets", "sagens"}:
        body_text = body_text or owner[:-1]
    # A heading names at most a body and a date; anything longer is a sentence.
    if body_text and (len(body_text) > 70 or not body_text[0].isupper()):
        return None
    if found and rest[found[0].end :].strip(" .:"):
        return None
    return Decision(heading=line, text=inline, body=body_text or None, date=meeting_date)


def _body_and_date_heading(line: str) -> Decision | None:
    """ "Økonomiudvalget den 05-02-2024" alone on a line heads that body's decision."""
    match = _BODY_DATE_RE.match(line)
    if not match:
        return None
    found = find_dates(match.group("rest"))
    if len(found) != 1 or match.group("rest")[found[0].end :].strip(" :.,"):
        return None
    return Decision(heading=line, text="", body=match.group("body").strip(), date=found[0].value)


def case_number(line: str, *, near_heading: bool) -> str | None:
    """The case number a line states: "Sagsnr.: 23/00412", or a bare "22/578" right
    under the item heading."""
    labelled = _CASE_LABEL_RE.match(line)
    if labelled:
        # "Sagsnr.: 24/1234  Sagsansvarlig: Jens Hansen": the number is the first token.
        return labelled.group("case").split()[0].strip(" ,;")
    if near_heading:
        bare = _CASE_BARE_RE.match(line)
        if bare:
            return bare.group("case")
    return None


def is_closed_title(title: str) -> bool:
    """Whether an item title marks a closed item ("Lukket", "Lukket punkt: ...")."""
    return bool(_CLOSED_TITLE_RE.search(title))


def is_open_marker(line: str) -> bool:
    """ "Åben sag", "Åbent punkt": a marker, not text of the item."""
    return bool(_OPEN_MARKER_RE.match(line))


def is_closed_body(line: str) -> bool:
    """Whether a line says the item is closed ("Lukket punkt.")."""
    return bool(_CLOSED_BODY_RE.match(line))


def is_item_context_line(line: str) -> bool:
    """Lines that follow an item heading and never a table-of-contents entry."""
    return (
        case_number(line, near_heading=True) is not None
        or parse_section_heading(line) is not None
        or is_closed_body(line)
    )


def build_sections(lines: list[str]) -> tuple[list[Section], list[Decision], list[str]]:
    """Split an item's lines (after heading and case number) into sections.

    Returns the sections, the decisions among them (in order), and the lines
    before the first section heading (text of an item without sections).
    """
    sections: list[Section] = []
    decisions: list[Decision] = []
    preamble: list[str] = []
    current: SectionHeading | None = None
    body: list[str] = []

    def close() -> None:
        if current is None:
            return
        text = _join(body)
        sections.append(Section(current.kind, current.heading, text))
        if current.decision is not None:
            decisions.append(
                Decision(current.heading, text, current.decision.body, current.decision.date)
            )

    for line in lines:
        heading = parse_section_heading(line.strip()) if line.strip() else None
        if heading is not None:
            close()
            current, body = heading, [heading.inline] if heading.inline else []
        elif current is None:
            preamble.append(line)
        else:
            body.append(line)
    close()
    return sections, decisions, preamble


def _join(lines: list[str]) -> str:
    """Section text: lines kept, surrounding and repeated blank lines dropped."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
