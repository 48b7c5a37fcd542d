"""A screen asking for a screen that does not exist is a mistake in the code: it is refused at
once, never shown as the start screen."""

from __future__ import annotations

import pytest

from partways.tui.app import PartwaysApp
from partways.tui.requests import NAV_TARGETS, Navigate
from partways.tui.workshop_app import WorkshopApp


def test_an_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown screen 'nowhere'"):
        Navigate("nowhere")  # type: ignore[arg-type]  # the mistake mypy also reports


def test_every_target_is_a_message() -> None:
    assert [Navigate(t).target for t in NAV_TARGETS] == list(NAV_TARGETS)


@pytest.mark.parametrize("target", ["narrative", "debrief"])
def test_workshop_screens_are_not_in_the_wizard(target) -> None:
    with pytest.raises(ValueError, match=f"no '{target}' screen in the wizard"):
        PartwaysApp(None)._make(target)
    assert type(WorkshopApp(None)._make(target)).__name__.lower().startswith(target)


def _stack(app: PartwaysApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


async def test_the_first_question_is_the_bottom_screen_and_going_back_to_it_pops(
    copy_example,
) -> None:
    """No blank screen under the first one (it cost a style pass, a layout and a switch at
    start); Textual cannot switch the bottom screen away, so the others replace each other
    above it and the question screen is found again below them."""
    case = copy_example("scope-creep")
    case.write_text(case.read_text(encoding="utf-8").replace("  notice_days: 30\n", ""))
    app = PartwaysApp(case, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _stack(app) == ["QuestionScreen"] and app.screen.qid == "notice_days"
        first = app.screen
        app.navigate(Navigate("review"))
        await pilot.pause()
        assert _stack(app) == ["QuestionScreen", "ReviewScreen"]
        app.navigate(Navigate("verdict"))
        await pilot.pause()
        assert _stack(app) == ["QuestionScreen", "VerdictScreen"]
        app.navigate(Navigate("question", "monthly_fee"))
        await pilot.pause()
        assert _stack(app) == ["QuestionScreen"] and app.screen is first
        assert first.qid == "monthly_fee"


async def test_a_complete_case_starts_at_its_review_and_its_questions_go_above_it(
    copy_example,
) -> None:
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _stack(app) == ["ReviewScreen"]
        app.navigate(Navigate("question", "monthly_fee"))
        await pilot.pause()
        assert _stack(app) == ["ReviewScreen", "QuestionScreen"]
        app.navigate(Navigate("review"))  # a review of the answers now: the one below
        await pilot.pause()
        assert _stack(app) == ["ReviewScreen"]


async def test_a_case_opened_from_the_start_screen_replaces_what_is_above_it(tmp_path) -> None:
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _stack(app) == ["StartScreen"]
        app.navigate(Navigate("details"))
        await pilot.pause()
        assert _stack(app) == ["StartScreen", "DetailsScreen"]
        app.navigate(Navigate("start"))  # the details given up: back to the same start screen
        await pilot.pause()
        assert _stack(app) == ["StartScreen"]
