"""What the wizard says in plain words: number refusals, and where the case is on exit."""

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


def test_on_exit_the_wizard_says_where_the_case_is_and_how_to_resume(tmp_path):
    from types import SimpleNamespace

    from partways.tui.launch import farewell

    path = tmp_path / "mon dossier.yaml"
    app = SimpleNamespace(lang="fr", session=SimpleNamespace(case=SimpleNamespace(path=path)))
    assert farewell(app, "run") == (
        f"Dossier enregistré dans {path}. Pour reprendre : partways run '{path}'"
    )
    app.lang = "en"
    assert farewell(app, "workshop").endswith(f"To resume: partways workshop '{path}'")
    assert farewell(SimpleNamespace(lang="en", session=None), "run") == ""


def test_a_real_upper_limit_is_said_a_sanity_cap_is_not():
    flow = load_flow()
    share = flow.by_id["revenue_share"]
    with pytest.raises(AnswerError) as exc:
        parse_input(share, "130")
    assert (
        error_text(share, exc.value, "130", "en") == '✗ Enter a positive number up to 100 ("130")'
    )
    fee = flow.by_id["monthly_fee"]
    with pytest.raises(AnswerError) as exc:
        parse_input(fee, "-1")
    assert "1e+09" not in error_text(fee, exc.value, "-1", "en")
