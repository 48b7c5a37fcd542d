"""The letter screen keeps one edit per kind and language and asks before replacing one."""

from __future__ import annotations

from textual.widgets import Select, Static, TextArea
from textual.widgets._select import SelectCurrent

from partways.tui.app import PartwaysApp
from partways.tui.messages import Navigate
from partways.tui.screens.export import ConfirmScreen
from partways.tui.screens.letter import LetterScreen

from .conftest import saved

SIZE = (80, 24)


async def open_letter(pilot) -> LetterScreen:
    pilot.app.navigate(Navigate("letter"))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LetterScreen)
    return screen


async def edit(pilot, screen: LetterScreen, words: str) -> None:
    """Type at the start of the letter in the editor, as a user would."""
    await pilot.press("ctrl+t")
    await pilot.pause()
    await pilot.press("ctrl+home", *words)
    await pilot.press("ctrl+t")  # back to the preview, which saves
    await pilot.pause()


def editor_text(screen: LetterScreen) -> str:
    return screen.query_one("#editor", TextArea).text


async def test_edits_in_each_language_are_kept(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_letter(pilot)
        assert (screen.kind, screen.letter_lang) == ("separation", "fr")
        await edit(pilot, screen, "FRANÇAIS ")
        screen.query_one("#letter-lang", Select).value = "en"
        await pilot.pause()
        assert not editor_text(screen).startswith("FRANÇAIS ")
        await edit(pilot, screen, "ENGLISH ")
        screen.query_one("#letter-lang", Select).value = "fr"
        await pilot.pause()
        assert editor_text(screen).startswith("FRANÇAIS ")
        shown = screen.query_one("#kind", Select).query_one(SelectCurrent).label
        assert "✎" in str(shown), "the kind list marks a kind that has an edit"
        screen.query_one("#letter-lang", Select).value = "en"
        await pilot.pause()
        assert editor_text(screen).startswith("ENGLISH ")
    texts = saved(path)["letter"]["texts"]["separation"]
    assert texts["fr"].startswith("FRANÇAIS ") and texts["en"].startswith("ENGLISH ")
    assert not {"text", "kind", "lang"} & set(saved(path)["letter"])


async def test_render_again_asks_before_replacing_an_edit(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_letter(pilot)
        await edit(pilot, screen, "MINE ")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "replaced" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.click("#confirm-no")  # "Keep my edit"
        await pilot.pause()
        assert app.screen is screen
        assert editor_text(screen).startswith("MINE ")
        assert saved(path)["letter"]["texts"]["separation"]["fr"].startswith("MINE ")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # Escape keeps it too
        await pilot.pause()
        assert editor_text(screen).startswith("MINE ")
        await pilot.click("#render-again")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.screen is screen
        assert not editor_text(screen).startswith("MINE ")
    assert "texts" not in saved(path).get("letter", {})


async def test_render_again_without_an_edit_asks_nothing(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_letter(pilot)
        before = editor_text(screen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is screen and editor_text(screen) == before
