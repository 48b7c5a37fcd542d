"""The verdict screen says what would change the verdict, under the reasons, and its palette's
"Why not…?" explains another verdict; the workshop debrief shows the changes to discuss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from partways.case import open_case
from partways.i18n import tr
from partways.messages import t
from partways.present import verdict_label
from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.debrief import DebriefScreen
from partways.tui.screens.verdict import VerdictScreen
from partways.tui.screens.why_not import WhyNotScreen
from partways.tui.workshop_app import WorkshopApp
from partways.whatif import what_if, what_if_text, why_not, why_not_lines

from .test_workshop import LARGE, study_file

SIZE = (80, 24)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_verdict_screen_shows_what_if_under_the_reasons(copy_example, lang) -> None:
    path = copy_example("scope-creep")
    case, flow = open_case(path)
    expected = what_if(flow, case.answers)
    assert expected  # the example has changes to show
    app = PartwaysApp(path, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        title = {"en": "What would change the verdict", "fr": "Ce qui changerait le verdict"}
        assert text_of(screen, "#whatif-title") == title[lang]
        shown = one_line(text_of(screen, "#whatif"))
        for item in expected:
            assert one_line(what_if_text(flow, item, lang)) in shown
        # the actionable change (what has been tried) comes first
        assert shown.index(verdict_label(flow, expected[0].verdict, lang)) < shown.index(
            verdict_label(flow, expected[-1].verdict, lang)
        )
        body = [w.id for w in screen.query_one("#verdict-body").children]
        assert body.index("reasons") < body.index("whatif-title") < body.index("whatif")
        assert body.index("whatif") < body.index("steps")


async def test_what_if_follows_a_change_made_in_the_review(copy_example) -> None:
    """Back from the review with boundaries accepted, the section is recomputed."""
    path = copy_example("steady-client")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        before = text_of(app.screen, "#whatif")
        app.session.engine.answer("disrespect", "sometimes")
        app.screen.apply_lang()
        await pilot.pause()
        after = text_of(app.screen, "#whatif")
    assert before != after


async def test_no_what_if_on_a_provisional_verdict(copy_example) -> None:
    import yaml

    path = copy_example("scope-creep")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["answers"]["disrespect"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show the verdict")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.query_one("#provisional").display
        assert not screen.query_one("#whatif").display
        assert not screen.query_one("#whatif-title").display


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_why_not_from_the_palette(copy_example, lang) -> None:
    path = copy_example("scope-creep")
    case, flow = open_case(path)
    app = PartwaysApp(path, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        result = app.session.assessment(lang)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*("why not" if lang == "en" else "pourquoi pas"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, WhyNotScreen)
        options = modal.query_one(OptionList)
        others = [v for v in flow.verdicts if v != result.verdict]
        assert [str(options.get_option_at_index(i).id) for i in range(options.option_count)] == (
            others
        )
        target = others.index("set_boundaries")
        await pilot.press(*(["down"] * target), "enter")
        await pilot.pause()
        shown = one_line(text_of(modal, "#whynot-answer"))
        lines = why_not_lines(flow, why_not(flow, result, "set_boundaries"), lang)
        assert one_line(lines[0]) in shown and one_line(lines[1]) in shown
        # the rule that decided first, by its summary; each unmet condition in words, no ids
        assert one_line(tr(result.rule.summary, lang)) in shown
        assert one_line(lines[4]) in shown and lines[4].startswith("  1. ")
        assert result.rule.id not in shown and "at_least" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)


async def test_why_not_is_only_offered_on_the_verdict_screen(copy_example) -> None:
    path = copy_example("scope-creep")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the review
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"why not")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WhyNotScreen)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_debrief_shows_the_changes_to_discuss(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "done.yaml"
    shutil.copy(study_file("values-mismatch", lang), path)  # the study's complete answers
    case, flow = open_case(path)
    expected = what_if(flow, case.answers)
    assert expected
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        app.navigate(Navigate("debrief"))
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert text_of(debrief, "#whatif-title") == t("what_if_discuss", lang)
        assert text_of(debrief, "#whatif-prompt") == t("what_if_prompt", lang)
        shown = one_line(text_of(debrief, "#whatif"))
        for item in expected:
            assert one_line(what_if_text(flow, item, lang)) in shown
        main = [w.id for w in debrief.query_one("#summary-main").children]
        assert main.index("reasons") < main.index("whatif-title") < main.index("whatif")
