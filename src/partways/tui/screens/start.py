"""First screen: resume a recent case or start a new one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from partways.errors import PartwaysError
from partways.i18n import tr
from partways.tui.messages import Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.title_bar import TitleBar


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


class StartScreen(WizardScreen):
    """Recent cases from the user data folder (newest first) and a "new case" button."""

    BINDINGS = [Binding("ctrl+n", "new_case", "New case", priority=True)]

    def __init__(self, case_path: Path | None = None) -> None:
        super().__init__()
        self.case_path = case_path

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="start"):
            yield Static(id="start-title")
            yield Static(id="start-intro")
            yield Button("", id="new-case", variant="primary", compact=True)
            yield Static(id="recent-title")
            yield OptionList(id="recent")
        yield KeyBar()

    def on_mount(self) -> None:
        from partways.paths import recent_cases

        recent = self.query_one("#recent", OptionList)
        found = fill_recent(recent, recent_cases())
        self.apply_lang()
        (recent if found else self.query_one("#new-case", Button)).focus()

    def apply_lang(self) -> None:
        flow = self.wizard.flow
        title = tr(flow.title, self.lang) if flow else self.t("start_title")
        self.query_one("#start-title", Static).update(f"[b]{title}[/b]")
        self.query_one("#start-intro", Static).update(self.t("start_intro"))
        self.query_one("#new-case", Button).label = self.t("b_new")
        has_recent = self.query_one("#recent", OptionList).option_count > 0
        self.query_one("#recent-title", Static).update(
            self.t("recent") if has_recent else self.t("no_recent")
        )

    def action_new_case(self) -> None:
        self.post_message(Navigate("details"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_new_case()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from partways.case import open_case
        from partways.i18n import resolve_lang
        from partways.session import Session
        from partways.tui.screens.error import ErrorScreen

        path = Path(event.option.id or "")
        try:
            case, flow = open_case(path, self.wizard.flow_ref)
        except PartwaysError as exc:
            self.app.push_screen(ErrorScreen(exc.one_line()))
            return
        lang = resolve_lang(self.wizard._lang_option, case.lang)  # noqa: SLF001
        self.wizard.flow = flow
        self.wizard.start_session(Session(case, flow, lang), first=False)
