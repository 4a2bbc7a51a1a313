"""The report screen: the same report as `tracker report`, previewed, then written to a file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from textual.widgets import Input, Markdown

from tests.tui_support import SEED, make_context, settle
from tracker.tui.app import TrackerApp
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.screens.report import ReportScreen


async def test_preview_then_write_markdown_and_html(engine: Engine, tmp_path: Path) -> None:
    context = make_context(engine, SEED)
    app = TrackerApp(context, language="da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        preview = app.screen.query_one(Markdown).source
        assert "Opfølgning på beslutninger" in preview
        assert "Direktionen" in preview and "Send programmet ud til Byrådet" in preview

        for name in ("rapport.md", "rapport.html"):
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            app.screen.query_one(Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(pilot)
        assert (tmp_path / "rapport.md").read_text(encoding="utf-8").strip() == preview.strip()
        page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "Send programmet ud til Byrådet" in page


async def test_an_empty_database_says_what_to_do(engine: Engine) -> None:
    app = TrackerApp(make_context(engine), language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "import minutes first" in app.screen.query_one(Markdown).source
