"""A terminal below 60×20 gets a clear message instead of a broken layout; growing it resumes."""

from __future__ import annotations

from pathlib import Path

from partways.tui.app import PartwaysApp
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.too_small import TooSmallScreen


async def test_tiny_terminal_shows_a_message_then_resumes(copy_example) -> None:
    case = copy_example("scope-creep")
    text = case.read_text(encoding="utf-8").replace("  notice_days: 30\n", "")
    case.write_text(text, encoding="utf-8")
    app = PartwaysApp(case, lang="fr")
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        message = str(app.screen.query_one("#too-small").render())
        assert "Terminal trop petit (50×15)" in message and "60×20" in message
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "notice_days"
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_60_by_20_is_big_enough(tmp_path: Path) -> None:
    app = PartwaysApp(tmp_path / "new.yaml")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)
