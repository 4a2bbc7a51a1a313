"""Choosing minutes files: a directory tree that marks files, and typed paths or globs.

The tree shows folders and the formats the importer reads (the suffixes come
from `tracker.ingest.sniff`, so a new format shows up here by itself). Marks
live in the tree, in the order they were made, so files import in the order
the user chose them; typed paths are marked too, even where the tree has not
been opened, so there is one list of chosen files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DirectoryTree
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode

from tracker import printable
from tracker.ingest.sniff import SUPPORTED_SUFFIXES
from tracker.tui.i18n import register
from tracker.tui.widgets.keys import translate_bindings

register({"importer.key.mark": {"da": "Vælg/fravælg", "en": "Mark/unmark"}})

_GLOB_CHARACTERS = frozenset("*?[")


def is_minutes_file(path: Path) -> bool:
    """Whether `path` has a suffix the importer reads."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def expand_pattern(text: str, base: Path) -> list[Path]:
    """The files a typed path or glob names, relative to `base`.

    A glob ("referater/*.pdf", "~/**/*.docx") and a folder give the minutes
    files they hold, sorted; any other path is taken as it is, so a missing or
    unreadable file reaches the importer and is reported there, plainly.
    """
    text = text.strip()
    if not text:
        return []
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = base / path
    if _GLOB_CHARACTERS & set(text):
        anchor = Path(path.anchor)
        found = anchor.glob(str(path.relative_to(anchor)))
        return sorted(p for p in found if p.is_file() and is_minutes_file(p))
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and is_minutes_file(p))
    return [path]


class MinutesTree(DirectoryTree):
    """Folders and minutes files; space (or Enter) marks a file for import."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "importer.key.mark", id="importer.mark"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"minutes-tree--marked"}

    @dataclass
    class MarksChanged(Message):
        """The chosen files changed; `marked` is all of them, in order."""

        tree: MinutesTree
        marked: tuple[Path, ...]

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self._marked: dict[Path, None] = {}
        translate_bindings(self)

    @property
    def marked(self) -> tuple[Path, ...]:
        """The marked files, in the order they were marked."""
        return tuple(self._marked)

    def mark(self, paths: Iterable[Path]) -> None:
        """Mark `paths` (typed or globbed), keeping earlier marks first."""
        for path in paths:
            self._marked.setdefault(path.absolute(), None)
        self._marks_changed()

    def unmark_all(self) -> None:
        """Forget every mark, after the files were imported."""
        self._marked.clear()
        self._marks_changed()

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Visible folders and minutes files; hidden ones stay hidden."""
        return [
            path
            for path in paths
            if not path.name.startswith(".") and (self._safe_is_dir(path) or is_minutes_file(path))
        ]

    def action_toggle_mark(self) -> None:
        """Space: mark or unmark the file under the cursor; open or close a folder."""
        node = self.cursor_node
        if node is None or node.data is None:
            return
        if node.allow_expand:
            node.toggle()
        else:
            self._toggle(node.data.path)

    def _on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """Enter (or a click) on a file marks it too."""
        event.stop()
        self._toggle(event.path)

    def _toggle(self, path: Path) -> None:
        path = path.absolute()
        if path in self._marked:
            del self._marked[path]
        else:
            self._marked[path] = None
        self._marks_changed()

    def _marks_changed(self) -> None:
        self._invalidate()
        self.post_message(self.MarksChanged(self, self.marked))

    def process_label(self, label: str | Text) -> Text:
        """A file name with its control characters escaped (`tracker.printable`)."""
        return super().process_label(printable.one_line(label) if isinstance(label, str) else label)

    def render_label(self, node: TreeNode[DirEntry], base_style: Style, style: Style) -> Text:
        """The usual label, with a check mark before marked files."""
        label = super().render_label(node, base_style, style)
        if node.data is None or node.allow_expand or not self.is_mounted:
            return label
        if node.data.path.absolute() in self._marked:
            marked = self.get_component_rich_style("minutes-tree--marked", partial=True)
            return Text.assemble(("✓ ", marked), label)
        return Text.assemble("  ", label)
