"""First screen: the portfolio of saved cases (open, review again, what changed) or a new one."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, DataTable, OptionList, Static
from textual.widgets.option_list import Option

from partways.errors import PartwaysError
from partways.i18n import tr
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.strings import s
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from partways.case import Case
    from partways.flow import Flow
    from partways.portfolio import Row


def _client_name(path: Path) -> str:
    """The client's name for the list; a file that cannot be read still shows by its name."""
    from partways.yamlio import load_yaml  # the C parser: a few recent cases are read per start

    try:
        data = load_yaml(path)
    except PartwaysError:
        return path.stem
    client = data.get("client") if isinstance(data, dict) else None
    name = client.get("name") if isinstance(client, dict) else None
    return str(name) if name else path.stem


def fill_recent(recent: OptionList, paths: list[Path]) -> bool:
    """List case files (client, file name, last change); hidden when there are none."""
    options = []
    for path in paths:
        when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        options.append(
            Option(f"{_client_name(path)}  [dim]{path.name} · {when}[/dim]", id=str(path))
        )
    recent.add_options(options)
    recent.display = bool(options)
    return bool(options)


class PortfolioTable(DataTable[Any]):
    """The table, with Enter named in the key bar ("Open"): DataTable's own binding hides it."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class StartScreen(WizardScreen):
    """The portfolio: every saved case, overdue reviews first; open, review again, compare.

    The rows come from the core (`partways.portfolio`, the same as `partways clients`), so the
    table and the command agree; sorting only reorders what is shown.
    """

    BINDINGS = [
        Binding("r", "reassess", "Review again"),
        Binding("d", "changes", "What changed"),
        Binding("s", "sort", "Sort"),
        Binding("n", "new_case", "New case"),
        Binding("ctrl+n", "new_case", "New case", priority=True, show=False),
    ]
    #: Sort keys per column, in the table's order (None: the portfolio's own order).
    _SORTS: tuple[Callable[[Row], Any], ...] = (
        lambda r: r.client.casefold(),
        lambda r: r.verdict or "",
        lambda r: r.assessed or "",
        lambda r: -(r.friction_pct or 0.0),
        lambda r: -(r.service_ratio_pct or 0.0),
        lambda r: -(r.revenue_share or 0.0),
        lambda r: (r.review is None, r.review or ""),
    )

    def __init__(self, case_path: Path | None = None) -> None:
        super().__init__()
        self.case_path = case_path
        self.rows: list[Row] = []
        self.sort_column: int | None = None
        self._narrow = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="start"):
            yield Static(id="start-title")
            yield LangLabel("start_intro", id="start-intro")
            yield Button("", id="new-case", variant="primary", compact=True)
            yield Static(id="recent-title")
            yield PortfolioTable(id="portfolio", cursor_type="row", zebra_stripes=True)
            yield Static(id="portfolio-total")
        yield KeyBar()

    def on_mount(self) -> None:
        from partways.paths import cases_dir
        from partways.portfolio import portfolio

        self.rows = portfolio(cases_dir())
        self.refresh_bindings()
        self.apply_lang()
        table = self.query_one(DataTable)
        table.display = bool(self.rows)
        (table if self.rows else self.query_one("#new-case", Button)).focus()

    def apply_lang(self) -> None:
        from partways.portfolio import summary_line

        flow = self.wizard.flow
        title = tr(flow.title, self.lang) if flow else self.t("start_title")
        self.query_one("#start-title", Static).update(f"[b]{title}[/b]")
        self.query_one("#new-case", Button).label = self.t("b_new")
        self.query_one("#recent-title", Static).update(
            self.t("portfolio_title") if self.rows else self.t("portfolio_empty")
        )
        total = self.query_one("#portfolio-total", Static)
        total.update(summary_line(self.rows, self.lang) if self.rows else "")
        total.display = bool(self.rows)
        self._fill()

    def _fill(self) -> None:
        """(Re)build the table in the current language and order, keeping the cursor's row."""
        from partways.history import ht
        from partways.portfolio import headers, row_cells

        table = self.query_one(DataTable)
        current = self._current()
        table.clear(columns=True)
        labels = self._labels()
        # below 100 columns the date of the last assessment goes and names are shortened, so
        # the next review (the column that matters most) stays on screen at 80 columns
        self._narrow = self.size.width < 100
        shown = [i for i in range(len(self._SORTS)) if not (self._narrow and i == 2)]
        names = headers(self.lang)
        if self._narrow:
            names[4] = ht("ratio_tiny", self.lang)
        for i in shown:
            mark = " ▼" if i == self.sort_column else ""
            table.add_column(names[i] + mark, key=str(i))
        rows = self.rows
        if self.sort_column is not None:
            rows = sorted(rows, key=self._SORTS[self.sort_column])
        for row in rows:
            cells: list[Text | str] = list(row_cells(row, self.lang, labels))
            if self._narrow and len(row.client) > 16:
                cells[0] = row.client[:15] + "…"
            if row.overdue:
                cells[-1] = Text(f"⚠ {row.review}", style="bold red")
            if row.error or row.in_progress:
                cells[1] = Text(str(cells[1]), style="dim")  # a warning or "In progress 9/26"
            table.add_row(*(cells[i] for i in shown), key=row.path)
        if current is not None:
            with contextlib.suppress(Exception):
                table.move_cursor(row=table.get_row_index(current.path))

    def on_resize(self) -> None:
        if self.rows and (self.size.width < 100) != self._narrow:
            self._fill()

    def _labels(self) -> dict[str, str]:
        flow = self.wizard.flow
        if flow is None:
            return {}
        return {k: tr(v.label, self.lang) for k, v in flow.verdicts.items()}

    def _current(self) -> Row | None:
        table = self.query_one(DataTable)
        if not self.rows or table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return next((r for r in self.rows if r.path == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no saved case, the keys that act on one (review again, what changed, sort) are
        left out of the key bar and do nothing: only a new case makes sense."""
        if action in ("reassess", "changes", "sort"):
            return bool(self.rows)
        return True

    # -- actions -------------------------------------------------------------------------------
    def action_new_case(self) -> None:
        self.post_message(Navigate("details"))

    @on(Button.Pressed, "#new-case")
    def _new_case_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_new_case()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_case()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        index = int(str(event.column_key.value))
        self.sort_column = None if self.sort_column == index else index
        self._fill()

    def action_sort(self) -> None:
        """Cycle the sort column: each column in turn, then the portfolio's own order."""
        count = len(self._SORTS)
        nxt = 0 if self.sort_column is None else self.sort_column + 1
        self.sort_column = nxt if nxt < count else None
        self._fill()

    def _open(self) -> tuple[Case, Flow] | None:
        from partways.case import open_case
        from partways.tui.screens.error import ErrorScreen

        row = self._current()
        if row is None:
            return None
        try:
            return open_case(Path(row.path), self.wizard.flow_ref)
        except PartwaysError as exc:
            self.app.push_screen(ErrorScreen(exc.one_line()))
            return None

    def _start(self, again: bool) -> None:
        opened = self._open()
        if opened is None:
            return
        session = self.wizard.open_case(*opened, again=again)
        if again:
            self.app.notify(s("reassess_started", session.lang))

    def action_open_case(self) -> None:
        self._start(again=False)

    def action_reassess(self) -> None:
        self._start(again=True)

    def action_changes(self) -> None:
        from partways.tui.screens.changes import ChangesScreen

        opened = self._open()
        if opened is not None:
            self.app.push_screen(ChangesScreen(*opened))
