"""A synthetic archive of minutes for the benchmarks, made from the test fixtures.

Every document is a different meeting: every date in it is shifted to a date
no other document has (weekdays rewritten to match), Danish documents get a
body from a list of Danish boards and committees, the English one a parish
name, agenda items are shuffled, some dropped and renumbered, and some titles
varied. `build_archive` writes them as .txt, .html, .docx and .pdf in the mix
of FORMAT_MIX and says what each must import as.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tracker (if not installed) and tests.formats

from docx import Document as DocxDocument  # noqa: E402
from tests.formats import text_to_html, text_to_pdf  # noqa: E402
from tracker.ingest import read_bytes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"

# Format -> share of the archive.
FORMAT_MIX: dict[str, float] = {"txt": 0.7, "html": 0.1, "docx": 0.1, "pdf": 0.1}

DANISH_BODIES = [
    "Byrådet",
    "Kommunalbestyrelsen",
    "Økonomiudvalget",
    "Direktionen",
    "Udvalget for Teknik og Miljø",
    "Teknik- og Miljøudvalget",
    "Børne- og Skoleudvalget",
    "Social- og Sundhedsudvalget",
    "Kultur- og Fritidsudvalget",
    "Beskæftigelsesudvalget",
    "Plan- og Miljøudvalget",
    "Klima- og Miljøudvalget",
    "Ældreudvalget",
    "Erhvervs- og Turismeudvalget",
    "Folkeoplysningsudvalget",
    "Udvalget for Børn og Unge",
    "Udvalget for Klima og Bæredygtighed",
    "Hovedudvalget",
    "Chefforum",
]
PARISHES = [
    "Little Ashby", "Great Ashby", "Upper Wendon", "Lower Wendon", "Kings Norton",
    "Halford", "Millbrook", "Eastfield", "Westcott", "Thornbury", "Stanwell",
    "Ashwell", "Brampton", "Colston", "Fairford", "Hanley", "Kelmscott", "Langley",
]  # fmt: skip

DANISH_TITLE_SUFFIXES = [" - opfølgning", " (genoptaget)", " - status", " - orientering"]
ENGLISH_TITLE_SUFFIXES = [" - update", " (deferred item)", " - report"]

DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni",
             "juli", "august", "september", "oktober", "november", "december"]  # fmt: skip
EN_MONTHS = ["january", "february", "march", "april", "may", "june",
             "july", "august", "september", "october", "november", "december"]  # fmt: skip
DA_DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# --- shifting dates ---------------------------------------------------------------------

def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


_DAY = _alternatives(DA_DAYS + EN_DAYS)
_MONTH = _alternatives(DA_MONTHS + EN_MONTHS)
# One pass, longest forms first, so a shifted date is never shifted again.
_DATE_RE = re.compile(
    rf"(?:\b(?P<wd1>{_DAY})\s+(?P<den>(?:den|d\.)\s+)?)?"
    rf"\b(?P<d1>\d{{1,2}})\.\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})\b"
    rf"|(?:\b(?P<wd2>{_DAY})\s+)?\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})\b"
    r"|\b(?P<d3>\d{1,2})-(?P<m3>\d{1,2})-(?P<y3>\d{4})\b"
    r"|\b(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})\b"
    rf"|\b(?P<m5>{_MONTH})\s+(?P<y5>\d{{4}})\b",
    re.IGNORECASE,
)


def _like(word: str, model: str) -> str:
    """`word` capitalised the way `model` is."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word.capitalize() if model[:1].isupper() else word


def _month_name(month: int, model: str, language: str) -> str:
    """The month's name in the language of `model` ("april": in `language`)."""
    low = model.lower()
    danish = low in DA_MONTHS and (low not in EN_MONTHS or language == "da")
    return _like((DA_MONTHS if danish else EN_MONTHS)[month - 1], model)


def _weekday(day: dt.date, model: str) -> str:
    names = DA_DAYS if model.lower() in DA_DAYS else EN_DAYS
    return _like(names[day.weekday()], model)


def _month_number(name: str) -> int:
    low = name.lower()
    return (DA_MONTHS.index(low) if low in DA_MONTHS else EN_MONTHS.index(low)) + 1


def shift_dates(text: str, delta: dt.timedelta, language: str) -> str:
    """Every date in `text` moved by `delta`, written the way it was, weekdays recomputed.

    "15-08-2022", "2023-03-07", "Mandag d. 15. august 2022", "Tuesday 14 March 2023",
    "den 12. september 2022"; a bare "september 2022" moves with its mid-month day.
    `language` ("da" or "en") names the months both languages spell alike.
    """

    def replace(match: re.Match[str]) -> str:
        g = match.groupdict()
        if g["d1"]:
            new = dt.date(int(g["y1"]), _month_number(g["m1"]), int(g["d1"])) + delta
            out = f"{new.day}. {_month_name(new.month, g['m1'], language)} {new.year}"
            if g["wd1"]:
                out = f"{_weekday(new, g['wd1'])} {g['den'] or ''}{out}"
            return out
        if g["d2"]:
            new = dt.date(int(g["y2"]), _month_number(g["m2"]), int(g["d2"])) + delta
            out = f"{new.day} {_month_name(new.month, g['m2'], language)} {new.year}"
            return f"{_weekday(new, g['wd2'])} {out}" if g["wd2"] else out
        if g["d3"]:
            new = dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"])) + delta
            return f"{new.day:02d}-{new.month:02d}-{new.year}"
        if g["d4"]:
            new = dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"])) + delta
            return new.isoformat()
        new = dt.date(int(g["y5"]), _month_number(g["m5"]), 15) + delta
        return f"{_month_name(new.month, g['m5'], language)} {new.year}"

    return _DATE_RE.sub(replace, text)


# --- templates --------------------------------------------------------------------------

@dataclass
class Item:
    """One agenda item of a template: its title and the lines (or HTML) under the heading."""

    title: str
    body: str
    closed: bool


@dataclass
class Variant:
    """One generated meeting: its text (or HTML page) and what its import must give."""

    content: str
    is_html: bool
    body: str
    date: dt.date
    items: int
    header: str  # for the PDF page header


def _pick_items(
    items: list[Item], rng: random.Random, suffixes: list[str], keep_first: int, keep_last: int
) -> list[Item]:
    """Shuffle the middle items, drop up to a third of them, vary some titles."""
    head, middle, tail = items[:keep_first], items[keep_first : len(items) - keep_last], items[
        len(items) - keep_last :
    ]
    rng.shuffle(middle)
    drop = rng.randint(0, len(middle) // 3)
    middle = middle[: len(middle) - drop]
    picked = []
    for item in head + middle + tail:
        title = item.title
        if not item.closed and rng.random() < 0.25:
            title += rng.choice(suffixes)
        picked.append(Item(title, item.body, item.closed))
    return picked


class Template:
    """A fixture taken apart into header and items, able to write variants of itself."""

    name: str
    base_date: dt.date
    bodies: list[str]

    def variant(self, rng: random.Random, date: dt.date) -> Variant:
        raise NotImplementedError


class PunktTemplate(Template):
    """Direktionen: "REFERAT <body> d. <date>", TOC with dots, "Punkt N: Title"."""

    name = "punkt"
    base_date = dt.date(2022, 8, 15)
    bodies = DANISH_BODIES

    def __init__(self) -> None:
        text = (FIXTURES / "000_72469736df97498c.txt").read_text(encoding="utf-8")
        toc = text.index("\nIndholdsfortegnelse\n")
        first = text.index("\nPunkt 1: ")
        self.header = text[: toc + 1]
        parts = re.split(r"^Punkt \d+: (.*)$", text[first + 1 :], flags=re.MULTILINE)
        self.items = [
            Item(title, body.rstrip("\n") + "\n\n", title.strip() == "Lukket")
            for title, body in zip(parts[1::2], parts[2::2])
        ]

    def variant(self, rng: random.Random, date: dt.date) -> Variant:
        body = rng.choice(self.bodies)
        items = _pick_items(self.items, rng, DANISH_TITLE_SUFFIXES, 1, 0)
        toc, page = [], 3
        for item in items:
            toc.append(f"{item.title}.....\t{page}")
            page += rng.randint(1, 2)
        text = (
            self.header.replace("REFERAT Direktionen d.", f"REFERAT {body} d.")
            + "Indholdsfortegnelse\n\n"
            + "\n".join(toc)
            + "\n\n"
            + "".join(f"Punkt {n}: {item.title}{item.body}" for n, item in enumerate(items, 1))
        )
        text = text.replace("Beslutning Direktionen den", f"Beslutning {body} den")
        text = shift_dates(text, date - self.base_date, "da")
        return Variant(text, False, body, date, len(items), f"Referat - {body} {date:%d-%m-%Y}")


class CommitteeTemplate(Template):
    """Udvalget for Teknik og Miljø: labelled header, "Indhold", "N. Title", "Sagsnr.:"."""

    name = "committee"
    base_date = dt.date(2023, 3, 7)
    bodies = DANISH_BODIES
    own_body = "Udvalget for Teknik og Miljø"

    def __init__(self) -> None:
        text = (FIXTURES / "teknik-miljoe-2023-03-07.txt").read_text(encoding="utf-8")
        toc = text.index("\nIndhold\n")
        entries = text[toc:].split("\n\n")[1]  # the lines under "Indhold"
        titles = [re.sub(r"^\d+\. ", "", line) for line in entries.split("\n")]
        # Each item heading is the TOC's line again, after two blank lines.
        rest = text[toc:].split("\n\n\n", 1)[1]
        headings = [rest.index(f"{n}. {title}\n") for n, title in enumerate(titles, 1)]
        ends = headings[1:] + [len(rest)]
        self.header = text[: toc + 1]
        self.items = [
            Item(
                title,
                rest[start + len(f"{n}. {title}") : end].rstrip("\n") + "\n\n\n",
                title.startswith("Lukket"),
            )
            for n, (title, start, end) in enumerate(zip(titles, headings, ends), 1)
        ]

    def variant(self, rng: random.Random, date: dt.date) -> Variant:
        body = rng.choice(self.bodies)
        items = _pick_items(self.items, rng, DANISH_TITLE_SUFFIXES, 1, 1)
        text = (
            self.header
            + "Indhold\n\n"
            + "\n".join(f"{n}. {item.title}" for n, item in enumerate(items, 1))
            + "\n\n\n"
            + "".join(f"{n}. {item.title}{item.body}" for n, item in enumerate(items, 1))
        )
        text = shift_dates(text.replace(self.own_body, body), date - self.base_date, "da")
        return Variant(text, False, body, date, len(items), f"Referat - {body} {date:%d-%m-%Y}")


class ParishTemplate(Template):
    """An English parish council: "23/031 Title" minute references, RESOLVED, ACTION."""

    name = "parish"
    base_date = dt.date(2023, 3, 14)
    bodies = [f"{name} Parish Council" for name in PARISHES]

    def __init__(self) -> None:
        text = (FIXTURES / "parish-council-2023-03-14.txt").read_text(encoding="utf-8")
        first = re.search(r"^\d\d/\d{3} ", text, flags=re.MULTILINE)
        assert first is not None
        self.header = text[: first.start()]
        parts = re.split(r"^\d\d/\d{3} (.*)$", text[first.start() :], flags=re.MULTILINE)
        self.items = [
            Item(title, body.rstrip("\n") + "\n\n", False)
            for title, body in zip(parts[1::2], parts[2::2])
        ]

    def variant(self, rng: random.Random, date: dt.date) -> Variant:
        body = rng.choice(self.bodies)
        items = _pick_items(self.items, rng, ENGLISH_TITLE_SUFFIXES, 3, 1)
        start = rng.randint(1, 150)
        text = self.header.replace("LITTLE ASHBY PARISH COUNCIL", body.upper()) + "".join(
            f"{date:%y}/{start + n:03d} {item.title}{item.body}" for n, item in enumerate(items)
        )
        text = shift_dates(text, date - self.base_date, "en")
        # A running header without the date ("X Parish Council - Minutes") is read as the
        # body on one-page PDFs, where it cannot be told from the title, and loses to the
        # "held" sentence's "the Parish Council"; with the date it is a header like
        # the Danish ones.
        month = EN_MONTHS[date.month - 1].capitalize()
        header = f"{body} - Minutes {date.day} {month} {date.year}"
        return Variant(text, False, body, date, len(items), header)


class WebTemplate(Template):
    """Byrådet's web page: header table, linked TOC, one <div> per item with the
    decisions of several bodies."""

    name = "web"
    base_date = dt.date(2023, 11, 28)
    # Bodies that decide items on this page before the council cannot be the meeting's.
    bodies = [b for b in DANISH_BODIES if b not in ("Økonomiudvalget", "Børne- og Skoleudvalget")]

    def __init__(self) -> None:
        page = (FIXTURES / "byraadet-2023-11-28.html").read_text(encoding="utf-8")
        toc = page.index('<ol class="toc">')
        first = page.index('<div class="agenda-item')
        end = page.index("</body>")
        self.header, self.footer = page[:toc], page[end:]
        self.items = []
        for block in re.findall(r'<div class="agenda-item.*?</div>\n', page[first:end], re.S):
            match = re.search(r"<h3>\d+\. (.*?)</h3>", block)
            assert match is not None
            title = html.unescape(match.group(1))
            self.items.append(Item(title, block, "closed" in block.split(">", 1)[0]))

    def variant(self, rng: random.Random, date: dt.date) -> Variant:
        body = rng.choice(self.bodies)
        items = _pick_items(self.items, rng, DANISH_TITLE_SUFFIXES, 2, 0)
        start = rng.randint(1, 250)
        toc = ['<ol class="toc">']
        blocks = []
        for number, item in enumerate(items, start):
            title = html.escape(item.title, quote=False)
            toc.append(f'  <li><a href="#p{number}">{number}. {title}</a></li>')
            block = re.sub(r'id="p\d+"', f'id="p{number}"', item.body, count=1)
            blocks.append(re.sub(r"<h3>.*?</h3>", f"<h3>{number}. {title}</h3>", block, count=1))
        toc.append("</ol>\n")
        page = self.header + "\n".join(toc) + "\n" + "\n".join(blocks) + self.footer
        name = html.escape(body, quote=False)
        for old, new in (
            ("<title>Byrådet -", f"<title>{name} -"),
            ("<td>Byrådet</td>", f"<td>{name}</td>"),
            ("Beslutning i Byrådet den", f"Beslutning i {name} den"),
        ):
            page = page.replace(old, new)
        page = shift_dates(page, date - self.base_date, "da")
        return Variant(page, True, body, date, len(items), f"Referat - {body} {date:%d-%m-%Y}")


# --- writing the archive ----------------------------------------------------------------

def text_to_docx(text: str, path: Path, header: str) -> Path:
    """Like tests.formats.text_to_docx, but with this meeting's own page header."""
    document = DocxDocument()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "Side 1 af 1"
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _formats(count: int, rng: random.Random) -> list[str]:
    """`count` format names in FORMAT_MIX proportions, shuffled."""
    formats: list[str] = []
    for name, share in list(FORMAT_MIX.items())[1:]:
        formats += [name] * round(count * share)
    formats += ["txt"] * (count - len(formats))
    rng.shuffle(formats)
    return formats


@dataclass(frozen=True)
class Expected:
    body: str
    date: dt.date
    items: int


def build_archive(directory: Path, count: int, seed: int) -> dict[Path, Expected]:
    """Write `count` distinct minutes documents into `directory`; what each must import as."""
    rng = random.Random(seed)
    templates: list[Template] = [
        PunktTemplate(), CommitteeTemplate(), ParishTemplate(), WebTemplate()
    ]  # fmt: skip
    # Every document gets a meeting date - a weekday - no other document has.
    first = dt.date(2010, 1, 4)
    days = (first + dt.timedelta(days=d) for d in range(max(3 * count, 4000)))
    dates = rng.sample([day for day in days if day.weekday() < 5], count)
    # Each format cycles through the templates; half the .html documents are the
    # council's web page (the others are text pages, as some systems publish).
    web = templates[3]
    cycles: dict[str, list[Template]] = defaultdict(lambda: templates)
    cycles["html"] = [web, templates[0], web, templates[1], web, templates[2]]
    used: Counter[str] = Counter()
    expected: dict[Path, Expected] = {}
    for index, (fmt, date) in enumerate(zip(_formats(count, rng), dates)):
        cycle = cycles[fmt]
        template = cycle[used[fmt] % len(cycle)]
        used[fmt] += 1
        variant = template.variant(rng, date)
        path = directory / f"{index:05d}_{template.name}_{date.isoformat()}.{fmt}"
        text = variant.content
        if variant.is_html and fmt != "html":
            text = read_bytes(text.encode("utf-8"), "page.html").text  # the page's text
        if fmt == "html" and variant.is_html:
            path.write_text(variant.content, encoding="utf-8")
        elif fmt == "html":
            text_to_html(text, path)
        elif fmt == "txt":
            path.write_text(text, encoding="utf-8")
        elif fmt == "docx":
            text_to_docx(text, path, variant.header)
        else:
            text_to_pdf(text, path, header=variant.header)
        expected[path] = Expected(variant.body, variant.date, variant.items)
    return expected
