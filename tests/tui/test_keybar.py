"""The key bar replacing Textual's Footer: it must name the keys in the user's language, follow
what the screen allows, and still work with the mouse."""

from __future__ import annotations

from pathlib import Path

from partways.tui.app import PartwaysApp
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.widgets.keybar import KeyBar

from .conftest import details_case

SIZE = (80, 24)


def bar_text(app: PartwaysApp) -> str:
    return app.screen.query_one(KeyBar).render().plain  # type: ignore[union-attr]


async def test_keybar_lists_the_screen_keys_in_the_current_language(tmp_path: Path) -> None:
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for word in ("Next", "Back", "Why", "Review", "Quit", "FR", "Actions"):
            assert word in text, (word, text)
        assert "Don't know" not in text  # the first question is not optional
        assert text.index("Next") < text.index("Quit")  # the screen's keys come first
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = bar_text(app)
        assert "Suivant" in text and "Retour" in text and "Next" not in text


async def test_keybar_click_runs_the_key(tmp_path: Path) -> None:
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        x = 1 + bar_text(app).index("Review")  # the bar has one column of padding
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
