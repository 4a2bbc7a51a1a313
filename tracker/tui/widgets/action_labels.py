"""An action's statuses, kinds, dates and history in the UI language.

The store keeps statuses, kinds and event fields as English identifiers;
every screen that shows them to people goes through these functions, so
"on_hold" reads "i bero" in Danish everywhere and a history line reads the
same on the review and the detail screen.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tracker.history import HAPPENINGS, Change
from tracker.queries import EventRow
from tracker.tui.i18n import register, t

# Event times are shown on the municipality's clock, wherever the app runs.
TIME_ZONE = ZoneInfo("Europe/Copenhagen")

register(
    {
        "action.status.proposed": {"da": "foreslået", "en": "proposed"},
        "action.status.open": {"da": "åben", "en": "open"},
        "action.status.on_hold": {"da": "i bero", "en": "on hold"},
        "action.status.done": {"da": "udført", "en": "done"},
        "action.status.rejected": {"da": "afvist", "en": "rejected"},
        "action.status.overdue": {"da": "overskredet", "en": "overdue"},
        "action.kind.task": {"da": "opgave", "en": "task"},
        "action.kind.investigate": {"da": "undersøgelse", "en": "investigation"},
        "action.kind.report_back": {"da": "tilbagemelding", "en": "report back"},
        "action.kind.communicate": {"da": "kommunikation", "en": "communication"},
        "action.kind.on_hold": {"da": "i bero", "en": "on hold"},
        "action.field.created": {"da": "Oprettet", "en": "Created"},
        "action.field.note": {"da": "Note", "en": "Note"},
        "action.field.status": {"da": "Status", "en": "Status"},
        "action.field.title": {"da": "Titel", "en": "Title"},
        "action.field.owner": {"da": "Ejer", "en": "Owner"},
        "action.field.co_owners": {"da": "Medejere", "en": "Co-owners"},
        "action.field.due": {"da": "Frist", "en": "Due"},
        "action.field.due_text": {"da": "Fristtekst", "en": "Due phrase"},
        "action.field.kind": {"da": "Type", "en": "Kind"},
        "action.field.condition": {"da": "Betingelse", "en": "Condition"},
        "action.field.review": {"da": "Genbesøg", "en": "Review"},
        "action.field.source": {"da": "Kilde", "en": "Source"},
        "action.field.split_from": {"da": "Delt fra", "en": "Split from"},
        "action.field.split_into": {"da": "Delt i", "en": "Split into"},
        "action.field.merged_from": {"da": "Slået sammen med", "en": "Merged with"},
        "action.field.revised": {
            "da": "Rettet efter nyt referat",
            "en": "Revised from new minutes",
        },
        "action.field.source_lost": {
            "da": "Sætningen mangler i nyt referat",
            "en": "Sentence gone from new minutes",
        },
        "action.field.source_found": {
            "da": "Sætningen er tilbage i referat",
            "en": "Sentence back in minutes",
        },
        "action.source_lost": {
            "da": "⚠ Sætningen, handlingen kom fra, står ikke længere i referatet ({when})",
            "en": "⚠ The sentence this action came from is no longer in the minutes ({when})",
        },
        "action.none": {"da": "(ingen)", "en": "(none)"},
        "action.weekday": {
            "da": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
            "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        },
    }
)

_STATUS_ICONS = {"proposed": "•", "open": "○", "on_hold": "‖", "done": "✓", "rejected": "✗"}


def status_label(status: str, *, overdue: bool = False) -> str:
    """A status in words; an overdue open action is "overdue" in lists."""
    return t("action.status.overdue" if overdue else f"action.status.{status}")


def status_icon(status: str) -> str:
    """One character per status, for lists too narrow for the word."""
    return _STATUS_ICONS.get(status, "?")


def kind_label(kind: str) -> str:
    return t(f"action.kind.{kind}")


def day_label(day: dt.date) -> str:
    """An ISO date with its weekday: the weekday is what people check a deadline by."""
    weekday = t("action.weekday").split()[day.weekday()]
    return f"{day.isoformat()} ({weekday})"


def due_label(due: dt.date | None, due_text: str | None) -> str:
    """The due date beside the phrase it was read from ("2022-08-22 «snarest»"),
    or the phrase alone for work without a date ("«løbende»"); a phrase that
    only writes the date out is not repeated."""
    phrase = f"«{due_text}»" if due_text else ""
    if due is None:
        return phrase
    if due_text in (due.isoformat(), due.strftime("%d-%m-%Y")):
        return due.isoformat()
    return f"{due.isoformat()} {phrase}".rstrip()


def event_time(at: dt.datetime) -> str:
    return at.astimezone(TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def event_change(event: EventRow | Change) -> str:
    """What an event changed, in words: "Status: foreslået → åben", "Note: ..."."""
    label = t(f"action.field.{event.field}")
    old, new = _value(event.field, event.old), _value(event.field, event.new)
    if event.field in HAPPENINGS:
        return f"{label}: {new}"
    return f"{label}: {old} → {new}"


def _value(field: str, value: str | None) -> str:
    if value is None:
        return t("action.none")
    if field == "status":
        return status_label(value)
    if field == "kind":
        return kind_label(value)
    return " ".join(value.split())
