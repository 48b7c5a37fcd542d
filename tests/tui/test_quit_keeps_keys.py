"""A key that acts on what was typed (ctrl+q, Enter in a form, ctrl+y, Escape) keeps every key
typed before it: those keys are priority bindings, handled as they arrive, while the last keys
may still be queued for the field (a fast typist, a paste, a busy machine). Each test queues
the keys and the key that reads them together, before any is handled."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from partways.tui.app import PartwaysApp
from partways.tui.screens import debrief as debrief_screen
from partways.tui.screens import letter as letter_screen
from partways.tui.screens import question as question_screen
from partways.tui.screens.details import DetailsScreen
from partways.tui.screens.letter import LetterScreen
from partways.tui.screens.log import LogScreen
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.workshop_app import WorkshopApp

from .conftest import details_case, queue_keys, saved
from .test_workshop import SMALL, debrief_ready_case, focus_lesson


def queue(app: PartwaysApp, text: str, then: str) -> None:
    queue_keys(app, *text, then)


def queue_then_quit(app: PartwaysApp, text: str) -> None:
    queue(app, text, "ctrl+q")


async def letter_editor(pilot) -> TextArea:
    """From a complete example case's review to its letter's editor, focused."""
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LetterScreen) and screen.kind == "renegotiation"
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(screen.focused, TextArea)
    return screen.focused


async def test_the_notes_last_keys_are_saved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(question_screen, "NOTE_SAVE_DELAY", 60)  # only quitting saves it
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        qid, path = screen.qid, app.session.case.path
        await pilot.press("ctrl+n", *"late ")
        assert screen.query_one("#note", Input).has_focus
        queue_then_quit(app, "again")
        await pilot.pause()
    assert app.return_code == 0
    assert saved(path)["notes"][qid] == "late again"


async def test_the_letters_last_keys_are_saved(copy_example, monkeypatch) -> None:
    monkeypatch.setattr(letter_screen, "SAVE_DELAY", 60)
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await letter_editor(pilot)
        queue_then_quit(app, "PS ")
        await pilot.pause()
    # the letter is in the case's language (French); the screens in English
    assert saved(path)["letter"]["texts"]["renegotiation"]["fr"].startswith("PS ")


async def test_the_letter_copied_with_ctrl_y_has_its_last_keys(copy_example, monkeypatch) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await letter_editor(pilot)
        queue(app, "PS ", "ctrl+y")
        await pilot.pause()
    assert len(copied) == 1 and copied[0].startswith("PS ")


@pytest.mark.parametrize("key", ["ctrl+q", "escape"])
async def test_a_lessons_last_keys_are_kept(private_data: Path, monkeypatch, key: str) -> None:
    monkeypatch.setattr(debrief_screen, "SAVE_DELAY", 60)  # only leaving the debrief saves it
    path = debrief_ready_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=SMALL) as pilot:
        await focus_lesson(pilot)
        queue(app, "Ask about sourcing", key)
        await pilot.pause()
        if key == "escape":
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert saved(path)["lessons"] == {"prevention": "Ask about sourcing"}


async def test_a_log_entry_added_with_enter_has_its_last_keys(tmp_path: Path) -> None:
    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+j")
        await pilot.pause()
        log = app.screen
        assert isinstance(log, LogScreen)
        log.query_one("#log-text", Input).focus()
        await pilot.press(*"Called ")
        queue(app, "Claire", "enter")
        await pilot.pause()
        path = app.session.case.path
    assert [entry["text"] for entry in saved(path)["log"]] == ["Called Claire"]


async def test_the_details_form_takes_the_name_typed_just_before_enter(private_data: Path) -> None:
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press(*"Atelier ")
        queue(app, "Dumas", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.case.client["name"] == "Atelier Dumas"
