"""Conditions of a flow in plain words: each construct, its negation, and the flow's labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.flow import load_flow
from partways.flowcheck import check_flow
from partways.paths import flows_dir
from partways.wording import condition_words, current_value

NB = "\u00a0"
BUILTIN = flows_dir() / "client-review.yaml"
DISRESPECT = "“Is the client disrespectful, abusive or unprofessional towards the team?”"
REACTION = "“How did the client react to those boundaries?”"
TOPICS = "“Which problems did we talk about with the client?”"


@pytest.fixture(scope="module")
def flow():
    return load_flow()


@pytest.mark.parametrize(
    "source,words",
    [
        ("at_least(disrespect, 'often')", f"the answer to {DISRESPECT} is “Often” or “Always”"),
        (
            "at_most(disrespect, 'sometimes')",
            f"the answer to {DISRESPECT} is “Never” or “Sometimes”",
        ),
        # three levels of four: the one left out is shorter to read
        ("at_least(disrespect, 'sometimes')", f"the answer to {DISRESPECT} is not “Never”"),
        (
            "not at_least(disrespect, 'often')",
            f"the answer to {DISRESPECT} is “Never” or “Sometimes”",
        ),
        ("boundary_reaction == 'accepted'", f"the answer to {REACTION} is “They accepted them”"),
        (
            "boundary_reaction != 'hostile'",
            f"the answer to {REACTION} is not “They became hostile”",
        ),
        (
            "boundary_reaction in ['ignored', 'hostile']",
            f"the answer to {REACTION} is “They ignore them” or “They became hostile”",
        ),
        (
            "not boundary_reaction in ['ignored', 'hostile']",
            f"the answer to {REACTION} is neither “They ignore them” nor “They became hostile”",
        ),
        (
            "'conduct' in concerns_topics",
            f"the answers to {TOPICS} include “Conduct towards the team”",
        ),
        ("'values' not in concerns_topics", f"the answers to {TOPICS} do not include “Our values”"),
        ("answered(concerns_topics)", f"{TOPICS} has an answer"),
        ("not answered(concerns_topics)", f"{TOPICS} has no answer"),
        (
            "personality_clash",
            "the answer to “Is the problem mostly a clash with one person?” is “Yes”",
        ),
        (
            "personality_clash == false",
            "the answer to “Is the problem mostly a clash with one person?” is “No”",
        ),
        ("friction_pct >= 35", "the friction score is at least 35% of the maximum"),
        ("friction > 0", "the friction score is more than 0"),
        ("service_ratio_pct < 110", "the time spent is less than 110% of the time paid"),
        (
            "revenue_share >= 15",
            "the answer to “What share of our revenue does this client represent (in %)?” "
            "is at least 15%",
        ),
        ("true", "in every case"),
    ],
)
def test_each_construct_in_english(flow, source, words):
    assert condition_words(flow, source, "en") == words


def test_french_quotes_no_break_spaces_and_gender_free_comparisons(flow):
    text = condition_words(flow, "friction_pct >= 35 and at_least(disrespect, 'often')", "fr")
    assert text == (
        f"le score de friction est d'au moins 35{NB}% du maximum et la réponse à la question "
        f"«{NB}Le client se montre-t-il irrespectueux, blessant ou peu professionnel envers "
        f"l'équipe\u202f?{NB}» est «{NB}Souvent{NB}» ou «{NB}Toujours{NB}»"
    )


def test_negation_follows_de_morgan(flow):
    # not (a or b) → "not a and not b"; `told` has no label, so it is said by its condition
    en = condition_words(flow, "not told", "en")
    assert en == (
        "the answer to “Have we already had a frank conversation with the client about these "
        "problems?” is not “Yes” and the answer to “Have we already set explicit boundaries "
        "(hours, scope, number of revisions)?” is not “Yes”"
    )
    assert condition_words(flow, "told", "en", negate=True) == en


def test_a_nested_or_keeps_its_grouping_without_brackets(flow):
    text = condition_words(flow, "severe_friction and (toxic or personality_clash)", "en")
    assert text.startswith("the friction score is at least 35% of the maximum and either ")
    # the derived `toxic` (an `or`) merges into the `or` around it: one list, not two
    assert text.count("either") == 1 and text.count(" or ") == 5


def test_a_derived_label_is_used_and_its_negation_is_its_condition(flow):
    assert condition_words(flow, "told_values", "en") == (
        "we had a frank conversation with the client that covered our values, or whose topics "
        "are not given"
    )
    assert condition_words(flow, "told_values", "fr").startswith("nous avons eu avec le client")
    negated = condition_words(flow, "not told_values", "en")
    assert negated.startswith("the answer to “Have we already had a frank conversation")
    assert "problems?” is not “Yes” or both " in negated
    assert f"{TOPICS} has an answer and the answers to {TOPICS} do not include" in negated
    assert condition_words(flow, "signal_count >= 3", "en") == (
        "the number of everyday friction signals seen “Sometimes” or more is at least 3"
    )


def test_what_no_sentence_covers_is_said_neutrally(flow):
    assert condition_words(flow, "friction * 2 > level(disrespect)", "en") == (
        "a condition of the flow holds"
    )
    assert condition_words(flow, "friction * 2 > 3", "fr", negate=True) == (
        "une condition du parcours n'est pas remplie"
    )


def test_current_value_only_for_a_condition_reading_one_thing(flow):
    env = {"disrespect": "never", "friction_pct": 9.5, "personality_clash": False}
    assert current_value(flow, "at_least(disrespect, 'often')", env, "en") == "“Never”"
    # a derived name reads what its condition reads: `severe_friction` is `friction_pct >= 35`
    assert current_value(flow, "severe_friction", env, "fr") == f"9,5{NB}% du maximum"
    assert current_value(flow, "toxic", env, "en") is None  # two questions: no single value
    # not asked on this case (its `when` fails), not merely unanswered
    assert current_value(flow, "contract_ends_soon == true", env, "en") == "“not relevant here”"


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = BUILTIN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "flow.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_flow_check_wants_a_derived_label_in_both_languages(tmp_path):
    path = _with(
        tmp_path,
        "    expr: concerns_raised == true or boundaries_set == true\n",
        "    expr: concerns_raised == true or boundaries_set == true\n"
        "    label: {fr: le client a été averti}\n",
    )
    problems = check_flow(path)
    assert any("missing translation (en)" in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)


def test_flow_check_refuses_an_unknown_key_in_a_derived(tmp_path):
    path = _with(
        tmp_path,
        "    expr: concerns_raised == true or boundaries_set == true\n",
        "    expr: concerns_raised == true or boundaries_set == true\n    wording: told\n",
    )
    problems = check_flow(path)
    assert problems and any("wording" in p for p in problems), problems


def test_a_label_given_in_the_flow_is_loaded(tmp_path):
    path = _with(
        tmp_path,
        "    expr: concerns_raised == true or boundaries_set == true\n",
        "    expr: concerns_raised == true or boundaries_set == true\n"
        "    label: {fr: le client a été averti, en: the client has been told}\n",
    )
    assert check_flow(path) == []
    flow = load_flow(path)
    assert condition_words(flow, "told and severe_friction", "en") == (
        "the client has been told and the friction score is at least 35% of the maximum"
    )
