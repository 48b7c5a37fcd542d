"""A list of answers to tick (a `multi` question): space or 1–9 toggles, Enter confirms.

Its own module, loaded the first time a `multi` question is shown, so flows without one do not
pay for SelectionList at start-up. Enter belongs to the question screen (a priority binding),
so it always confirms the ticked set, even when nothing is ticked ("none of these").
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.widgets import SelectionList


class MultiChoiceList(SelectionList[str]):
    """SelectionList plus 1–9 to toggle the n-th answer directly (the hint line says so)."""

    BINDINGS = [
        # not in the footer (no room at 80 columns): the hint line above the list says it
        *[Binding(str(n), f"toggle_nth({n})", "Tick", show=False) for n in range(1, 10)],
    ]

    def __init__(
        self,
        labels: Iterable[tuple[str, str]] = (),
        ticked: Iterable[str] = (),
        id: str = "",  # noqa: A002
    ) -> None:
        super().__init__(*self._selections(labels, ticked), id=id or None)

    @staticmethod
    def _selections(
        labels: Iterable[tuple[str, str]], ticked: Iterable[str]
    ) -> list[tuple[str, str, bool]]:
        on = set(ticked)
        return [(f"{i}  {label}", value, value in on) for i, (value, label) in enumerate(labels, 1)]

    def set_choices(self, labels: list[tuple[str, str]], ticked: Iterable[str]) -> None:
        """Replace the answers ((value, label) pairs), tick `ticked`, highlight the first."""
        self.clear_options()
        self.add_options(self._selections(labels, ticked))
        self.highlighted = 0 if labels else None

    def action_toggle_nth(self, number: int) -> None:
        if number <= self.option_count:
            self.highlighted = number - 1
            self.toggle(self.get_option_at_index(number - 1))
