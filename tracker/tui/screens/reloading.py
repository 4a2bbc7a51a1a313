"""Screens that read their data again whenever actions change.

A read started before a write may finish after a read started after it, so
each read carries a load number and only the newest one is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tracker.errors import ConflictError
from tracker.tui.conflict import conflict_text
from tracker.tui.i18n import t
from tracker.tui.messages import ActionsChanged

if TYPE_CHECKING:
    from textual.worker import Worker


class ReloadingScreen(Screen[Any]):
    """Reloads on resume and on `ActionsChanged`; subclasses implement `_load(load)`
    (a thread worker posting its result with the load number) and check
    `is_newest(load)` before showing what arrived."""

    def __init__(self) -> None:
        super().__init__()
        self._loads = 0

    def on_screen_resume(self) -> None:
        self._reload()

    def on_actions_changed(self, message: ActionsChanged) -> None:
        """Our own writes: reload (the message goes on up to the App)."""
        self._reload()

    def _reload(self) -> None:
        self._loads += 1
        self._load(self._loads)

    def _load(self, load: int) -> Worker[None]:
        """Start the read: a `@work(thread=True)` method, so calling it gives its Worker."""
        raise NotImplementedError

    def is_newest(self, load: int) -> bool:
        return load == self._loads

    def write_failed(self, error: BaseException | None, failed_key: str) -> None:
        """Say why a write failed; after a conflict, show the others' change by reloading."""
        if isinstance(error, ConflictError):
            self.notify(conflict_text(error), severity="warning", timeout=20, markup=False)
            self._reload()
        else:
            self.notify(t(failed_key, error=error), severity="error", markup=False)
