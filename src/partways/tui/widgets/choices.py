"""A list of answers chosen with arrows, number keys or the mouse."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ChoiceList(OptionList):
    """OptionList plus 1–9 to pick an answer directly.

    A number key highlights the option and selects it, so one key answers and moves on; the
    footer shows a single "1–n Choose" entry for all of them.
    """

    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1–4"),
        *[Binding(str(n), f"choose({n})", "Choose", show=False) for n in range(2, 10)],
    ]

    def set_choices(self, labels: list[tuple[str, str]], current: str | None) -> None:
        """Replace the options ((value, label) pairs) and highlight the current value."""
        self.clear_options()
        self.add_options(
            Option(f"{i}  {label}", id=value) for i, (value, label) in enumerate(labels, 1)
        )
        values = [v for v, _ in labels]
        self.highlighted = values.index(current) if current in values else 0
        self._relabel_choose(len(labels))

    def _relabel_choose(self, count: int) -> None:
        from dataclasses import replace

        mapping = self._bindings.key_to_bindings  # noqa: SLF001 - footer shows "1–n"
        mapping["1"] = [replace(b, key_display=f"1–{count}") for b in mapping["1"]]

    @property
    def value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_choose(self, number: int) -> None:
        if number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()
