"""Every answer on one screen; choosing one goes back to its question, then returns here."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from partways.i18n import tr
from partways.present import answer_text
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.numbered import Numbered
from partways.tui.widgets.title_bar import TitleBar


class ReviewScreen(WizardScreen):
    """Answers of the relevant questions, grouped by section, in flow order."""

    BINDINGS = [
        Binding("v", "verdict", "Verdict"),
        Binding("escape", "back", "Back", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="review-title")
        yield OptionList(id="answers")
        yield Static(id="review-status")
        yield Button("", id="to-verdict", variant="primary", compact=True)
        yield KeyBar()

    def key_label(self, action: str) -> str | None:
        if action == "verdict" and self.wizard.workshop:
            return self.t("b_debrief")  # a workshop ends on the debrief, which shows the verdict
        return None

    def on_mount(self) -> None:
        self.apply_lang()
        self.query_one("#answers", OptionList).focus()

    def apply_lang(self) -> None:
        session, lang = self.session, self.lang
        engine = session.engine
        answers = self.query_one("#answers", OptionList)
        keep = answers.highlighted
        answers.clear_options()
        section = None
        missing = 0
        for n, q in enumerate(engine.relevant_questions(), 1):
            if q.section != section:
                section = q.section
                sec = session.flow.section(section)
                answers.add_option(
                    Option(
                        Text(tr(sec.title, lang) if sec else section, style="bold underline"),
                        disabled=True,
                    )
                )
            prompt = Text(tr(q.text, lang))
            prompt.append("\n→ ")
            if q.id in engine.answers:
                prompt.append(
                    answer_text(session.flow, q, engine.answers[q.id], lang, engine.answers),
                    style="bold",
                )
            elif q.id in engine.skipped:
                prompt.append(self.t("skipped"), style="italic")
            else:
                missing += 1
                prompt.append(self.t("unanswered"), style="bold red")
            if session.case.notes.get(q.id):
                prompt.append(f"   ✎ {session.case.notes[q.id]}", style="dim italic")
            answers.add_option(Option(Numbered(n, prompt), id=q.id))
        if keep is not None and keep < answers.option_count:
            answers.highlighted = keep
        help_key = "review_help_ws" if self.wizard.workshop else "review_help"
        self.query_one("#review-title", Static).update(
            f"[b]{self.t('review_title')}[/b] · [dim]{self.t(help_key)}[/dim]"
        )
        status = self.t("incomplete", n=missing) if missing else self.t("complete")
        self.query_one("#review-status", Static).update(status)
        button = self.query_one("#to-verdict", Button)
        # a workshop ends on the debrief, which shows the verdict too
        button.label = self.t("b_debrief" if self.wizard.workshop else "b_verdict") + " ⟶"
        button.can_focus = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Navigate("question", event.option.id, from_review=True))

    def action_verdict(self) -> None:
        self.post_message(Navigate("debrief" if self.wizard.workshop else "verdict"))

    def action_back(self) -> None:
        """Back to the first open question, or to the last one when all are answered."""
        engine = self.session.engine
        nxt = engine.next_question() or engine.relevant_questions()[-1]
        self.post_message(Navigate("question", nxt.id))

    @on(Button.Pressed, "#to-verdict")
    def _verdict_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_verdict()
