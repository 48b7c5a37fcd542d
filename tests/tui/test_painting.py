"""What the wizard tests still paint (tests/tui/conftest.py, `screens_painted_once`): a
screen's first frame, so a widget that cannot be drawn fails its test; not the frames after."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class Broken(Static):
    def render(self) -> str:
        raise RuntimeError("cannot draw")


class Later(Static):
    """Drawn fine at first; broken once `broken` is set (a later frame)."""

    broken = False

    def render(self) -> str:
        if self.broken:
            raise RuntimeError("cannot draw now")
        return "fine"


@pytest.fixture
def plain_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual draws a crash's traceback with Rich (source lines highlighted, locals): 2 s of
    CPU the first time in a process, for text these tests never read."""
    import rich.traceback
    from rich.text import Text

    monkeypatch.setattr(rich.traceback, "Traceback", lambda **_: Text("traceback"))


class OneWidget(App[None]):
    def __init__(self, widget: Static) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


class BrokenScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Broken()


async def test_a_screen_that_cannot_be_drawn_fails_on_its_first_frame(plain_traceback) -> None:
    with pytest.raises(RuntimeError, match="cannot draw"):
        async with OneWidget(Static("fine")).run_test() as pilot:
            await pilot.pause()
            pilot.app.push_screen(BrokenScreen())
            await pilot.pause()


async def test_frames_after_the_first_are_not_painted() -> None:
    later = Later()
    async with OneWidget(later).run_test() as pilot:
        await pilot.pause()
        later.broken = True
        later.refresh()
        await pilot.pause()  # painted, this frame would raise RuntimeError here


@pytest.mark.painted
async def test_a_test_marked_painted_paints_every_frame(plain_traceback) -> None:
    later = Later()
    with pytest.raises(RuntimeError, match="cannot draw now"):
        async with OneWidget(later).run_test() as pilot:
            await pilot.pause()
            later.broken = True
            later.refresh()
            await pilot.pause()
