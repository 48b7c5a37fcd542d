"""What would change the verdict (smallest changes, actionable first) and why not a verdict."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.assessment import Evaluator, assess, assess_engine, evaluate
from partways.case import open_case
from partways.engine import Engine
from partways.expr import compile_expr
from partways.flow import load_flow
from partways.report import assessment_text, case_report
from partways.whatif import (
    WhatIf,
    condition_text,
    what_if,
    what_if_engine,
    what_if_text,
    why_not,
    why_not_lines,
)
from tests.command import run
from tests.helpers import examples

from .helpers import calm, complete_answers, value_strategy, verdict_of

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "data" / "spec-examples"
NAMES = ("hostile-after-boundaries", "scope-creep", "steady-client")
CLOSED = ("frequency", "boolean", "choice", "multi")


def _case(name: str):
    return open_case(EXAMPLES / f"{name}.yaml")


def _calm_cases() -> list[dict]:
    return [
        calm(),
        calm(disrespect="sometimes"),
        calm(more_without_budget="often", hours_spent=50),
        calm(personality_clash=True, communication_breakdown="often"),
        calm(concerns_raised=True, boundaries_set=True, boundary_reaction="ignored"),
    ]


def _cases():
    flow = load_flow()
    for name in NAMES:
        case, _ = _case(name)
        yield name, flow, dict(case.answers)
    for i, answers in enumerate(_calm_cases()):
        yield f"calm{i}", flow, answers


def _apply(flow, answers, changes):
    engine = Engine(flow, answers)
    for qid, value in changes.items():
        engine.answer(qid, value)
    assert not engine.missing_required(), changes  # a change leaves the case complete
    return assess_engine(engine)


def _values(q):
    if q.type == "boolean":
        return [True, False]
    if q.type == "multi":
        subsets = itertools.chain.from_iterable(
            itertools.combinations(q.choices, n) for n in range(len(q.choices) + 1)
        )
        return [list(s) for s in subsets]
    return list(q.options)


def _single_changes(flow, answers):
    """Every single change of a closed answer (and of the numbers what_if tries), each with
    every value of the required questions it makes relevant: the brute force."""
    engine = Engine(flow, answers)
    relevant = {q.id for q in engine.relevant_questions()}
    numbers = {}
    if "hours_contracted" in answers:
        c = answers["hours_contracted"]
        numbers["hours_spent"] = [c, c * 1.25]
    for q in engine.relevant_questions():
        values = _values(q) if q.type in CLOSED else numbers.get(q.id, [])
        for value in values:
            if value == answers.get(q.id):
                continue
            probe = Engine(flow, {**answers, q.id: value})
            new = [
                n
                for n in probe.relevant_questions()
                if n.id not in relevant and not n.optional and n.type in CLOSED
            ]
            for combo in itertools.product(*(_values(n) for n in new)):
                yield {q.id: value, **{n.id: v for n, v in zip(new, combo, strict=True)}}


@pytest.mark.parametrize("name,flow,answers", list(_cases()), ids=lambda x: str(x)[:20])
def test_every_change_found_leads_to_its_verdict(name, flow, answers):
    base = assess_engine(Engine(flow, answers)).verdict
    found = what_if(flow, answers)
    assert found, name
    verdicts = [w.verdict for w in found]
    assert len(verdicts) == len(set(verdicts)) and base not in verdicts
    for w in found:
        result = _apply(flow, answers, w.changes)
        assert (result.verdict, result.rule.id) == (w.verdict, w.rule), (name, w)


@pytest.mark.parametrize("name,flow,answers", list(_cases()), ids=lambda x: str(x)[:20])
def test_no_smaller_change_exists(name, flow, answers):
    base = assess_engine(Engine(flow, answers)).verdict
    reached_by_one = {
        _apply(flow, answers, change).verdict for change in _single_changes(flow, answers)
    } - {base}
    found = {w.verdict: w for w in what_if(flow, answers)}
    # each verdict one change reaches is reported with one change, and only those are
    assert reached_by_one <= found.keys(), name
    for verdict, w in found.items():
        one_question = len({_root(flow, q) for q in w.changes}) == 1
        assert one_question == (verdict in reached_by_one), (name, w)


def _root(flow, qid):
    """The question a change starts from: a question asked because of another counts with it."""
    q = flow.by_id[qid]
    if q.when is not None:
        return sorted(q.when.names)[0]
    return qid


def test_a_two_change_answer_appears_when_one_is_not_enough():
    case, flow = _case("hostile-after-boundaries")
    found = what_if(flow, case.answers)
    assert [w.to_json() for w in found] == [
        {
            "changes": {"concerns_raised": False, "boundaries_set": False},
            "verdict": "renegotiate",
            "rule": "never_told_money",
        }
    ]


def test_changes_that_make_a_question_asked_give_it_a_value():
    flow = load_flow()
    found = what_if(flow, calm(disrespect="never", more_without_budget="sometimes"))
    with_reaction = [w for w in found if "boundaries_set" in w.changes]
    assert with_reaction
    assert all("boundary_reaction" in w.changes for w in with_reaction)


def test_actionable_changes_come_first():
    flow = load_flow()
    for _, flow, answers in _cases():
        found = what_if(flow, answers)
        tried = [flow.by_id[next(iter(w.changes))].section == "tried" for w in found]
        # among the one-change answers, the ones about what has been tried lead
        ones = [t for w, t in zip(found, tried, strict=True) if _one(flow, w)]
        assert ones == sorted(ones, reverse=True)


def _one(flow, w: WhatIf) -> bool:
    return len({_root(flow, q) for q in w.changes}) == 1


def test_a_tried_change_is_preferred_to_another_leading_to_the_same_verdict():
    # steady client: "values sometimes" also gives set_boundaries, but setting boundaries that
    # the client ignores is what the user can act on
    case, flow = _case("steady-client")
    other = {"values_conflict": "sometimes"}
    assert _apply(flow, case.answers, other).verdict == "set_boundaries"
    found = {w.verdict: w for w in what_if(flow, case.answers)}
    assert found["set_boundaries"].changes == {
        "boundaries_set": True,
        "boundary_reaction": "ignored",
    }


def test_incomplete_case_has_no_what_if():
    flow = load_flow()
    answers = calm()
    del answers["disrespect"]
    assert what_if(flow, answers) == []


def test_why_not_names_the_deciding_rule_and_a_failing_condition():
    case, flow = _case("scope-creep")
    result = assess_engine(Engine(flow, case.answers, case.skipped), "en")
    answer = why_not(flow, result, "part_ways")
    assert answer.decided.id == "over_servicing"
    first = answer.rules[0]
    assert first.rule.id == "disrespect_serious" and first.before
    assert first.failing == ("at_least(disrespect, 'often')",)
    assert all(c.rule.verdict == "part_ways" for c in answer.rules)
    lines = why_not_lines(flow, answer, "en")
    assert lines[1] == "An earlier rule decided “Renegotiate”."
    assert lines[2] == (
        "  The client asks for more than they pay for; show the time spent and the "
        "shortfall, and offer two options."
    )
    assert lines[4] == (
        "  1. the answer to “Is the client disrespectful, abusive or unprofessional towards the "
        "team?” is “Often” or “Always” — now “Never”"
    )


def test_why_not_in_french():
    case, flow = _case("scope-creep")
    result = assess_engine(Engine(flow, case.answers, case.skipped), "fr")
    lines = why_not_lines(flow, why_not(flow, result, "part_ways"), "fr")
    assert lines[0] == "Pourquoi pas «\u00a0Se séparer\u00a0»\u00a0?"
    assert lines[1] == "Une règle placée avant a décidé «\u00a0Renégocier\u00a0»."
    assert lines[4] == (
        "  1. la réponse à la question «\u00a0Le client se montre-t-il irrespectueux, blessant ou "
        "peu professionnel envers l'équipe\u202f?\u00a0» est «\u00a0Souvent\u00a0» ou "
        "«\u00a0Toujours\u00a0» — actuellement «\u00a0Jamais\u00a0»"
    )


def test_why_not_a_rule_that_holds_later():
    case, flow = _case("hostile-after-boundaries")
    result = assess_engine(Engine(flow, case.answers, case.skipped), "fr")
    answer = why_not(flow, result, "keep")
    healthy = next(c for c in answer.rules if c.rule.id == "minor_signals")
    assert healthy.failing == () and not healthy.before
    lines = why_not_lines(flow, answer, "fr")
    n = answer.rules.index(healthy) + 1
    assert f"  {n}. elle s'applique, mais vient après la règle qui a décidé" in lines
    assert why_not_lines(flow, why_not(flow, result, "part_ways"), "fr")[1] == "C'est le verdict."


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_why_not_every_verdict_says_each_unmet_condition_in_words(name, lang):
    """For every verdict but the one given: the deciding rule's verdict and summary, then one
    numbered line per rule leading to the verdict asked about, made of its failing parts in
    words (checked against the parts the rule really fails), with no flow syntax left."""
    from partways.i18n import tr
    from partways.present import verdict_label
    from partways.wording import condition_words, quote

    case, flow = _case(name)
    result = assess_engine(Engine(flow, case.answers, case.skipped), lang)
    others = [v for v in flow.verdicts if v != result.verdict]
    assert len(others) == 5
    for verdict in others:
        answer = why_not(flow, result, verdict)
        assert answer.decided == result.rule
        lines = why_not_lines(flow, answer, lang)
        assert quote(verdict_label(flow, verdict, lang), lang) in lines[0]
        assert quote(verdict_label(flow, result.verdict, lang), lang) in lines[1]
        assert lines[2] == f"  {tr(result.rule.summary, lang)}"
        numbered = lines[4:]
        assert len(numbered) == len(answer.rules) > 0
        for i, (line, check) in enumerate(zip(numbered, answer.rules, strict=True), 1):
            assert line.startswith(f"  {i}. ")
            for part in check.failing:
                assert not compile_expr(part).test(result.env)  # it really fails
                assert condition_words(flow, part, lang) in line
            assert_plain_words(line)


def assert_plain_words(line: str) -> None:
    """No expression syntax outside the quoted question texts and answers."""
    outside = re.sub(r"«[^»]*»|“[^”]*”", "", line)
    for raw in ("(", ")", "==", "!=", "_", "[", "]", ">", "<"):
        assert raw not in outside, (raw, line)
    assert not re.search(r"'\w+'", outside), line  # a quoted value such as 'often'
    for word in ("at_least", "at_most", "answered", "true", "false", "none"):
        assert word not in outside, line


def test_why_not_json_keeps_ids_and_adds_words():
    case, flow = _case("steady-client")
    result = assess_engine(Engine(flow, case.answers, case.skipped), "fr")
    data = why_not(flow, result, "renegotiate").to_json(flow, "fr")
    assert data["decided_by"] == "minor_signals" and data["decided_verdict"] == "keep"
    first = data["rules"][0]
    assert first["rule"] == "never_told_money"
    assert first["failing"] == ["severe_friction", "money_strain"]
    assert first["failing_words"][0] == "le score de friction est d'au moins 35\u00a0% du maximum"
    assert data["decided_summary"].startswith("Quelques signaux mineurs")
    assert "failing_words" not in why_not(flow, result, "renegotiate").to_json()["rules"][0]


def test_condition_text_says_a_condition_in_words():
    flow = load_flow()
    text = condition_text(flow, "boundary_reaction == 'accepted' and told", "en")
    assert text == (
        "the answer to “How did the client react to those boundaries?” is “They accepted them” "
        "and either the answer to “Have we already had a frank conversation with the client "
        "about these problems?” is “Yes” or the answer to “Have we already set explicit "
        "boundaries (hours, scope, number of revisions)?” is “Yes”"
    )


def test_text_sections_in_both_languages():
    flow = load_flow()
    answers = calm(disrespect="sometimes")
    changes = what_if(flow, answers)
    for lang, title, word in (
        ("fr", "Ce qui changerait le verdict :", "  Si la réponse à la question «\u00a0"),
        ("en", "What would change the verdict:", "  If the answer to “"),
    ):
        result = verdict_of(answers, lang)
        text = assessment_text(flow, result, changes)
        assert title in text
        assert word in text and " → " in text
        section = text.split(title, 1)[1]
        assert "rule" not in section and "règle" not in section  # ids are for --json
        assert "_" not in section
    en = assessment_text(flow, verdict_of(answers, "en"), changes)
    assert "If the answer to “Have we already had a frank conversation" in en  # the question
    assert "were “Yes”" in en  # the answer's label
    fr = assessment_text(flow, verdict_of(answers, "fr"), changes)
    assert "» était «\u00a0Oui\u00a0»" in fr and "« " not in fr.split("changerait", 1)[1]


def test_report_has_the_section(tmp_path):
    case, flow = _case("steady-client")
    report = case_report(case, flow, "en")
    assert "## What would change the verdict" in report
    assert (
        "- If the answer to “Is the problem mostly a clash with one person?” were “Yes” → "
        "Hand the account to another lead\n" in report
    )
    assert what_if_engine(Engine(flow, case.answers)) == what_if(flow, case.answers)


def test_assess_json_has_what_if(example):
    out = run("assess", str(example("scope-creep")), "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)["what_if"]
    assert items and all(set(w) == {"changes", "verdict", "rule"} for w in items)
    assert all(isinstance(w["changes"], dict) and w["changes"] for w in items)
    assert {"changes": {"personality_clash": True}, "verdict": "reassign_lead"}.items() <= (
        next(w for w in items if w["verdict"] == "reassign_lead").items()
    )


def test_assess_why_notrun(example):
    path = str(example("scope-creep"))
    out = run("assess", path, "--why-not", "part_ways", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Why not “Part ways”?\nAn earlier rule decided “Renegotiate”.")
    assert "over_servicing" not in out.stdout and "at_least" not in out.stdout
    data = json.loads(run("assess", path, "--why-not", "keep", "--json").stdout)
    assert data["decided_by"] == "over_servicing" and data["rules"]
    assert all(len(r["failing_words"]) == len(r["failing"]) for r in data["rules"])
    bad = run("assess", path, "--why-not", "fire_them")
    assert bad.returncode == 2 and "invalid choice: 'fire_them'" in bad.stderr


def test_assess_is_unchanged_by_the_refactor():
    # evaluate() is shared with the search: assess must still list reasons and pick the rule
    flow = load_flow()
    result = assess(flow, calm(disrespect="often"), "en")
    assert result.verdict == "part_ways" and result.reasons[0].signal == "disrespect"


@pytest.mark.parametrize("name,flow,answers", list(_cases()), ids=lambda x: str(x)[:20])
def test_skipping_pairs_without_evaluating_them_loses_nothing(name, flow, answers, monkeypatch):
    from partways import whatif

    fast = what_if(flow, answers)
    monkeypatch.setattr(whatif._PairFilter, "allows", lambda self, mask: True)
    assert what_if(flow, answers) == fast, name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=complete_answers())
def test_random_cases_changes_lead_to_their_verdicts(answers):
    flow = load_flow()
    base = assess_engine(Engine(flow, answers)).verdict
    for w in what_if(flow, answers):
        assert w.verdict != base
        result = _apply(flow, answers, w.changes)
        assert (result.verdict, result.rule.id) == (w.verdict, w.rule)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_debrief_file_lists_the_changes_as_discussion_material(lang):
    from partways.messages import t
    from partways.paths import examples_dir
    from partways.report import debrief

    case, flow = open_case(examples_dir() / f"personality-clash.{lang}.yaml")
    text = debrief(case, flow, lang)
    found = what_if(flow, case.answers)
    assert found
    section = text.split(f"## {t('what_if_discuss', lang)}\n", 1)[1].split("\n## ", 1)[0]
    assert f"_{t('what_if_prompt', lang)}_" in section
    assert [line for line in section.splitlines() if line.startswith("- ")] == [
        f"- {what_if_text(flow, w, lang)}" for w in found
    ]
    # before the figures, after the disagreements: what the team talks about
    assert text.index(t("disagreements", lang)) < text.index(t("what_if_discuss", lang))
    assert text.index(t("what_if_discuss", lang)) < text.index(f"## {t('figures', lang)}")


def test_debrief_of_an_unfinished_workshop_has_no_changes_section(tmp_path):
    from partways.case import Case
    from partways.messages import t
    from partways.report import debrief

    flow = load_flow()
    case = Case(flow="client-review", answers={"disrespect": "never"})
    assert t("what_if_discuss", "en") not in debrief(case, flow, "en")


_CHANGE_IDS = [q.id for q in load_flow().questions]


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=complete_answers(),
    changes=st.lists(
        st.sampled_from(_CHANGE_IDS).flatmap(
            lambda qid: st.tuples(st.just(qid), st.none() | value_strategy(load_flow().by_id[qid]))
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_the_incremental_evaluator_gives_evaluates_rule(base, changes):
    """The what-if search's Evaluator reuses the base case's figures, signals, derived names and
    rule results: on any case and any change of up to four answers (a value, another type of
    value, or none: a question hidden or unanswered) it gives the rule a full evaluation gives."""
    flow = load_flow()
    evaluator = Evaluator(flow, base)
    assert evaluator.rule(base) is evaluate(flow, base)[1]
    answers = dict(base)
    for qid, value in changes:
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
    expected = evaluate(flow, answers)[1]
    assert evaluator.rule(answers).id == expected.id
    keys = {qid for qid, _ in changes}
    assert evaluator.rule(answers, keys).id == expected.id  # the search's hint: only these keys
