""" "Why not…?": pick another verdict, read which rule decided first and which conditions of
the rules leading to it do not hold (the core's `why_not`, in the core's words)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Provider
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from partways.present import verdict_label
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s
from partways.tui.styles import sheet
from partways.whatif import why_not, why_not_lines

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.flow import Flow


class WhyNotScreen(Dialog[None]):
    """The other verdicts of the flow; choosing one shows why it is not the verdict."""

    DEFAULT_CSS = sheet("why_not")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    BINDINGS = [Binding("escape", "close", "Close", priority=True)]

    def __init__(self, flow: Flow, result: Assessment, lang: str) -> None:
        super().__init__()
        self.flow = flow
        self.result = result
        self.lang = lang

    def compose(self) -> ComposeResult:
        others = [v for v in self.flow.verdicts if v != self.result.verdict]
        with Vertical(id="whynot-box", classes="dialog"):
            yield Static(Text(s("why_not_title", self.lang), style="bold"), id="whynot-title")
            yield OptionList(
                *(Option(verdict_label(self.flow, v, self.lang), id=v) for v in others),
                id="whynot-verdicts",
            )
            with VerticalScroll(id="whynot-scroll"):
                yield Static(Text(s("why_not_hint", self.lang), style="dim"), id="whynot-answer")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#whynot-verdicts")
    def explain(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        verdict = str(event.option.id)
        lines = why_not_lines(self.flow, why_not(self.flow, self.result, verdict), self.lang)
        answer = Text()
        answer.append(lines[0], style="bold")  # only the title: a base style would bold it all
        for line in lines[1:]:
            answer.append("\n" + line)
        self.query_one("#whynot-answer", Static).update(answer)
        self.query_one("#whynot-scroll", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


class WhyNotCommands(Provider):
    """The palette's "Why not…?" while the verdict screen is shown."""

    def _entry(self) -> tuple[str, str]:
        lang = getattr(self.app, "lang", "en")
        return s("cmd_why_not", lang), s("cmd_why_not_help", lang)

    def _open(self) -> None:
        action = getattr(self.screen, "action_why_not", None)
        if action is not None:
            action()

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        name, help_text = self._entry()
        yield DiscoveryHit(name, self._open, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        name, help_text = self._entry()
        matcher = self.matcher(query)
        score = matcher.match(name)
        if score > 0:
            yield Hit(score, matcher.highlight(name), self._open, help=help_text)
