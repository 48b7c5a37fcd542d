"""The figures at a glance: a small table with bars, so 140 % reads as "too much" instantly."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from partways.present import figure_rows

BAR = 20


def _bar(fraction: float, mark: float | None = None, style: str = "green") -> Text:
    """A bar of BAR cells; `mark` (0–1) draws a divider where "normal" ends."""
    filled = max(0, min(BAR, round(fraction * BAR)))
    text = Text()
    for i in range(BAR):
        at_mark = mark is not None and i == round(mark * BAR) - 1
        if i < filled:
            over = mark is not None and i >= round(mark * BAR)
            text.append("█", style="red" if over else style)
        else:
            text.append("│" if at_mark else "░", style="dim")
    return text


class FigureTable(Static):
    """Service ratio (bar up to 200 %, 100 % marked), shortfall, revenue at risk (bar to 100 %)."""

    def show(self, figures: dict[str, Any], lang: str, empty: str) -> None:
        rows = figure_rows(figures, lang)
        if not rows:
            self.update(Text(empty, style="italic"))
            return
        table = Table.grid(padding=(0, 2))
        table.add_column(ratio=1)  # the label wraps first when room is short
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column(min_width=BAR, no_wrap=True)  # a bar is never cut
        for key, label, value in rows:
            if key == "service_ratio_pct":
                bar = _bar(figures[key] / 200, mark=0.5)
            elif key == "revenue_share":
                bar = _bar(figures[key] / 100, style="yellow")
            else:
                bar = Text("")
            table.add_row(label, value, bar)
        self.update(table)
