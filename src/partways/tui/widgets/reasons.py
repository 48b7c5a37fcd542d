"""The verdict's reasons, strongest first, each with the answer that triggered it and sources."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from partways.assessment import Assessment
from partways.flow import Flow
from partways.i18n import tr
from partways.present import answer_text, sources_block


class ReasonList(Static):
    """Numbered reasons; shared by the verdict and the workshop debrief."""

    def show(self, flow: Flow, result: Assessment, lang: str, empty: str) -> None:
        reasons = Text()
        if not result.reasons:
            reasons.append(empty, style="italic")
        for n, reason in enumerate(result.reasons, 1):
            q = flow.by_id.get(reason.signal)
            head = tr(q.text, lang) if q else reason.signal
            shown = answer_text(flow, q, reason.answer, lang) if q else str(reason.answer)
            reasons.append(f"{n}. ", style="bold")
            reasons.append(f"{head} ", style="bold")
            reasons.append(f"({shown})\n", style="italic")
            reasons.append(f"   {reason.why}\n")
            if reason.sources:
                reasons.append(sources_block(flow, reason.sources, lang, "   ") + "\n", style="dim")
        self.update(reasons)
