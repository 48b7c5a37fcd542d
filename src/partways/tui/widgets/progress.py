"""One line saying where the user is: section, question n of m, and a small bar."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ProgressLine(Static):
    """Section and position among the *relevant* questions (the total moves with conditions)."""

    def show(self, label: str, done: int, total: int, counts: str = "") -> None:
        """`counts` says how many were answered and how many left as "don't know": the bar
        fills with both (they are behind the user), the words never call a skip an answer."""
        width = 12
        counts = counts or f"{done}/{total}"
        room = (self.content_region.width or self.app.size.width - 2) - len(label) - len(counts)
        text = Text(label + "  ", style="bold")
        if room >= width + 3:  # the bar gives way first: the words say the same, exactly
            filled = round(width * done / total) if total else width
            text.append("█" * filled, style="green")
            text.append("░" * (width - filled), style="dim")
            text.append(" ")
        text.append(counts, style="dim")
        self.update(text)
