"""The story of the case study, read together before the first question."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar


class NarrativeScreen(WizardScreen):
    """Title and narrative (Markdown) of the study; Enter starts (or resumes) the questions."""

    DEFAULT_CLASSES = "workshop"
    BINDINGS = [Binding("enter", "start", "Start", priority=True)]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="narrative-body"):
            yield Static(id="narrative-kicker")
            yield Markdown(id="narrative")
        with Horizontal(id="narrative-bar"):
            yield LangLabel("ws_narrative_hint", id="narrative-hint")
            yield Button("", id="narrative-start", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Button).can_focus = False
        self.apply_lang()
        self.query_one("#narrative-body").focus()

    def _study(self) -> dict[str, Any]:
        study = self.session.case.extra.get("study")
        return study if isinstance(study, dict) else {}

    def apply_lang(self) -> None:
        case = self.session.case
        study = self._study()
        kicker = self.t(
            "ws_kicker",
            client=case.client.get("name", "—"),
            provider=case.provider.get("name", "—"),
        )
        self.query_one("#narrative-kicker", Static).update(f"[dim]{kicker}[/dim]")
        title = str(study.get("title") or case.client.get("name", ""))
        narrative = str(study.get("narrative") or "").strip()
        self.query_one("#narrative", Markdown).update(f"# {title}\n\n{narrative}\n")
        self.query_one("#narrative-start", Button).label = self.t("b_start") + " ⟶"

    def action_start(self) -> None:
        self.post_message(Navigate("question"))

    @on(Button.Pressed, "#narrative-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()
