"""The details a letter states that no question asks (a new lead, another provider, the
contract's date), asked before that letter is shown.

Which details a kind needs is the core's (`letters.missing_details`), so the wizard asks what
`partways ask` asks. Every field may stay empty: the letter then reads well without it.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from partways.case import parse_date
from partways.letters import DATE_DETAILS
from partways.tui.screens.base import focus_now
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s


class LetterDetailsScreen(Dialog[dict[str, Any] | None]):
    """One input per missing detail; Enter or OK keeps what was typed, Escape skips."""

    BINDINGS = [Binding("escape", "skip", "Skip", priority=True)]

    def __init__(self, keys: tuple[str, ...], lang: str) -> None:
        super().__init__()
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="letter-details-box", classes="dialog"):
            yield Static(f"[b]{s('details_for_letter', self.lang)}[/b]")
            for key in self.keys:
                yield Static(s(f"detail_{key}", self.lang), markup=False)
                placeholder = (
                    s("contract_date_placeholder", self.lang) if key in DATE_DETAILS else ""
                )
                yield Input(placeholder=placeholder, id=f"detail-{key}")
            yield Static("", id="detail-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(s("b_skip_details", self.lang), id="details-skip", compact=True)
                yield Button(s("b_ok", self.lang), id="details-ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#details-ok")
    def ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#details-skip")
    def skipped(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_skip(self) -> None:
        self.dismiss(None)

    def _accept(self) -> None:
        values: dict[str, Any] = {}
        for key in self.keys:
            field = self.query_one(f"#detail-{key}", Input)
            text = field.value.strip()
            if not text:
                continue
            if key in DATE_DETAILS:
                try:
                    values[key] = parse_date(text)
                except ValueError:
                    self.query_one("#detail-error", Static).update(
                        s("bad_contract_date", self.lang)
                    )
                    focus_now(field)
                    return
            else:
                values[key] = " ".join(text.split())
        self.dismiss(values)
