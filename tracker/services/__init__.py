"""Use cases that change the store.

A use case over one thing takes the caller's session and does its whole job
inside the caller's transaction (`tracker.db.session_scope`); a batch takes
the engine and gives each thing a transaction of its own.

Services know nothing of the CLI or the TUI and return frozen results, not
rows. The row lookups they need in order to change rows live beside the
change; read-only questions for screens and commands live in `tracker.queries`.
"""

from tracker.services.actions import (
    ALLOWED_FROM,
    ActionChange,
    accept,
    add_action,
    add_note,
    assign,
    done,
    edit_title,
    hold,
    merge_actions,
    reactivate,
    reject,
    set_due,
    split_action,
)
from tracker.services.imports import ImportOutcome, ImportResult, import_files, import_minutes

__all__ = [
    "ALLOWED_FROM",
    "ActionChange",
    "ImportOutcome",
    "ImportResult",
    "accept",
    "add_action",
    "add_note",
    "assign",
    "done",
    "edit_title",
    "hold",
    "import_files",
    "import_minutes",
    "merge_actions",
    "reactivate",
    "reject",
    "set_due",
    "split_action",
]
