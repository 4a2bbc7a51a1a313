"""Messages more than one screen listens for: past-tense facts."""

from __future__ import annotations

from textual.message import Message


class ActionsChanged(Message):
    """Actions were written (accepted, assigned, done, imported, ...): lists reload."""

    def __init__(self, action_ids: tuple[int, ...] = ()) -> None:
        super().__init__()
        self.action_ids = action_ids
