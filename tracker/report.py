"""The follow-up report as text: Markdown, a printable HTML page, or JSON.

Pure functions from the `FollowUpReport` read model to text, so the CLI and
the TUI print the very same report. The labels are a small catalogue of their
own, not the TUI's: this module is domain code and must import without Textual.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from html import escape
from typing import Literal

from tracker.queries.report import SECTIONS, FollowUpReport, OwnerSection, ReportLine

Language = Literal["da", "en"]
ReportFormat = Literal["md", "html", "json"]

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "title": "Opfølgning på beslutninger",
        "meeting": "{body}, møde {date}",
        "previous": "Forrige møde: {date}",
        "no_previous": "Intet tidligere møde registreret",
        "as_of": "Opgjort {date}",
        "overdue": "Overskredet",
        "due": "Forfalder inden mødet",
        "on_hold": "Sat i bero",
        "done": "Udført siden forrige møde",
        "proposed": "Forslag, der ikke er behandlet",
        "no_owner": "Uden ansvarlig",
        "nothing": "Intet at følge op på.",
        "case": "sag",
        "item": "punkt",
        "from": "fra mødet {date}",
        "due_on": "frist {date}",
        "condition": "afventer: {text}",
        "since": "siden {date}",
        "reviewed": "senest behandlet {date}",
        "review": "genoptages {date}",
        "completed": "udført {date}",
        "note": "note: {text}",
        "count": "Antal",
    },
    "en": {
        "title": "Follow-up on decisions",
        "meeting": "{body}, meeting {date}",
        "previous": "Previous meeting: {date}",
        "no_previous": "No earlier meeting recorded",
        "as_of": "As of {date}",
        "overdue": "Overdue",
        "due": "Due before the meeting",
        "on_hold": "On hold",
        "done": "Done since the previous meeting",
        "proposed": "Proposals not yet reviewed",
        "no_owner": "No owner",
        "nothing": "Nothing to follow up.",
        "case": "case",
        "item": "item",
        "from": "from the meeting of {date}",
        "due_on": "due {date}",
        "condition": "waiting for: {text}",
        "since": "since {date}",
        "reviewed": "last reviewed {date}",
        "review": "review {date}",
        "completed": "done {date}",
        "note": "note: {text}",
        "count": "Count",
    },
}

_PRINT_CSS = """
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; margin-top: 1.5rem; }
h3 { font-size: 1rem; margin-bottom: 0.3rem; }
.meta { color: #444; margin: 0.1rem 0; }
table.counts { border-collapse: collapse; margin: 1rem 0; }
table.counts th, table.counts td { border: 1px solid #bbb; padding: 0.2rem 0.6rem; text-align: left; }
ul { margin-top: 0.2rem; }
li { margin-bottom: 0.4rem; }
.where, .facts { color: #444; font-size: 0.9em; display: block; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  li, h3 { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(report: FollowUpReport, format: ReportFormat, language: Language) -> str:
    """The report in `format`, with `language`'s labels."""
    renderers: dict[str, Callable[[FollowUpReport, Language], str]] = {
        "md": to_markdown,
        "html": to_html,
        "json": to_json,
    }
    return renderers[format](report, language)


def to_markdown(report: FollowUpReport, language: Language) -> str:
    """The report as Markdown: a heading per owner, a list per section."""
    label = LABELS[language]
    lines = [f"# {label['title']}", "", *(f"{text}  " for text in _meta(report, language)), ""]
    lines += [f"| {label['title']} | {label['count']} |", "| --- | ---: |"]
    lines += [f"| {label[name]} | {report.counts[name]} |" for name in SECTIONS]
    if not report.owners:
        lines += ["", label["nothing"]]
    for owner in report.owners:
        lines += ["", f"## {_md(owner.owner or label['no_owner'])}"]
        for name, entries in _sections(owner):
            lines += ["", f"### {label[name]}", ""]
            for entry in entries:
                lines.append(f"- **#{entry.id} {_md(entry.title)}**  ")
                lines.append(f"  {_md(_where(entry, language))}")
                facts = _facts(entry, name, language)
                if facts:
                    lines[-1] += "  "
                    lines.append(f"  {_md(facts)}")
    return "\n".join(lines) + "\n"


def to_html(report: FollowUpReport, language: Language) -> str:
    """The report as one self-contained HTML page that prints well: inline
    styles with print rules, no scripts, fonts or images to fetch."""
    label = LABELS[language]
    title = f"{label['title']}: {label['meeting'].format(body=report.body, date=_date(report.for_date, language))}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_PRINT_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(label['title'])}</h1>",
        *(f'<p class="meta">{escape(text)}</p>' for text in _meta(report, language)),
        '<table class="counts">',
        f"<tr><th>{escape(label['title'])}</th><th>{escape(label['count'])}</th></tr>",
        *(
            f'<tr data-section="{name}"><td>{escape(label[name])}</td>'
            f"<td>{report.counts[name]}</td></tr>"
            for name in SECTIONS
        ),
        "</table>",
    ]
    if not report.owners:
        parts.append(f"<p>{escape(label['nothing'])}</p>")
    for owner in report.owners:
        parts.append(f'<section class="owner"><h2>{escape(owner.owner or label["no_owner"])}</h2>')
        for name, entries in _sections(owner):
            parts.append(f'<section data-section="{name}"><h3>{escape(label[name])}</h3><ul>')
            for entry in entries:
                facts = _facts(entry, name, language)
                parts.append(
                    f'<li data-id="{entry.id}"><strong>#{entry.id} {escape(entry.title)}</strong>'
                    f'<span class="where">{escape(_where(entry, language))}</span>'
                    + (f'<span class="facts">{escape(facts)}</span>' if facts else "")
                    + "</li>"
                )
            parts.append("</ul></section>")
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def to_json(report: FollowUpReport, language: Language) -> str:
    """The report's data for scripts, with the section labels of `language`
    so a script can print headings the way the other formats do."""
    data = report.to_dict()
    data["language"] = language
    data["labels"] = {name: LABELS[language][name] for name in ("title", *SECTIONS)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _meta(report: FollowUpReport, language: Language) -> list[str]:
    """The lines under the title: which meeting, the previous one, as of when."""
    label = LABELS[language]
    previous = (
        label["previous"].format(date=_date(report.previous_meeting, language))
        if report.previous_meeting
        else label["no_previous"]
    )
    return [
        label["meeting"].format(body=report.body, date=_date(report.for_date, language)),
        previous,
        label["as_of"].format(date=_date(report.today, language)),
    ]


def _sections(owner: OwnerSection) -> list[tuple[str, tuple[ReportLine, ...]]]:
    """The owner's non-empty sections, in report order."""
    return [(name, getattr(owner, name)) for name in SECTIONS if getattr(owner, name)]


def _where(entry: ReportLine, language: Language) -> str:
    """Where the action was decided: meeting date, item number and title, case."""
    label = LABELS[language]
    parts = [
        label["from"].format(date=_date(entry.meeting_date, language)),
        f"{label['item']} {entry.item_number}: {entry.item_title}",
    ]
    if entry.case_number:
        parts.append(f"{label['case']} {entry.case_number}")
    return ", ".join(parts)


def _facts(entry: ReportLine, section: str, language: Language) -> str:
    """What the meeting needs to know about the action in this section."""
    label = LABELS[language]

    def day(value: dt.date | None) -> str:
        return _date(value, language) if value else "?"

    parts: list[str] = []
    if section in ("overdue", "due", "proposed") and (entry.due or entry.due_text):
        when = day(entry.due) if entry.due else ""
        phrase = f" ({entry.due_text})" if entry.due_text and entry.due else entry.due_text or ""
        parts.append(label["due_on"].format(date=f"{when}{phrase}".strip()))
    if section == "on_hold":
        if entry.condition:
            parts.append(label["condition"].format(text=entry.condition))
        parts.append(label["since"].format(date=day(entry.held_since)))
        parts.append(label["reviewed"].format(date=day(entry.last_reviewed)))
        if entry.review:
            parts.append(label["review"].format(date=day(entry.review)))
    if section == "done":
        parts.append(label["completed"].format(date=day(entry.completed_on)))
        if entry.completion_note:
            parts.append(label["note"].format(text=entry.completion_note))
    return "; ".join(parts)


def _date(value: dt.date | None, language: Language) -> str:
    """Danish dates as the minutes write them (15-08-2022), English ones as ISO."""
    if value is None:
        return ""
    return value.strftime("%d-%m-%Y") if language == "da" else value.isoformat()


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped,
    and line breaks become spaces so a note cannot break the list."""
    flat = " ".join(text.split())
    return "".join(f"\\{char}" if char in "\\`*_[]<>#|" else char for char in flat)
