"""Checking an answer against its question, from a case file (typed YAML) or typed text.

The same rules serve the case-file loader, the wizard's inputs and the prompt validators, so a
value accepted in one place is accepted everywhere.
"""

from __future__ import annotations

import math
import re
from typing import Any

from partways.errors import AnswerError
from partways.expr import FREQUENCY
from partways.flow import Question

_TRUE = {"true", "yes", "y", "oui", "o", "1", "vrai"}
_FALSE = {"false", "no", "n", "non", "0", "faux"}


def _fmt(value: float) -> str:
    return f"{value:g}"


def check(question: Question, value: Any) -> Any:
    """Return the value normalised for `question`, or raise AnswerError saying what is allowed."""
    qid = question.id
    kind = question.type
    if kind in ("frequency", "choice"):
        allowed = question.options
        if not isinstance(value, str) or value not in allowed:
            raise AnswerError(
                f"{value!r} is not one of {', '.join(allowed)}",
                key=qid,
                fr=f"{value!r} ne fait pas partie de : {', '.join(allowed)}",
            )
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise AnswerError(
                f"{value!r} is not true or false", key=qid, fr=f"{value!r} n'est ni oui ni non"
            )
        return value
    if kind == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise AnswerError(
                f"{value!r} is not a number", key=qid, fr=f"{value!r} n'est pas un nombre"
            )
        if question.integer and float(value) != int(value):
            raise AnswerError(
                f"{_fmt(value)} must be a whole number",
                key=qid,
                fr=f"{_fmt(value)} doit être un nombre entier",
            )
        lo, hi = question.minimum, question.maximum
        if lo is not None and (value < lo or (question.min_exclusive and value == lo)):
            sign = ">" if question.min_exclusive else "≥"
            raise AnswerError(
                f"{_fmt(value)} is out of range: must be {sign} {_fmt(lo)}",
                key=qid,
                fr=f"{_fmt(value)} est hors limites : doit être {sign} {_fmt(lo)}",
            )
        if hi is not None and value > hi:
            raise AnswerError(
                f"{_fmt(value)} is out of range: must be ≤ {_fmt(hi)}",
                key=qid,
                fr=f"{_fmt(value)} est hors limites : doit être ≤ {_fmt(hi)}",
            )
        return int(value) if question.integer or float(value).is_integer() else float(value)
    if kind == "text":
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise AnswerError(f"{value!r} is not a text", key=qid)
        value = value.strip()
        if question.pattern and not re.fullmatch(question.pattern, value):
            raise AnswerError(
                f"{value!r} does not match the expected form {question.pattern}",
                key=qid,
                fr=f"{value!r} n'a pas la forme attendue {question.pattern}",
            )
        return value
    raise AnswerError(f"unknown question type {kind}", key=qid)


def parse_input(question: Question, text: str) -> Any:
    """Typed text from a prompt or input widget → checked value (accepts `12,5`, `oui`, …)."""
    raw = text.strip()
    if question.type == "number":
        cleaned = raw.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("_", "")
        cleaned = cleaned.rstrip("%€$£")
        if cleaned.count(",") == 1 and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            raise AnswerError(
                f"{raw!r} is not a number", key=question.id, fr=f"{raw!r} n'est pas un nombre"
            ) from None
        return check(question, number)
    if question.type == "boolean":
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise AnswerError(
            f"{raw!r} is not yes or no", key=question.id, fr=f"{raw!r} n'est ni oui ni non"
        )
    if question.type == "text" and question.pattern and raw.upper() != raw:
        candidate = raw.upper()
        if re.fullmatch(question.pattern, candidate):
            return candidate
    return check(question, raw)


__all__ = ["FREQUENCY", "check", "parse_input"]
