"""The letter: kind and language, a Markdown preview, an editor, export.

Edits are saved into the case (debounced) so `partways draft` and a later session find them.
Under the editor one line says what the core's letter checker finds (`check_letter`), updated
after each pause in typing, so a blaming phrase or a figure off the case shows before export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import (
    Button,
    Markdown,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from partways.errors import PartwaysError
from partways.flow import LETTER_KINDS
from partways.i18n import LANGS
from partways.tui.messages import Export, Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.letter_preview import LetterPreview
from partways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from partways.lettercheck import LetterProblem
    from partways.letters import LetterFacts

SAVE_DELAY = 0.4  # seconds of quiet typing before the edited text is written
CHECK_DELAY = 0.25  # seconds of quiet typing before the letter is checked again


class LetterScreen(WizardScreen):
    """Preview/Edit tabs over one text; kind defaults to the verdict's, language to the case's."""

    BINDINGS = [
        Binding("ctrl+t", "toggle_edit", "Edit/Preview", priority=True),
        Binding("ctrl+s", "export_letter", "Export", priority=True),
        Binding("ctrl+o", "export_report", "Report", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = ""
        self.letter_lang = ""
        self._base = ""  # the text as loaded; edits differ from it
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._facts: LetterFacts | None = None  # the case's facts: they do not change here
        self._problems: list[LetterProblem] = []
        self._check_error = ""

    def _initial(self) -> None:
        """Kind: the edited letter's, else the verdict's; language: the edit's, else the case's."""
        session = self.session
        saved = session.case.letter
        edited = bool(saved.get("text"))
        self.kind = (
            saved["kind"]
            if edited and saved.get("kind") in LETTER_KINDS
            else session.assessment().letter
        )
        self.letter_lang = (
            saved["lang"]
            if edited and saved.get("lang") in LANGS
            else (session.case.lang or self.lang)
        )

    def compose(self) -> ComposeResult:
        self._initial()
        yield TitleBar()
        with Horizontal(id="letter-bar"):
            yield Static(id="kind-label", classes="bar-label")
            yield Select[str](
                [(self.t(f"kind_{k}"), k) for k in LETTER_KINDS],
                id="kind",
                value=self.kind,
                allow_blank=False,
                compact=True,
            )
            yield Static(id="lang-label", classes="bar-label")
            yield Select[str](
                [(self.t(f"lang_{c}"), c) for c in LANGS],
                id="letter-lang",
                value=self.letter_lang,
                allow_blank=False,
                compact=True,
            )
            yield Static(id="letter-status")
        with TabbedContent(id="letter-tabs"):
            with TabPane("", id="preview-tab"), VerticalScroll(id="preview-scroll"):
                yield LetterPreview(id="preview")
            with TabPane("", id="edit-tab"):
                yield TextArea(id="editor", soft_wrap=True, show_line_numbers=False)
        yield Static(id="letter-check", markup=False)
        with Horizontal(id="letter-buttons"):
            yield Button("", id="export-letter", compact=True, variant="primary")
            yield Button("", id="export-report", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.apply_lang()
        self._load()

    def apply_lang(self) -> None:
        kind = self.query_one("#kind", Select)
        with self.prevent(Select.Changed):
            kind.set_options([(self.t(f"kind_{k}"), k) for k in LETTER_KINDS])
            kind.value = self.kind
            lang = self.query_one("#letter-lang", Select)
            lang.set_options([(self.t(f"lang_{code}"), code) for code in LANGS])
            lang.value = self.letter_lang
        self.query_one("#kind-label", Static).update(self.t("letter_kind"))
        self.query_one("#lang-label", Static).update(self.t("letter_lang"))
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("preview-tab").label = self.t("preview")
        tabs.get_tab("edit-tab").label = self.t("edit")
        self.query_one("#export-letter", Button).label = self.t("cmd_export")
        self.query_one("#export-report", Button).label = self.t("cmd_report")
        self._show_status()
        self._show_check()

    # -- text --------------------------------------------------------------------------------
    def _load(self) -> None:
        """Show the saved edit for this kind and language, else a freshly rendered letter."""
        from partways.letters import render_letter, saved_letter

        session = self.session
        text = saved_letter(session.case, self.kind, self.letter_lang)
        if text is None:
            try:
                text = render_letter(
                    session.case, session.flow, kind=self.kind, lang=self.letter_lang
                )
            except PartwaysError as exc:
                text = f"> {exc.one_line()}\n"
        self._base = text
        editor = self.query_one("#editor", TextArea)
        with self.prevent(TextArea.Changed):
            editor.load_text(text)
        self.query_one("#preview", Markdown).update(text)
        self._show_status()
        self.call_after_refresh(self.check)  # on_mount calls this before the screen is mounted

    def _edited(self) -> bool:
        return saved_letter_exists(self)

    def _show_status(self) -> None:
        self.query_one("#letter-status", Static).update(
            f"[dim]{self.t('edited') if self._edited() else self.t('fresh')}[/dim]"
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush)
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.check)

    # -- the check line ----------------------------------------------------------------------
    def check(self) -> None:
        """Check the editor's text with the core checker and show the result under it."""
        from partways.lettercheck import check_letter

        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = None
        if not self.is_mounted:
            return
        session = self.session
        text = self.query_one("#editor", TextArea).text
        try:
            if self._facts is None:
                from partways.letters import letter_facts

                self._facts = letter_facts(session.case, session.flow, self.letter_lang)
            self._problems = check_letter(
                text,
                self.letter_lang,
                kind=self.kind,
                case=session.case,
                flow=session.flow,
                facts=self._facts,
            )
            self._check_error = ""
        except PartwaysError as exc:  # a broken letter-checks.yaml in the flow's templates
            self._problems, self._check_error = [], exc.one_line()
        self._show_check()

    def _show_check(self) -> None:
        from partways.lettercheck import summary

        line = self.query_one("#letter-check", Static)
        if self._check_error:
            line.update(Text(self.t("check_failed", message=self._check_error), style="red"))
        elif self._problems:
            line.update(Text(summary(self._problems, self.lang), style="bold yellow"))
        else:
            line.update(Text(self.t("check_ok"), style="dim"))

    @property
    def problems(self) -> list[LetterProblem]:
        """What the last check found in the editor's text."""
        return list(self._problems)

    def flush(self) -> None:
        """Save the editor's text into the case if the user changed it."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = None
        if not self.is_mounted:
            return
        text = self.query_one("#editor", TextArea).text
        changed = text != self._base or self._edited()
        if changed and text != self.session.case.letter.get("text"):
            self.session.save_letter(self.kind, self.letter_lang, text)
            self._show_status()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        current = self.kind if event.select.id == "kind" else self.letter_lang
        if event.value == current or event.value == Select.BLANK:
            return
        self.flush()
        if event.select.id == "kind":
            self.kind = str(event.value)
        else:
            self.letter_lang = str(event.value)
        self._load()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview-tab":
            self.flush()
            self.query_one("#preview", Markdown).update(self.query_one("#editor", TextArea).text)

    # -- actions -----------------------------------------------------------------------------
    def action_toggle_edit(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "edit-tab" if tabs.active == "preview-tab" else "preview-tab"
        if tabs.active == "edit-tab":
            self.query_one("#editor", TextArea).focus()

    def action_export_letter(self) -> None:
        self.flush()
        self.post_message(Export("letter", self.kind, self.letter_lang))

    def action_export_report(self) -> None:
        self.flush()
        self.post_message(Export("report", self.kind, self.letter_lang))

    def action_back(self) -> None:
        self.flush()
        self.post_message(Navigate("verdict"))

    def on_screen_suspend(self) -> None:
        self.flush()

    def before_quit(self) -> None:
        self.flush()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-letter":
            self.action_export_letter()
        else:
            self.action_export_report()


def saved_letter_exists(screen: LetterScreen) -> bool:
    from partways.letters import saved_letter

    return saved_letter(screen.session.case, screen.kind, screen.letter_lang) is not None
