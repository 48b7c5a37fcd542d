"""One question at a time: the right widget for its type, its note, its "why" panel.

A single instance is installed and reused (`show_question`) so moving to the next question
only swaps texts and options: no screen is built per keypress, which keeps it fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from partways.errors import AnswerError, PartwaysError
from partways.i18n import tr
from partways.present import option_label, sources_block
from partways.tui.keys_ahead import TypedKey
from partways.tui.requests import Navigate
from partways.tui.screens.base import WizardScreen, focus_now, once_typed
from partways.tui.validation import error_text
from partways.tui.widgets.button_row import ButtonRow, LinkButton
from partways.tui.widgets.choices import ChoiceList
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.progress import ProgressLine
from partways.tui.widgets.title_bar import TitleBar
from partways.tui.widgets.typed_input import TypedInput
from partways.tui.widgets.why import WhyPanel

if TYPE_CHECKING:
    from textual.timer import Timer

    from partways.tui.widgets.multi_choice import MultiChoiceList

#: Types answered by picking one entry of the choice list.
_PICK_ONE = ("frequency", "choice", "boolean")
#: Seconds of pause in typing after which a note is saved (tests shorten it).
NOTE_SAVE_DELAY = 0.4


class QuestionScreen(WizardScreen):
    """Ask one question; Enter confirms (and autosaves), Escape goes back."""

    BINDINGS = [
        Binding("enter", "confirm", "Next", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("ctrl+g", "skip", "Don't know", priority=True),
        Binding("ctrl+t", "toggle_why", "Why?", priority=True),
        # not in the footer (no room at 80 columns in French): the note's label names the key
        Binding("ctrl+n", "focus_note", "Note", priority=True, show=False),
        Binding("ctrl+r", "review", "Review", priority=True),
        # not in the key bar (no room at 80 columns): the help screen (F1) lists it
        Binding("ctrl+z", "undo", "Undo", priority=True, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.qid: str | None = None
        self.from_review = False
        self._why_forced = False
        self._labels: tuple[str, bool] | None = None
        self._rendered: tuple[str, str] | None = None
        self._multi: MultiChoiceList | None = None
        self._value: Input | None = None
        self._note_timer: Timer | None = None
        #: (question, its answer before, whether it was "don't know") for each answer given
        #: here, most recent last: ctrl+z puts the last one back and shows that question.
        self._undo: list[tuple[str, Any, bool]] = []
        #: How many times the screen has moved to another question: a pick made before the
        #: last move belongs to whatever the screen shows now (keys_ahead.py).
        self._moves = 0
        #: Keys typed ahead of a question change, to be sent again in their order.
        self._held: list[TypedKey] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield ProgressLine(id="progress")
        with Horizontal(id="body"):
            with Vertical(id="ask"):
                yield Static(id="qtext")
                yield from self.compose_answer()
                yield Static(id="error")
                yield Static(id="note-label")
                yield TypedInput(id="note")
            yield self.side_panel()
        yield ButtonRow(id="buttons")
        yield KeyBar()

    def compose_answer(self) -> ComposeResult:
        """The hint and the choice list (the workshop adds votes).

        The tick list of `multi` questions and the typed-answer input are not composed here:
        `_multi_list` and `_value_input` mount them the first time a question needs them,
        after `answer_anchor()` (most first questions are answered from the list).
        """
        yield Static(id="hint")
        yield ChoiceList(id="choices")

    def answer_anchor(self) -> Widget:
        """What the tick list and the typed-answer input are mounted after."""
        return self.query_one(ChoiceList)

    def side_panel(self) -> Widget:
        """The panel beside the question, queried as `#why` (the workshop shows prompts too)."""
        return WhyPanel(id="why")

    def on_mount(self) -> None:
        if self.qid is not None:
            self._render_question()

    def on_resize(self) -> None:
        # below 70 columns the question needs the room more than the help note does
        if self.size.width < 70 and not self._why_forced:
            self.query_one(WhyPanel).display = False

    # -- showing -----------------------------------------------------------------------------
    def show_question(self, qid: str, from_review: bool = False) -> None:
        """Point the screen at a question (works before and after it is mounted)."""
        self.qid = qid
        self.from_review = from_review
        self._moves += 1
        if self.is_mounted:
            self._render_question()

    def apply_lang(self) -> None:
        # on_screen_resume calls this too: skip when this question is already shown in this
        # language (re-rendering restyles the whole screen for nothing)
        if self.qid is not None and self.is_mounted and self._rendered != (self.qid, self.lang):
            self._render_question(keep_typed=True)

    def _render_question(self, keep_typed: bool = False) -> None:
        session, lang = self.session, self.lang
        self._rendered = (self.qid, lang)  # type: ignore[assignment]  # qid is set before the screen is shown
        q = session.question(self.qid)  # type: ignore[arg-type]  # qid is set before the screen is shown
        engine = session.engine
        progress = engine.progress(q.id)
        section = session.flow.section(q.section)
        label = self.t(
            "progress",
            section=tr(section.title, lang) if section else "",
            n=progress.position,
            total=progress.total,
        )
        counts = self.t(
            "n_answered_one" if progress.answered < 2 else "n_answered", n=progress.answered
        )
        if progress.skipped:
            counts += ", " + self.t("n_skipped", n=progress.skipped)
        self.query_one(ProgressLine).show(label, progress.done, progress.total, counts)
        text = tr(q.text, lang)
        if q.optional:
            text += f"  [dim]({self.t('optional')})[/dim]"
        self._show("#qtext", text)
        current = engine.answers.get(q.id)
        choices = self.query_one(ChoiceList)
        is_choice = q.type in _PICK_ONE
        choices.display = is_choice
        multi = self._multi_list(create=q.type == "multi")
        if multi is not None:
            multi.display = q.type == "multi"
        value_input = self._value_input(create=not is_choice and q.type != "multi")
        if value_input is not None:
            value_input.display = not is_choice and q.type != "multi"
        if is_choice:
            if q.type == "boolean":
                pairs = [
                    ("yes", option_label(session.flow, q, "yes", lang)),
                    ("no", option_label(session.flow, q, "no", lang)),
                ]
                cur = None if current is None else ("yes" if current else "no")
            else:
                pairs = [(v, option_label(session.flow, q, v, lang)) for v in q.options]
                default = q.default if isinstance(q.default, str) else None
                cur = current if isinstance(current, str) else default
            choices.set_choices(pairs, cur)
            self._show("#hint", self.t("hint_choice", n=len(pairs)))
            focus_now(choices)
        elif multi is not None and q.type == "multi":
            pairs = [(v, option_label(session.flow, q, v, lang)) for v in q.options]
            if keep_typed:
                ticked: Any = multi.selected  # a language switch keeps what is ticked
            else:
                ticked = current if current is not None else q.default
            multi.set_choices(pairs, ticked if isinstance(ticked, list | tuple) else ())
            self._show("#hint", self.t("hint_multi", n=len(pairs)))
            focus_now(multi)
        elif value_input is not None:
            if not keep_typed:
                if current is not None:
                    value_input.value = f"{current:g}" if q.type == "number" else str(current)
                else:
                    value_input.value = "" if q.default is None else str(q.default)
            unit = tr(q.unit, lang)
            value_input.placeholder = self.t("date_placeholder") if q.type == "date" else unit
            hint = "hint_date" if q.type == "date" else "hint_input"
            self._show("#hint", self.t(hint))
            focus_now(value_input)
        self._show("#error", "")
        self._show("#note-label", self.t("note_label"))
        note = self.query_one("#note", Input)
        if not keep_typed:
            note.value = session.case.notes.get(q.id, "")
        note.placeholder = self.t("note_placeholder")
        self.query_one(WhyPanel).show(
            self.t("why_title"),
            tr(q.help, lang),
            sources_block(session.flow, q.source, lang),
        )
        labels = (self.lang, q.optional)
        if labels != self._labels:  # the key bar and buttons only change with these
            self._labels = labels
            self.query_one(ButtonRow).set_buttons(
                LinkButton("back", "⟵ " + self.t("b_back")),
                *([LinkButton("skip", self.t("skip_button"))] if q.optional else []),
                LinkButton("confirm", self.t("b_next") + " ⟶", primary=True),
            )
            self.refresh_bindings()

    def _show(self, selector: str, text: str) -> None:
        """Update a line of text only when it changes: an update restyles and redraws the
        widget, and most lines (the hint, the note's label, the empty error) stay the same
        from one question to the next."""
        widget = self.query_one(selector, Static)
        if widget.content != text:
            widget.update(text)

    def _multi_list(self, create: bool = False) -> MultiChoiceList | None:
        """The tick list of `multi` questions; mounted after the anchor when first needed."""
        if self._multi is None and create:
            from partways.tui.widgets.multi_choice import MultiChoiceList

            self._multi = MultiChoiceList(id="multi")
            self._mount_answer(self._multi)  # right after the anchor: before the input
        return self._multi

    def _value_input(self, create: bool = False) -> Input | None:
        """The typed-answer input (number, text, date); mounted when first needed, after the
        tick list if there is one."""
        if self._value is None and create:
            self._value = TypedInput(id="value")
            self._mount_answer(self._value, after=self._multi)
        return self._value

    def _mount_answer(self, widget: Widget, after: Widget | None = None) -> None:
        """Mount an answer widget after `after`, by default right after the anchor."""
        anchor = self.answer_anchor()
        container = anchor.parent
        assert isinstance(container, Widget)  # the anchor is composed in a container
        container.mount(widget, after=after or anchor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip" and self.qid is not None and self.is_attached:
            return self.session.question(self.qid).optional
        return True

    # -- reading the answer ------------------------------------------------------------------
    def _typed_value(self, chosen: str | None = None) -> tuple[bool, Any]:
        """(is_raw_text, value) from whichever widget the question uses; `chosen`, the option a
        number key or a click picked (the list's highlight may have moved on since)."""
        q = self.session.question(self.qid)  # type: ignore[arg-type]  # qid is set before the screen is shown
        if q.type in _PICK_ONE:
            value = chosen if chosen is not None else self.query_one(ChoiceList).value
            if q.type == "boolean" and value is not None:
                return False, value == "yes"
            return False, value
        if q.type == "multi":
            multi = self._multi_list()
            return False, multi.selected if multi is not None else []
        value_input = self._value_input()
        return True, value_input.value if value_input is not None else ""

    def _focus_answer(self) -> None:
        q = self.session.question(self.qid) if self.qid is not None else None
        if q is not None and q.type in _PICK_ONE:
            focus_now(self.query_one(ChoiceList))
        elif q is not None and q.type == "multi" and self._multi_list() is not None:
            multi = self._multi_list()
            assert multi is not None
            focus_now(multi)
        elif (value_input := self._value_input()) is not None:
            focus_now(value_input)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A note is saved as it is typed (after a pause), like answers, so nothing is lost."""
        if event.input.id != "note" or self.qid is None:
            return
        if self._note_timer is not None:
            self._note_timer.stop()
        qid, text = self.qid, event.value
        self._note_timer = self.set_timer(NOTE_SAVE_DELAY, lambda: self._save_note(qid, text))

    def _save_note(self, qid: str, text: str) -> None:
        self._note_timer = None
        try:
            self.session.set_note(qid, text)
        except PartwaysError as exc:
            self.notify(exc.one_line(), severity="error")

    def before_quit(self) -> None:
        if self.qid is not None:
            self.session.set_note(self.qid, self.query_one("#note", Input).value, save=False)

    def action_confirm(self) -> None:
        typed = self.wizard.keys.current()

        def run() -> None:
            if typed is None or not self._hold(typed):
                self.confirm()

        once_typed(self, run)

    def _hold(self, typed: TypedKey) -> bool:
        """Keep Enter for later when it was typed behind keys meant for what a pending pick
        moves on to (number keys pressed while the pick waited, or keys already held): "1 4 5
        Enter" enters 45 in the next question. Enter right behind a pick ("3 Enter") is that
        pick's own confirm: `confirm` drops it rather than answer the next question unseen.
        Enter in the note is the note's."""
        if self.query_one("#note", Input).has_focus:
            return False
        if not self._held and not self.query_one(ChoiceList).ahead:
            return False
        self._held.append(typed)
        return True

    def _send_held(self) -> None:
        """Once no pick is pending, type the held keys again, in the order they arrived."""
        if not self._held or self.query_one(ChoiceList).picked:
            return
        held, self._held = sorted(self._held), []
        for typed in held:
            self.app.post_message(typed.event())

    def confirm(self, chosen: str | None = None) -> None:
        """Enter: keep the note, or take the answer and go on (see `action_confirm`); `chosen`,
        the option picked by a number key or a click (`on_option_list_option_selected`)."""
        session, qid = self.session, self.qid
        assert qid is not None
        note = self.query_one("#note", Input)
        if note.has_focus:
            # Enter in the note keeps the note and goes back to the answer; it answers nothing
            session.set_note(qid, note.value)
            self._focus_answer()
            return
        q = session.question(qid)
        if chosen is None and q.type in _PICK_ONE and self.query_one(ChoiceList).picked:
            return  # Enter behind a number key that already answers (its highlight moved on)
        raw, value = self._typed_value(chosen)
        session.set_note(qid, self.query_one("#note", Input).value, save=False)
        before = self._state(qid)
        try:
            if raw and not str(value).strip():
                if q.optional:
                    session.skip(qid)
                else:
                    raise AnswerError("empty", key=qid)
            elif raw:
                session.answer_text(qid, value)
            else:
                session.answer(qid, value)
        except AnswerError as exc:
            self._show("#error", error_text(q, exc, str(value), self.lang))
            self.app.bell()
            return
        self._remember(before)
        self._go_on(qid)

    def _go_on(self, qid: str) -> None:
        session = self.session
        self._moves += 1  # to the next question or the review
        if self.from_review:
            nxt = session.resume_question()
            if nxt is None:
                self.post_message(Navigate("review"))
            else:
                self.show_question(nxt.id, from_review=True)
            return
        nxt = session.after(qid)
        if nxt is None:
            self.post_message(Navigate("review"))
        else:
            self.show_question(nxt.id)

    def action_back(self) -> None:
        once_typed(self, self._back)

    def _back(self) -> None:
        session, qid = self.session, self.qid
        assert qid is not None
        session.set_note(qid, self.query_one("#note", Input).value)
        if self.from_review:
            self.post_message(Navigate("review"))
            return
        prev = session.engine.previous_question(qid)
        if prev is None:
            self.notify(self.t("first_question"))
            return
        self.show_question(prev.id)

    def action_skip(self) -> None:
        once_typed(self, self._skip)

    def _skip(self) -> None:
        qid = self.qid
        assert qid is not None
        if not self.session.question(qid).optional:
            return
        self.session.set_note(qid, self.query_one("#note", Input).value, save=False)
        before = self._state(qid)
        self.session.skip(qid)
        self._remember(before)
        self._go_on(qid)

    # -- undo --------------------------------------------------------------------------------
    def _state(self, qid: str) -> tuple[str, Any, bool]:
        engine = self.session.engine
        return qid, engine.answers.get(qid), qid in engine.skipped

    def _remember(self, before: tuple[str, Any, bool]) -> None:
        qid, value, skipped = before
        engine = self.session.engine
        if (engine.answers.get(qid), qid in engine.skipped) != (value, skipped):
            self._undo = [*self._undo[-49:], before]

    def action_undo(self) -> None:
        """Put the last answer given back as it was (unanswered, "don't know" or the old
        answer), save, and show that question again."""
        if not self._undo:
            self.notify(self.t("nothing_to_undo"))
            return
        qid, value, skipped = self._undo.pop()
        session = self.session
        session.engine.clear(qid)
        if skipped:
            session.engine.skip(qid)
        elif value is not None:
            session.engine.answer(qid, value)
        session.save()
        self.notify(self.t("undone", question=tr(session.question(qid).text, self.lang)))
        self.show_question(qid, self.from_review)

    def action_toggle_why(self) -> None:
        panel = self.query_one(WhyPanel)
        panel.display = not panel.display
        self._why_forced = panel.display

    def action_focus_note(self) -> None:
        focus_now(self.query_one("#note", Input))

    def action_review(self) -> None:
        once_typed(self, self._review)

    def _review(self) -> None:
        if self.qid is not None:
            self.session.set_note(self.qid, self.query_one("#note", Input).value)
        self.post_message(Navigate("review"))

    # -- mouse -------------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A number key or a click answers with its option. The option travels with the
        confirm: digits typed in a burst ("3241", a paste) are all taken by the list before the
        first answer is recorded, so its highlight is the last digit's by then."""
        event.stop()
        chosen, choices = event.option.id, event.option_list
        if not isinstance(choices, ChoiceList):
            return
        typed = choices.pick_keys.popleft() if choices.pick_keys else None
        moves = self._moves
        once_typed(self, lambda: self._take_pick(typed, None if moves != self._moves else chosen))

    def on_choice_list_ahead(self, event: ChoiceList.Ahead) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        typed = choices.pick_keys.popleft() if choices.pick_keys else None

        def take() -> None:
            choices.ahead = max(0, choices.ahead - 1)
            self._take_pick(typed, None)

        once_typed(self, take)

    def _take_pick(self, typed: TypedKey | None, chosen: str | None) -> None:
        """A pick's turn. `chosen` None: the key is for what the screen shows now (it was picked
        before the screen moved on, or came behind another pick), held until no pick is
        pending; else the option answers, if the question on screen has it."""
        choices = self.query_one(ChoiceList)
        choices.picked = max(0, choices.picked - 1)
        if chosen is None:
            if typed is not None:
                self._held.append(typed)
        elif self._takes(chosen):
            self.confirm(chosen)
        self._send_held()

    def _takes(self, chosen: str | None) -> bool:
        """Whether the question on screen has `chosen` among its options: a last guard (a pick
        made before the screen moved on is already held by `_take_pick`, via `_moves`); a
        typed question never takes an option (it would be answered empty: "don't know")."""
        if self.qid is None or chosen is None:
            return False
        q = self.session.question(self.qid)
        values = ("yes", "no") if q.type == "boolean" else q.options
        return q.type in _PICK_ONE and chosen in values
