"""A Pilot that waits for the wizard to be done, not for the clock.

Textual's Pilot decides that the app has finished reacting to a key by sleeping in steps of
20 ms until a step used under 1 ms of CPU (`textual._wait.wait_for_idle`), twice per key: about
60 ms of wall time per key whatever the key does, and a frame drawn after each key by the
screen's 1/60 s timer. This one looks at the app instead: it drains the message queues of the
app and of every widget of its screens, draws the pending frame at once (which runs the
`call_after_refresh` callbacks, the wizard's autosave among them), lets the typing-delay timers
(20 ms in tests, tests/conftest.py) fire and the workers (the command palette's search) finish,
and stops when nothing is left to do. Between the keys of one `press` (a word typed, a burst of
keys) no frame is drawn unless a `call_after_refresh` waits for one: the next key comes before
the 1/60 s frame, as it does when a person types (8 % of the wizard tests' CPU went into
drawing each typed letter). After the last key of a `press` and in `pause` it
believes that only once a round trip through every queue of the screen (Textual's own check)
found it so. A long timer (a test that sets a real delay) or a repeating one (the cursor blink)
is not waited for, as with Textual's Pilot.

`tests/tui/conftest.py` installs it for every wizard test (and the SVG snapshots, which build
their Pilot through the same name)."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Iterator
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerState

#: One-shot timers at most this long are waited for (the typing delays are 20 ms in tests).
SHORT_TIMER = 0.05
#: A worker in these states is waited for.
_WORKING = (WorkerState.PENDING, WorkerState.RUNNING)
#: A settle that takes longer than this is a bug in the app (a loop of messages), not slowness.
SETTLE_LIMIT = 30.0


def _pumps(app: App[Any]) -> Iterator[MessagePump]:
    yield app
    for screen in app.screen_stack:
        yield from screen.walk_children(with_self=True)


def _frame_due(screen: Screen[Any]) -> bool:
    """What `Screen._on_idle` would start the frame timer for."""
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
    )


def _pump_busy(pump: MessagePump) -> bool:
    """A message queued, a `call_next` pending, or the pump inside a handler (its task is not
    parked waiting for the next message)."""
    if pump._closed:
        return False
    if pump._next_callbacks or pump._pending_message is not None:
        return True
    queue = pump._message_queue
    if queue.values:
        return True
    task = pump._task
    if task is None or task.done():
        return False
    waiters = queue.ready_event._waiters  # type: ignore[attr-defined]  # asyncio.Event's
    return not any(not waiter.done() for waiter in waiters)


def _short_timer_due(pump: MessagePump) -> bool:
    for timer in pump._timers:
        task = timer._task
        if (
            timer._repeat == 0
            and timer._interval <= SHORT_TIMER
            and task is not None
            and not task.done()
            and timer._active.is_set()
        ):
            return True
    return False


class SettlingPilot(Pilot[Any]):
    """Textual's Pilot with `press` and `pause` waiting for the app to be quiet."""

    def _state(self, timers: bool) -> str:
        """What is left to do: "busy", "frame", "timer" or "" (quiet)."""
        app = self.app
        pumps = list(_pumps(app))
        if any(_pump_busy(pump) for pump in pumps):
            return "busy"
        screen = app.screen
        if _frame_due(screen) and not app._batch_count:
            return "frame"
        if screen._callbacks:
            return "busy"
        if timers and any(_short_timer_due(pump) for pump in pumps):
            return "timer"
        if any(worker.state in _WORKING for worker in app.workers):
            return "timer"  # the command palette's search, say
        return ""

    async def settle(self, last: bool = True) -> None:
        """Return once the app has handled everything it was sent, drawn and saved. Between
        the keys of one `press` (not `last`), the queues are believed without the round trip
        through every widget's queue (it costs as much as the key itself), and the typing-delay
        timers are left to run: the keys of one `press` are one burst of typing, saved and
        checked once after it, as a user's are."""
        app = self.app
        deadline = monotonic() + SETTLE_LIMIT
        confirmed = False
        while True:
            if monotonic() > deadline:
                raise TimeoutError("the app never became quiet (a loop of messages?)")
            await asyncio.sleep(0)
            if app._exit or not app.screen_stack or app._closed:
                return
            await app._animator.wait_until_complete()
            state = self._state(timers=last)
            if not state:
                if confirmed or not last:
                    return
                # quiet by the look of the queues: one round trip through every queue of the
                # screen (what Textual's Pilot does after its keys) before believing it
                await self._wait_for_screen()
                confirmed = True
                continue
            confirmed = False
            if state == "frame" and not last and not app.screen._callbacks:
                return  # the next key of a burst comes before the 1/60 s frame, as typing does
            if state == "frame":
                app.screen._on_timer_update()  # the frame the 1/60 s timer would draw now
            elif state == "timer":
                await asyncio.sleep(0.0005)

    async def press(self, *keys: str) -> None:
        """Each key as the driver would send it, then wait for the app to be quiet."""
        app = self.app
        for n, key in enumerate(keys, 1):
            if key.startswith("wait:"):
                await super().press(key)
                continue
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            original = REPLACED_KEYS.get(key, key)
            try:
                char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
            except KeyError:
                char = key if len(key) == 1 else None
            event = events.Key(key, char)
            event.set_sender(app)
            # the driver would hand it over through the event loop from another thread
            app.post_message(event)
            await self.settle(last=n == len(keys))

    async def pause(self, delay: float | None = None) -> None:
        """A real delay only when one is asked for; then the same wait as after a key."""
        if delay is not None:
            await asyncio.sleep(delay)
        await self.settle()
