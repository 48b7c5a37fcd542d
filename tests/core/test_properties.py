"""Property tests: any valid answers give a verdict and a letter; order never matters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.assessment import assess
from partways.case import Case
from partways.engine import Engine
from partways.flow import VERDICTS, load_flow
from partways.letters import render_letter
from tests.core.helpers import value_strategy
from tests.helpers import examples

FLOW = load_flow()


answers_st = st.fixed_dictionaries(
    {}, optional={q.id: value_strategy(q, wide=True) for q in FLOW.questions}
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answers_st, lang=st.sampled_from(["fr", "en"]))
def test_any_valid_answers_give_a_verdict_and_a_clean_letter(answers, lang):
    engine = Engine(FLOW)
    for qid, value in answers.items():
        engine.answer(qid, value)
    result = assess(FLOW, engine.effective_answers(), lang)
    assert result.verdict in VERDICTS
    assert result.letter == FLOW.letter_for(result.verdict)
    case = Case(
        client={"name": "C", "contact": "Cc"},
        provider={"name": "P", "signer": "Ps"},
        answers=answers,
    )
    text = render_letter(case, FLOW, result, lang=lang)
    assert "None" not in text and "{{" not in text and "Cc" in text and "Ps" in text


@settings(max_examples=examples(80), deadline=None)
@given(answers=answers_st, data=st.data())
def test_answer_order_does_not_matter(answers, data):
    order = data.draw(st.permutations(list(answers)))
    a, b = Engine(FLOW), Engine(FLOW)
    for qid in answers:
        a.answer(qid, answers[qid])
    for qid in order:
        b.answer(qid, answers[qid])
    assert (
        assess(FLOW, a.effective_answers()).to_json()
        == assess(FLOW, b.effective_answers()).to_json()
    )


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data())
def test_progress_reaches_the_end_with_back_steps(data):
    """Answer whatever is asked next, sometimes going back; progress never exceeds the total
    and the walk always ends."""
    engine = Engine(FLOW)
    steps = 0
    current = engine.next_question()
    while current is not None:
        steps += 1
        assert steps < 400
        p = engine.progress(current.id)
        assert 0 <= p.done <= p.total and 1 <= p.position <= p.total
        if steps < 60 and data.draw(st.integers(0, 5)) == 0:
            prev = engine.previous_question(current.id)
            if prev is not None:
                current = prev
                continue
        engine.answer(current.id, data.draw(value_strategy(current, wide=True)))
        nxt = engine.following_question(current.id)
        current = nxt if nxt is not None and not engine.is_done(nxt.id) else engine.next_question()
    assert engine.complete
    p = engine.progress()
    assert p.done == p.total
    # every answer the verdict uses belongs to a relevant question
    relevant = {q.id for q in engine.relevant_questions()}
    assert set(engine.effective_answers()) <= relevant
