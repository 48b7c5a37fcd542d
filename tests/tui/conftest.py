"""Shared set-up for the wizard tests: a private data folder, example cases, answering helpers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

# The contract's example cases, copied into the repository so tests run from any clone.
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "spec-examples"


@pytest.fixture(autouse=True)
def private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cases go to a temp data folder, dates are fixed, the locale says English."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    # preferences (theme, language, export folder) and exports stay in the temp folder too
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "documents"))
    monkeypatch.setenv("PARTWAYS_TODAY", "2026-11-26")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    import partways.paths

    monkeypatch.setattr(partways.paths, "cases_dir", lambda: data / "partways" / "cases")
    return data


def example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def copy_example(tmp_path: Path):
    def copy(name: str) -> Path:
        target = tmp_path / f"{name}.yaml"
        shutil.copy(EXAMPLES / f"{name}.yaml", target)
        return target

    return copy


def saved(path: Path) -> dict[str, Any]:
    """The case file as written on disk (what a crash would leave)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


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
