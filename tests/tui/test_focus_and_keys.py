"""Focus is obvious in every theme, the key bar fits 80 columns, the letter opens on the letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList

from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.letter import LetterScreen
from partways.tui.screens.question import QuestionScreen
from partways.tui.widgets.keybar import KeyBar

SIZE = (80, 24)


def bar_text(app: PartwaysApp) -> str:
    return app.screen.query_one(KeyBar).render().plain  # type: ignore[union-attr]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_focused_field_has_a_thick_border_a_blurred_one_a_round_one(copy_example, theme):
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        app.navigate(Navigate("question", "relationship_years"))
        await pilot.pause()
        screen = app.screen
        value, note = screen.query_one("#value", Input), screen.query_one("#note", Input)
        assert value.has_focus
        # the shapes differ, so focus shows without colour too (NO_COLOR)
        assert value.styles.border_top[0] == "thick"
        assert note.styles.border_top[0] == "round"
        background = app.screen.styles.background
        assert value.styles.border_top[1].get_contrast_text(1.0) != background  # not blended
        assert abs(value.styles.border_top[1].brightness - background.brightness) > 0.3


async def test_the_highlighted_choice_of_a_focused_list_is_in_reverse_under_no_color(
    copy_example, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("question", "more_without_budget"))
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.has_focus
        style = choices.get_component_rich_style("option-list--option-highlighted")
        assert style.reverse and style.bold


async def test_the_letter_opens_with_the_preview_focused_and_pagedown_scrolls_it(copy_example):
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("letter"))
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)
        scroll = app.screen.query_one("#preview-scroll", VerticalScroll)
        assert scroll.has_focus
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0


@pytest.mark.parametrize("target", [("question", "relationship_years"), ("letter", None)])
async def test_the_french_key_bar_keeps_the_palette_key_at_80_columns(copy_example, target):
    app = PartwaysApp(copy_example("scope-creep"), lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate(*target))
        await pilot.pause()
        text = bar_text(app)
        assert text.endswith("^p Actions"), text
        assert len(text) <= SIZE[0] - 2
        if isinstance(app.screen, QuestionScreen):
            assert "Je ne sais pas" in text  # an optional question's own key stays


async def test_the_study_chooser_opens_the_first_study_on_enter_and_says_so(private_data):
    from partways.tui.screens.narrative import NarrativeScreen
    from partways.tui.screens.workshop_start import WorkshopStartScreen
    from partways.tui.workshop_app import WorkshopApp

    app = WorkshopApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkshopStartScreen)
        assert app.screen.query_one("#studies", OptionList).highlighted == 0
        assert "Open" in bar_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NarrativeScreen)


async def test_details_opened_from_the_letter_say_save_and_return_to_the_letter(copy_example):
    from partways.tui.screens.details import DetailsScreen

    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("letter"))
        await pilot.pause()
        app.navigate(Navigate("details"))
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        text = bar_text(app)
        assert "Save" in text and "Start" not in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)


async def test_ctrl_z_undoes_the_last_answer_and_shows_its_question(tmp_path):
    from .conftest import details_case, saved

    app = PartwaysApp(details_case(tmp_path), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.screen.qid
        await pilot.press("2")  # answers the first question and moves on
        await pilot.pause()
        assert app.screen.qid != first and first in app.session.engine.answers
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.qid == first
        assert first not in app.session.engine.answers
        assert first not in (saved(app.session.case.path).get("answers") or {})


async def test_f1_and_question_mark_list_every_key_of_the_screen(copy_example):
    from partways.tui.screens.help import HelpScreen

    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("question", "more_without_budget"))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        words = [text for _, text in app.screen.rows]
        assert "Undo" in words and "Log" in words and "Next" in words  # hidden ones too
        assert not any("cursor" in w for w in words)  # not the text editor's keys
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        # in a text field "?" is a character, not the help
        await pilot.press("ctrl+n", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one("#note", Input).value == "?"


async def test_export_remembers_its_folder_and_offers_to_open_the_file(
    copy_example, tmp_path, monkeypatch
):
    from partways.settings import load_settings
    from partways.tui.screens import export

    opened: list[str] = []
    monkeypatch.setattr(export, "opener", lambda: "/usr/bin/xdg-open")
    monkeypatch.setattr(export, "open_path", lambda p: opened.append(str(p)) or True)
    elsewhere = tmp_path / "letters"
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("letter"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not isinstance(app.screen, export.ExportScreen):  # the letter check asks first
            await pilot.click("#check-export")
            await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = str(elsewhere / "mine.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, export.ExportedScreen)
        await pilot.click("#exported-folder")
        await pilot.pause()
        assert opened == [str(elsewhere)]
        assert load_settings()["export_dir"] == str(elsewhere)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not isinstance(app.screen, export.ExportScreen):
            await pilot.click("#check-export")
            await pilot.pause()
        assert Path(app.screen.query_one("#export-path", Input).value).parent == elsewhere


async def test_theme_and_language_are_kept_for_the_next_session(tmp_path):
    app = PartwaysApp(tmp_path / "c.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.press("ctrl+l")  # English (the test locale) → French
        await pilot.pause()
    again = PartwaysApp(tmp_path / "d.yaml")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light" and again.lang == "fr"
        await pilot.press("ctrl+n", *"Dumas", "enter")  # a new case, in the kept language
        await pilot.pause()
        assert again.session.case.lang == "fr"


async def test_palette_commands_are_found_by_their_obvious_words(copy_example):
    from textual.fuzzy import Matcher

    for lang, words in (
        ("en", ["language", "langue", "export", "letter", "report", "theme", "keys", "copy"]),
        ("fr", ["langue", "language", "export", "lettre", "rapport", "thème", "touches", "copier"]),
    ):
        app = PartwaysApp(copy_example("scope-creep"), lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            app.navigate(Navigate("letter"))
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for word in words:
                assert any(Matcher(word).match(t) > 0 for t in titles), (lang, word, titles)


async def test_ctrl_y_copies_the_letter_as_shown(copy_example, monkeypatch):
    copied: list[str] = []
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("letter"))
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(copied) == 1 and "Anne Girard" in copied[0]


async def test_the_log_dialog_has_its_own_key_bar_and_tab_goes_round_its_fields(copy_example):
    from partways.tui.screens.log import LogScreen

    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("question", "more_without_budget"))
        await pilot.pause()
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        text = bar_text(app)
        assert "Add" in text and "Close" in text and "Don't know" not in text, text
        assert app.focused.id == "log-text"
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "log-date"  # not the entries list, whose focus does not show


async def test_an_alternative_on_the_verdict_opens_its_letter_and_t_folds_step_texts(
    copy_example,
):
    from textual.widgets import SelectionList, Static

    from partways.tui.screens.verdict import VerdictScreen

    app = PartwaysApp(copy_example("steady-client"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.navigate(Navigate("verdict"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        steps = screen.query_one("#steps", SelectionList)
        texts = screen.query_one("#step-texts", Static)
        step = app.session.assessment().steps[0]
        assert texts.display and step.text["en"] in str(texts.content)
        assert str(steps.get_option_at_index(0).prompt) == step.title["en"]
        await pilot.press("t")
        await pilot.pause()
        assert not texts.display
        alternatives = str(screen.query_one("#alternatives", Static).content)
        assert "open_letter('boundaries')" in alternatives
        await screen.run_action("open_letter('boundaries')")
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen) and app.screen.kind == "boundaries"


def test_a_long_export_path_loses_its_middle_not_its_start():
    from partways.tui.screens.export import middle_cut

    path = "/home/ana/Documents/clients/2026/atelier-dumas/atelier-dumas-separation-fr.md"
    cut = middle_cut(path, 40)
    assert len(cut) == 40 and cut.startswith("/home/ana/") and cut.endswith("-fr.md")
    assert "…" in cut and middle_cut("/tmp/x.md", 40) == "/tmp/x.md"
