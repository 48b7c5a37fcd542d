"""The wizard's working state: one case, its flow and the engine, saved after every change.

Screens read and change the case only through this object, so "every confirmed answer is on
disk" is enforced in one place rather than remembered by each screen. It holds no business
rules: validation, relevance and the verdict all come from the core.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.answers import parse_input
from partways.case import Case, save_case
from partways.engine import Engine
from partways.flow import Flow, Question

if TYPE_CHECKING:
    from partways.assessment import Assessment


class Session:
    """A case being worked on; every mutating method autosaves (atomic write, mode 0600)."""

    def __init__(self, case: Case, flow: Flow, lang: str) -> None:
        self.case = case
        self.flow = flow
        self.lang = lang
        self.engine = Engine(flow, case.answers, case.skipped)

    # -- persistence -------------------------------------------------------------------------
    def save(self) -> Path | None:
        """Write the case; a case without a file yet (not possible once started) is skipped."""
        self.case.answers = dict(self.engine.answers)
        self.case.skipped = sorted(self.engine.skipped)
        if self.case.path is None:
            return None
        return save_case(self.case, flow=self.flow)

    # -- answers -----------------------------------------------------------------------------
    def question(self, qid: str) -> Question:
        return self.flow.by_id[qid]

    def answer_text(self, qid: str, text: str) -> Any:
        """Parse typed text the way every front end does, record it, save. Raises AnswerError."""
        value = parse_input(self.question(qid), text)
        return self.answer(qid, value)

    def answer(self, qid: str, value: Any) -> Any:
        value = self.engine.answer(qid, value)
        self.save()
        return value

    def skip(self, qid: str) -> None:
        self.engine.skip(qid)
        self.save()

    def set_note(self, qid: str, text: str, save: bool = True) -> None:
        text = text.strip()
        if text == self.case.notes.get(qid, ""):
            return
        if text:
            self.case.notes[qid] = text
        else:
            self.case.notes.pop(qid, None)
        if save:
            self.save()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.case.lang = lang
        self.save()

    # -- navigation helpers ------------------------------------------------------------------
    def resume_question(self) -> Question | None:
        """Where a resume lands: the first relevant question neither answered nor skipped."""
        return self.engine.next_question()

    def after(self, qid: str) -> Question | None:
        """The question to show after confirming `qid`: the next one in flow order, or, at the
        end, any relevant question still open (None when all are done)."""
        nxt = self.engine.following_question(qid)
        return nxt if nxt is not None else self.engine.next_question()

    # -- results -----------------------------------------------------------------------------
    def assessment(self, lang: str | None = None) -> Assessment:
        """The verdict so far; `provisional` when required questions are still unanswered."""
        from partways.assessment import assess_engine  # not needed to ask the first question

        return assess_engine(self.engine, lang or self.lang)

    def steps_done(self) -> set[str]:
        return set(self.case.steps_done)

    def set_steps_done(self, done: set[str]) -> None:
        self.case.steps_done = sorted(done)
        self.save()

    # -- workshop ----------------------------------------------------------------------------
    def record_votes(self, qid: str, counts: dict[str, int], decision: str | None = None) -> Any:
        """Store the team's vote counts; the majority (or `decision` on a tie) is the answer.
        Raises AnswerError."""
        from partways.workshop import record_votes

        value = record_votes(self.engine, self.case, qid, counts, decision)
        self.save()
        return value

    def clear_votes(self, qid: str, save: bool = True) -> None:
        if self.case.votes.pop(qid, None) is not None and save:
            self.save()

    def add_log(self, kind: str, text: str, day: str | None = None) -> dict[str, str]:
        """Append a dated entry to the communications log and save. Raises PartwaysError."""
        from partways.workshop import add_log_entry

        entry = add_log_entry(self.case, kind, text, day or None)
        self.save()
        return entry

    def set_lesson(self, lesson_id: str, text: str, save: bool = True) -> None:
        text = text.strip()
        if text == self.case.lessons.get(lesson_id, ""):
            return
        if text:
            self.case.lessons[lesson_id] = text
        else:
            self.case.lessons.pop(lesson_id, None)
        if save:
            self.save()

    def save_letter(self, kind: str, lang: str, text: str) -> None:
        """Keep the user's edit of this kind in this language; edits of other kinds and
        languages and the other letter details (new_fee, new_lead…) stay."""
        self.case.set_letter_text(kind, lang, text)
        self.save()

    def forget_letter(self, kind: str, lang: str) -> None:
        """Drop the edit of this kind in this language (the letter is rendered afresh)."""
        self.case.set_letter_text(kind, lang, None)
        self.save()
