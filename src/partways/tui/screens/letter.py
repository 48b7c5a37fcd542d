"""The letter: kind and language, a Markdown preview, an editor, export.

Edits are saved into the case (debounced) so `partways draft` and a later session find them.
Each kind and language keeps its own edit (`letter.texts`), so switching either never loses
one; the only action that replaces an edit, "Render again", asks first.
Under the editor one line says what the core's letter checker finds (`check_letter`), updated
after each pause in typing, so a blaming phrase or a figure off the case shows before export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
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
from partways.tui.requests import Export, Navigate
from partways.tui.screens.base import WizardScreen, typed_first
from partways.tui.styles import sheet
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.letter_preview import LetterPreview
from partways.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from partways.lettercheck import LetterProblem
    from partways.letters import LetterFacts

SAVE_DELAY = 0.4  # seconds of quiet typing before the edited text is written
CHECK_DELAY = 0.25  # seconds of quiet typing before the letter is checked again


class LetterScreen(WizardScreen):
    """Preview/Edit tabs over one text; kind defaults to the verdict's, language to the case's."""

    DEFAULT_CSS = sheet("letter")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+t", "toggle_edit", "Edit/Preview", priority=True),
        Binding("ctrl+s", "export_letter", "Export", priority=True),
        Binding("ctrl+o", "export_report", "Report", priority=True),
        Binding("escape", "back", "Back", priority=True),
        # not in the key bar (no room at 80 columns): the button row shows it
        Binding("ctrl+r", "render_again", "Render again", priority=True, show=False),
        Binding("ctrl+y", "copy_letter", "Copy", priority=True, show=False),
    ]

    def __init__(self, kind: str | None = None) -> None:
        super().__init__()
        self._asked_kind = kind if kind in LETTER_KINDS else None
        self.kind = ""
        self.letter_lang = ""
        self._base = ""  # the text as loaded; edits differ from it
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._facts: LetterFacts | None = None  # the case's facts: they do not change here
        self._problems: list[LetterProblem] = []
        self._check_error = ""

    def _initial(self) -> None:
        """Kind: the verdict's; language: the case's. The kind and language lists mark the
        ones with an edit (✎), so an edit of another kind is one switch away."""
        session = self.session
        self.kind = self._asked_kind or session.assessment().letter
        lang = session.case.lang or self.lang
        self.letter_lang = lang if lang in LANGS else LANGS[0]

    def compose(self) -> ComposeResult:
        self._initial()
        yield TitleBar()
        with Horizontal(id="letter-bar"):
            yield LangLabel("letter_kind", id="kind-label", classes="bar-label")
            yield Select[str](
                self._kind_options(),
                id="kind",
                value=self.kind,
                allow_blank=False,
                compact=True,
            )
            yield LangLabel("letter_lang", id="lang-label", classes="bar-label")
            yield Select[str](
                self._lang_options(),
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
            yield Button("", id="render-again", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.apply_lang()
        self._load()
        # the letter is what this screen is for: PageDown scrolls it from the first key
        self.query_one("#preview-scroll", VerticalScroll).focus()

    def _edit_mark(self, kind: str, lang: str) -> str:
        return " ✎" if self.session.case.letter_text(kind, lang) is not None else ""

    def _kind_options(self) -> list[tuple[str, str]]:
        """Kinds in the UI language, ✎ marking those edited in the letter's language."""
        return [
            (self.t(f"kind_{k}") + self._edit_mark(k, self.letter_lang), k) for k in LETTER_KINDS
        ]

    def _lang_options(self) -> list[tuple[str, str]]:
        """Languages, ✎ marking those in which the current kind was edited."""
        return [(self.t(f"lang_{c}") + self._edit_mark(self.kind, c), c) for c in LANGS]

    def _refresh_options(self) -> None:
        """Relabel both lists (language switch, or a letter edited or forgotten)."""
        with self.prevent(Select.Changed):
            kind = self.query_one("#kind", Select)
            kind.set_options(self._kind_options())
            kind.value = self.kind
            lang = self.query_one("#letter-lang", Select)
            lang.set_options(self._lang_options())
            lang.value = self.letter_lang

    def apply_lang(self) -> None:
        self._refresh_options()
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("preview-tab").label = self.t("preview")
        tabs.get_tab("edit-tab").label = self.t("edit")
        self.query_one("#export-letter", Button).label = self.t("cmd_export")
        self.query_one("#export-report", Button).label = self.t("cmd_report")
        self.query_one("#render-again", Button).label = self.t("b_render_again")
        self._show_status()
        self._show_check()

    # -- text --------------------------------------------------------------------------------
    def _load(self) -> None:
        """Show the saved edit for this kind and language, else a freshly rendered letter
        (after asking, once per session, the details this kind names and the case lacks)."""
        if self._ask_details():
            return
        try:
            text = self.session.letter(self.kind, self.letter_lang)
        except PartwaysError as exc:
            text = f"> {exc.one_line()}\n"
        self._base = text
        editor = self.query_one("#editor", TextArea)
        with self.prevent(TextArea.Changed):
            editor.load_text(text)
        self.query_one("#preview", Markdown).update(text)
        self._refresh_options()
        self._show_status()
        self.call_after_refresh(self.check)  # on_mount calls this before the screen is mounted

    def _ask_details(self) -> bool:
        """True when a dialog was opened for the details the core says this kind needs."""
        from partways.letters import missing_details

        session = self.session
        asked = self.kind in session.details_asked
        if asked or session.letter_text_saved(self.kind, self.letter_lang):
            return False
        session.details_asked.add(self.kind)
        # the contract's date has its field on the details screen; the others have none
        missing = tuple(k for k in missing_details(session.case, self.kind) if k != "contract_date")
        if not missing:
            return False
        from partways.tui.screens.letter_details import LetterDetailsScreen

        def answered(values: dict[str, Any] | None) -> None:
            if values:
                session.set_letter_details(values)
            self._load()

        self.app.push_screen(LetterDetailsScreen(missing, self.lang), answered)
        return True

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
        saved = self.session.case.letter_text(self.kind, self.letter_lang)
        if (text != self._base or saved is not None) and text != saved:
            self.session.save_letter(self.kind, self.letter_lang, text)
            if (saved is None) != (
                self.session.case.letter_text(self.kind, self.letter_lang) is None
            ):
                self._refresh_options()  # a ✎ appears (or goes, for an emptied letter)
            self._show_status()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Switch kind or language: the current text is saved under its own kind and language
        first, and the other one shows its own edit when it has one, so nothing is replaced."""
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
    @typed_first
    def action_toggle_edit(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "edit-tab" if tabs.active == "preview-tab" else "preview-tab"
        if tabs.active == "edit-tab":
            self.query_one("#editor", TextArea).focus()

    @typed_first
    def action_copy_letter(self) -> None:
        """The letter as it stands (edits included) to the clipboard, through the terminal
        (OSC 52), so it pastes into a mail client even over SSH."""
        self.flush()
        text = self.query_one("#editor", TextArea).text
        self.app.copy_to_clipboard(text)
        self.notify(self.t("copied", n=len(text)))

    @typed_first
    def action_export_letter(self) -> None:
        self.flush()
        self.post_message(Export("letter", self.kind, self.letter_lang))

    @typed_first
    def action_export_report(self) -> None:
        self.flush()
        self.post_message(Export("report", self.kind, self.letter_lang))

    @typed_first
    def action_back(self) -> None:
        self.flush()
        self.post_message(Navigate("verdict"))

    @typed_first
    def action_render_again(self) -> None:
        """Render the letter afresh from the answers and details; an edit is replaced only
        after the user confirms it (the safe answer, keep, has the focus)."""
        from partways.tui.screens.export import ConfirmScreen

        self.flush()
        if not self._edited():
            self._load()
            return
        kind, lang = self.kind, self.letter_lang
        question = self.t(
            "replace_edit", kind=self.t(f"kind_{kind}"), language=self.t(f"lang_{lang}")
        )

        def answered(replace: bool | None) -> None:
            if replace and (kind, lang) == (self.kind, self.letter_lang):
                self.session.forget_letter(kind, lang)
                self._load()

        self.app.push_screen(
            ConfirmScreen(
                question, self.lang, yes=self.t("b_replace_edit"), no=self.t("b_keep_edit")
            ),
            answered,
        )

    def on_screen_suspend(self) -> None:
        self.flush()

    def before_quit(self) -> None:
        self.flush()

    @on(Button.Pressed, "#export-letter")
    def _export_letter_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export_letter()

    @on(Button.Pressed, "#render-again")
    def _render_again_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_render_again()

    @on(Button.Pressed, "#export-report")
    def _export_report_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export_report()


def saved_letter_exists(screen: LetterScreen) -> bool:
    from partways.letters import saved_letter

    return saved_letter(screen.session.case, screen.kind, screen.letter_lang) is not None
