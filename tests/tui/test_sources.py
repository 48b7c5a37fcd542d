"""The wizard names sources by title (never by file name) and keeps them inside an 80×24 screen."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from partways.tui.app import PartwaysApp
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.verdict import VerdictScreen
from partways.tui.widgets.reasons import ReasonList

from .conftest import details_case

SIZE = (80, 24)
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _visible_lines(widget) -> list[str]:
    """What the widget draws, line by line, at its laid-out width."""
    return [strip.text for strip in widget.render_lines(widget.content_region.reset_offset)]


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_verdict_screen_cites_titles(copy_example, lang) -> None:
    app = PartwaysApp(copy_example("scope-creep"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        reasons = app.screen.query_one(ReasonList)
        text = str(reasons.content)
        assert not FILE_NAME.search(text), text
        label = "Sources\u00a0:" if lang == "fr" else "Sources:"
        assert (
            f"{label}\n• Devriez-vous abandonner ce client cauchemardesque ? (Jamie Johnson)"
            in text
        )
        assert "• Rupture Client : Raisons et Étapes" in text
        # the long title of article 000 is cut before its subtitle, not left to fill the screen
        assert "• Décider d’arrêter une collaboration avec un client\n" in text
        assert "savoir dire non" not in text
        width = reasons.content_region.width
        assert 0 < width <= SIZE[0]
        lines = _visible_lines(reasons)
        assert any("Jamie Johnson" in line for line in lines)
        assert all(len(line.rstrip()) <= width for line in lines)
        # only a reason's number starts at the left: every other line, wrapped or not, is
        # indented under the reason's text
        assert all(line.startswith("    ") or line[:4].strip().endswith(".") for line in lines)


async def test_question_panel_cites_titles(tmp_path) -> None:
    app = PartwaysApp(details_case(tmp_path, lang="fr"), lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "more_without_budget"
        text = str(app.screen.query_one("#why-body", Static).render())
        assert not FILE_NAME.search(text), text
        assert (
            "Sources\u00a0:\n• Devriez-vous abandonner ce client cauchemardesque ? (Jamie Johnson)"
            in (text)
        )
