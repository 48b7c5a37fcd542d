"""Workshop data: team votes, the communications log and lessons, kept in the case file.

A vote records how many participants chose each answer; the recorded answer is the team's
decision (the facilitator's when votes tie), and any vote where the room did not agree is a
split to discuss in the debrief.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from partways.case import LOG_KINDS, Case
from partways.engine import Engine
from partways.errors import AnswerError, PartwaysError
from partways.flow import Flow, Question

#: Article 002's step 3: every exchange documented (emails, calls, meetings, invoice reminders).


def vote_options(question: Question) -> tuple[str, ...]:
    """The keys a vote can count: the closed answers of the question ('yes'/'no' for booleans).

    Only questions with one closed answer are voted on; a `multi` (several answers at once) or
    a `date` gets () and the facilitator records the team's answer directly.
    """
    if question.type == "boolean":
        return ("yes", "no")
    if question.type in ("frequency", "choice"):
        return question.options
    return ()


def vote_value(question: Question, key: str) -> Any:
    if question.type == "boolean":
        return key == "yes"
    return key


def leaders(counts: dict[str, int]) -> list[str]:
    """The answers with the most votes, in the counts' order ([] when nobody voted): one is
    the team's decision, several are the tie the facilitator settles."""
    votes = {k: n for k, n in counts.items() if n > 0}
    if not votes:
        return []
    top = max(votes.values())
    return [k for k, n in votes.items() if n == top]


def team_decision(counts: dict[str, int]) -> str | None:
    """The answer most participants chose; None when the top is tied (the facilitator decides)."""
    top = leaders(counts)
    return top[0] if len(top) == 1 else None


def is_split(counts: dict[str, int]) -> bool:
    return sum(1 for n in counts.values() if n > 0) > 1


def record_votes(
    engine: Engine, case: Case, qid: str, counts: dict[str, int], decision: str | None = None
) -> Any:
    """Store the counts and record the team's answer (the majority, or `decision` on a tie)."""
    question = engine.flow.by_id.get(qid)
    if question is None or not vote_options(question):
        raise AnswerError("votes are only for questions with a fixed set of answers", key=qid)
    allowed = vote_options(question)
    clean: dict[str, int] = {}
    for key, n in counts.items():
        if key not in allowed:
            raise AnswerError(f"{key!r} is not one of {', '.join(allowed)}", key=qid)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise AnswerError(f"{n!r} is not a count of people", key=qid)
        if n:
            clean[key] = n
    case.votes[qid] = clean
    chosen = team_decision(clean) or decision
    if chosen is None:
        return None
    if chosen not in allowed:
        raise AnswerError(f"{chosen!r} is not one of {', '.join(allowed)}", key=qid)
    return engine.answer(qid, vote_value(question, chosen))


def splits(case: Case, flow: Flow) -> list[tuple[Question, dict[str, int]]]:
    by_id = flow.by_id
    return [
        (by_id[qid], counts)
        for qid, counts in case.votes.items()
        if qid in by_id and is_split(counts)
    ]


def add_log_entry(
    case: Case, kind: str, text: str, day: dt.date | str | None = None
) -> dict[str, str]:
    """Append a dated entry to the communications log (oldest first)."""
    if kind not in LOG_KINDS:
        raise PartwaysError(f"log kind must be one of {', '.join(LOG_KINDS)}", key="log")
    if not text.strip():
        raise PartwaysError("a log entry needs a text", key="log")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise PartwaysError(f"{day!r} is not a date (YYYY-MM-DD)", key="log") from None
    from partways.formats import today

    entry = {"date": (day or today()).isoformat(), "kind": kind, "text": text.strip()}
    case.log.append(entry)
    case.log.sort(key=lambda e: str(e.get("date", "")))
    return entry


def debrief_path(case_path: Path) -> Path:
    """`acme.yaml` → `acme-debrief.md`, next to the case file."""
    return case_path.with_name(f"{case_path.stem}-debrief.md")
