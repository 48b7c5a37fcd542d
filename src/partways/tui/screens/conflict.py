"""The case file changed on disk while the wizard had it open: overwrite, reload or cancel.

Two windows on one case (or an editor) must never silently overwrite each other: the core
session notices the change when it is about to save and the wizard asks here. Cancel, the
safe answer, has the focus and is what Escape gives.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from partways.session import Conflict
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s


class ConflictScreen(Dialog[Conflict]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    def __init__(self, path: Path, lang: str) -> None:
        super().__init__()
        self.path = path
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box", classes="dialog"):
            yield Static(s("changed_on_disk", self.lang, path=self.path), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(s("b_cancel", self.lang), id="cancel", compact=True)
                yield Button(s("b_reload", self.lang), id="reload", compact=True)
                yield Button(
                    s("b_overwrite", self.lang), id="overwrite", variant="warning", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss("cancel")

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        choice = event.button.id
        self.dismiss(choice if choice in ("overwrite", "reload") else "cancel")  # type: ignore[arg-type]
