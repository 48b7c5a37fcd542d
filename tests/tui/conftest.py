"""Answering helpers for the wizard tests (the environment is tests/conftest.py's)."""

from __future__ import annotations

from typing import Any

from tests.helpers import SPEC_EXAMPLES as EXAMPLES
from tests.helpers import example_data as example
from tests.helpers import saved

__all__ = ["EXAMPLES", "example", "saved"]


async def answer_current(pilot, value: Any) -> None:
    """Answer the question on screen with the keys a user would press."""
    app = pilot.app
    question = app.session.flow.by_id[app.screen.qid]
    if question.type == "boolean":
        await pilot.press("1" if value else "2")
    elif question.type in ("frequency", "choice"):
        await pilot.press(str(question.options.index(value) + 1))
    elif question.type == "multi":  # number keys toggle: change what differs, then confirm
        ticked = set(app.screen.query_one("#multi").selected)
        for n, option in enumerate(question.options, 1):
            if (option in value) != (option in ticked):
                await pilot.press(str(n))
        await pilot.press("enter")
    else:
        await pilot.press("end", "ctrl+u", *str(value), "enter")
    await pilot.pause()


async def new_case(pilot, client: str = "Atelier Dumas", lang: str | None = None) -> None:
    """From the start screen, create a case through the details form."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press(*client)
    await pilot.press(
        # the second tab passes the contact's civility list (left at "—")
        "tab",
        "tab",
        *"Claire Dumas",
        "tab",
        *"Studio Nord",
        "tab",
        *"Paul Martin",
        "tab",
        *"Owner",
    )
    if lang == "fr":
        app = pilot.app
        app.screen.query_one("#lang-fr").value = True
    await pilot.press("enter")
    await pilot.pause()


async def answer_all(pilot, answers: dict[str, Any], limit: int = 60) -> list[str]:
    """Answer every question the flow asks, from the `answers` table; returns the ids asked."""
    from partways.tui.screens.question import QuestionScreen

    asked: list[str] = []
    for _ in range(limit):
        screen = pilot.app.screen
        if not isinstance(screen, QuestionScreen):
            break
        asked.append(screen.qid)
        if screen.qid not in answers and pilot.app.session.flow.by_id[screen.qid].optional:
            await pilot.press("ctrl+g")  # a question the story does not answer: "I don't know"
            await pilot.pause()
            continue
        await answer_current(pilot, answers[screen.qid])
    return asked
