"""The letter editor's check line and the export's question when the letter has problems.

Letters are typed in here rather than taken from the templates (being rewritten): a clean
letter for the scope-creep case, then one placeholder added.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.export import ExportScreen, LetterCheckScreen
from partways.tui.screens.letter import LetterScreen

SIZE = (100, 30)
NB = "\u00a0"
# A renegotiation letter (the case's verdict) that agrees with letters.md for a contact whose
# civility the case does not record.
CLEAN = (
    f"**Objet{NB}: ajuster notre collaboration**\n\n"
    "Madame, Monsieur,\n\n"
    "Nous vous proposons deux options pour la suite.\n\n"
    "Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.\n"
)


def check_line(app: PartwaysApp) -> str:
    return str(app.screen.query_one("#letter-check", Static).render())


async def open_letter(pilot, app: PartwaysApp, text: str) -> TextArea:
    app.navigate(Navigate("letter"))
    await pilot.pause()
    assert isinstance(app.screen, LetterScreen) and app.screen.kind == "renegotiation"
    await pilot.press("ctrl+t")  # the editor
    editor = app.screen.query_one("#editor", TextArea)
    editor.load_text(text)
    await pilot.pause()  # CHECK_DELAY is 20 ms in tests
    return editor


async def test_the_check_line_follows_the_text_as_it_is_typed(copy_example) -> None:
    app = PartwaysApp(copy_example("scope-creep"), lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = await open_letter(pilot, app, CLEAN)
        assert check_line(app) == "✓ Rien à vérifier dans cette lettre"
        editor.move_cursor((4, 0))
        await pilot.press(*"Le [montant] ")
        await pilot.pause()  # CHECK_DELAY is 20 ms in tests
        assert check_line(app) == "1 point à vérifier : ligne 5 — [montant] à compléter"
        assert [p.code for p in app.screen.problems] == ["placeholder"]
        await pilot.press(*"Vous refusez tout. ")
        await pilot.pause()  # CHECK_DELAY is 20 ms in tests
        assert check_line(app).startswith("2 points à vérifier : ligne 5 — ")
        await pilot.press("ctrl+l")  # the line follows the interface language
        await pilot.pause()
        assert check_line(app).startswith("2 things to check: line 5 — ")


async def test_export_asks_before_writing_a_letter_with_problems(copy_example) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_letter(pilot, app, CLEAN.replace("deux options", "deux options [montant]"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LetterCheckScreen)
        listed = str(dialog.query_one("#check-list", Static).render())
        assert listed == "line 5 — [montant] to fill in"
        await pilot.press("enter")  # the focus is on "Back to the letter"
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)
        assert not list(path.parent.glob("*-renegotiation-fr.md"))

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#check-export")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        target = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.press("enter")
        await pilot.pause()
        assert "[montant]" in target.read_text(encoding="utf-8")


async def test_a_clean_letter_goes_straight_to_the_path(copy_example) -> None:
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_letter(pilot, app, CLEAN)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
