"""The facilitator's question view: one question, its discussion prompts, the team's notes and,
for closed questions, how many participants chose each answer.

It is the wizard's QuestionScreen with a vote column beside the answers: with votes the
majority becomes the answer (the facilitator settles a tie), without votes the facilitator
picks the answer exactly as in the wizard.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from partways.errors import AnswerError
from partways.present import option_label
from partways.tui.screens.base import focus_now
from partways.tui.screens.question import QuestionScreen
from partways.tui.widgets.choices import ChoiceList
from partways.tui.widgets.discussion import DiscussionPanel
from partways.tui.widgets.typed_input import TypedInput
from partways.workshop import is_split, leaders, team_decision, vote_options

#: One count field per answer, up to the nine answers a ChoiceList numbers.
VOTE_SLOTS = 9


class WorkshopQuestionScreen(QuestionScreen):
    """Projector-friendly: more spacing, bold question, prompts and votes on screen."""

    DEFAULT_CLASSES = "workshop"
    BINDINGS = [
        Binding("down", "vote_step(1)", show=False),
        Binding("up", "vote_step(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The tied counts the facilitator was asked to settle; the next confirm decides.
        self._tie_counts: dict[str, int] | None = None

    def compose_answer(self) -> ComposeResult:
        with Horizontal(id="choice-head"):
            yield Static(id="hint")
            yield Static(id="votes-head")
        with Horizontal(id="choice-row"):
            yield ChoiceList(id="choices")
            with Vertical(id="votes"):
                for n in range(VOTE_SLOTS):
                    yield TypedInput(
                        id=f"vote-{n}",
                        classes="vote",
                        compact=True,
                        restrict=r"[0-9]{0,3}",
                        placeholder="0",
                    )
        yield Static(id="vote-status")

    def answer_anchor(self) -> Widget:
        return self.query_one("#choice-row")

    def side_panel(self) -> Widget:
        return DiscussionPanel(id="why")

    # -- showing -----------------------------------------------------------------------------
    def _options(self) -> tuple[str, ...]:
        return vote_options(self.session.question(self.qid))  # type: ignore[arg-type]  # qid is set before the screen is shown

    def _vote_inputs(self) -> list[Input]:
        return [self.query_one(f"#vote-{n}", Input) for n in range(VOTE_SLOTS)]

    def _render_question(self, keep_typed: bool = False) -> None:
        super()._render_question(keep_typed)
        session, lang = self.session, self.lang
        q = session.question(self.qid)  # type: ignore[arg-type]  # qid is set before the screen is shown
        options = self._options()
        stored = session.case.votes.get(q.id, {})
        for n, field in enumerate(self._vote_inputs()):
            field.display = n < len(options)
            if not keep_typed:
                count = stored.get(options[n], 0) if n < len(options) else 0
                field.value = str(count) if count else ""
        self.query_one("#votes").display = bool(options)
        votes_head = self.query_one("#votes-head", Static)
        votes_head.display = bool(options)
        votes_head.update(self.t("votes_head"))
        if options:
            hint = self.t("ws_hint_votes", n=len(options))
        elif q.type == "multi":  # several answers at once: no votes, the facilitator ticks
            hint = self.t("ws_hint_multi", n=len(q.options))
        else:
            hint = self.t("ws_hint_date" if q.type == "date" else "ws_hint_input")
        self.query_one("#hint", Static).update(hint)
        self.query_one("#note-label", Static).update(
            f"{self.t('team_note_label')}  [dim]· {self.t('ws_log_hint')}[/dim]"
        )
        self.query_one("#note", Input).placeholder = self.t("team_note_placeholder")
        prompts = q.discussion.get(lang) or q.discussion.get("en") or ()
        self.query_one(DiscussionPanel).show_discussion(self.t("discuss_title"), prompts)
        # a tie the facilitator already settled stays settled when the question is revisited
        tied = bool(stored) and team_decision(stored) is None and q.id in session.engine.answers
        if not keep_typed:
            self._tie_counts = dict(stored) if tied else None
        self._show_vote_status(move_highlight=False)

    # -- votes -------------------------------------------------------------------------------
    def _counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for key, field in zip(self._options(), self._vote_inputs(), strict=False):
            text = field.value.strip()
            counts[key] = int(text) if text.isdigit() else 0
        return counts

    def _label(self, key: str) -> str:
        q = self.session.question(self.qid)  # type: ignore[arg-type]  # qid is set before the screen is shown
        return option_label(self.session.flow, q, key, self.lang)

    def _show_vote_status(self, move_highlight: bool = True) -> None:
        status = self.query_one("#vote-status", Static)
        options = self._options()
        status.display = bool(options)
        if not options:
            return
        counts = self._counts()
        total = sum(counts.values())
        if not total:
            status.update(f"[dim]{self.t('vote_none')}[/dim]")
            return
        decision = team_decision(counts)
        line = self.t("vote_count", n=total) + " · "
        if decision is not None:
            line += self.t("vote_majority", answer=self._label(decision))
            if move_highlight:
                self.query_one(ChoiceList).highlighted = options.index(decision)
        else:
            line += f"[b]{self.t('vote_tie_short')}[/b]"
        if is_split(counts):
            line += f"\n[b reverse] {self.t('vote_split')} [/b reverse]"
        status.update(line)

    def action_vote_step(self, step: int) -> None:
        """↑/↓ in the votes column move to the count of the previous/next answer (and its
        highlight), so a count typed after ↓↓ lands on the answer it is shown beside."""
        focused = self.focused
        if not isinstance(focused, Input) or not focused.has_class("vote"):
            return
        visible = [i for i in self._vote_inputs() if i.display]
        if focused not in visible:
            return
        n = visible.index(focused) + step
        if 0 <= n < len(visible):
            focus_now(visible[n])
            self.query_one(ChoiceList).highlighted = n

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("vote"):
            event.stop()
            self._show_vote_status()
        else:
            super().on_input_changed(event)

    def confirm(self, chosen: str | None = None) -> None:
        session, qid = self.session, self.qid
        assert qid is not None
        if self.query_one("#note", Input).has_focus:
            super().confirm()  # Enter in the note saves it and records no vote
            return
        options = self._options()
        counts = self._counts() if options else {}
        if not any(counts.values()):
            session.clear_votes(qid, save=False)  # the answer below saves
            self._tie_counts = None
            super().confirm(chosen)
            return
        session.set_note(qid, self.query_one("#note", Input).value, save=False)
        choices = self.query_one(ChoiceList)
        decision: str | None = None
        if team_decision(counts) is None:
            if self._tie_counts != counts:
                self._ask_tie(counts)
                return
            decision = chosen if chosen is not None else choices.value
        try:
            session.record_votes(qid, counts, decision)
        except AnswerError as exc:
            self.query_one("#error", Static).update(f"✗ {exc.localized(self.lang)}")
            self.app.bell()
            return
        self._tie_counts = None
        self._go_on(qid)

    def _ask_tie(self, counts: dict[str, int]) -> None:
        """Votes tie: the facilitator picks the answer (one of the leaders is highlighted)."""
        self._tie_counts = dict(counts)
        tied = leaders(counts)
        choices = self.query_one(ChoiceList)
        if choices.value not in tied:
            choices.highlighted = self._options().index(tied[0])
        focus_now(choices)
        answers = " / ".join(self._label(k) for k in tied)
        self.query_one("#error", Static).update(self.t("vote_tie", answers=answers))
        self.app.bell()
