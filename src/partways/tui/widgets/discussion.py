"""The facilitator's side panel: prompts to discuss first, then why the question matters."""

from __future__ import annotations

from textual.content import Content

from partways.tui.widgets.why import WhyPanel, heading


class DiscussionPanel(WhyPanel):
    """A WhyPanel with the flow's discussion prompts above the help note."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._discussion: list[Content] = []

    def show_discussion(self, title: str, prompts: tuple[str, ...] | list[str]) -> None:
        if not prompts:
            self._discussion = []
        else:
            lines = Content("\n").join(
                Content.assemble(("▸ ", "bold"), (prompt, "bold")) for prompt in prompts
            )
            self._discussion = [heading(title), lines]
        self._redraw()

    def sections(self) -> list[Content]:
        return [*self._discussion, *super().sections()]
