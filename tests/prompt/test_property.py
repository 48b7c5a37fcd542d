"""Whatever is typed at the prompts, `partways ask` and the core agree: the verdict printed is
the one `assess` gives for the saved file, and the file only holds answers the flow accepts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.assessment import assess
from partways.case import open_case
from partways.engine import Engine
from tests.helpers import examples
from tests.prompt.helpers import ENTER, answer_keys, drive, flow, party_keys, skip_keys

FLOW = flow()


@st.composite
def journeys(draw: st.DrawFn) -> tuple[dict, list[str]]:
    """Random answers (or skips, for optional questions) in the order the engine asks."""
    engine = Engine(FLOW)
    keys: list[str] = []
    while (q := engine.next_question()) is not None:
        if q.optional and draw(st.booleans()):
            keys.append(skip_keys(q))
            engine.skip(q.id)
            continue
        if q.type in ("frequency", "choice"):
            value = draw(st.sampled_from(q.options))
        elif q.type == "multi":
            chosen = draw(st.sets(st.sampled_from(q.options)))
            value = [v for v in q.options if v in chosen]
        elif q.type == "date":
            value = draw(st.dates()).isoformat()
        elif q.type == "boolean":
            value = draw(st.booleans())
        elif q.type == "text":
            value = draw(st.sampled_from(["EUR", "USD", "CHF"]))
        else:
            lo = q.minimum or 0
            hi = q.maximum if q.maximum is not None else 500
            value = draw(st.integers(int(lo) + (1 if q.min_exclusive else 0), int(hi)))
        keys.append(answer_keys(q, value))
        engine.answer(q.id, value)
    return engine.effective_answers(), keys


@settings(
    max_examples=examples(12, 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(journeys())
def test_prompt_verdict_is_the_core_verdict(journey: tuple[dict, list[str]]):
    expected_answers, keys = journey
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        run = drive(
            path,
            [*party_keys("A", "B", "C", "D", ""), *keys, ENTER, f"2{ENTER}", f"2{ENTER}"],
            lang="en",
        )
        assert run.code == 0, run.out
        case, f = open_case(path)
        effective = Engine(f, case.answers, case.skipped).effective_answers()
        assert effective == expected_answers
        result = assess(f, effective, "en")
        assert result.label in run.out
        assert result.summary.split()[0] in run.out
