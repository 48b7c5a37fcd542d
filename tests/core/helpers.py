"""Building answer sets for rule tests: a calm client, then only what a story changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any

from hypothesis import strategies as st

from partways.assessment import Assessment, assess
from partways.coverage import RuleCoverage, coverage
from partways.engine import Engine
from partways.flow import Flow, Rule, load_flow
from tests.helpers import FREQ_SIGNALS


def calm(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {q: "never" for q in FREQ_SIGNALS}
    answers.update(
        out_of_expertise=False,
        personality_clash=False,
        concerns_raised=False,
        boundaries_set=False,
        monthly_fee=3000,
        currency="EUR",
        hours_contracted=35,
        hours_spent=34,
        revenue_share=10,
        relationship_years=3,
        notice_days=30,
    )
    answers.update(overrides)
    return answers


def verdict_of(answers: dict[str, Any], lang: str = "en") -> Assessment:
    flow = load_flow()
    engine = Engine(flow)
    for qid, value in answers.items():
        engine.answer(qid, value)
    return assess(flow, engine.effective_answers(), lang)


def value_strategy(question: Any, wide: bool = False) -> st.SearchStrategy[Any]:
    """Valid answers to `question`; `wide` draws any date and finer numbers (robustness tests),
    otherwise dates of recent years and numbers to one decimal (cases a user would write)."""
    if question.type == "multi":  # any subset, in flow order as stored
        return st.sets(st.sampled_from(question.choices)).map(
            lambda picked: [c for c in question.choices if c in picked]
        )
    if question.type == "date":
        dates = st.dates() if wide else st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
        return dates.map(dt.date.isoformat)
    if question.options:
        return st.sampled_from(question.options)
    if question.type == "boolean":
        return st.booleans()
    if question.type == "number":
        lo = question.minimum or 0
        hi = question.maximum if question.maximum is not None else 10_000
        if question.integer:
            return st.integers(int(lo), int(hi))
        step = 0.01 if wide else 0.5
        digits = 2 if wide else 1
        return st.floats(lo + (step if question.min_exclusive else 0), hi, allow_nan=False).map(
            lambda x: round(x, digits)
        )
    return st.sampled_from(["EUR", "USD", "GBP", "CHF"])


def complete_answers() -> st.SearchStrategy[dict[str, Any]]:
    """Every required question answered, each optional one answered or not."""
    flow = load_flow()
    required = {q.id: value_strategy(q) for q in flow.questions if not q.optional}
    optional = {q.id: value_strategy(q) for q in flow.questions if q.optional}
    return st.fixed_dictionaries(required, optional=optional)


_real_coverage = coverage  # before tests/core/conftest.py puts shared_coverage in its place
#: (what the search reads, the flow's rules, their coverage) per flow searched in this process
_COVERED: list[tuple[tuple[Any, ...], tuple[Rule, ...], tuple[RuleCoverage, ...]]] = []


def _coverage_key(flow: Flow) -> tuple[Any, ...]:
    """Everything the search reads: its budget, the flow's id (the seed of its random starts),
    questions, derived names, signals, rules and figure roles, compared whole (texts included,
    lines not). Flows equal on these get the same coverage; the rest (sources table, templates,
    path) the search never reads."""
    import partways.coverage as cv

    budget = (cv.EXHAUSTIVE_LIMIT, cv.PROOF_FIRST_LIMIT, cv.RESTARTS, cv.SEEDS, cv.REPAIRS)
    parts = (flow.questions, flow.derived, flow.signals, flow.rules)
    # without their lines: a line more above them (a `templates:` key) changes no search, and
    # the rules' lines that the report names are the current flow's (shared_coverage)
    unlined = tuple(tuple(dataclasses.replace(x, line=0) for x in part) for part in parts)
    return ((*budget, cv.STEPS, cv.SAMPLE_DATE), flow.id, *unlined, flow.figures)


def shared_coverage(flow: Flow) -> list[RuleCoverage]:
    """`partways.coverage.coverage`, searched once per process for equal flows (the built-in
    flow, or one whose sources table or templates a test changed): the result of the real
    search, on the rules of `flow`. tests/core/conftest.py makes every core test use it."""
    key = _coverage_key(flow)
    hit = next(((rules, items) for known, rules, items in _COVERED if known == key), None)
    if hit is None:
        hit = flow.rules, tuple(_real_coverage(flow))
        _COVERED.append((key, *hit))
    rules, items = hit
    at = {id(r): i for i, r in enumerate(rules)}
    return [
        dataclasses.replace(
            item,
            rule=flow.rules[at[id(item.rule)]],
            witness=None if item.witness is None else dict(item.witness),
            shadowed_by=tuple(flow.rules[at[id(r)]] for r in item.shadowed_by),
        )
        for item in items
    ]


@functools.cache
def builtin_coverage() -> tuple[Flow, tuple[RuleCoverage, ...]]:
    """The built-in flow and its rule coverage, searched once per test process: several tests
    read the same witnesses (a pure result of the flow; do not change what it returns)."""
    flow = load_flow()
    return flow, tuple(shared_coverage(flow))
