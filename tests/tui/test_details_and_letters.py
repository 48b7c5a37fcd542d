"""The details screen asks what letters need (civility, city, role, contract date); the letter
screen keeps one edit per kind and language and asks before replacing one."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import Input, Select, Static, TextArea
from textual.widgets._select import SelectCurrent

from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.details import DetailsScreen
from partways.tui.screens.export import ConfirmScreen
from partways.tui.screens.letter import LetterScreen
from partways.tui.screens.letter_details import LetterDetailsScreen
from partways.tui.screens.question import QuestionScreen

from .conftest import saved

SIZE = (80, 24)


async def test_details_screen_saves_civility_city_and_contract_date(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    app = PartwaysApp(path, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Atelier Dumas", "tab")
        assert isinstance(app.screen.focused, Select)
        await pilot.press("enter")  # Enter opens the civility list, it does not start the case
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        civility = app.screen.query_one("#client-civility", Select)
        assert civility.expanded
        await pilot.press("escape")  # closes the list, stays on the form
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen) and not civility.expanded
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # from "—", the last, the list wraps to Madame
        await pilot.pause()
        assert app.screen.query_one("#client-civility", Select).value == "ms"
        await pilot.press("tab", *"Claire Dumas", "tab", *"Studio Nord", "tab", *"Paul Martin")
        await pilot.press("tab", *"Gérant", "tab", *"Lyon", "tab", *"2024-03-12", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    data = saved(path)
    assert data["client"] == {"name": "Atelier Dumas", "contact": "Claire Dumas", "civility": "ms"}
    assert data["provider"] == {
        "name": "Studio Nord",
        "signer": "Paul Martin",
        "role": "Gérant",
        "city": "Lyon",
    }
    assert str(data["letter"]["contract_date"]) == "2024-03-12"


async def test_details_screen_refuses_a_contract_date_that_does_not_exist(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.yaml"
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Atelier Dumas")
        app.screen.query_one("#letter-contract_date", Input).value = "2025-02-29"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        assert "YYYY-MM-DD" in str(app.screen.query_one("#details-error", Static).render())
        assert app.screen.focused is app.screen.query_one("#letter-contract_date", Input)
    assert not path.exists()


async def test_details_screen_edits_the_role_of_the_current_language(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    data = saved(path)
    data["provider"]["role"] = {"fr": "Gérante", "en": "Director"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("details"))
        await pilot.pause()
        role = app.screen.query_one("#provider-role", Input)
        assert role.value == "Director"
        assert "English" in str(app.screen.query_one("#label-provider-role", Static).render())
        role.value = "Managing director"
        await pilot.press("ctrl+l")  # the French entry is shown, the English edit kept
        await pilot.pause()
        assert role.value == "Gérante"
        await pilot.press("enter")
        await pilot.pause()
    assert saved(path)["provider"]["role"] == {"fr": "Gérante", "en": "Managing director"}


async def test_details_screen_keeps_a_plain_role_plain(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("details"))
        await pilot.pause()
        app.screen.query_one("#provider-role", Input).value = "Owner"
        await pilot.press("enter")
        await pilot.pause()
    assert saved(path)["provider"]["role"] == "Owner"


async def open_letter(pilot) -> LetterScreen:
    pilot.app.navigate(Navigate("letter"))
    await pilot.pause()
    if isinstance(pilot.app.screen, LetterDetailsScreen):  # a separation asks for a provider
        await pilot.press("escape")
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


async def test_a_separation_letter_asks_for_another_provider_once(copy_example) -> None:
    """The wizard asks the details the core's `missing_details` names, as `ask` does."""
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("letter"))
        await pilot.pause()
        assert isinstance(app.screen, LetterDetailsScreen)
        assert app.screen.keys == ("next_provider",)
        await pilot.press(*"Studio Voisin", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LetterScreen)
        assert "Studio Voisin" in editor_text(screen)
        screen.query_one("#kind", Select).value = "check_in"
        await pilot.pause()
        screen.query_one("#kind", Select).value = "separation"
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen), "asked once per session"
    assert saved(path)["letter"]["next_provider"] == "Studio Voisin"


async def test_opening_a_case_and_quitting_leaves_the_file_alone(copy_example) -> None:
    import os

    path = copy_example("scope-creep")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


async def test_a_case_changed_on_disk_is_not_overwritten_without_asking(copy_example) -> None:
    from partways.session import Session
    from partways.tui.screens.conflict import ConflictScreen

    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Session.open(path)
        other.set_note("hours_spent", "from another window")
        app.session.set_note("hours_spent", "from the wizard")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert saved(path)["notes"]["hours_spent"] == "from another window"
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert saved(path)["notes"]["hours_spent"] == "from another window"
        app.session.set_note("hours_spent", "from the wizard, again")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        app.screen.query_one("#overwrite").press()
        await pilot.pause()
        assert saved(path)["notes"]["hours_spent"] == "from the wizard, again"


async def test_the_wizard_shows_and_exports_the_cores_letter_text(copy_example) -> None:
    from partways.case import open_case, save_case
    from partways.letters import letter_text
    from partways.tui.screens.export import _content

    path = copy_example("scope-creep")
    case, flow = open_case(path)
    case.set_letter_text("renegotiation", "fr", "Madame,\n\nNotre proposition.\n")
    save_case(case, flow=flow)
    expected = letter_text(case, flow, lang="fr")
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_letter(pilot)
        assert editor_text(screen) == expected
        text, default, kind = _content(app.session, "letter", None, "fr")
        assert (text, default.name, kind) == (
            expected,
            "scope-creep-renegotiation-fr.md",
            "renegotiation",
        )


async def test_reload_after_a_change_on_disk_shows_the_file_as_it_is(copy_example) -> None:
    from partways.session import Session
    from partways.tui.screens.conflict import ConflictScreen

    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Session.open(path)
        other.set_note("hours_spent", "from another window")
        app.session.set_note("hours_spent", "from the wizard")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        app.screen.query_one("#reload").press()
        await pilot.pause()
        assert app.session.case.notes["hours_spent"] == "from another window"
        app.session.set_note("hours_spent", "after reload")  # no longer a conflict
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert saved(path)["notes"]["hours_spent"] == "after reload"
