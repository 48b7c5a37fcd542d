"""The line at the top of every screen: "partways — Client name".

Textual's Header is four widgets (icon, title, clock space, container) whose title is set by
async watchers, which costs an extra render pass after the first frame; together about 6 ms of
the wizard's start-up. This is one Static updated by plain watchers. The palette the Header's
icon opened is on ctrl+p and in the key bar.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """The app's title and sub-title (the client's name), centred on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("")

    def on_mount(self) -> None:
        self._show()
        self.watch(self.app, "title", self._show, init=False)
        self.watch(self.app, "sub_title", self._show, init=False)

    def _show(self) -> None:
        self.update(self.app.format_title(self.app.title, self.app.sub_title))
