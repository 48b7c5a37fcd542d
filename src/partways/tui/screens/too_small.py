"""Shown over everything while the terminal is smaller than the wizard can lay out legibly.

Nothing is lost: answers are already saved, and the screen goes away by itself as soon as the
terminal is large enough again (or ctrl+q quits).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from partways.tui.app import MIN_HEIGHT, MIN_WIDTH
from partways.tui.strings import s


class TooSmallScreen(ModalScreen[None]):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self._cols, self._rows = width, height

    def _text(self) -> str:
        lang = getattr(self.app, "lang", "en")
        return s("too_small", lang, w=MIN_WIDTH, h=MIN_HEIGHT, width=self._cols, height=self._rows)

    def compose(self) -> ComposeResult:
        yield Static(self._text(), id="too-small")

    def show_size(self, width: int, height: int) -> None:
        self._cols, self._rows = width, height
        if self.is_mounted:
            self.query_one("#too-small", Static).update(self._text())
