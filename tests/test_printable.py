"""Text shown on a terminal: controls escaped, everything else as written."""

from __future__ import annotations

import pytest

from tracker.printable import block, one_line


@pytest.mark.parametrize(
    ("text", "line", "cell"),
    [
        ("Økonomi [/bold] :smile:", "Økonomi [/bold] :smile:", "Økonomi [/bold] :smile:"),
        ("a\nb\tc", "a\\nb\\tc", "a\nb\tc"),
        ("rød\x1b[31m", "rød\\x1b[31m", "rød\\x1b[31m"),
        ("bell\x07 cr\r del\x7f nel\x85", "bell\\x07 cr\\r del\\x7f nel\\x85",
         "bell\\x07 cr\\r del\\x7f nel\\x85"),
        ("exe.\u202etxt \u2066x\u2069", "exe.\\u202etxt \\u2066x\\u2069",
         "exe.\\u202etxt \\u2066x\\u2069"),
        ("line\u2028sep", "line\\u2028sep", "line\\u2028sep"),
    ],
)  # fmt: skip
def test_controls_are_escaped_and_the_rest_kept(text: str, line: str, cell: str) -> None:
    assert (one_line(text), block(text)) == (line, cell)
