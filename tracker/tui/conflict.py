"""What the app says when someone else changed an action first.

A change made from a screen names the version of the action the screen
showed; when another person changed it since, the service refuses it with
a `ConflictError`, and the screen shows this text and reloads, so the user
sees the other person's change before deciding again.
"""

from __future__ import annotations

from tracker.errors import ConflictError
from tracker.tui.i18n import register, t
from tracker.tui.widgets.action_labels import event_change

register(
    {
        "conflict.changed": {
            "da": "Nogen har ændret handling {id}, mens du så på den, så din ændring er "
            "ikke gemt. Skærmen viser nu deres ændring: {changes}",
            "en": "Someone changed action {id} while you were looking at it, so your change "
            "was not saved. The screen now shows their change: {changes}",
        },
    }
)


def conflict_text(error: ConflictError) -> str:
    """The conflict in the UI language, each other change as the history screen words it."""
    changes = "; ".join(f"{change.user}: {event_change(change)}" for change in error.changes)
    return t("conflict.changed", id=error.action_id, changes=changes or "-")
