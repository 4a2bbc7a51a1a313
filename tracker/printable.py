"""Text from users and documents made safe to show on a terminal.

File names, owners and titles can hold control characters: a newline in a
file name splits a one-line error in two, and an escape sequence recolours
or retitles the user's terminal. What is shown is escaped as Python writes
it in a string literal ("\\n", "\\x1b", "\\u202e"); what is stored is never
changed.
"""

from __future__ import annotations

import re

# DEL, the C1 controls, the line and paragraph separators, and the bidi
# controls that can make a name read backwards ("trojan source"); with the
# C0 controls, in full or all but tab and newline.
_UNSAFE = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_RE = re.compile(f"[\x00-\x1f{_UNSAFE}]")
_UNSAFE_IN_BLOCK_RE = re.compile(f"[\x00-\x08\x0b-\x1f{_UNSAFE}]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """`text` with every control character escaped, newlines and tabs too: for
    a message that must stay one line."""
    return _UNSAFE_RE.sub(_escaped, text)


def block(text: str) -> str:
    """`text` with control characters escaped except newlines and tabs: for
    table cells and paragraphs that may span lines."""
    return _UNSAFE_IN_BLOCK_RE.sub(_escaped, text)
