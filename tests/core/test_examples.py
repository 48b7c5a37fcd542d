"""The contract's three example cases give their stated verdicts, figures and letters."""

from __future__ import annotations

import pytest

from partways.assessment import assess
from partways.case import open_case
from partways.engine import Engine
from partways.letters import render_letter
from tests.helpers import EXPECTED


def _assess(path):
    case, flow = open_case(path)
    engine = Engine(flow, case.answers, case.skipped)
    return case, flow, assess(flow, engine.effective_answers(), case.lang)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdict(example, name):
    _, _, result = _assess(example(name))
    assert result.verdict == EXPECTED[name]


def test_hostile_after_boundaries_figures_and_letter(example):
    case, flow, result = _assess(example("hostile-after-boundaries"))
    assert result.letter == "separation"
    assert result.figures["revenue_share"] == 25.0
    assert result.reasons[0].signal == "boundary_reaction"
    assert any(s.id == "plan_revenue_loss" for s in result.steps), "revenue at risk is planned for"
    letter = render_letter(case, flow, result)
    assert "Olivier Garnier" in letter and "Camille Petit" in letter
    assert "60 jours" in letter


def test_scope_creep_figures(example):
    case, flow, result = _assess(example("scope-creep"))
    assert result.figures["service_ratio_pct"] == 140.0
    assert result.figures["monthly_shortfall"] == 1200.0
    assert result.figures["currency"] == "EUR"
    assert "raise_price" in result.alternatives
    assert result.letter == "renegotiation"
    letter = render_letter(case, flow, result)
    for expected in ("49", "35", "3\xa0000\xa0€", "1\xa0200\xa0€", "Anne Girard", "Julien Roux"):
        assert expected in letter


def test_steady_client_figures(example):
    _, _, result = _assess(example("steady-client"))
    assert result.figures["service_ratio_pct"] == 95.0
    assert result.figures["monthly_shortfall"] == 0.0
    assert result.figures["currency"] == "USD"
    assert result.letter == "check_in"
