"""A numbered entry whose wrapped lines start under its text, not under its number."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text


class Numbered:
    """`12. text` as a grid: a Text's own wrapping would start a wrapped line at the left edge,
    under the number; str() is the plain line (what tests and screen readers read)."""

    def __init__(self, n: int, body: Text, style: str = "dim") -> None:
        self.n, self.body, self.style = n, body, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid()
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{self.n:>2}. ", style=self.style), self.body)
        yield grid

    def __str__(self) -> str:
        return f"{self.n:>2}. {self.body.plain}"


class NumberedList:
    """Several `Numbered` entries one under the other; str() is their plain lines."""

    def __init__(self, entries: list[Numbered]) -> None:
        self.entries = entries

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.entries

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.entries)
