"""A text field of the question screen that passes on a key reaching it after the focus left."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypedInput(Input):
    """Printable keys reach a field through its own message queue, while the question screen's
    keys (Enter: confirm) act as they arrive; so the screen confirms only once its field has taken
    the keys typed before Enter (`screens.base.once_typed`). A key typed just after Enter may
    then still be waiting for this field when the confirm has moved the focus on: it is handed
    back to the app, which gives it to the widget focused now, as if it had come a moment later.
    """

    async def _on_key(self, event: events.Key) -> None:
        # the screen's focus, not `has_focus`: that one follows once the Blur in the queue is read
        if event.is_printable and self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        await super()._on_key(event)
