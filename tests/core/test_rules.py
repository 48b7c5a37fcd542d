"""Verdicts follow the articles. Each case is a small story told as changes to a calm client."""

from __future__ import annotations

import pytest

from tests.core.helpers import calm, verdict_of

STORIES = [
    # (story, answers, expected verdict)
    ("a calm, profitable client is kept", calm(), "keep"),
    (
        "a few occasional frictions are not a reason to act",
        calm(missed_meetings="sometimes", unrealistic_expectations="sometimes"),
        "keep",
    ),
    # Disrespect is non-negotiable (001, 002)
    ("repeated disrespect ends it even if never raised", calm(disrespect="often"), "part_ways"),
    (
        "constant disrespect ends it even with a big revenue share",
        calm(disrespect="always", revenue_share=60),
        "part_ways",
    ),
    (
        "occasional disrespect that persists after talking ends it",
        calm(disrespect="sometimes", concerns_raised=True),
        "part_ways",
    ),
    (
        "occasional disrespect never raised: set boundaries first",
        calm(disrespect="sometimes"),
        "set_boundaries",
    ),
    # Values (002, 001)
    ("practices often against our values", calm(values_conflict="often"), "part_ways"),
    (
        "values clash now and then, never discussed: boundaries first",
        calm(values_conflict="sometimes"),
        "set_boundaries",
    ),
    # Boundaries and their reception (003, 004)
    (
        "boundaries met with hostility",
        calm(boundaries_set=True, boundary_reaction="hostile"),
        "part_ways",
    ),
    ("boundaries ignored", calm(boundaries_set=True, boundary_reaction="ignored"), "part_ways"),
    (
        "boundaries accepted, still over-serviced: raise the price",
        calm(boundaries_set=True, boundary_reaction="accepted", hours_spent=50),
        "raise_price",
    ),
    (
        "boundary_reaction is ignored when no boundaries were set",
        calm(boundaries_set=False, boundary_reaction="hostile"),
        "keep",
    ),
    # Personality clash alone → another lead (004)
    (
        "a clash with one person calls for another lead",
        calm(personality_clash=True),
        "reassign_lead",
    ),
    (
        "a clash with some friction still calls for another lead",
        calm(personality_clash=True, communication_breakdown="often", missed_meetings="sometimes"),
        "reassign_lead",
    ),
    # Never told → boundaries or renegotiation before separating (004, 002)
    (
        "high friction never raised with the client: boundaries first",
        calm(
            missed_meetings="always",
            blocked_project="often",
            ignored_advice="often",
            unrealistic_expectations="always",
            communication_breakdown="always",
            fact_denial="often",
            team_reluctance="often",
            capacity_strain="often",
        ),
        "set_boundaries",
    ),
    (
        "high friction and over-servicing never raised: renegotiate first",
        calm(
            more_without_budget="always",
            missed_meetings="often",
            ignored_advice="often",
            unrealistic_expectations="always",
            communication_breakdown="often",
            team_reluctance="sometimes",
            capacity_strain="always",
            payment_chasing="often",
            hours_spent=60,
        ),
        "renegotiate",
    ),
    # Told, and still toxic: separation (003)
    (
        "fact denial and a reluctant team after talking",
        calm(
            concerns_raised=True,
            fact_denial="always",
            team_reluctance="always",
            ignored_advice="often",
            communication_breakdown="often",
            missed_meetings="often",
            unrealistic_expectations="often",
            blocked_project="often",
            capacity_strain="often",
        ),
        "part_ways",
    ),
    # Money (003, 004)
    (
        "over-servicing at 140% with no other signal: renegotiate",
        calm(hours_spent=49),
        "renegotiate",
    ),
    (
        "asking for more without budget: renegotiate",
        calm(more_without_budget="often"),
        "renegotiate",
    ),
    (
        "friction persists after boundaries were accepted: price so they opt out",
        calm(
            concerns_raised=True,
            boundaries_set=True,
            boundary_reaction="accepted",
            missed_meetings="always",
            blocked_project="often",
            ignored_advice="always",
            unrealistic_expectations="always",
            communication_breakdown="always",
            capacity_strain="always",
        ),
        "raise_price",
    ),
    (
        "friction after talking but no explicit boundaries yet: set them",
        calm(
            concerns_raised=True,
            missed_meetings="always",
            ignored_advice="often",
            unrealistic_expectations="always",
            communication_breakdown="often",
        ),
        "set_boundaries",
    ),
    (
        "repeated payment chasing: restate payment terms",
        calm(payment_chasing="often"),
        "set_boundaries",
    ),
    # Expertise drift (002)
    (
        "needs outside our expertise after talking: part ways",
        calm(out_of_expertise=True, concerns_raised=True),
        "part_ways",
    ),
    (
        "needs drifting from our expertise, never discussed: renegotiate the scope",
        calm(out_of_expertise=True),
        "renegotiate",
    ),
    # Revenue share is a risk to plan for, never a reason to stay (003)
    (
        "a big revenue share does not keep a hostile client",
        calm(boundaries_set=True, boundary_reaction="hostile", revenue_share=80),
        "part_ways",
    ),
]


@pytest.mark.parametrize(("story", "answers", "expected"), STORIES, ids=[s[0] for s in STORIES])
def test_story(story, answers, expected):
    result = verdict_of(answers)
    assert result.verdict == expected, f"{story}: got {result.verdict} by rule {result.rule.id}"


def test_revenue_share_never_changes_a_verdict():
    for story, answers, _ in STORIES:
        low = verdict_of({**answers, "revenue_share": 1}).verdict
        high = verdict_of({**answers, "revenue_share": 95}).verdict
        assert low == high, story


def test_large_revenue_share_adds_a_planning_step_to_separation():
    hostile = calm(boundaries_set=True, boundary_reaction="hostile")
    small = verdict_of({**hostile, "revenue_share": 5})
    large = verdict_of({**hostile, "revenue_share": 40})
    assert "plan_revenue_loss" not in [s.id for s in small.steps]
    assert "plan_revenue_loss" in [s.id for s in large.steps]


def test_separation_steps_follow_article_002():
    result = verdict_of(calm(disrespect="always"))
    ids = [s.id for s in result.steps]
    for step in ("evaluate", "communicate_decision", "document", "transition", "lessons"):
        assert step in ids
    assert ids.index("evaluate") < ids.index("transition") < ids.index("lessons")


def test_reasons_carry_answer_why_and_source_ranked_by_weight():
    result = verdict_of(calm(disrespect="often", missed_meetings="sometimes"))
    assert [r.signal for r in result.reasons] == ["disrespect", "missed_meetings"]
    top = result.reasons[0]
    assert top.answer == "often" and top.why and top.sources[0].endswith(".txt")


def test_reasons_are_translated():
    fr = verdict_of(calm(disrespect="often"), "fr")
    en = verdict_of(calm(disrespect="often"), "en")
    assert fr.reasons[0].why != en.reasons[0].why
    assert fr.summary != en.summary


def test_figures_absent_when_inputs_missing():
    answers = calm()
    for key in ("monthly_fee", "hours_contracted", "hours_spent", "revenue_share", "currency"):
        answers.pop(key)
    result = verdict_of(answers)
    assert result.figures == {}
    assert result.to_json()["figures"] == {}


def test_shortfall_floored_at_zero_and_ratio_without_fee():
    result = verdict_of(calm(hours_spent=20))
    assert result.figures["monthly_shortfall"] == 0.0
    answers = calm()
    answers.pop("monthly_fee")
    answers.pop("currency")
    result = verdict_of(answers)
    assert "monthly_shortfall" not in result.figures
    assert "service_ratio_pct" in result.figures and "currency" not in result.figures


def test_engine_lists_irrelevant_questions_and_ignores_their_answers():
    from partways.engine import Engine
    from partways.flow import load_flow

    flow = load_flow()
    engine = Engine(flow, {"boundaries_set": False, "boundary_reaction": "hostile"})
    assert [q.id for q in engine.irrelevant_questions()] == ["boundary_reaction", "currency"]
    assert "boundary_reaction" not in engine.effective_answers()
    engine.answer("boundaries_set", True)
    assert engine.effective_answers()["boundary_reaction"] == "hostile"  # kept, counts again
