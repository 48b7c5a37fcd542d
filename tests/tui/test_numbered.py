"""`Numbered` draws what the two-column grid it replaced drew, segment for segment."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from partways.tui.widgets.numbered import Numbered
from tests.helpers import examples


class GridNumbered(Numbered):
    """The former drawing: a grid, a number column of 4 and the text in the rest."""

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        grid = Table.grid()
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{self.n:>2}. ", style=self.style), self.body)
        yield grid


def lines(renderable: Numbered, width: int) -> list[list[Segment]]:
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    drawn = console.render_lines(renderable, console.options.update_width(width), pad=True)
    # a grid writes a plain space as Style() where the text writes None: the same on screen
    return [
        list(Segment.simplify(Segment(s.text, s.style or Style()) for s in line)) for line in drawn
    ]


WORDS = st.sampled_from(
    [
        "client",
        "budget",
        "«refonte»",
        "très-long-mot-sans-espace-qui-déborde",
        "→",
        "✎",
        "日本語",
        "a",
    ]
)
PIECES = st.tuples(
    WORDS, st.sampled_from([" ", "\n", ""]), st.sampled_from(["", "bold", "dim italic", "red"])
)


@settings(max_examples=examples(3000, 150), deadline=None)
@given(
    pieces=st.lists(PIECES, max_size=14),
    widths=st.lists(st.integers(5, 100), min_size=1, max_size=3),
    n=st.integers(1, 120),
)
def test_the_hanging_indent_draws_what_the_grid_drew(pieces, widths, n) -> None:
    """At each width in turn, and again at the first (one entry keeps what it drew per width)."""
    body = Text()
    for word, gap, style in pieces:
        body.append(word + gap, style=style)
    entry = Numbered(n, body)
    for width in [*widths, widths[0]]:
        assert lines(entry, width) == lines(GridNumbered(n, body), width)


def test_a_long_answer_wraps_under_its_text() -> None:
    body = Text("Does the client keep asking for more without raising the budget?")
    drawn = ["".join(s.text for s in line) for line in lines(Numbered(7, body), 30)]
    assert drawn == [
        " 7. Does the client keep      ",
        "    asking for more without   ",
        "    raising the budget?       ",
    ]
