"""The wizard's refusal of a number reads naturally: "Enter a positive number", not "at least 0"."""

from __future__ import annotations

import pytest

from partways.answers import parse_input
from partways.errors import AnswerError
from partways.flow import load_flow
from partways.tui.validation import error_text


@pytest.mark.parametrize(
    ("qid", "lang", "expected"),
    [
        ("hours_spent", "fr", "✗ Saisissez un nombre positif (« -3 »)"),
        ("hours_spent", "en", '✗ Enter a positive number ("-3")'),
        ("notice_days", "en", '✗ Enter a positive whole number ("-3")'),
        ("hours_contracted", "fr", "✗ Saisissez un nombre positif différent de 0 (« -3 »)"),
    ],
)
def test_negative_numbers_are_refused_in_plain_words(qid, lang, expected):
    question = load_flow().by_id[qid]
    with pytest.raises(AnswerError) as exc:
        parse_input(question, "-3")
    assert error_text(question, exc.value, "-3", lang) == expected
