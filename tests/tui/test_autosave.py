"""An answer is written once the next question is on the screen, never lost on the way out.

The save left the keypress (it was a third of it: YAML, fsync); these tests hold the promise
that remains: on disk within a frame, and on ctrl+q or any other exit before that frame.
"""

from __future__ import annotations

from pathlib import Path

from partways.tui import launch
from partways.tui.app import PartwaysApp
from partways.tui.screens.question import QuestionScreen

from .conftest import details_case, saved


async def _on_first_question(pilot) -> tuple[str, Path]:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen)
    return screen.qid, pilot.app.session.case.path


async def test_an_answer_is_on_disk_once_the_next_question_is_drawn(tmp_path: Path):
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        session = app.session
        shown_when_saved: list[str | None] = []
        save = session.save

        def watching_save(force: bool = False) -> Path | None:
            shown_when_saved.append(app.screen.qid)
            return save(force)

        session.save = watching_save  # type: ignore[method-assign]
        await pilot.press("1")
        await pilot.pause()
        assert saved(path)["answers"][qid] == "never"
        # written after the screen moved on to the next question, not inside the keypress
        assert shown_when_saved and shown_when_saved[0] != qid
        assert not session.pending


async def test_ctrl_q_writes_an_answer_still_waiting(tmp_path: Path):
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        app.session.schedule_save = lambda flush: None  # the frame never comes
        await pilot.press("1")
        await pilot.pause()
        assert qid not in saved(path).get("answers", {})
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert saved(path)["answers"][qid] == "never"


async def test_any_other_exit_writes_an_answer_still_waiting(tmp_path: Path):
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        app.session.schedule_save = lambda flush: None
        await pilot.press("1")
        await pilot.pause()
        app.exit(0)  # not through action_quit (a signal, an error screen's exit…)
    assert qid not in saved(path).get("answers", {})
    launch._flush(app)  # what launch._run does once app.run() returns
    assert saved(path)["answers"][qid] == "never"
