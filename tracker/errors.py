"""Errors the user can act on.

Every error the tool raises on purpose is a `TrackerError`; the CLI prints its
one-line message and exits non-zero, and anything else is a bug.
"""

from __future__ import annotations


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
