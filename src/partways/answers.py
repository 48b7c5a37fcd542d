"""Checking an answer against its question, from a case file (typed YAML) or typed text.

The same rules serve the case-file loader, the wizard's inputs and the prompt validators, so a
value accepted in one place is accepted everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from partways.errors import AnswerError
from partways.expr import FREQUENCY
from partways.flow import Question

_TRUE = {"true", "yes", "y", "oui", "o", "1", "vrai"}
_FALSE = {"false", "no", "n", "non", "0", "faux"}
# patterns compiled (and cached by `re`) on first use: most commands never parse typed input
_UNIT_SUFFIX = (
    r"(?i)(?:%|€|\$|£|eur|euros?|usd|gbp|chf|h|hrs?|hours?|heures?|d|days?|jours?|j"
    r"|ans?|années?|years?|yrs?|mois|months?|/mois|/month|par mois|a month)+\.?$"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: `3/11/2026`, `03.11.2026`: day first, as both French and British English write it.
_DMY_DATE = r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})"

#: The smallest answer a "more than 0" number takes (a hundredth of an hour, of a euro): a
#: value like 1e-300 is positive, yet dividing by it makes every ratio overflow.
SMALLEST_POSITIVE = 0.01


def _fmt(value: float) -> str:
    return f"{value:g}"


#: A checked answer: a frequency, choice, text or ISO date (str), a yes/no (bool), a number
#: (int when whole, else float), or a multi's choices in flow order (list[str]).
Answer = str | bool | int | float | list[str]


def check(question: Question, value: Any) -> Answer:
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
    if kind == "multi":
        return _check_multi(question, value)
    if kind == "date":
        return _check_date(question, value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise AnswerError(
                f"{value!r} is not true or false", key=qid, fr=f"{value!r} n'est ni oui ni non"
            )
        return value
    if kind == "number":
        try:
            finite = isinstance(value, int | float) and math.isfinite(value)
        except OverflowError:  # an integer of hundreds of digits
            finite = False
        if isinstance(value, bool) or not finite:
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
        if lo == 0 and question.min_exclusive and 0 < value < SMALLEST_POSITIVE:
            raise AnswerError(
                f"{_fmt(value)} is too small: must be ≥ {_fmt(SMALLEST_POSITIVE)}",
                key=qid,
                fr=f"{_fmt(value)} est trop petit : doit être ≥ {_fmt(SMALLEST_POSITIVE)}",
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
        text: str = value.strip()
        if question.pattern and not re.fullmatch(question.pattern, text):
            # a person reads this: an example of the form, not the regular expression
            example = question.default or question.pattern
            raise AnswerError(
                f"{text!r} does not have the expected form (for example {example})",
                key=qid,
                fr=f"{text!r} n'a pas la forme attendue (par exemple {example})",
            )
        return text
    raise AnswerError(f"unknown question type {kind}", key=qid)


def _check_multi(question: Question, value: Any) -> list[str]:
    """A list of distinct choice values in the flow's order (`[]` means "none of these").

    Order and repeats are normalised rather than refused: a hand-edited case file that lists
    `[payment, scope, scope]` means the same as `[scope, payment]`.
    """
    qid, allowed = question.id, question.choices
    if not isinstance(value, list | tuple):
        raise AnswerError(
            f"{value!r} is not a list: write [{', '.join(allowed[:2])}] or [] for none",
            key=qid,
            fr=f"{value!r} n'est pas une liste : écrivez [{', '.join(allowed[:2])}] "
            "ou [] pour aucun",
        )
    unknown = [v for v in value if not isinstance(v, str) or v not in allowed]
    if unknown:
        shown = ", ".join(repr(v) for v in unknown)
        raise AnswerError(
            f"{shown} {'is' if len(unknown) == 1 else 'are'} not among {', '.join(allowed)}",
            key=qid,
            fr=f"{shown} ne fait pas partie de : {', '.join(allowed)}",
        )
    chosen = set(value)
    return [v for v in allowed if v in chosen]


def _date(question: Question, year: int, month: int, day: int, shown: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise AnswerError(
            f"{shown!r} is not a date that exists",
            key=question.id,
            fr=f"{shown!r} n'est pas une date qui existe",
        ) from None


def _check_date(question: Question, value: Any) -> str:
    """An ISO date `YYYY-MM-DD`; a YAML date (unquoted `2026-11-03`) is accepted as one.

    Stored as text so conditions compare dates in order (`conversation_date >= '2026-01-01'`)
    and case files read the same whichever way the date was written.
    """
    if isinstance(value, dt.datetime):
        raise AnswerError(
            f"{value.isoformat(sep=' ')!r} has a time: give the date only (YYYY-MM-DD)",
            key=question.id,
            fr=f"{value.isoformat(sep=' ')!r} contient une heure : donnez la date seule "
            "(AAAA-MM-JJ)",
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise AnswerError(
            f"{value!r} is not a date: use YYYY-MM-DD",
            key=question.id,
            fr=f"{value!r} n'est pas une date : écrivez AAAA-MM-JJ",
        )
    year, month, day = (int(g) for g in match.groups())
    return _date(question, year, month, day, value.strip())


def _parse_multi(question: Question, raw: str) -> list[str]:
    """`scope, payment` or `Scope, Late payment` (labels in either language, any case)."""
    if not raw:
        return []
    names: dict[str, str] = {}
    for value in question.choices:
        names[value.casefold()] = value
        names[value.replace("_", " ").casefold()] = value
        for label in question.labels.get(value, {}).values():
            names.setdefault(label.casefold(), value)
    picked: list[Any] = []
    for part in re.split(r"[,;]", raw):
        word = " ".join(part.split())
        if word:
            picked.append(names.get(word.casefold(), word))
    return _check_multi(question, picked)


def looks_like_date(text: str) -> bool:
    """Whether `text` has the form of a date parse_input reads (it may still not exist)."""
    raw = text.strip()
    return bool(_ISO_DATE.fullmatch(raw) or re.fullmatch(_DMY_DATE, raw))


def _parse_date(question: Question, raw: str) -> str:
    """`2026-11-03`, `3/11/2026` or `03.11.2026` (day first) → `2026-11-03`."""
    match = re.fullmatch(_DMY_DATE, raw)
    if match is not None:
        day, month, year = (int(g) for g in match.groups())
        return _date(question, year, month, day, raw)
    if _ISO_DATE.fullmatch(raw) is None:
        raise AnswerError(
            f"{raw!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            key=question.id,
            fr=f"{raw!r} n'est pas une date : écrivez JJ/MM/AAAA ou AAAA-MM-JJ",
        )
    return _check_date(question, raw)


def parse_input(question: Question, text: str) -> Answer:
    """Typed text from a prompt or input widget → checked value (accepts `12,5`, `oui`, …)."""
    raw = text.strip()
    if question.type == "multi":
        return _parse_multi(question, raw)
    if question.type == "date":
        return _parse_date(question, raw)
    if question.type == "number":
        cleaned = raw.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("_", "")
        # what people type after a figure: "38h", "38 heures", "2 400 €", "30 %", "60 jours"
        cleaned = re.sub(_UNIT_SUFFIX, "", cleaned)
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


__all__ = ["FREQUENCY", "check", "looks_like_date", "parse_input"]
