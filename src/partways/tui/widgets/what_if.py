"""What would change the verdict, one line per other verdict; shared by the verdict screen and
the workshop debrief (where it is discussion material rather than advice)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from partways.flow import Flow
from partways.messages import t
from partways.whatif import WhatIf, what_if_text


class WhatIfList(Static):
    """The core's `what_if` changes, most actionable first, in the core's words."""

    def show(self, flow: Flow, items: list[WhatIf], lang: str) -> None:
        text = Text()
        if not items:
            text.append(t("what_if_none", lang), style="italic")
        for n, item in enumerate(items):
            if n:
                text.append("\n")
            text.append("→ ", style="bold")
            text.append(what_if_text(flow, item, lang))
        self.update(text)
