"""The key bar at the bottom of every screen: the active bindings on one line.

Why not Textual's `Footer`: it mounts one widget per binding, restyles each of them, and
recomposes the whole row whenever the bindings signal fires (focus moves, a label changes). At
start-up that was 56 ms of the wizard's first frame (median of 7, bench/tui_startup.py's set-up).
This is a single `Static` whose text is rebuilt from `screen.active_bindings` and replaced only
when it differs. Each key is a link, so the mouse still works: a click simulates the key.
Each key is named in the app's language of the moment (`labels.binding_label`); the bar watches
the app's `lang`, so a language switch redraws it on every screen, shown or not.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from partways.tui.labels import binding_label

#: When the bar is wider than the terminal, these go first, in this order: each has another way
#: in (the palette switches language, buttons, tabs and column headers are clickable, F1 lists
#: every key). Then the keys just before the quit key go, from the right. The quit and palette
#: keys themselves are never dropped: the palette leads to everything else.
DROP_ORDER = (
    "switch_lang",
    "app.switch_lang",
    "export_report",
    "toggle_why",
    "review",
    "back",
    "toggle_edit",
    "sort",
    "toggle_step_texts",
    "edit_review",
    "changes",
)
_KEPT = ("quit", "app.quit")


class KeyBar(Static):
    """Shows `key description` for every binding with `show=True`, palette key last."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        link-style: none;
        link-color: $footer-description-foreground;
        link-background: $footer-background;
        link-style-hover: none;
        link-background-hover: $block-hover-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id, markup=True)
        self._markup = ""
        self._queued = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.app, "lang", self._lang_changed, init=False)
        self._bindings_changed(self.screen)

    def _lang_changed(self) -> None:
        self._bindings_changed(self.screen)

    def on_resize(self, _event: events.Resize) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild the bar once the messages in hand are handled: a screen starting up signals
        its bindings some seven times (mount, size, focus, labels), and each rebuild walks every
        active binding (about 2 ms); one rebuild after them is enough."""
        if not self.is_attached or screen is not self.screen or self._queued:
            return
        self._queued = True
        self.call_later(self._redraw)

    def _redraw(self) -> None:
        self._queued = False
        if not self.is_attached:
            return
        markup = self.describe(self.screen)
        if markup != self._markup:
            self._markup = markup
            self.update(markup)

    @property
    def lang(self) -> str:
        return str(getattr(self.app, "lang", "en"))

    def describe(self, screen: Screen[object]) -> str:
        """The bar's markup: one link per action (the first key bound to it wins), dropping
        keys in `DROP_ORDER` until it fits the bar's width, so the palette key is never cut."""
        seen: set[str] = set()
        items: list[tuple[Binding, str, bool]] = []
        palette: tuple[Binding, str, bool] | None = None
        lang = self.lang
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, binding_label(node, binding, lang), enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((binding, binding_label(node, binding, lang), enabled))
        if palette is not None:
            items.append(palette)
        room = self.content_region.width or self.app.size.width - 2
        for action in DROP_ORDER:
            if self._width(items) <= room:
                break
            items = [item for item in items if item[0].action != action]
        while self._width(items) > room:
            droppable = [i for i, (b, _, _) in enumerate(items[:-1]) if b.action not in _KEPT]
            if len(droppable) <= 1:  # the first key (what Enter does) stays
                break
            del items[droppable[-1]]
        return "  ".join(self._item(*item) for item in items)

    def _width(self, items: list[tuple[Binding, str, bool]]) -> int:
        from rich.cells import cell_len

        words = [f"{self.app.get_key_display(b)} {label}" for b, label, _ in items]
        return sum(cell_len(w) for w in words) + 2 * max(len(words) - 1, 0)

    def _item(self, binding: Binding, label: str, enabled: bool) -> str:
        key = escape(self.app.get_key_display(binding))
        description = escape(label)
        action = f"app.simulate_key({binding.key!r})"
        item = f"[@click={action}][bold $footer-key-foreground]{key}[/] {description}[/]"
        return item if enabled else f"[dim]{item}[/dim]"
