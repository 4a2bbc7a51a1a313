"""Errors the user can act on.

Every error the tool raises on purpose is a `TrackerError`; the CLI prints its
one-line message and exits non-zero, and anything else is a bug.
"""

from __future__ import annotations

from tracker.history import Change


class TrackerError(Exception):
    """An error whose message is one line a user can act on."""


class InputError(TrackerError):
    """A file or value the user gave cannot be used.

    The message always names the offending file or field first, so a run over
    many files says which one failed.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class MissingFactError(InputError):
    """Minutes that do not say which body met ("body") or when ("date"), so
    they cannot be stored until the user says it: with --body and --date on
    the command line, asked for in the app. The message names every fact
    missing, so one correction is enough; the app asks for the first of
    `facts`, then tries again."""

    FLAGS = {"body": "--body NAME", "date": "--date YYYY-MM-DD"}
    WHAT = {"body": "which body met", "date": "the meeting's date"}

    def __init__(self, source: str, facts: tuple[str, ...]) -> None:
        what = " or ".join(self.WHAT[fact] for fact in facts)
        flags = " ".join(self.FLAGS[fact] for fact in facts)
        them = "it" if len(facts) == 1 else "them"
        super().__init__(source, f"the text does not say {what}; give {them} with {flags}")
        self.facts = facts


class ConflictError(TrackerError):
    """Someone changed an action after the caller read it: the change the caller
    made from that stale view was not saved.

    `changes` are the others' changes since, so the caller can see what
    happened before deciding again.
    """

    def __init__(
        self, action_id: int, seen: int, current: int, changes: tuple[Change, ...]
    ) -> None:
        what = "; ".join(map(str, changes)) if changes else "changed"
        super().__init__(
            f"ID {action_id}: changed by someone else since you read it "
            f"(version {seen}, now {current}: {what}); nothing was saved, look again and retry"
        )
        self.action_id = action_id
        self.seen = seen
        self.current = current
        self.changes = changes
