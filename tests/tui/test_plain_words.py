"""What the wizard says: the core's refusals (the words `ask` uses), where the case is on exit."""

from __future__ import annotations

import pytest

from partways.answers import parse_input
from partways.errors import AnswerError
from partways.flow import load_flow
from partways.tui.validation import error_text


@pytest.mark.parametrize(
    ("qid", "lang", "expected"),
    [
        ("hours_spent", "fr", "✗ -3 est hors limites : doit être ≥ 0"),
        ("hours_spent", "en", "✗ -3 is out of range: must be ≥ 0"),
        ("hours_contracted", "fr", "✗ -3 est hors limites : doit être > 0"),
    ],
)
def test_refusals_are_the_cores_words_as_ask_shows_them(qid, lang, expected):
    from partways.prompt.strings import s

    question = load_flow().by_id[qid]
    with pytest.raises(AnswerError) as exc:
        parse_input(question, "-3")
    assert error_text(question, exc.value, "-3", lang) == expected
    # `ask` prints the same message after its own prefix
    assert s("refused", lang, message=exc.value.localized(lang)).endswith(expected[2:])


def test_on_exit_the_wizard_says_where_the_case_is_and_how_to_resume(tmp_path):
    from types import SimpleNamespace

    from partways.tui.launch import farewell

    path = tmp_path / "mon dossier.yaml"
    app = SimpleNamespace(lang="fr", session=SimpleNamespace(case=SimpleNamespace(path=path)))
    assert farewell(app, "run") == (
        f"Dossier enregistré dans {path}. Pour reprendre\u00a0: partways run '{path}'"
    )
    app.lang = "en"
    assert farewell(app, "workshop").endswith(f"To resume: partways workshop '{path}'")
    assert farewell(SimpleNamespace(lang="en", session=None), "run") == ""


def test_an_empty_required_answer_is_said_in_words():
    import dataclasses

    fee = dataclasses.replace(load_flow().by_id["monthly_fee"], optional=False)
    with pytest.raises(AnswerError) as exc:
        parse_input(fee, "")
    assert error_text(fee, exc.value, "", "en") == "✗ This question needs an answer"
    assert error_text(fee, exc.value, "", "fr") == "✗ Cette question demande une réponse"
