"""The words of an action's history, shared by the store, the CLI and the TUI.

An `ActionEvent` records either a column's change (old and new value) or a
happening that is not a column (its text in `new`); `HAPPENINGS` names the
latter, so every place that shows a history words them alike.
"""

from __future__ import annotations

from typing import NamedTuple

HAPPENINGS = frozenset(
    {
        "created",  # the title it was created with
        "note",  # the note's text
        "split_from", "split_into", "merged_from",  # action numbers
        "revised",  # a re-import changed proposed fields: the document's name
        "source_lost", "source_found",  # a re-import lost or found its sentence: the document
    }
)  # fmt: skip


class Change(NamedTuple):
    """One recorded change as text: who, which field, from what to what."""

    user: str
    field: str
    old: str | None
    new: str | None

    def __str__(self) -> str:
        """As the history reads: "anna: owner HRC -> Økonomi", "bo: note Sendt"."""
        if self.field in HAPPENINGS:
            return f"{self.user}: {self.field} {self.new or ''}".rstrip()
        return f"{self.user}: {self.field} {self.old or '(none)'} -> {self.new or '(none)'}"
