"""Workshop start: pick a shipped case study (in the interface language) or resume a workshop."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from partways.errors import PartwaysError
from partways.tui.screens.base import WizardScreen
from partways.tui.screens.start import fill_recent
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar


class WorkshopStartScreen(WizardScreen):
    """Two lists: the studies (choosing one creates a working case) and recent workshops."""

    DEFAULT_CLASSES = "workshop"
    # a screen key, so the key bar names Enter (the list's own Enter is hidden)
    BINDINGS = [Binding("enter", "open", "Open", priority=True)]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="start"):
            yield LangLabel("ws_start_title", style="b", id="start-title")
            yield LangLabel("ws_start_intro", id="start-intro")
            yield Static(id="studies-title", classes="heading")
            yield OptionList(id="studies")
            yield Static(id="recent-title", classes="heading")
            yield OptionList(id="recent")
        yield KeyBar()

    def on_mount(self) -> None:
        from partways.workshop_cases import recent_workshops

        fill_recent(self.query_one("#recent", OptionList), recent_workshops())
        self.apply_lang()
        self.query_one("#studies", OptionList).focus()

    def apply_lang(self) -> None:
        from partways.studies import list_studies

        studies = [s for s in list_studies() if s.lang == self.lang] or list_studies()
        listing = self.query_one("#studies", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options(
            Option(f"[b]{s.title}[/b]  [dim]{s.id}[/dim]", id=str(s.path)) for s in studies
        )
        # a row is always highlighted, so Enter opens something from the first key
        if keep is not None and keep < listing.option_count:
            listing.highlighted = keep
        elif listing.option_count:
            listing.highlighted = 0
        self.query_one("#studies-title", Static).update(
            self.t("ws_studies") if studies else self.t("ws_no_studies")
        )
        has_recent = self.query_one("#recent", OptionList).option_count > 0
        self.query_one("#recent-title", Static).update(
            self.t("ws_recent") if has_recent else self.t("ws_no_recent")
        )

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            if focused.highlighted is None and focused.option_count:
                focused.highlighted = 0
            focused.action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from partways.case import open_case
        from partways.tui.screens.error import ErrorScreen
        from partways.workshop_cases import create_workshop_case

        path = Path(event.option.id or "")
        try:
            if event.option_list.id == "studies":
                path = create_workshop_case(path)
            case, flow = open_case(path)
        except PartwaysError as exc:
            self.app.push_screen(ErrorScreen(exc.one_line()))
            return
        self.wizard.open_case(case, flow, path=path)
