"""Client and provider details: who the letter is for and who signs it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from partways.tui.messages import Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.title_bar import TitleBar

FIELDS = (
    ("client", "name", "client_name"),
    ("client", "contact", "client_contact"),
    ("provider", "name", "provider_name"),
    ("provider", "signer", "provider_signer"),
    ("provider", "role", "provider_role"),
)


class DetailsScreen(WizardScreen):
    """Creates the case (and its file) on first use; edits the open case's details later."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, case_path: Path | None = None) -> None:
        super().__init__()
        self.case_path = case_path

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="details"):
            yield Static(id="details-title")
            with Grid(id="details-grid"):
                for part, key, _label in FIELDS:
                    yield Static(id=f"label-{part}-{key}", classes="field-label")
                    yield Input(id=f"{part}-{key}", compact=True)
                yield Static(id="label-lang", classes="field-label")
                with RadioSet(id="lang", compact=True):
                    yield RadioButton("Français", id="lang-fr")
                    yield RadioButton("English", id="lang-en")
            yield Static(id="details-error")
            with Horizontal(id="details-buttons"):
                yield Button("", id="details-cancel", compact=True)
                yield Button("", id="details-start", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        session = self.wizard.session
        lang = session.case.lang or self.lang if session else self.lang
        if session is not None:
            for part, key, _label in FIELDS:
                value = getattr(session.case, part).get(key, "")
                self.query_one(f"#{part}-{key}", Input).value = value
        self.query_one(f"#lang-{lang}", RadioButton).value = True
        self.apply_lang()
        self.query_one("#client-name", Input).focus()

    def apply_lang(self) -> None:
        for part, key, label in FIELDS:
            self.query_one(f"#label-{part}-{key}", Static).update(self.t(label))
        self.query_one("#label-lang", Static).update(self.t("language"))
        self.query_one("#details-title", Static).update(f"[b]{self.t('details_title')}[/b]")
        self.query_one("#details-cancel", Button).label = self.t("b_cancel")
        self.query_one("#details-start", Button).label = self.t(
            "b_save" if self.wizard.session else "b_start"
        )

    def _chosen_lang(self) -> str:
        return "en" if self.query_one("#lang-en", RadioButton).value else "fr"

    def action_start(self) -> None:
        from partways.case import Case
        from partways.paths import default_case_path
        from partways.tui.session import Session

        values = {(p, k): self.query_one(f"#{p}-{k}", Input).value.strip() for p, k, _ in FIELDS}
        if not values[("client", "name")]:
            self.query_one("#details-error", Static).update("✗ " + self.t("need_client"))
            self.query_one("#client-name", Input).focus()
            return
        lang = self._chosen_lang()
        session = self.wizard.session
        if session is not None:
            for (part, key), value in values.items():
                target = getattr(session.case, part)
                if value:
                    target[key] = value
                else:
                    target.pop(key, None)
            session.set_lang(lang)  # saves
            if lang != self.wizard.lang:
                self.wizard.action_switch_lang()
            self.app.sub_title = values[("client", "name")]
            self.post_message(Navigate("question"))
            return
        flow = self.wizard.flow
        assert flow is not None
        case = Case(flow=flow.ref, lang=lang)
        for (part, key), value in values.items():
            if value:
                getattr(case, part)[key] = value
        case.path = self.case_path or default_case_path(values[("client", "name")])
        self.wizard.start_session(Session(case, flow, lang), first=False)

    def action_cancel(self) -> None:
        self.post_message(Navigate("question" if self.wizard.session else "start"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "details-start":
            self.action_start()
        else:
            self.action_cancel()
