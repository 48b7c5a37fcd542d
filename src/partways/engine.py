"""The engine every front end drives: what to ask next, what no longer matters, how far we are.

Answers whose question became irrelevant (its `when` turned false) are kept, so going back and
changing one's mind restores them, but they are never seen by conditions or by the verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from partways.answers import Answer, check
from partways.errors import AnswerError
from partways.flow import Flow, Question
from partways.record import record


@record
class Progress:
    done: int  # relevant questions answered or skipped
    total: int  # relevant questions in all (changes as conditions change)
    position: int  # 1-based index of the given question among relevant ones (0 if none)
    section: str  # section id of that question ("" if none)
    skipped: int = 0  # of `done`, those left as "don't know": a count of answers leaves them out

    @property
    def answered(self) -> int:
        return self.done - self.skipped

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


class Engine:
    def __init__(
        self,
        flow: Flow,
        answers: Mapping[str, Answer] | None = None,
        skipped: Iterable[str] = (),
    ) -> None:
        self.flow = flow
        self.answers: dict[str, Answer] = dict(answers or {})
        self.skipped: set[str] = set(skipped)
        self._relevant: dict[str, bool] | None = None

    # -- relevance ---------------------------------------------------------------------------
    def _compute(self) -> dict[str, bool]:
        if self._relevant is None:
            env: dict[str, Any] = {}
            relevant: dict[str, bool] = {}
            for q in self.flow.questions:
                ok = q.when is None or q.when.test(env)
                relevant[q.id] = ok
                if ok and q.id in self.answers:
                    env[q.id] = self.answers[q.id]
            self._relevant = relevant
        return self._relevant

    def is_relevant(self, qid: str) -> bool:
        return self._compute().get(qid, False)

    def relevant_questions(self) -> list[Question]:
        rel = self._compute()
        return [q for q in self.flow.questions if rel[q.id]]

    def irrelevant_questions(self) -> list[Question]:
        rel = self._compute()
        return [q for q in self.flow.questions if not rel[q.id]]

    def effective_answers(self) -> dict[str, Answer]:
        """Answers that count: those of relevant questions only."""
        rel = self._compute()
        return {
            q.id: self.answers[q.id]
            for q in self.flow.questions
            if rel[q.id] and q.id in self.answers
        }

    # -- navigation --------------------------------------------------------------------------
    def is_done(self, qid: str) -> bool:
        """Answered, or skipped where skipping is allowed.

        A required question listed under `skipped` (a hand-edited file, or a flow that has made
        it required since) is still open: resuming asks it and the verdict stays provisional.
        """
        if qid in self.answers:
            return True
        question = self.flow.by_id.get(qid)
        return qid in self.skipped and question is not None and question.optional

    def missing_required(self) -> list[Question]:
        """Relevant questions that need an answer and have none, in flow order.

        This is what makes a verdict provisional: an unanswered optional question (fee, hours…)
        only leaves a figure out, but a missing signal silently counts as "never".
        """
        return [q for q in self.relevant_questions() if not q.optional and q.id not in self.answers]

    def next_question(self) -> Question | None:
        """The first relevant question neither answered nor skipped: where a resume lands."""
        return next((q for q in self.relevant_questions() if not self.is_done(q.id)), None)

    def previous_question(self, qid: str) -> Question | None:
        qs = self.relevant_questions()
        ids = [q.id for q in qs]
        if qid not in ids:
            # the question just became irrelevant: go to the last relevant one before it
            order = [q.id for q in self.flow.questions]
            before = [q for q in qs if order.index(q.id) < order.index(qid)]
            return before[-1] if before else None
        i = ids.index(qid)
        return qs[i - 1] if i > 0 else None

    def following_question(self, qid: str) -> Question | None:
        """The relevant question after `qid` in flow order, answered or not."""
        order = [q.id for q in self.flow.questions]
        start = order.index(qid)
        return next((q for q in self.relevant_questions() if order.index(q.id) > start), None)

    @property
    def complete(self) -> bool:
        return self.next_question() is None

    def progress(self, current: str | None = None) -> Progress:
        qs = self.relevant_questions()
        done = sum(1 for q in qs if self.is_done(q.id))
        skipped = sum(1 for q in qs if self.is_done(q.id) and q.id not in self.answers)
        ids = [q.id for q in qs]
        if current is None:
            nxt = self.next_question()
            current = nxt.id if nxt else None
        position = ids.index(current) + 1 if current in ids else 0
        section = self.flow.by_id[current].section if current in self.flow.by_id else ""
        return Progress(done, len(qs), position, section, skipped)

    # -- changes -----------------------------------------------------------------------------
    def answer(self, qid: str, value: Any) -> Answer:
        """Check and record an answer; raises AnswerError without changing anything if invalid."""
        try:
            question = self.flow.by_id[qid]
        except KeyError:
            raise AnswerError(f"no question '{qid}' in flow {self.flow.id}", key=qid) from None
        checked = check(question, value)
        self.answers[qid] = checked
        self.skipped.discard(qid)
        self._relevant = None
        return checked

    def skip(self, qid: str) -> None:
        question = self.flow.by_id[qid]
        if not question.optional:
            raise AnswerError("this question needs an answer", key=qid)
        self.answers.pop(qid, None)
        self.skipped.add(qid)
        self._relevant = None

    def clear(self, qid: str) -> None:
        self.answers.pop(qid, None)
        self.skipped.discard(qid)
        self._relevant = None
