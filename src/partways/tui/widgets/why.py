"""The side panel: why a question matters and where that comes from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class WhyPanel(VerticalScroll):
    """Help note and sources of the current question; the user can hide it (ctrl+t)."""

    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="why-title")
        yield Static(id="why-text")
        yield Static(id="why-source")

    def show(self, title: str, text: str, source_line: str) -> None:
        self.query_one("#why-title", Static).update(title)
        self.query_one("#why-text", Static).update(text or "—")
        src = self.query_one("#why-source", Static)
        src.update(source_line)
        src.display = bool(source_line)
