"""The side panel: why a question matters and where that comes from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


def heading(title: str) -> Content:
    """A paragraph title in the panel."""
    return Content.styled(title, "bold $text-accent")


class WhyPanel(VerticalScroll):
    """Help note and sources of the current question; the user can hide it (ctrl+t).

    One Static holds title, note and sources (three were a measurable part of the first frame:
    each widget costs about a millisecond to mount); it scrolls when the note is long.
    """

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._why: list[Content] = []

    def compose(self) -> ComposeResult:
        yield Static(id="why-body")

    def show(self, title: str, text: str, source_line: str) -> None:
        self._why = [heading(title), Content(text or "—")]
        if source_line:
            self._why.append(Content.styled(source_line, "$text-muted"))
        self._redraw()

    def sections(self) -> list[Content]:
        """What the panel shows, one paragraph each (the workshop puts its prompts first)."""
        return self._why

    def _redraw(self) -> None:
        self.query_one("#why-body", Static).update(Content("\n\n").join(self.sections()))
