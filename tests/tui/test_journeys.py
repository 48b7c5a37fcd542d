"""User stories of the wizard, driven with Pilot at 80×24 and checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from partways.assessment import assess
from partways.engine import Engine
from partways.flow import load_flow
from partways.present import verdict_label
from partways.tui.app import PartwaysApp
from partways.tui.screens.error import ErrorScreen
from partways.tui.screens.letter import LetterScreen
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.screens.start import StartScreen
from partways.tui.screens.verdict import VerdictScreen
from partways.tui.widgets.button_row import ButtonRow
from partways.tui.widgets.keybar import KeyBar
from tests.helpers import EXPECTED

from .conftest import answer_all, answer_current, details_case, example, new_case, saved

SIZE = (80, 24)


async def click_button(pilot, label: str) -> None:
    """Click a button of the question screen's button row, where its label is drawn."""
    row = pilot.app.screen.query_one(ButtonRow)
    await pilot.click(ButtonRow, offset=(row.render().plain.index(label), 0))


async def press_export(pilot) -> None:
    """Ctrl+S on the letter; if the letter checker found something, export anyway."""
    from partways.tui.screens.export import LetterCheckScreen

    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(pilot.app.screen, LetterCheckScreen):
        await pilot.click("#check-export")
        await pilot.pause()


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.painted
async def test_example_answered_through_ui_reaches_verdict(tmp_path: Path) -> None:
    """The one full key-by-key walk of the wizard (the other examples open their case file),
    every frame painted: each question of the walk, the review and the verdict are drawn."""
    name, verdict = "hostile-after-boundaries", EXPECTED["hostile-after-boundaries"]
    data = example(name)
    case_path = tmp_path / "new.yaml"
    app = PartwaysApp(case_path, lang=data["lang"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await new_case(pilot, data["client"]["name"], lang=data["lang"])
        asked = await answer_all(pilot, data["answers"])
        assert isinstance(app.screen, ReviewScreen)
        assert data["answers"]["boundaries_set"] and "boundary_reaction" in asked
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        flow = load_flow()
        shown = static_text(app.screen, "#verdict")
        assert verdict_label(flow, verdict, data["lang"]) in shown
    on_disk = saved(case_path)
    assert on_disk["client"]["name"] == data["client"]["name"]
    assert on_disk["lang"] == data["lang"]
    expected = {k: v for k, v in data["answers"].items() if k in asked}
    assert on_disk["answers"] == expected
    result = assess(flow, Engine(flow, on_disk["answers"]).effective_answers(), "en")
    assert result.verdict == verdict


@pytest.mark.parametrize("name", ["scope-creep", "steady-client"])
async def test_example_case_file_opens_on_the_review_and_shows_its_verdict(
    copy_example, name: str
) -> None:
    path = copy_example(name)
    data = example(name)
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # every question answered
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        label = verdict_label(load_flow(), EXPECTED[name], data["lang"])
        assert label in static_text(app.screen, "#verdict")


async def test_new_case_is_created_in_data_folder(private_data: Path, tmp_path: Path) -> None:
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await new_case(pilot, "Atelier Dumas")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "more_without_budget"
        path = app.session.case.path
    assert path.parent == private_data / "partways" / "cases"
    assert path.name.startswith("atelier-dumas-")
    data = saved(path)
    assert data["provider"] == {"name": "Studio Nord", "signer": "Paul Martin", "role": "Owner"}
    assert data["client"]["contact"] == "Claire Dumas"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert data == saved(details_case(tmp_path))  # the file the other wizard tests start from


async def test_details_need_a_client_name(tmp_path: Path) -> None:
    app = PartwaysApp(tmp_path / "c.yaml", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "client" in static_text(app.screen, "#details-error")
        assert not (tmp_path / "c.yaml").exists()


async def test_autosave_after_each_answer(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n, key in enumerate(["3", "1", "2", "4"], 1):
            await pilot.press(key)
            await pilot.pause()
            answers = saved(path)["answers"]  # read while the app still runs
            assert len(answers) == n
        assert answers == {
            "more_without_budget": "often",
            "missed_meetings": "never",
            "payment_chasing": "sometimes",
            "blocked_project": "always",
        }


async def test_back_and_forward_keep_answers(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "2")
        await pilot.pause()
        assert app.screen.qid == "payment_chasing"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen.qid == "more_without_budget"
        choices = app.screen.query_one("#choices")
        assert choices.value == "often"  # the earlier answer is preselected
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.qid == "missed_meetings"
        assert app.screen.query_one("#choices").value == "sometimes"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.qid == "payment_chasing"
    assert saved(path)["answers"] == {"more_without_budget": "often", "missed_meetings": "often"}


async def test_resume_after_quit_lands_on_first_unanswered(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "1")
        await pilot.pause()
        await pilot.press("escape", "escape")  # wander back before quitting
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    again = PartwaysApp(path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, QuestionScreen)
        assert again.screen.qid == "blocked_project"
        # three answered, the fourth on screen, out of the questions the answers make relevant
        total = Engine(again.session.flow, saved(path)["answers"]).progress().total
        assert f"question 4 of {total} " in static_text(again.screen, "#progress")
        assert static_text(again.screen, "#progress").endswith(" 3 answered")  # none skipped


async def test_invalid_number_is_rejected_with_a_message(copy_example) -> None:
    path = copy_example("scope-creep")
    data = saved(path)
    for qid in (
        "monthly_fee",
        "currency",
        "hours_contracted",
        "hours_spent",
        "revenue_share",
        "relationship_years",
        "notice_days",
    ):
        data["answers"].pop(qid)
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.qid == "monthly_fee"
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert app.screen.qid == "monthly_fee"
        assert static_text(app.screen, "#error") == "✗ 'abc' is not a number"
        assert "monthly_fee" not in saved(path)["answers"]
        await pilot.press("ctrl+u", *"-5", "enter")
        await pilot.pause()
        assert app.screen.qid == "monthly_fee"
        assert static_text(app.screen, "#error") == "✗ -5 is out of range: must be ≥ 0"
        await pilot.press("ctrl+u", *"3000,5", "enter")
        await pilot.pause()
        assert app.screen.qid == "currency"
        assert static_text(app.screen, "#error") == ""
        assert saved(path)["answers"]["monthly_fee"] == 3000.5
        # text answers are checked too: a currency must be a 3-letter code
        await pilot.press("ctrl+u", *"euros", "enter")
        await pilot.pause()
        assert app.screen.qid == "currency"
        assert "EUR" in static_text(app.screen, "#error")
        await pilot.press("ctrl+u", *"chf", "enter")
        await pilot.pause()
        assert saved(path)["answers"]["currency"] == "CHF"
        # a whole number is required for the notice period
        await pilot.press("ctrl+u", *"35", "enter", "ctrl+u", *"49", "enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"150", "enter")
        await pilot.pause()
        assert app.screen.qid == "revenue_share"
        assert static_text(app.screen, "#error") == "✗ 150 is out of range: must be ≤ 100"


async def _edit_from_review(pilot, qid: str) -> None:
    answers = pilot.app.screen.query_one("#answers")
    answers.highlighted = next(i for i, o in enumerate(answers._options) if o.id == qid)
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.screen.qid == qid


def _review_ids(screen) -> list[str]:
    return [o.id for o in screen.query_one("#answers")._options if o.id]


async def test_conditional_question_appears_and_disappears(copy_example) -> None:
    import yaml

    path = copy_example("steady-client")
    data = saved(path)
    del data["answers"]["boundary_reaction"]  # the example carries an answer never asked
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "boundary_reaction" not in _review_ids(app.screen)
        total_before = app.session.engine.progress().total
        await _edit_from_review(pilot, "boundaries_set")
        await answer_current(pilot, True)
        # the follow-up question is now relevant and unanswered: it is asked at once
        assert app.screen.qid == "boundary_reaction"
        assert app.session.engine.progress("boundary_reaction").total == total_before + 1
        await answer_current(pilot, "hostile")
        assert isinstance(app.screen, ReviewScreen)
        assert "boundary_reaction" in _review_ids(app.screen)
        assert saved(path)["answers"]["boundary_reaction"] == "hostile"
        await _edit_from_review(pilot, "boundaries_set")
        await answer_current(pilot, False)
        assert isinstance(app.screen, ReviewScreen)
        assert "boundary_reaction" not in _review_ids(app.screen)
        assert "boundary_reaction" not in app.session.engine.effective_answers()
    assert saved(path)["answers"]["boundaries_set"] is False


async def test_review_edit_changes_verdict(copy_example) -> None:
    path = copy_example("steady-client")
    flow = load_flow()
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert verdict_label(flow, "keep", "en") in static_text(app.screen, "#verdict")
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await _edit_from_review(pilot, "disrespect")
        assert isinstance(app.screen, QuestionScreen)
        await answer_current(pilot, "always")
        assert isinstance(app.screen, ReviewScreen)  # back to the review after the edit
        await pilot.press("v")
        await pilot.pause()
        shown = static_text(app.screen, "#verdict")
        assert verdict_label(flow, "keep", "en") not in shown
        expected = assess(flow, Engine(flow, saved(path)["answers"]).effective_answers(), "en")
        assert expected.verdict != "keep"
        assert expected.label in shown
    assert saved(path)["answers"]["disrespect"] == "always"


async def test_skip_optional_question(copy_example) -> None:
    path = copy_example("scope-creep")
    import yaml

    data = saved(path)
    data["answers"].pop("revenue_share")
    data["answers"].pop("relationship_years")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.qid == "revenue_share"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.qid == "relationship_years"
        await click_button(pilot, "Don't know")  # the "Don't know" button does the same
        await pilot.pause()
        assert app.screen.qid == "notice_days"  # answered already: shown with its answer
        assert app.screen.query_one("#value", Input).value == "30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    on_disk = saved(path)
    # the two skipped here, beside the example's own skips (questions added after it)
    assert on_disk["skipped"] == [
        "after_hours_contact",
        "client_change",
        "problem_duration",
        "problem_scope",
        "relationship_years",
        "revenue_share",
    ]
    assert "revenue_share" not in on_disk["answers"]


async def test_note_is_kept_with_the_case(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", *"three redesigns in March")
        await pilot.press("enter")  # Enter in the note keeps it and goes back to the answer
        await pilot.pause()
        assert app.screen.qid == "more_without_budget"
        await pilot.press("enter")  # Enter confirms the highlighted answer
        await pilot.pause()
        assert app.screen.qid == "missed_meetings"
        assert app.screen.query_one("#note", Input).value == ""
    assert saved(path)["notes"] == {"more_without_budget": "three redesigns in March"}


async def test_mouse_click_chooses_an_answer(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choices", offset=(5, 2))  # third line: "3  Often"
        await pilot.pause()
        assert app.screen.qid == "missed_meetings"
        await click_button(pilot, "Back")
        await pilot.pause()
        assert app.screen.qid == "more_without_budget"
    assert saved(path)["answers"] == {"more_without_budget": "often"}


async def test_language_switch(tmp_path: Path) -> None:
    path = details_case(tmp_path)
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "budget?" in static_text(app.screen, "#qtext")
        bar = app.screen.query_one(KeyBar).render().plain
        assert "Next" in bar and "Suivant" not in bar
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.lang == "fr"
        assert "budget\u202f?" in static_text(app.screen, "#qtext")  # "?" never wraps alone
        assert "sur" in static_text(app.screen, "#progress")
        bar = app.screen.query_one(KeyBar).render().plain
        assert "Suivant" in bar and "Retour" in bar and "Next" not in bar
        assert app.screen.query_one("#choices").get_option_at_index(0).prompt.endswith("Jamais")
        await pilot.press("1")
        await pilot.pause()
    assert saved(path)["lang"] == "fr"


async def test_language_switch_from_command_palette(copy_example) -> None:
    path = copy_example("steady-client")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"français")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "fr"
        assert "Relisez" in static_text(app.screen, "#review-title")


async def test_command_palette_goes_to_verdict_and_letter(copy_example) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for words, screen in (
            ("show the verdict", VerdictScreen),
            ("open the letter", LetterScreen),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*words)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)


async def test_broken_case_file_shows_error_screen(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: partways/1\nflow: client-review\nanswers:\n  more_without_budget: very often\n",
        encoding="utf-8",
    )
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = static_text(app.screen, "#error-message")
        assert "broken.yaml:4" in message
        assert "more_without_budget" in message
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_broken_flow_shows_error_screen(tmp_path: Path) -> None:
    flow = tmp_path / "bad-flow.yaml"
    flow.write_text("format: partways-flow/1\nid: bad\nquestions: 3\n", encoding="utf-8")
    app = PartwaysApp(None, flow_ref=str(flow), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "bad-flow.yaml" in static_text(app.screen, "#error-message")


async def test_letter_edit_is_saved_to_the_case(copy_example) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        letter = app.screen
        assert isinstance(letter, LetterScreen)
        assert letter.kind == "renegotiation"
        await pilot.press("ctrl+t")
        await pilot.pause()
        # one burst of typing, then quit before the debounced save: quitting flushes it
        await pilot.press(*"NOTE ", "ctrl+q")
        await pilot.pause()
    data = saved(path)
    assert data["letter"]["texts"]["renegotiation"]["fr"].startswith("NOTE ")
    # and the edit is what the wizard shows next time
    again = PartwaysApp(path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        again.navigate(
            __import__("partways.tui.requests", fromlist=["Navigate"]).Navigate("letter")
        )
        await pilot.pause()
        assert again.screen.query_one("#editor").text.startswith("NOTE ")


async def test_letter_kind_and_language_switch(copy_example) -> None:
    path = copy_example("hostile-after-boundaries")
    app = PartwaysApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from partways.tui.requests import Navigate

        app.navigate(Navigate("letter"))
        await pilot.pause()
        await pilot.press("escape")  # the details a separation names (another provider)
        await pilot.pause()
        screen = app.screen
        assert screen.kind == "separation"
        assert screen.letter_lang == "fr"
        screen.query_one("#letter-lang").value = "en"
        await pilot.pause()
        assert (
            "Dear" in screen.query_one("#editor").text
            or "Hello" in screen.query_one("#editor").text
            or "Olivier" in screen.query_one("#editor").text
        )
        text_en = screen.query_one("#editor").text
        screen.query_one("#kind").value = "check_in"
        await pilot.pause()
        assert screen.query_one("#editor").text != text_en


async def test_export_writes_and_never_overwrites_silently(copy_example, tmp_path) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from partways.tui.requests import Navigate

        app.navigate(Navigate("letter"))
        await pilot.pause()
        await press_export(pilot)
        default = Path(app.screen.query_one("#export-path", Input).value)
        # the documents folder (XDG_DOCUMENTS_DIR in the tests), one naming scheme
        assert default.parent == tmp_path / "documents"
        assert default.name == "scope-creep-renegotiation-fr.md"  # the case is French
        await pilot.press("enter")
        await pilot.pause()
        first = default.read_text(encoding="utf-8")
        assert "Anne Girard" in first
        default.write_text("my own file\n", encoding="utf-8")
        await press_export(pilot)
        await pilot.press("enter")  # accept the same path: it exists now
        await pilot.pause()
        from partways.tui.screens.export import ConfirmScreen

        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused answer is "keep the file"
        await pilot.pause()
        assert default.read_text(encoding="utf-8") == "my own file\n"
        await press_export(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert default.read_text(encoding="utf-8") == first


async def test_small_terminal_still_usable(tmp_path: Path) -> None:
    path = details_case(tmp_path, lang="fr")
    app = PartwaysApp(path, lang="fr")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert not app.screen.query_one("#why").display  # help panel gives way
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.query_one("#why").display
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.qid == "missed_meetings"


async def test_start_screen_lists_recent_cases_even_unreadable_ones(private_data: Path) -> None:
    folder = private_data / "partways" / "cases"
    folder.mkdir(parents=True)
    (folder / "good.yaml").write_text("client: {name: Atelier Dumas}\n", encoding="utf-8")
    (folder / "broken.yaml").write_text("client: [unclosed\n", encoding="utf-8")
    (folder / "odd.yaml").write_text("client: just a string\n", encoding="utf-8")
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        table = app.screen.query_one("#portfolio")
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        errors = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert sorted(shown) == ["Atelier Dumas", "broken", "odd"]
    assert all(e.startswith("⚠ ") for e in errors)  # each says why it cannot be opened
