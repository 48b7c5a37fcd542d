"""What every wizard screen shares: the session, the language, redrawing when it changes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from partways.tui.strings import s

if TYPE_CHECKING:
    from partways.session import Session
    from partways.tui.app import PartwaysApp


def focus_now(widget: Widget) -> None:
    """Give `widget` the focus before the next key is handled. `Widget.focus` waits until the
    app has no message left, so the keys typed in the same burst as the key that moves the
    focus (ctrl+n then the note, ctrl+d then a date) went to the widget left behind, and were lost
    when it takes no text (a choice list, a tab bar). And a key typed just after Enter, still
    queued for the field left behind, must find that field unfocused, so it is passed on (see
    `TypedInput`)."""
    if widget.is_mounted:
        widget.screen.set_focus(widget)
    else:
        widget.focus()  # mounted a moment ago: once it is ready


def once_typed(screen: Screen[Any], action: Callable[[], object]) -> None:
    """Run `action` once the keys already sent to the focused widget have been handled. Enter,
    Escape, ctrl+q and the other keys of the screens and the app are priority bindings, handled
    as they arrive, ahead of the focused widget's own queue: keys typed just before them (a
    paste, a fast typist, a busy machine) would otherwise be missing from the answer, the note
    or the letter the action reads. A text field takes its keys itself: `action` runs right
    behind them in its queue (so a key typed after Enter finds the focus moved on, see
    `TypedInput`). Other widgets act on keys through bindings (a tick list's digits), checked
    only once the key has bubbled up to the app: `action` follows the keys up the same way,
    behind them in the queue of the widget, then of each parent, then of the app. At once when
    nothing has the focus, or a queue on the way is closed."""
    node = screen.focused
    if node is None:
        action()
        return

    def climb(at: MessagePump) -> None:
        parent = at._parent  # where a key the node did not take goes next
        if parent is None or not parent.call_later(climb, parent):
            action()

    if not node.call_later(action if isinstance(node, Input) else lambda: climb(node)):
        action()


S = TypeVar("S", bound=Screen[Any])


def typed_first(action: Callable[[S], object]) -> Callable[[S], None]:
    """For the action of a priority key that reads what was typed (export, copy, back, save):
    run it once the focused field has taken the keys sent before the key (`once_typed`)."""

    @functools.wraps(action)
    def run(screen: S) -> None:
        once_typed(screen, lambda: action(screen))

    return run


class WizardScreen(Screen[None]):
    """Base screen: `t()` looks up labels in the current language; `apply_lang()` redraws."""

    @property
    def wizard(self) -> PartwaysApp:
        return self.app  # type: ignore[return-value]  # every screen runs inside the wizard's App subclass

    @property
    def lang(self) -> str:
        return self.wizard.lang

    @property
    def session(self) -> Session:
        session = self.wizard.session
        assert session is not None, "screen needs an open case"
        return session

    def t(self, key: str, **values: object) -> str:
        return s(key, self.lang, **values)

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount
        self.watch(self.app, "lang", self._lang_switched, init=False)

    def on_screen_resume(self) -> None:
        self.apply_lang()

    def _lang_switched(self) -> None:
        self.apply_lang()

    def before_quit(self) -> None:
        """Save anything typed but not yet saved (the letter editor debounces its saves)."""

    def apply_lang(self) -> None:
        """Rewrite every visible word in the current language (override in each screen)."""
