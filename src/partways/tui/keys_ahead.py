"""Keys typed ahead of a question change, typed again in the order they arrived.

Textual resolves one key in several queues: a priority binding (Enter) as the key arrives, a
choice list's digits once the key has bubbled up from the list to the app. In a burst of keys
("1 4 5 Enter" on a choice question followed by a number question: a fast typist, a paste, a
busy machine) the 1 answers the choice, but the list had already taken the 4 and the 5 as
picks of its own, and Enter's confirm ran ahead of all three. The question screen holds such
keys and, once no pick is pending, sends them again in the order they were typed: the number
question gets 45 and Enter, as a slower typist's keys would have reached it.

The app numbers each key as it arrives and says which key is being handled (its bindings run
inside), so an action can tell which key called it.
"""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from textual import events


class TypedKey(NamedTuple):
    """A key as it arrived: its place in the typing, its name and its character."""

    order: int
    key: str
    character: str | None

    def event(self) -> events.Key:
        """The key again, as the driver would send it."""
        return events.Key(self.key, self.character)


class KeyOrder:
    """The order keys arrived in, and the key being handled now."""

    def __init__(self) -> None:
        self._count = 0
        self._order: WeakKeyDictionary[events.Key, int] = WeakKeyDictionary()
        #: The key whose handling (and bindings) is running, innermost last.
        self._in_hand: list[events.Key] = []

    def arrived(self, event: events.Key) -> None:
        self._count += 1
        self._order[event] = self._count

    def handling(self, event: events.Key) -> None:
        self._in_hand.append(event)

    def handled(self) -> None:
        self._in_hand.pop()

    def current(self) -> TypedKey | None:
        """The key being handled, if a key (not a click or a test's call) is behind this."""
        return self.typed(self._in_hand[-1]) if self._in_hand else None

    def typed(self, event: events.Key) -> TypedKey | None:
        """`event` with its place in the typing, if it came through the app."""
        order = self._order.get(event)
        return None if order is None else TypedKey(order, event.key, event.character)
