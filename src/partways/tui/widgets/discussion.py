"""The facilitator's side panel: prompts to discuss first, then why the question matters."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from partways.tui.widgets.why import WhyPanel


class DiscussionPanel(WhyPanel):
    """A WhyPanel with the flow's discussion prompts above the help note."""

    def compose(self) -> ComposeResult:
        yield Static(id="discuss-title")
        yield Static(id="discuss")
        yield from super().compose()

    def show_discussion(self, title: str, prompts: tuple[str, ...] | list[str]) -> None:
        self.query_one("#discuss-title", Static).update(title)
        text = Text()
        for n, prompt in enumerate(prompts):
            if n:
                text.append("\n")
            text.append("▸ ", style="bold")
            text.append(prompt)
        self.query_one("#discuss", Static).update(text)
        for node in self.query("#discuss-title, #discuss"):
            node.display = bool(prompts)
