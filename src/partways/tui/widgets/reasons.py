"""The verdict's reasons, strongest first, each with the answer that triggered it and sources."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from partways.assessment import Assessment
from partways.flow import Flow
from partways.i18n import tr
from partways.present import answer_text, sources_block
from partways.tui.widgets.numbered import Numbered, NumberedList


class ReasonList(Static):
    """Numbered reasons; shared by the verdict and the workshop debrief."""

    def show(self, flow: Flow, result: Assessment, lang: str, empty: str) -> None:
        if not result.reasons:
            self.update(Text(empty, style="italic"))
            return
        entries = []
        for n, reason in enumerate(result.reasons, 1):
            q = flow.by_id.get(reason.signal)
            head = tr(q.text, lang) if q else reason.signal
            shown = answer_text(flow, q, reason.answer, lang) if q else str(reason.answer)
            body = Text()
            body.append(f"{head} ", style="bold")
            body.append(f"({shown})\n", style="italic")
            body.append(reason.why)
            if reason.sources:
                body.append("\n" + sources_block(flow, reason.sources, lang), style="dim")
            # each reason a grid: its wrapped lines stay under its text, not under its number
            entries.append(Numbered(n, body, style="bold"))
        self.update(NumberedList(entries))
