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


async def test_the_last_answer_is_on_disk_while_the_review_is_shown(tmp_path: Path, monkeypatch):
    """The last question's answer waits for the question screen's next frame, but the review
    replaces that screen (kept installed, off the stack) before it draws: the save must not wait
    for the user to come back to a question, nor for the way out (a closed terminal has none)."""
    from partways.tui.screens.review import ReviewScreen
    from tests.types_flow import write_types_case

    app = PartwaysApp(write_types_case(tmp_path, {"concerns_topics": ["payment"]}), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        assert qid == "conversation_date"  # the last question of this case
        screen = pilot.app.screen

        async def no_frame_before_the_review() -> None:
            """The screen is replaced before its next frame (it was, now and then, under load)."""

        monkeypatch.setattr(screen, "_invoke_and_clear_callbacks", no_frame_before_the_review)
        await pilot.press(*"2025-12-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert saved(path)["answers"]["conversation_date"] == "2025-12-01"
        assert not app.session.pending


async def test_ctrl_q_stays_once_when_the_case_cannot_be_written(tmp_path: Path, monkeypatch):
    """A failed save on the way out is said, not swallowed: the answers are still in memory and
    the user can free the disk (or copy them) before ctrl+q again leaves without saving."""
    from partways import session as session_module
    from partways.errors import PartwaysError

    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        app.session.schedule_save = lambda flush: None  # the answer waits for ctrl+q

        def disk_full(path: Path, text: str) -> None:
            raise PartwaysError("cannot write: No space left on device", file=path)

        monkeypatch.setattr(session_module, "write_atomic", disk_full)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any(
            m.startswith("Not saved: ") and "No space left on device" in m and "again" in m
            for m in messages
        ), messages
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert qid not in saved(path).get("answers", {})


async def test_ctrl_q_over_a_case_changed_on_disk_asks_before_leaving(copy_example):
    from partways.session import Session
    from partways.tui.screens.conflict import ConflictScreen

    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.session.schedule_save = lambda flush: None  # the note waits for ctrl+q
        app.session.set_note("hours_spent", "from the wizard")
        Session.open(path).set_note("hours_spent", "from another window")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConflictScreen)
        app.screen.query_one("#overwrite").press()
        await pilot.pause()
        assert saved(path)["notes"]["hours_spent"] == "from the wizard"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_sigterm_writes_the_note_typed_just_before_and_ends_the_app(tmp_path: Path):
    """`kill` (or a logout) ends the wizard as ctrl+q does: the note's last letters, still
    waiting for their 0.4 s save, are written (SIGHUP, a closed window: tests/tui/test_tmux.py)."""
    import os
    import signal

    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid, path = await _on_first_question(pilot)
        await pilot.press("ctrl+n", *"late again")
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 128 + signal.SIGTERM
    assert saved(path)["notes"] == {qid: "late again"}
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handed back with the app


async def test_sigterm_over_a_case_changed_on_disk_writes_nothing_and_says_so(copy_example):
    import os
    import signal

    from partways.session import Session

    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.session.schedule_save = lambda flush: None
        app.session.set_note("hours_spent", "from the wizard")
        Session.open(path).set_note("hours_spent", "from another window")
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause()
    assert saved(path)["notes"]["hours_spent"] == "from another window"
    assert app.unsaved is not None and "changed on disk" in app.unsaved and str(path) in app.unsaved
