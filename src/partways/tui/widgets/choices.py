"""A list of answers chosen with arrows, number keys or the mouse."""

from __future__ import annotations

from collections import deque

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from partways.tui.keys_ahead import KeyOrder, TypedKey


class ChoiceList(OptionList):
    """OptionList plus 1–9 to pick an answer directly.

    A number key highlights the option and selects it, so one key answers and moves on; the
    hint line above the list says so.
    """

    BINDINGS = [
        # not in the footer (no room at 80 columns): the hint line above the list says it
        *[Binding(str(n), f"choose({n})", "Choose", show=False) for n in range(1, 10)],
    ]

    _labels: list[tuple[str, str]] | None = None
    #: Options picked (a number key, a click) the screen has not handled yet, whichever question
    #: they were picked on: while there are some, Enter waits behind them (it must not answer
    #: with the highlight a later key moved, nor before a pick that moves the question on).
    picked: int = 0
    #: Of those, the number keys pressed while another pick waited (`action_choose`): keys
    #: typed for what comes next, which an Enter typed after them belongs to as well.
    ahead: int = 0

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The key behind each pick not yet taken by the screen, in order (None for a click):
        #: a pick the screen can no longer take (the question changed) is typed again.
        self.pick_keys: deque[TypedKey | None] = deque()
        self._clicking = False

    def set_choices(self, labels: list[tuple[str, str]], current: str | None) -> None:
        """Replace the options ((value, label) pairs) and highlight the current value.

        Questions in a row often share their answers (never… always): the options are then
        kept as they are, which spares rebuilding and re-measuring the list on that keypress.
        """
        if labels != self._labels or self.option_count != len(labels):
            self._labels = list(labels)
            self.clear_options()
            self.add_options(
                Option(f"{i}  {label}", id=value) for i, (value, label) in enumerate(labels, 1)
            )
        values = [v for v, _ in labels]
        self.highlighted = values.index(current) if current in values else 0

    @property
    def value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_choose(self, number: int) -> None:
        if self.picked:
            # a pick waits to be taken and may move the screen on: this digit is for what comes
            # next (another choice, a number), and the screen sends it again in its turn
            self.picked += 1
            self.ahead += 1
            self.pick_keys.append(self._key_in_hand())
            self.post_message(self.Ahead())
        elif number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()

    def action_select(self) -> None:
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            self.picked += 1
            self.pick_keys.append(None if self._clicking else self._key_in_hand())
        super().action_select()

    def _key_in_hand(self) -> TypedKey | None:
        """The key this action runs for, as the wizard's app numbered it (keys_ahead.py)."""
        keys = getattr(self.app, "keys", None)
        return keys.current() if isinstance(keys, KeyOrder) else None

    class Ahead(Message):
        """A number key pressed while a pick waits to be taken (see `action_choose`)."""

    async def _on_click(self, event: events.Click) -> None:
        self._clicking = True
        try:
            await super()._on_click(event)
        finally:
            self._clicking = False
