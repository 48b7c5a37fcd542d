"""Client and provider details: who the letter is for, who signs it, where and under what deal."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, RadioButton, RadioSet, Select, Static

from partways.case import CIVILITIES, Case, parse_date
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen, focus_now, once_typed
from partways.tui.styles import sheet
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.title_bar import TitleBar

#: (part, key, label) of the one-line text fields, in screen order; the contact's row also holds
#: the civility list, and the role and contract date are handled apart (per language / a date).
FIELDS = (
    ("client", "name", "client_name"),
    ("client", "contact", "client_contact"),
    ("provider", "name", "provider_name"),
    ("provider", "signer", "provider_signer"),
    ("provider", "role", "provider_role"),
    ("provider", "city", "provider_city"),
    ("letter", "contract_date", "contract_date"),
)
#: The fields stored as typed, one string each, in `case.client` / `case.provider`.
_PLAIN = tuple(
    (part, key)
    for part, key, _ in FIELDS
    if part != "letter" and (part, key) != ("provider", "role")
)


class DetailsScreen(WizardScreen):
    """Creates the case (and its file) on first use; edits the open case's details later.

    The role is edited in the wizard's current language: a per-language role (`{fr, en}` in
    the case file) keeps the other language's entry, and ctrl+l shows that one; a plain role
    stays one string for both languages.
    """

    DEFAULT_CSS = sheet("details")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, case_path: Path | None = None, back: Navigate | None = None) -> None:
        super().__init__()
        self.case_path = case_path
        #: Where saving or cancelling returns (the letter, the verdict…); the next question when
        #: the screen was not opened from one of them.
        self.back = back
        #: Per-language role being edited ({lang: text}); None when the role is one string.
        self._roles: dict[str, str] | None = None
        self._role_lang = ""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="details"):
            yield LangLabel("details_title", style="b", id="details-title")
            with Grid(id="details-grid"):
                for part, key, label in FIELDS:
                    yield LangLabel(label, id=f"label-{part}-{key}", classes="field-label")
                    if (part, key) == ("client", "contact"):
                        with Horizontal(id="contact-row"):
                            yield Select[str](
                                self._civility_options(),
                                id="client-civility",
                                value="none",
                                allow_blank=False,
                                compact=True,
                            )
                            yield Input(id="client-contact", compact=True)
                    else:
                        yield Input(id=f"{part}-{key}", compact=True)
                yield LangLabel("language", id="label-lang", classes="field-label")
                with RadioSet(id="lang", compact=True):
                    yield RadioButton("Français", id="lang-fr")
                    yield RadioButton("English", id="lang-en")
            yield Static(id="details-error")
            with Horizontal(id="details-buttons"):
                yield Button("", id="details-cancel", compact=True)
                yield Button("", id="details-start", variant="primary", compact=True)
        yield KeyBar()

    def _civility_options(self) -> list[tuple[str, str]]:
        return [(self.t(f"civility_{c}"), c) for c in CIVILITIES]

    def on_mount(self) -> None:
        session = self.wizard.session
        lang = session.case.lang or self.lang if session else self.lang
        self._role_lang = self.lang
        if session is not None:
            case = session.case
            for part, key in _PLAIN:
                self._input(part, key).value = getattr(case, part).get(key, "")
            role = case.provider.get("role")
            if isinstance(role, dict):
                self._roles = {code: case.role(code) for code in ("fr", "en")}
            self._input("provider", "role").value = case.role(self.lang)
            day = case.contract_date()
            self._input("letter", "contract_date").value = day.isoformat() if day else ""
            self.query_one("#client-civility", Select).value = case.civility()
        self.query_one(f"#lang-{lang}", RadioButton).value = True
        self.apply_lang()
        self.query_one("#client-name", Input).focus()

    def _input(self, part: str, key: str) -> Input:
        return self.query_one(f"#{part}-{key}", Input)

    def apply_lang(self) -> None:
        if self._roles is not None:
            # a per-language role: keep what was typed for the language shown until now, then
            # show this language's entry under a label that names the language
            self._roles[self._role_lang] = self._input("provider", "role").value
            self._role_lang = self.lang
            self._input("provider", "role").value = self._roles.get(self.lang, "")
            self.query_one("#label-provider-role", LangLabel).show_key("provider_role_in")
        civility = self.query_one("#client-civility", Select)
        with self.prevent(Select.Changed):
            value = civility.value
            civility.set_options(self._civility_options())
            civility.value = value
        self._input("letter", "contract_date").placeholder = self.t("contract_date_placeholder")
        self.query_one("#details-cancel", Button).label = self.t("b_cancel")
        self.query_one("#details-start", Button).label = self._start_word()

    def _start_word(self) -> str:
        return self.t("b_save" if self.wizard.session else "b_start")

    def key_label(self, action: str) -> str | None:
        return self._start_word() if action == "start" else None  # what the button says

    def _chosen_lang(self) -> str:
        return "en" if self.query_one("#lang-en", RadioButton).value else "fr"

    def _refuse(self, key: str, field: Input) -> None:
        self.query_one("#details-error", Static).update("✗ " + self.t(key))
        focus_now(field)

    def _fill(self, case: Case, values: dict[tuple[str, str], str]) -> None:
        """Write the form into the case: empty fields remove their key, "—" the civility."""
        for (part, key), value in values.items():
            target = getattr(case, part)
            if value:
                target[key] = value
            else:
                target.pop(key, None)
        civility = self.query_one("#client-civility", Select).value
        if civility in ("ms", "mr"):
            case.client["civility"] = str(civility)
        else:
            case.client.pop("civility", None)
        role = self._input("provider", "role").value
        if self._roles is not None:
            self._roles[self._role_lang] = role
            for code, text in self._roles.items():
                case.set_role(code, text)
        else:
            case.set_role(self._role_lang, role)

    def _select_in_focus(self) -> Select[str] | None:
        """The civility list when it (or its open overlay) has the focus."""
        focused = self.focused
        if focused is None:
            return None
        return next((n for n in focused.ancestors_with_self if isinstance(n, Select)), None)

    def action_start(self) -> None:
        if self._select_in_focus() is not None:
            raise SkipAction()  # Enter opens the civility list / picks in it: the list's keys
        once_typed(self, self._start)

    def _start(self) -> None:
        from partways.paths import default_case_path
        from partways.session import Session

        values = {(p, k): self._input(p, k).value.strip() for p, k in _PLAIN}
        if not values[("client", "name")]:
            self._refuse("need_client", self._input("client", "name"))
            return
        date_field = self._input("letter", "contract_date")
        day = None
        if date_field.value.strip():
            try:
                day = parse_date(date_field.value.strip())
            except ValueError:
                self._refuse("bad_contract_date", date_field)
                return
        lang = self._chosen_lang()
        session = self.wizard.session
        flow = self.wizard.flow
        if session is not None:
            case = session.case
        else:
            assert flow is not None
            case = Case(flow=flow.ref)
        self._fill(case, values)
        if day is not None:
            case.letter["contract_date"] = day
        else:
            case.letter.pop("contract_date", None)
        if session is not None:
            session.set_lang(lang)  # saves
            if lang != self.wizard.lang:
                self.wizard.action_switch_lang()
            self.app.sub_title = values[("client", "name")]
            self.post_message(self._back())
            return
        case.lang = lang
        case.path = self.case_path or default_case_path(values[("client", "name")])
        assert flow is not None  # the wizard loads its flow before any screen opens
        self.wizard.start_session(Session(case, flow, lang))

    def action_cancel(self) -> None:
        select = self._select_in_focus()
        if select is not None and select.expanded:
            raise SkipAction()  # Escape closes the open list, not the screen
        self.post_message(self._back() if self.wizard.session else Navigate("start"))

    def _back(self) -> Navigate:
        return Navigate(self.back.target, self.back.qid) if self.back else Navigate("question")

    @on(Button.Pressed, "#details-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#details-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
