"""What changed between a client's last two assessments: answers, figures, verdict and rule.

Pushed over the portfolio or the verdict screen and closed with Esc; the words come from the
core (`history.diff_lines`, what `partways diff` prints), so the screen and the command agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from partways.tui.screens.base import WizardScreen
from partways.tui.styles import sheet
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from rich.console import Group

    from partways.case import Case
    from partways.flow import Flow


def changes_text(case: Case, flow: Flow, lang: str) -> str:
    """The diff of the last two assessments, or why there is nothing to compare yet."""
    from partways.history import diff_entries, diff_lines, ht, pick_entries
    from partways.present import date_text

    pair = pick_entries(case)
    if pair is None:
        if not case.history:
            return ht("no_history", lang)
        return ht("one_entry", lang, date=date_text(case.history[-1]["date"], lang))
    return "\n".join(diff_lines(flow, diff_entries(flow, *pair), lang))


def history_table(case: Case, flow: Flow, lang: str) -> Group | None:
    """From three assessments on, the report's history as a table that fits 80 columns (the
    report's Markdown would wrap into pipes here), the friction's sparkline under it."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from partways.history import HISTORY_COLUMNS, friction_trend, history_rows, ht

    if len(case.history) < 3:
        return None
    table = Table(box=None, pad_edge=False, header_style="bold", padding=(0, 1, 0, 0))
    for key in HISTORY_COLUMNS:
        right = key in ("friction", "ratio")
        title = ht("ratio_short" if key == "ratio" else key, lang)  # the long one wraps at 80
        table.add_column(title, justify="right" if right else "left", no_wrap=True)
    for cells in history_rows(flow, case, lang):
        table.add_row(*cells)
    parts: list[Any] = [Text(""), Text(ht("history", lang), style="bold"), table]
    line = friction_trend(case, lang)
    if line is not None:
        parts += [Text(""), Text(line)]
    return Group(*parts)


class ChangesScreen(WizardScreen):
    """Read-only; Esc goes back to the screen it was opened from."""

    DEFAULT_CSS = sheet("changes")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    BINDINGS = [Binding("escape", "close", "Back", priority=True)]

    def __init__(self, case: Case, flow: Flow) -> None:
        super().__init__()
        self.case = case
        self.flow = flow

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="changes-body"):
            yield LangLabel(
                "changes_title",
                style="b",
                id="changes-title",
                client=self.case.client.get("name") or "—",
            )
            yield Static(id="changes", markup=False)
            yield Static(id="changes-history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.apply_lang()
        self.query_one("#changes-body").focus()

    def apply_lang(self) -> None:
        self.query_one("#changes", Static).update(changes_text(self.case, self.flow, self.lang))
        history = self.query_one("#changes-history", Static)
        table = history_table(self.case, self.flow, self.lang)
        history.display = table is not None
        if table is not None:
            history.update(table)

    def action_close(self) -> None:
        self.app.pop_screen()
