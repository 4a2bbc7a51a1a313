"""The import screen: choose files, import them in a worker, report each one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Label, ProgressBar, Static

from tests.tui_support import FIXTURES, SEED, make_context
from tracker import queries
from tracker.tui.context import TuiContext
from tracker.tui.i18n import set_language
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.importer import ImportScreen
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.widgets.file_picker import MinutesTree, expand_pattern

STYLES = Path(__file__).parents[1] / "tracker" / "tui" / "styles" / "importer.tcss"
DOCUMENTS = [
    SEED,
    FIXTURES / "teknik-miljoe-2023-03-07.txt",
    FIXTURES / "parish-council-2023-03-14.txt",
    FIXTURES / "byraadet-2023-11-28.html",
]


class _Host(App[None]):
    """Just enough app to show the import screen; it counts ActionsChanged."""

    CSS_PATH = STYLES

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self.changes = 0

    def on_mount(self) -> None:
        self.push_screen(ImportScreen(self.context))

    def on_actions_changed(self, message: ActionsChanged) -> None:
        self.changes += 1


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.fixture
def minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the four documents and an empty (bad) one, as the
    current directory the file tree starts in."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    for document in DOCUMENTS:
        shutil.copy(document, folder)
    (folder / "empty.txt").write_text("")
    (folder / "notes.csv").write_text("not minutes")
    monkeypatch.chdir(folder)
    return folder


async def test_imports_typed_glob_and_reports_each_file(engine: Engine, minutes: Path) -> None:
    context = make_context(engine)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _import(pilot, "*")

        assert _meeting_count(context) == 4
        failed = [_text(line) for line in screen.query(".outcome.-failed").results(Static)]
        assert len(failed) == 1
        assert failed[0].startswith(f"{minutes / 'empty.txt'}: ")  # as the importer words it
        created = [_text(line) for line in screen.query(".outcome.-created").results(Static)]
        assert len(created) == 4
        assert any(
            line.startswith(
                "000_72469736df97498c.txt  created Direktionen 2022-08-15 11:30 (9 items"
            )
            for line in created
        )
        assert _text(screen.query_one("#import-summary", Static)) == "4 imported, 1 failed"
        progress = screen.query_one(ProgressBar)
        assert progress.total == 5
        assert progress.progress == 5
        assert app.changes == 1
        assert screen.query_one(MinutesTree).marked == ()

        await _import(pilot, "*")
        assert _meeting_count(context) == 4
        assert len(screen.query(".outcome.-unchanged")) == 4
        assert _text(screen.query_one("#import-summary", Static)) == "4 unchanged, 1 failed"
        assert app.changes == 1  # nothing changed, so nothing to reload


async def test_space_marks_files_in_the_tree(engine: Engine, minutes: Path) -> None:
    context = make_context(engine)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        tree = screen.query_one(MinutesTree)
        assert tree.has_focus
        await pilot.pause()
        # The tree lists the folder's minutes files by name: 000_..., byraadet-...,
        # empty.txt, parish-...; notes.csv is not shown.
        assert [str(node.label) for node in tree.root.children] == [
            "000_72469736df97498c.txt",
            "byraadet-2023-11-28.html",
            "empty.txt",
            "parish-council-2023-03-14.txt",
            "teknik-miljoe-2023-03-07.txt",
        ]
        await pilot.press("down", "space", "down", "space", "down", "space", "space")
        assert tree.marked == (
            minutes / "000_72469736df97498c.txt",
            minutes / "byraadet-2023-11-28.html",
        )
        chosen = _text(screen.query_one("#chosen", Static))
        assert chosen == "2 file(s) chosen: 000_72469736df97498c.txt, byraadet-2023-11-28.html"

        await pilot.press("i")
        await _settle(pilot)
        assert _meeting_count(context) == 2
        assert _text(screen.query_one("#import-summary", Static)) == "2 imported"


async def test_danish_keys_and_escape_closes(engine: Engine, minutes: Path) -> None:
    set_language("da")
    app = _Host(make_context(engine))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        descriptions = {
            b.binding.id: b.binding.description for b in screen.active_bindings.values()
        }
        assert descriptions["importer.import"] == "Importér"
        assert descriptions["importer.close"] == "Luk"
        assert descriptions["importer.mark"] == "Vælg/fravælg"
        await pilot.press("ctrl+s")  # nothing chosen: a warning, no import
        await pilot.pause()
        assert not screen.has_class("-started")
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportScreen)


async def test_a_corrected_document_says_what_it_revised_and_flagged(
    engine: Engine, minutes: Path
) -> None:
    context = make_context(engine, SEED)
    text = SEED.read_text(encoding="utf-8")
    corrected = text.replace(" snarest via", " inden 1. september 2022 via")
    corrected = corrected.replace("men at timingen rent politisk skal afklares og ", "")
    assert corrected.count("1. september 2022") == text.count("1. september 2022") + 1
    (minutes / "rettet.txt").write_text(corrected, encoding="utf-8")
    app = _Host(context)
    async with app.run_test(size=(160, 24)) as pilot:
        await _import(pilot, "rettet.txt")
        (line,) = [_text(line) for line in app.screen.query(".outcome.-updated").results(Static)]
        assert "; proposals revised from the new text: 1" in line
        assert "; flagged, as their sentence is gone: 1" in line


def test_expand_pattern(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.PDF", "c.csv", "sub/d.docx"):
        (tmp_path / name).write_text("x")
    assert expand_pattern("*", tmp_path) == [tmp_path / "a.txt", tmp_path / "b.PDF"]
    assert expand_pattern("**/*.docx", tmp_path) == [tmp_path / "sub/d.docx"]
    assert expand_pattern(f"{tmp_path}/*.txt", Path("/")) == [tmp_path / "a.txt"]
    assert expand_pattern("sub", tmp_path) == [tmp_path / "sub/d.docx"]
    # A plain path is passed on even if it is missing: the importer says why it fails.
    assert expand_pattern(" missing.txt ", tmp_path) == [tmp_path / "missing.txt"]
    assert expand_pattern("  ", tmp_path) == []


# --- helpers -------------------------------------------------------------------


async def _import(pilot: Pilot[None], pattern: str) -> None:
    """Type `pattern` in the path field, choose it with Enter, import with ctrl+s."""
    await pilot.click("#pattern")
    await pilot.press(*pattern, "enter", "ctrl+s")
    await _settle(pilot)


async def _settle(pilot: Pilot[None]) -> None:
    """Wait for the import worker and the messages it posted.

    Only the import's workers: the file tree keeps a loader worker running for
    as long as it lives, so waiting for every worker would never return (and
    an empty list means "every worker" to `wait_for_complete`).
    """
    workers = [w for w in pilot.app.workers if w.group == "importer.import"]
    if workers:
        await pilot.app.workers.wait_for_complete(workers)
    await pilot.pause()


def _text(widget: Static) -> str:
    return str(widget.render())


def _meeting_count(context: TuiContext) -> int:
    with Session(context.engine) as session:
        return len(queries.list_meetings(session))


async def test_a_file_without_body_or_date_is_asked_for_and_imported(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text names neither body nor date: the screen asks for each, says
    so when the answer is no date, and imports the file with the answers."""
    (tmp_path / "beslutning.txt").write_text(
        "1. Trafik på skolevejen\nBeslutning\nForvaltningen udarbejder et notat.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    context = make_context(engine)
    app = _Host(context)
    async with app.run_test(size=(100, 24)) as pilot:
        await _import(pilot, "*")
        await _until(pilot, lambda: isinstance(app.screen, TextPrompt))
        question = _text(app.screen.query_one(".prompt-question", Label))
        assert question == "beslutning.txt does not say which body met. Body (Escape skips it):"
        await pilot.press(*"Direktionen", "enter")
        await _until(pilot, lambda: "when the meeting was" in _prompt_text(app))
        await pilot.press(*"i går", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # asked again
        await pilot.press("ctrl+u", *"05-02-2024", "enter")
        await _until(pilot, lambda: _meeting_count(context) == 1)
        await _until(pilot, lambda: not isinstance(app.screen, TextPrompt))
        screen = app.screen
        assert [_text(s) for s in screen.query(".outcome.-created").results(Static)] == [
            "beslutning.txt  created Direktionen 2024-02-05 (1 items, 1 proposed)"
        ]
        assert app.changes == 1


async def test_escape_skips_a_file_that_needs_a_body(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "beslutning.txt").write_text("1. Status\nBeslutning\nGodkendt.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    context = make_context(engine)
    app = _Host(context)
    async with app.run_test(size=(100, 24)) as pilot:
        await _import(pilot, "*")
        await _until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ImportScreen))
        [failed] = app.screen.query(".outcome.-failed").results(Static)
        assert "does not say which body met" in _text(failed)
        assert _meeting_count(context) == 0


def _prompt_text(app: App[None]) -> str:
    if not isinstance(app.screen, TextPrompt):
        return ""
    return _text(app.screen.query_one(".prompt-question", Label))


async def _until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Pause until `condition` holds (a worker that waits for an answer
    never completes, so it cannot be waited for)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen did not get there")
