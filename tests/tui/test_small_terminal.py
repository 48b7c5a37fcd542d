"""A terminal below 60×20 gets a clear message instead of a broken layout; growing it resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

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


async def test_at_60_by_20_the_scrollbar_leaves_the_help_text_alone(copy_example) -> None:
    """The help note shown beside the question (ctrl+t) scrolls at 60×20: a column of space
    stays between its text and its scrollbar."""
    from textual.widgets import Static

    from partways.tui.widgets.why import WhyPanel

    case = copy_example("scope-creep")
    text = case.read_text(encoding="utf-8").replace("  payment_chasing: never\n", "")
    case.write_text(text, encoding="utf-8")
    app = PartwaysApp(case, lang="fr")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "payment_chasing"
        await pilot.press("ctrl+t")  # below 70 columns the panel starts hidden
        await pilot.pause()
        why = app.screen.query_one(WhyPanel)
        assert why.display and why.show_vertical_scrollbar  # the note is longer than the panel
        body = why.query_one("#why-body", Static)
        assert body.content_region.right < why.vertical_scrollbar.region.x


@pytest.mark.parametrize(
    ("size", "question"), [((80, 24), " 6. Do the client"), ((60, 20), " 1. Does the client")]
)
async def test_a_wrapped_question_in_the_review_keeps_its_indent(
    copy_example, size, question
) -> None:
    """`6. Do the client's requests … or` / `ethics?`: the wrapped line starts under the
    question's first word, not under its number."""
    from textual.widgets import OptionList

    from partways.tui.screens.review import ReviewScreen

    app = PartwaysApp(copy_example("steady-client"), lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        answers = app.screen.query_one("#answers", OptionList)
        lines = [answers.render_line(y).text for y in range(answers.size.height)]
        first = next(i for i, line in enumerate(lines) if question in line)
        start = lines[first].index(question) + 4
        wrapped = lines[first + 1]
        assert wrapped[:start].strip() == "" and wrapped[start] != " ", lines
