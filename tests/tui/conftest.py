"""Answering helpers for the wizard tests (the environment is tests/conftest.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import SPEC_EXAMPLES as EXAMPLES
from tests.helpers import example_data as example
from tests.helpers import saved

__all__ = ["EXAMPLES", "example", "saved"]

#: What `new_case` types into the details form, as the form writes it.
CLIENT = {"name": "Atelier Dumas", "contact": "Claire Dumas"}
PROVIDER = {"name": "Studio Nord", "signer": "Paul Martin", "role": "Owner"}


@pytest.fixture(autouse=True, scope="session")
def css_parsed_once() -> Iterator[None]:
    """Every test makes a new app, and each app's stylesheet parsed app.tcss and every widget's
    default CSS again (a tenth of the wizard tests' CPU): the parsed rules are kept for the
    process, keyed as Textual keys them plus the theme's variables they were parsed with.
    Textual never changes a parsed rule set (a stylesheet only collects them into its own list).
    """
    from textual.css.stylesheet import Stylesheet

    original = Stylesheet._parse_rules
    parsed: dict[tuple[Any, ...], Any] = {}

    def parse_rules(self: Stylesheet, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        key = (css, read_from, args, tuple(sorted(kwargs.items())), tuple(self._variables.items()))
        if key not in parsed:
            parsed[key] = original(self, css, read_from, *args, **kwargs)
        return parsed[key]

    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
    yield
    Stylesheet._parse_rules = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def settling_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run_test` (and the snapshots' `app.run`) hand out a Pilot that waits for the app, not
    for the clock (tests/tui/pilot.py)."""
    import textual.pilot

    from .pilot import SettlingPilot

    monkeypatch.setattr(textual.pilot, "Pilot", SettlingPilot)


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard tests run as with TEXTUAL_ANIMATIONS=none: their end state is the same, but the
    Pilot waits for a running animation (a tab's underline, a smooth scroll) in real time, and
    each of its 1/60 s frames is drawn. In the letter and debrief tests that was a third of the
    wall time spent with the worker idle (measured at stop 23: tests/tui 55 → 48 s, CPU −8 %).
    The tmux tests run the real program, animations and all."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def queue_keys(app: Any, *keys: str) -> None:
    """Post `keys` to the app at once, as a paste or a fast typist sends them: all are queued
    before any is handled (`pilot.press` waits for the app after each key). A key is a
    character, or a name: "enter", "space", "escape", "ctrl+q"…"""
    from textual import events

    for key in keys:
        char = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key("space" if key == " " else key, char))


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


def details_case(
    folder: Path, lang: str = "en", answers: dict[str, Any] | None = None, name: str = "c.yaml"
) -> Path:
    """The case file `new_case` leaves (plus `answers`), written directly: a test that does not
    test the details form opens it (`PartwaysApp(path)` lands on its first unanswered question)
    instead of typing ~55 keys. `test_new_case_is_created_in_data_folder` checks the two match."""
    path = folder / name
    data = {
        "format": "partways/1",
        "flow": "client-review",
        "lang": lang,
        "client": dict(CLIENT),
        "provider": dict(PROVIDER),
        "answers": dict(answers or {}),
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


async def new_case(pilot, client: str = CLIENT["name"], lang: str | None = None) -> None:
    """From the start screen, create a case through the details form, key by key (only for the
    tests of the form and the one full walk: the others start from `details_case`)."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press(*client)
    await pilot.press(
        # the second tab passes the contact's civility list (left at "—")
        "tab",
        "tab",
        *CLIENT["contact"],
        "tab",
        *PROVIDER["name"],
        "tab",
        *PROVIDER["signer"],
        "tab",
        *PROVIDER["role"],
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


@pytest.fixture(autouse=True)
def screens_painted_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A headless app paints every frame and throws it away (`App._display` writes nothing
    without a terminal): in the wizard tests that was about a fifth of their CPU, spent on
    frames nobody reads. Each screen is still painted whole once at each size (its first
    frame: a widget whose drawing fails still fails the test, and what a widget computes as it
    is first drawn, such as a list's scrollbar, is there); the frames after it are not. The
    SVG snapshots (any test using `snap_compare`, or marked `painted`) paint every frame, and
    the tmux tests run the real program in a real terminal."""
    if "snap_compare" in request.fixturenames or request.node.get_closest_marker("painted"):
        return
    from textual._compositor import Compositor

    paint = Compositor.render_update

    def render_update(
        self: Compositor, full: bool = False, screen_stack: Any = None, simplify: bool = False
    ) -> Any:
        if not full:  # `full`: a screenshot (`App.export_screenshot`), always painted
            if getattr(self, "_painted_at", None) == self.size:
                self._dirty_regions.clear()
                return None
            self._painted_at = self.size  # type: ignore[attr-defined]
        return paint(self, full, screen_stack, simplify)

    monkeypatch.setattr(Compositor, "render_update", render_update)
