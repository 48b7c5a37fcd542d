"""The communications log: dated emails, calls, meetings and invoice reminders (article 002,
step 3). A dialog over whichever screen is open, in the wizard and in the workshop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from partways.case import LOG_KINDS
from partways.errors import PartwaysError
from partways.messages import t as core_t
from partways.tui.screens.base import focus_now, once_typed
from partways.tui.screens.dialog import Dialog
from partways.tui.strings import s
from partways.tui.styles import sheet
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel

if TYPE_CHECKING:
    from partways.session import Session


def kind_label(kind: str, lang: str) -> str:
    return core_t(f"log_{kind}", lang) if kind in LOG_KINDS else kind


class LogScreen(Dialog[None]):
    """Entries oldest first, and a form: date (today by default), kind, text. Enter adds."""

    DEFAULT_CSS = sheet("log")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    BINDINGS = [
        Binding("enter", "add", "Add", priority=True),
        Binding("tab", "app.focus_next", "Next field", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    @property
    def session(self) -> Session:
        # self.app is typed as Textual's App; the wizard's has a session
        session: Session | None = self.app.session  # type: ignore[attr-defined]
        assert session is not None, "the log needs an open case"
        return session

    def t(self, key: str, **values: object) -> str:
        return s(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        from partways.formats import today

        with Vertical(id="log-box", classes="dialog"):
            yield LangLabel("log_title", style="b", id="log-title")
            yield LangLabel("log_help", id="log-help")
            with VerticalScroll(id="log-entries"):
                yield Static(id="log-list")
            with Horizontal(id="log-form"):
                with Vertical(id="log-date-col"):
                    yield LangLabel("log_date", id="log-date-label", classes="field-label")
                    yield Input(today().isoformat(), id="log-date", compact=True, max_length=10)
                with Vertical(id="log-kind-col"):
                    yield LangLabel("log_kind", id="log-kind-label", classes="field-label")
                    yield Select[str](
                        [(kind_label(k, self.lang), k) for k in LOG_KINDS],
                        id="log-kind",
                        value=LOG_KINDS[0],
                        allow_blank=False,
                        compact=True,
                    )
            yield LangLabel("log_text", id="log-text-label", classes="field-label")
            yield Input(id="log-text", compact=True)
            yield Static(id="log-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="log-close", compact=True)
                yield Button("", id="log-add", variant="primary", compact=True)
        # its own key bar, over the one of the screen below (whose keys do nothing here)
        yield KeyBar()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        # Tab goes round the three fields only (the entries list scrolls with the mouse)
        self.query_one("#log-entries").can_focus = False
        self.apply_lang()
        self.watch(self.app, "lang", self._lang_switched, init=False)
        self.query_one("#log-text", Input).focus()

    def _lang_switched(self) -> None:
        self.apply_lang()

    def apply_lang(self) -> None:
        self.query_one("#log-text", Input).placeholder = self.t("log_text_placeholder")
        kind = self.query_one("#log-kind", Select)
        current = kind.value
        kind.set_options([(kind_label(k, self.lang), k) for k in LOG_KINDS])
        kind.value = current
        self.query_one("#log-close", Button).label = self.t("b_close")
        self.query_one("#log-add", Button).label = self.t("b_add")
        self._show_entries()

    def _show_entries(self) -> None:
        entries = self.session.case.log
        target = self.query_one("#log-list", Static)
        if not entries:
            target.update(Text(self.t("log_empty"), style="italic"))
            return
        labels = [kind_label(str(e.get("kind", "")), self.lang) for e in entries]
        width = max(len(label) for label in labels)
        lines = Text()
        for n, (entry, label) in enumerate(zip(entries, labels, strict=True)):
            if n:
                lines.append("\n")
            lines.append(f"{entry.get('date', '')}  ", style="bold")
            lines.append(f"{label:<{width}}  ", style="dim")
            lines.append(str(entry.get("text", "")))
        target.update(lines)
        self.query_one("#log-entries").scroll_end(animate=False)

    # -- adding ------------------------------------------------------------------------------
    def action_add(self) -> None:
        if isinstance(self.focused, Select) or (
            self.focused is not None and isinstance(self.focused.parent, Select)
        ):
            raise SkipAction()  # Enter opens the kind list, or picks in it
        once_typed(self, self._add)

    def _add(self) -> None:
        day = self.query_one("#log-date", Input).value.strip()
        kind = self.query_one("#log-kind", Select).value
        text_input = self.query_one("#log-text", Input)
        error = self.query_one("#log-error", Static)
        if not text_input.value.strip():
            error.update("✗ " + self.t("log_need_text"))
            focus_now(text_input)
            return
        try:
            self.session.add_log(str(kind), text_input.value, day or None)
        except PartwaysError:
            error.update("✗ " + self.t("log_bad_date"))
            focus_now(self.query_one("#log-date", Input))
            return
        error.update("")
        text_input.value = ""
        focus_now(text_input)
        self._show_entries()
        self.notify(self.t("log_added"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_add()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#log-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_add()

    @on(Button.Pressed, "#log-close")
    def _close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()
