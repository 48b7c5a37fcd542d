"""Answer errors in the user's language.

The core's AnswerError messages are English and technical (`'abc' is not a number`); the
wizard says what to type instead, from the question's own limits.
"""

from __future__ import annotations

from partways.answers import looks_like_date
from partways.errors import AnswerError
from partways.flow import Question
from partways.tui.strings import s


def _n(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


def error_text(question: Question, exc: AnswerError, typed: str, lang: str) -> str:
    """A one-line message saying what is expected, with the typed value quoted."""
    if question.type == "number":
        head = s("err_integer" if question.integer else "err_number", lang)
        lo, hi = question.minimum, question.maximum
        if hi is not None and hi >= 1000:
            hi = None  # a sanity cap (10,000 hours, 1e9 €), not a limit worth telling anyone about
        if lo == 0:  # "Enter a positive number", not "a number at least 0"
            head = s("err_integer_pos" if question.integer else "err_number_pos", lang)
            limits = [s("err_not_zero", lang)] if question.min_exclusive else []
            if hi is not None:
                limits.append(s("err_up_to", lang, n=_n(hi)))
            limit = ", ".join(limits)
        elif lo is not None and hi is not None:
            limit = s("err_between", lang, lo=_n(lo), hi=_n(hi))
        elif lo is not None:
            limit = s("err_min_excl" if question.min_exclusive else "err_min", lang, n=_n(lo))
        elif hi is not None:
            limit = s("err_max", lang, n=_n(hi))
        else:
            limit = ""
        message = f"{head} {limit}".strip()
    elif question.type == "date":
        # a well-formed date that is refused can only be one the calendar does not have
        message = s("err_date_exists" if looks_like_date(typed) else "err_date", lang)
    elif question.type == "text":
        example = question.default or "…"
        message = s("err_text", lang, example=example)
    elif exc.message == "empty":
        message = s("err_required", lang)
    else:
        message = s("err_choose", lang)
    shown = typed.strip()
    return f"✗ {message}" + (
        f" (« {shown} »)" if shown and lang == "fr" else f' ("{shown}")' if shown else ""
    )
