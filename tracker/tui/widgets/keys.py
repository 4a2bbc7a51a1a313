"""Footer key descriptions in the UI language.

`BINDINGS` are class attributes, built when a module is imported, but the UI
language is chosen when the App starts. So screens and widgets write i18n
keys as binding descriptions and translate their own copy of the bindings
when an instance is built, keeping each binding's id for keymaps.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from tracker.tui.i18n import t


def translate_bindings(node: DOMNode) -> None:
    """Replace `node`'s binding descriptions (i18n keys) with their text.

    Descriptions that are not keys (Textual's own, hidden ones) come back
    unchanged, since `t` returns an unknown key as it is.
    """
    node._bindings = BindingsMap.from_keys(
        {
            key: [replace(binding, description=t(binding.description)) for binding in bindings]
            for key, bindings in node._bindings.key_to_bindings.items()
        }
    )
