"""The wizard's start screen as a portfolio, re-assessing a client, and what changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from textual.widgets import DataTable, Static

from partways.case import open_case, save_case
from partways.history import record_assessment
from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate
from partways.tui.screens.changes import ChangesScreen
from partways.tui.screens.question import QuestionScreen
from partways.tui.screens.review import ReviewScreen
from partways.tui.screens.start import StartScreen
from partways.tui.screens.verdict import VerdictScreen
from partways.tui.widgets.keybar import KeyBar

from .conftest import EXAMPLES, queue_keys, saved

SIZE = (80, 24)


def followed_cases(folder: Path) -> Path:
    """Three clients; scope-creep assessed on 1 September (review overdue since 1 October)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("steady-client", "hostile-after-boundaries"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    path = folder / "scope-creep.yaml"
    shutil.copy(EXAMPLES / "scope-creep.yaml", path)
    case, flow = open_case(path)
    record_assessment(case, flow, day=dt.date(2026, 9, 1))
    save_case(case, flow=flow)
    return path


def cell(table: DataTable, row: int, column: int) -> str:
    return str(table.get_row_at(row)[column])


async def test_the_start_screen_is_the_portfolio(private_data: Path) -> None:
    followed_cases(private_data / "partways" / "cases")
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        table = screen.query_one(DataTable)
        assert table.has_focus and table.cursor_row == 0  # first row highlighted
        assert table.row_count == 3
        assert cell(table, 0, 0) == "Librairie des Q…"  # overdue first
        assert "⚠ 2026-10-01" in cell(table, 0, 5)  # at 80 columns the assessment date goes
        assert len(table.columns) == 6
        bar = str(screen.query_one("KeyBar", Static).render())
        for word in ("Open", "Review again", "What changed", "New case", "Quit", "Actions"):
            assert word in bar
        assert "Sort" not in bar  # dropped first at 80 columns: the column headers sort too
        await pilot.press("s", "s", "s", "s")  # client, verdict, assessed, then friction
        assert cell(table, 0, 0) == "Transports Garn…"  # the most friction first
        assert "▼" in str(list(table.columns.values())[2].label)
        await pilot.press("s", "s", "s", "s")  # … and back to the portfolio's own order
        assert cell(table, 0, 0) == "Librairie des Q…"
        await pilot.press("ctrl+l")
        await pilot.pause()
        bar = str(screen.query_one("KeyBar", Static).render())
        # French is longer: at 80 columns "Ce qui a changé" gives way (d still works, F1 lists it)
        assert "Refaire le point" in bar and "Quitter" in bar and "Actions" in bar
        header = [str(c.label) for c in table.columns.values()]
        assert header[0].startswith("Client") and "Prochain point" in header[-1]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert len(table.columns) == 7 and cell(table, 0, 2) == "2026-09-01"


async def test_review_again_preselects_and_records_a_new_entry(private_data: Path) -> None:
    path = followed_cases(private_data / "partways" / "cases")
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")  # the first row: Librairie des Quais
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "more_without_budget"  # from the first question, not the review
        answers = dict(app.session.case.answers)
        for _ in range(60):
            screen = app.screen
            if not isinstance(screen, QuestionScreen):
                break
            qid = screen.qid
            if qid == "hours_spent":
                await pilot.press(*["backspace"] * 4, *"38", "enter")
            elif qid not in answers:
                await pilot.press("ctrl+g")
            else:
                await pilot.press("enter")  # the previous answer, pre-selected
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        assert "Next review:" in str(app.screen.query_one("#next-review", Static).render())
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        text = str(app.screen.query_one("#changes", Static).render())
        assert "49 hours → 38 hours" in text and "140% → 108.6%" in text
    data = saved(path)
    assert [str(e["date"]) for e in data["history"]] == ["2026-09-01", "2026-11-26"]
    assert data["history"][-1]["answers"]["hours_spent"] == 38
    unchanged = {k: v for k, v in answers.items() if k != "hours_spent"}
    assert {k: data["answers"][k] for k in unchanged} == unchanged


async def test_the_review_date_is_editable_on_the_verdict_screen(
    private_data: Path, copy_example
) -> None:
    path = copy_example("steady-client")
    app = PartwaysApp(path, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        line = str(app.screen.query_one("#next-review", Static).render())
        assert "Prochain point\u00a0: 26 février 2027" in line  # keep: three months
        await pilot.press("ctrl+d")
        await pilot.press(*["backspace"] * 10, *"2027-31-01", "enter")
        await pilot.pause()
        assert saved(path)["history"][-1]["next_review"] == dt.date(2027, 2, 26)
        await pilot.press(*["backspace"] * 10, *"2027-01-15", "enter")
        await pilot.pause()
        assert "15 janvier 2027" in str(app.screen.query_one("#next-review", Static).render())
    assert saved(path)["next_review"] == dt.date(2027, 1, 15)


async def test_a_review_date_typed_in_one_burst_behind_ctrl_d_is_kept(
    private_data: Path, copy_example
) -> None:
    path = copy_example("steady-client")
    app = PartwaysApp(path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        # the field opens with the date selected: typing replaces it
        queue_keys(app, "ctrl+d", *"2027-01-15", "enter")
        await pilot.pause()
        assert "15 January 2027" in str(app.screen.query_one("#next-review", Static).render())
        assert saved(path)["next_review"] == dt.date(2027, 1, 15)
        await pilot.press("ctrl+d", *"x2027-03-01", "home", "ctrl+d")  # in the field: its own
        await pilot.pause()
        assert app.screen.query_one("#review-date").value == "2027-03-01"


async def test_an_empty_portfolio_offers_a_new_case(private_data: Path) -> None:
    app = PartwaysApp(None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert not screen.query_one(DataTable).display
        assert "n starts a new one" in str(screen.query_one("#recent-title", Static).render())
        bar = str(screen.query_one(KeyBar).render())
        assert "New case" in bar  # the keys acting on a saved case are not offered
        assert not any(word in bar for word in ("Review again", "What changed", "Sort"))
        await pilot.press("r", "d", "s")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailsScreen"


async def test_what_changed_from_the_portfolio(private_data: Path) -> None:
    path = followed_cases(private_data / "partways" / "cases")
    case, flow = open_case(path)
    case.answers["hours_spent"] = 38
    record_assessment(case, flow, day=dt.date(2026, 11, 1))
    save_case(case, flow=flow)
    app = PartwaysApp(None, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")  # the first row: Librairie des Quais
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        text = str(app.screen.query_one("#changes", Static).render())
        assert "Ce qui a changé du 1er septembre 2026 au 1er novembre 2026" in text
        assert "49 heures → 38 heures" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_the_palette_reassesses_and_shows_what_changed(private_data: Path) -> None:
    """On the portfolio (the highlighted client) and on the verdict screen (this client)."""
    from textual.fuzzy import Matcher

    followed_cases(private_data / "partways" / "cases")
    app = PartwaysApp(None, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for word in ("refaire", "réévaluer", "changé"):
            assert any(Matcher(word).match(t) > 0 for t in commands), (word, list(commands))
        commands["Ce qui a changé depuis la dernière évaluation"].callback()
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        await pilot.press("escape")
        await pilot.pause()
        commands["Refaire le point sur ce client (réévaluer)"].callback()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.case.client["name"] == "Librairie des Quais"
        await pilot.press("ctrl+l")  # English now
        await pilot.pause()
        app.navigate(Navigate("verdict"))
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "What changed since the last assessment" in commands
        commands["Review this client again (re-assess)"].callback()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "more_without_budget"  # the first question, not the review
