"""The keys of the screen underneath, all of them (the key bar shows only what fits).

Opened with F1 or `?` from any screen, and from the palette's "Keys": a user who wonders what
ctrl+z or ctrl+j do finds them here, in the current language.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from partways.tui.labels import binding_label
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s

#: Keys Textual binds on every screen that mean nothing to a user of the wizard.
_HIDDEN = {"tab", "shift+tab", "ctrl+c", "ctrl+insert", "ctrl+backslash"}


def key_rows(screen: Screen[object], app_key_display: object, lang: str) -> list[tuple[str, str]]:
    """(key, what it does) for each action of `screen` and the app, the first key bound to it,
    in the order the key bar uses; hidden bindings are included. A text field's own editing
    keys are left out: they are the terminal's usual ones, and they buried the wizard's."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not isinstance(node, Screen | App):
            continue
        if binding.action in seen or not binding.description or binding.key in _HIDDEN:
            continue
        seen.add(binding.action)
        label = binding_label(node, binding, lang)
        rows.append((app_key_display(binding), label))  # type: ignore[operator]
    return rows


class HelpScreen(Dialog[None]):
    """A dialog listing every key of the screen below; Escape, F1 or ? closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", priority=True),
        Binding("f1", "close", "Close", show=False, priority=True),
        Binding("question_mark", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, rows: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.rows = rows
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, text in self.rows:
            table.add_row(Text(key), Text(text))
        with Vertical(id="help-box", classes="dialog"):
            yield Static(f"[b]{s('help_title', self.lang)}[/b]")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-keys")
            yield Static(s("help_close", self.lang), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)
