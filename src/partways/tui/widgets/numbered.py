"""A numbered entry whose wrapped lines start under its text, not under its number."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

#: The number's column: `12. ` (a third digit is cut, as a grid column of 4 would).
NUMBER_WIDTH = 4


class Numbered:
    """`12. text` with a hanging indent: a Text's own wrapping would start a wrapped line at the
    left edge, under the number; str() is the plain line (what tests and screen readers read).

    It draws what a two-column `Table.grid` (a number column of 4, the text in the rest) drew,
    line for line (tests/tui/test_numbered.py compares them), at a fraction of its cost: the
    review lists every answer this way, and the grid's measuring was most of drawing it.
    """

    def __init__(self, n: int, body: Text, style: str = "dim") -> None:
        self.n, self.body, self.style = n, body, style
        #: What was drawn at each width: a list asks an option for its height, then draws it
        #: once per style (plain, highlighted, hovered) and again after each resize.
        self._drawn: dict[int, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = self._drawn.get(options.max_width)
        if drawn is None:
            if len(self._drawn) >= 8:
                self._drawn.clear()
            drawn = self._drawn[options.max_width] = list(self._draw(console, options))
        yield from drawn

    def _draw(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = max(options.max_width - NUMBER_WIDTH, 1)
        number = Text(f"{self.n:>2}. ", style=self.style)
        number.truncate(NUMBER_WIDTH, overflow="ellipsis", pad=True)
        indent = Text(" " * NUMBER_WIDTH)
        body = self.body
        # as a grid cell would: the text's own justify and overflow, else the column's
        lines = body.wrap(
            console, width, justify=body.justify or "left", overflow=body.overflow or "ellipsis"
        )
        for i, line in enumerate(lines):
            line.truncate(width, pad=True)
            yield from Text.assemble(number if i == 0 else indent, line).render(console)
            yield Segment.line()

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
