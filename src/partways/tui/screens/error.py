"""A broken case file or flow: say what is wrong, in one line, and let the user quit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from partways.tui.strings import s
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar


class ErrorScreen(Screen[None]):
    """Shown instead of a traceback; quitting returns exit code 1 (a user error)."""

    BINDINGS = [Binding("escape,q", "quit_error", "Quit", priority=True)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="error-box"):
            yield LangLabel("error_title", id="error-title")
            yield Static(self.message, id="error-message", markup=False)
            yield LangLabel("error_help", id="error-help")
            yield Button(s("b_quit", self.lang), id="error-quit", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._lang_switched, init=False)
        self.query_one(Button).focus()

    def _lang_switched(self) -> None:
        self.query_one(Button).label = s("b_quit", self.lang)

    def action_quit_error(self) -> None:
        self.app.exit(1, return_code=1)

    @on(Button.Pressed, "#error-quit")
    def _quit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_quit_error()
