"""The wizard and the workshop never show an incomplete case's verdict as if it were final.

The verdict screen is reachable before the last question (review button, palette, a resumed
case), and the workshop debrief of an unfinished session too: both carry a visible mark then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.debrief import DebriefScreen
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.screens.verdict import VerdictScreen
from partways.tui.workshop_app import WorkshopApp

from .conftest import saved
from .test_workshop import LARGE, study_file, working_case

SIZE = (80, 24)


def mark(screen, selector: str) -> str | None:
    """The mark's text when it is shown, None when it is hidden."""
    widget = screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else None


async def test_verdict_of_a_partly_answered_case_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "format: partways/1\nlang: en\nclient: {name: Acme}\nprovider: {name: Us}\n"
        "answers: {more_without_budget: often, missed_meetings: never}\n",
        encoding="utf-8",
    )
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)  # the resume lands on a question
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("v")  # the verdict is one key away, answers or not
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        missing = len(app.session.engine.missing_required())
        shown = mark(app.screen, "#provisional")
        assert shown is not None
        assert f"Provisional verdict: {missing} questions unanswered" in shown
        assert "review (r)" in shown
        assert "payment_chasing" not in shown  # a person reads this: no ids
        await pilot.press("ctrl+l")
        await pilot.pause()
        shown = mark(app.screen, "#provisional")
        assert shown is not None and f"Verdict provisoire\u00a0: {missing} questions" in shown


async def test_verdict_of_a_complete_case_has_no_mark(tmp_path: Path) -> None:
    path = tmp_path / "steady.yaml"
    shutil.copy(Path(__file__).parents[1] / "data/spec-examples/steady-client.yaml", path)
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # complete: the resume lands on the review
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        assert mark(app.screen, "#provisional") is None


async def test_debrief_of_an_unfinished_workshop_is_marked(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")  # a fresh session: nothing answered yet
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("debrief"))  # what the palette's "Go to the debrief" does
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        shown = mark(debrief, "#debrief-provisional")
        assert shown is not None
        assert "Provisional verdict:" in shown and "review (Esc)" in shown
        await pilot.press("ctrl+s")  # the written debrief carries the mark too
        await pilot.pause()
    written = path.with_name(path.stem + "-debrief.md").read_text(encoding="utf-8")
    assert "> **Provisional verdict:" in written
    assert not saved(path).get("answers")


async def test_debrief_of_a_finished_workshop_has_no_mark(tmp_path: Path) -> None:
    path = tmp_path / "done.yaml"
    shutil.copy(study_file("values-mismatch", "en"), path)  # the study's own, complete answers
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("debrief"))
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert mark(app.screen, "#debrief-provisional") is None
