"""Nothing typed in a note is lost, and Enter in a note never answers the question."""

from __future__ import annotations

from pathlib import Path

from partways.tui.app import PartwaysApp
from partways.tui.screens import question as question_screen
from partways.tui.screens.question import QuestionScreen

from .conftest import details_case, queue_keys, saved


async def _first_question(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuestionScreen)
    return pilot.app.screen.qid


async def test_enter_in_the_note_saves_it_and_answers_nothing(tmp_path: Path):
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid = await _first_question(pilot)
        await pilot.press("ctrl+n", *"three quotes refused", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.qid == qid  # still on it
        assert qid not in app.session.case.answers
        assert app.session.case.notes[qid] == "three quotes refused"
        assert saved(app.session.case.path)["notes"][qid] == "three quotes refused"
        assert not screen.query_one("#note").has_focus  # back on the choices
        await pilot.press("2")  # a number key now answers, as on any choice question
        await pilot.pause()
        assert app.session.case.answers[qid] == "sometimes"


async def test_a_note_being_typed_is_saved_without_confirming(tmp_path: Path):
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid = await _first_question(pilot)
        await pilot.press("ctrl+n", *"late again")
        await pilot.pause()  # the save delay is 20 ms in tests
        assert saved(app.session.case.path)["notes"][qid] == "late again"


async def test_ctrl_q_keeps_the_note_being_typed(tmp_path: Path, monkeypatch):
    # the save timer never fires: only quitting can keep the note
    monkeypatch.setattr(question_screen, "NOTE_SAVE_DELAY", 60, raising=False)
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid = await _first_question(pilot)
        path = app.session.case.path
        await pilot.press("ctrl+n", *"typed just before quitting", "ctrl+q")
        await pilot.pause()
    assert saved(path)["notes"][qid] == "typed just before quitting"


async def test_a_note_typed_in_one_burst_behind_ctrl_n_is_kept(tmp_path: Path):
    """ctrl+n and the note's letters arriving together (a fast typist, a busy machine): the
    letters used to reach the choice list, which still had the focus, and were lost."""
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        qid = await _first_question(pilot)
        queue_keys(app, "ctrl+n", *"late again")
        await pilot.pause()
        assert app.screen.query_one("#note").value == "late again"
        assert saved(app.session.case.path)["notes"][qid] == "late again"
        assert qid not in app.session.case.answers
