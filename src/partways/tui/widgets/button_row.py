"""Buttons for the mouse, drawn as one line of links.

Every key already has a binding; these are for people who reach for the mouse. Three Button
widgets (plus their container and Button's large stylesheet) cost about 8 ms of the wizard's
first frame; one Static with a link per button looks the same and costs one widget.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from partways.record import record


@record
class LinkButton:
    action: str  # run on the screen, e.g. "confirm" → screen.action_confirm()
    label: str
    primary: bool = False


class ButtonRow(Static):
    """A row of link buttons; `set_buttons` redraws it only when something changed."""

    DEFAULT_CSS = """
    ButtonRow {
        height: 1;
        link-style: none;
        link-style-hover: bold;
    }
    """
    WIDTH = 16  # each button, like a compact Button with its label centred

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id)
        self.buttons: tuple[LinkButton, ...] = ()

    def set_buttons(self, *buttons: LinkButton) -> None:
        if buttons == self.buttons:
            return
        self.buttons = buttons
        parts = []
        for button in buttons:
            style = "bold $text on $primary" if button.primary else "bold $text on $panel"
            label = f" {button.label} ".center(self.WIDTH)
            parts.append(Content.styled(label, f"{style} @click=screen.{button.action}"))
        self.update(Content("  ").join(parts))
