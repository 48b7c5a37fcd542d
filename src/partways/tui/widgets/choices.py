"""A list of answers chosen with arrows, number keys or the mouse."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option


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
    #: Options picked (a number key, a click) whose answer the screen has not taken yet: while
    #: there are some, Enter must not answer again with the highlight a later key moved.
    picked: int = 0

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
        self.picked = 0  # a new question: nothing picked for it yet

    @property
    def value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_choose(self, number: int) -> None:
        if number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.picked += 1
        super().action_select()
