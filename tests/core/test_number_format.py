"""One number format per language: percentages, amounts and friction read the same everywhere."""

from __future__ import annotations

from partways.flow import load_flow
from partways.formats import format_percent
from partways.present import answer_text, figure_rows, friction_text


def test_percent_french_has_a_narrow_no_break_space_english_none():
    assert format_percent(38.5, "fr") == "38,5\u00a0%"
    assert format_percent(38.5, "en") == "38.5%"
    assert format_percent(158.33, "fr") == "158,33\u00a0%"


def test_figures_and_friction_use_the_same_percent():
    rows = figure_rows({"service_ratio_pct": 158.3, "revenue_share": 18}, "fr")
    assert [value for _, _, value in rows] == ["158,3\u00a0%", "18\u00a0%"]
    assert friction_text(38.5, "fr") == "signaux à 38,5\u00a0% du maximum"
    assert friction_text(38.5, "en") == "signals 38.5% of the maximum"


def test_the_fee_is_shown_with_its_currency():
    flow = load_flow("client-review")
    fee = flow.by_id["monthly_fee"]
    assert answer_text(flow, fee, 2400, "fr") == "2 400 €"
    assert answer_text(flow, fee, 2400, "en", {"currency": "GBP"}) == "£2,400"
    share = flow.by_id["revenue_share"]
    assert answer_text(flow, share, 30, "fr") == "30\u00a0%"
    assert answer_text(flow, flow.by_id["hours_spent"], 38.5, "en") == "38.5 hours"


def test_french_flow_texts_keep_their_question_mark_on_the_line():
    from partways.i18n import tr

    text = {"fr": "Depuis combien d'années travaillons-nous ensemble ?", "en": "How long ?"}
    assert tr(text, "fr").endswith("ensemble\u202f?")
    assert tr({"fr": "Note : oui ; non !"}, "fr") == "Note\u00a0: oui\u202f; non\u202f!"
    assert tr(text, "en") == "How long ?"  # English is left as written
