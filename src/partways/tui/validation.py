"""Answer refusals as the wizard shows them: the core's own words, in the user's language.

`partways ask` prints the same `AnswerError.localized` text, so one refusal is worded one way
whatever the face; only an empty required answer has its own line (the core would say that
'' is not a number).
"""

from __future__ import annotations

from rich.markup import escape

from partways.errors import AnswerError
from partways.flow import Question
from partways.tui.strings import s


def error_text(question: Question, exc: AnswerError, typed: str, lang: str) -> str:
    """One line: ✗ and why the typed value is refused (markup-escaped: it quotes what the
    user typed, which may hold brackets)."""
    if not typed.strip() and not question.optional:
        return f"✗ {s('err_required', lang)}"
    return escape(f"✗ {exc.localized(lang)}")
