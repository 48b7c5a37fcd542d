"""The verdict in plain words, its reasons with sources, the figures, and the steps to take."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, SelectionList, Static

from partways.i18n import colon_for, tr
from partways.present import (
    friction_text,
    provisional_note,
    sources_block,
    verdict_label,
)
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen, focus_now
from partways.tui.screens.why_not import WhyNotCommands
from partways.tui.styles import sheet
from partways.tui.widgets.figures import FigureTable
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.lang_label import LangLabel
from partways.tui.widgets.reasons import ReasonList
from partways.tui.widgets.title_bar import TitleBar
from partways.tui.widgets.what_if import WhatIfList

if TYPE_CHECKING:
    from partways.assessment import Assessment


def provisional_mark(result: Assessment, lang: str, hint: str) -> Text:
    """The warning above a verdict shown before every required question is answered.

    The verdict is reachable at any time (review button, command palette, a resumed case), and
    an unanswered signal counts as "never", so it must not look final.
    """
    note = provisional_note(result, lang, ids=False)
    return Text.assemble(("⚠ ", "bold"), (note, "bold"), (f" — {hint}", "")) if note else Text()


class VerdictScreen(WizardScreen):
    """Read-only except the checklist, whose ticks are saved with the case."""

    DEFAULT_CSS = sheet("verdict")  # read when first shown (see partways.tui.styles)
    SCOPED_CSS = False

    COMMANDS = {WhyNotCommands}
    BINDINGS = [
        Binding("l", "letter", "Letter"),
        Binding("r", "review", "Review"),
        Binding("d", "changes", "What changed"),
        # priority: the date typed right behind ctrl+d must find the field focused (see
        # `focus_now`); in the field itself ctrl+d is the field's own (delete to the right)
        Binding("ctrl+d", "edit_review", "Review date", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("t", "toggle_step_texts", "Step details"),
    ]

    #: Step texts shown under their titles; `d` folds them to titles only.
    step_texts = True

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="verdict-body"):
            yield Static(id="provisional")
            yield Static(id="verdict")
            yield Static(id="summary")
            yield LangLabel("figures", id="figures-title", classes="heading")
            yield FigureTable(id="figures")
            yield LangLabel("reasons", id="reasons-title", classes="heading")
            yield ReasonList(id="reasons")
            yield Static(id="alternatives")
            yield Static(id="whatif-title", classes="heading")
            yield WhatIfList(id="whatif")
            yield Static(id="steps-title", classes="heading")
            yield SelectionList[str](id="steps")
            yield Static(id="step-texts")
            yield Static(id="next-review")
            yield Input(id="review-date", placeholder="YYYY-MM-DD")
        yield KeyBar()

    def on_mount(self) -> None:
        self._record()
        self.apply_lang()
        self.query_one("#verdict-body").focus()

    def _record(self) -> None:
        """Reaching the verdict is a decision: it goes into the case's history (one entry a
        day, complete cases only — see history.record_assessment) and sets the next review."""
        from partways.history import record_assessment

        session = self.session
        result = session.assessment(self.lang)
        if record_assessment(session.case, session.flow, result) is not None:
            session.save()

    def apply_lang(self) -> None:
        session, lang = self.session, self.lang
        flow = session.flow
        result = session.assessment(lang)
        self.query_one("#verdict", Static).update(
            Text.assemble(
                ("▶ ", "bold"),
                (result.label, "bold reverse"),
                (f"  ·  {friction_text(result.friction_pct, self.lang)}", "dim"),
            )
        )
        provisional = self.query_one("#provisional", Static)
        provisional.update(provisional_mark(result, lang, self.t("provisional_hint")))
        provisional.display = result.provisional
        self.query_one("#summary", Static).update(Text(result.summary))
        self.query_one(FigureTable).show(result.figures, lang, self.t("no_figures"))
        self.query_one(ReasonList).show(flow, result, lang, self.t("no_reasons"))
        alternatives = self.query_one("#alternatives", Static)
        if result.alternatives:
            # each one a link to its letter: weighing an option means reading what it would say
            names = ", ".join(
                f"[@click=screen.open_letter({flow.verdicts[a].letter!r})][u]"
                f"{escape(verdict_label(flow, a, lang))}[/u][/]"
                if a in flow.verdicts
                else escape(verdict_label(flow, a, lang))
                for a in result.alternatives
            )
            alternatives.update(f"[b]{self.t('alternatives')}[/b]{colon_for(lang)} {names}")
        alternatives.display = bool(result.alternatives)
        self._show_what_if(result)
        self.query_one("#steps-title", Static).update(
            f"{self.t('steps')}  [dim]{self.t('steps_help')}[/dim]"
        )
        steps = self.query_one(SelectionList)
        done = session.steps_done()
        steps.clear_options()
        for step in result.steps:
            steps.add_option((Text(tr(step.title, lang), style="bold"), step.id, step.id in done))
        # a tick list shows one line per entry: each step's text is told under it, foldable
        details = Text()
        for n, step in enumerate(result.steps, 1):
            if n > 1:
                details.append("\n\n")
            details.append(f"{n}. {tr(step.title, lang)}\n", style="bold")
            details.append(tr(step.text, lang))
            if step.source:
                details.append("\n" + sources_block(flow, step.source, lang), style="dim")
        texts = self.query_one("#step-texts", Static)
        texts.update(details)
        texts.display = self.step_texts and bool(result.steps)
        self._show_review()

    def _show_review(self) -> None:
        from partways.history import review_line

        line = review_line(self.session.case, self.lang)
        review = self.query_one("#next-review", Static)
        review.update(Text.assemble((line or "", "bold"), (f"  {self.t('review_hint')}", "dim")))
        review.display = line is not None

    def action_reassess(self) -> None:
        """From the palette: the same re-assessment as the portfolio's `r`, for this client."""
        self.wizard.start_session(self.session, again=True)
        self.app.notify(self.t("reassess_started"))

    def action_changes(self) -> None:
        from partways.tui.screens.changes import ChangesScreen

        self.app.push_screen(ChangesScreen(self.session.case, self.session.flow))

    def action_edit_review(self) -> None:
        from partways.history import next_review

        box = self.query_one("#review-date", Input)
        if self.focused is box:
            raise SkipAction()
        day = next_review(self.session.case)
        box.value = day.isoformat() if day else ""
        box.add_class("editing")
        focus_now(box)

    @on(Input.Submitted, "#review-date")
    def _review_date(self, event: Input.Submitted) -> None:
        from partways.case import parse_date
        from partways.history import set_next_review

        event.stop()
        try:
            day = parse_date(event.value)
        except ValueError:
            self.app.notify(self.t("review_bad"), severity="error")
            return
        set_next_review(self.session.case, day)
        self.session.save()
        event.input.remove_class("editing")
        focus_now(self.query_one("#verdict-body"))
        self._show_review()

    def _show_what_if(self, result: Assessment) -> None:
        """What would change the verdict; not for a provisional one (it may still change)."""
        title = self.query_one("#whatif-title", Static)
        items = self.query_one(WhatIfList)
        title.display = items.display = not result.provisional
        if result.provisional:
            return
        title.update(self.t("what_if"))
        items.show(self.session.flow, self.session.what_if(), self.lang)

    def action_why_not(self) -> None:
        """The palette's "Why not…?" (see screens/why_not.py)."""
        from partways.tui.screens.why_not import WhyNotScreen

        session = self.session
        self.app.push_screen(WhyNotScreen(session.flow, session.assessment(self.lang), self.lang))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        steps = {str(s) for s in event.selection_list.selected}
        if steps != self.session.steps_done():
            self.session.set_steps_done(steps)

    def action_toggle_step_texts(self) -> None:
        self.step_texts = not self.step_texts
        self.apply_lang()

    def action_open_letter(self, kind: str) -> None:
        """An alternative's letter (the kind list on the letter screen switches back)."""
        self.post_message(Navigate("letter", kind=kind))

    def action_letter(self) -> None:
        self.post_message(Navigate("letter"))

    def action_review(self) -> None:
        self.post_message(Navigate("review"))

    def action_back(self) -> None:
        self.post_message(Navigate("review"))
