"""A fixed text that follows the interface language by itself.

Screens used to rewrite each of their titles and field labels by hand whenever the language
changed; a `LangLabel` knows its catalogue key and watches the app's `lang`, so a screen's
`apply_lang` is left with what really depends on the case (verdicts, answers, letters).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from partways.tui.strings import s

#: Looks a key up in a language: `strings.s` by default, the core's catalogue where it says so.
Lookup = Callable[..., str]


class LangLabel(Static):
    """The text of catalogue `key` in the app's language, wrapped in `style` markup ("b", "dim")."""

    def __init__(
        self,
        key: str,
        *,
        style: str = "",
        lookup: Lookup = s,
        id: str | None = None,  # noqa: A002 - Textual's name
        classes: str | None = None,
        **values: object,
    ) -> None:
        self.key, self.style_markup, self.lookup, self.values = key, style, lookup, values
        # drawn at once in the current language: no blank first frame, no extra refresh
        super().__init__(self._text(self._app_lang()), id=id, classes=classes)

    def _app_lang(self) -> str:
        try:
            return str(getattr(self.app, "lang", "en"))
        except Exception:  # noqa: BLE001 - made outside a running app (a unit test)
            return "en"

    def _text(self, lang: str) -> str:
        text = self.lookup(self.key, lang, **self.values)
        return f"[{self.style_markup}]{text}[/{self.style_markup}]" if self.style_markup else text

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._show, init=False)

    def _show(self, lang: str) -> None:
        self.update(self._text(lang))

    def show_key(self, key: str, **values: object) -> None:
        """Say something else from now on (the portfolio's title once it has rows)."""
        self.key, self.values = key, values
        self._show(self._app_lang())
