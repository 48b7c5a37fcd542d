"""The `multi` and `date` question types: checking, typed input, display, case files,
conditions, flow parsing and `flow check`, on a small flow written into tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from partways.answers import check, parse_input
from partways.assessment import assess
from partways.case import load_case, open_case, save_case
from partways.engine import Engine
from partways.errors import AnswerError, PartwaysError
from partways.expr import compile_expr
from partways.flow import Flow, load_flow, parse_flow
from partways.flowcheck import check_flow, sample_answers
from partways.present import answer_text
from partways.report import case_report
from partways.workshop import record_votes, vote_options
from partways.yamlio import parse_yaml
from tests.types_flow import TYPES_FLOW, write_types_case, write_types_flow


@pytest.fixture
def flow(tmp_path: Path) -> Flow:
    return load_flow(write_types_flow(tmp_path))


# -- multi ---------------------------------------------------------------------------------------
def test_multi_keeps_distinct_values_in_flow_order(flow: Flow) -> None:
    q = flow.by_id["concerns_topics"]
    assert check(q, ["payment", "scope"]) == ["scope", "payment"]
    assert check(q, ["tone", "scope", "tone"]) == ["scope", "tone"]
    assert check(q, ("payment",)) == ["payment"]


def test_multi_empty_list_is_an_answer(flow: Flow) -> None:
    q = flow.by_id["concerns_topics"]
    assert check(q, []) == []
    assert parse_input(q, "") == []
    assert parse_input(q, "   ") == []


@pytest.mark.parametrize("value", [["scope", "budget"], ["scope", 3], [None]])
def test_multi_refuses_unknown_values_in_both_languages(flow: Flow, value: list) -> None:
    with pytest.raises(AnswerError) as info:
        check(flow.by_id["concerns_topics"], value)
    assert "not among scope, payment, tone" in info.value.localized("en")
    assert "ne fait pas partie de : scope, payment, tone" in info.value.localized("fr")
    assert info.value.key == "concerns_topics"


@pytest.mark.parametrize("value", ["scope", None, {"scope": True}, 3])
def test_multi_needs_a_list(flow: Flow, value: object) -> None:
    with pytest.raises(AnswerError) as info:
        check(flow.by_id["concerns_topics"], value)
    assert "is not a list" in info.value.localized("en")
    assert "n'est pas une liste" in info.value.localized("fr")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("scope, payment", ["scope", "payment"]),
        ("payment,scope", ["scope", "payment"]),
        ("Payment; SCOPE", ["scope", "payment"]),
        ("Les paiements, le ton", ["payment", "tone"]),
        ("tone,", ["tone"]),
    ],
)
def test_multi_typed_as_values_or_labels(flow: Flow, typed: str, expected: list[str]) -> None:
    assert parse_input(flow.by_id["concerns_topics"], typed) == expected


def test_multi_typed_unknown_value_is_named(flow: Flow) -> None:
    with pytest.raises(AnswerError) as info:
        parse_input(flow.by_id["concerns_topics"], "scope, budget")
    assert "'budget'" in info.value.message
    assert "scope" not in info.value.message.split(" is ")[0]


# -- date ----------------------------------------------------------------------------------------
def test_date_from_text_or_yaml_date_is_stored_as_iso(flow: Flow) -> None:
    q = flow.by_id["conversation_date"]
    assert check(q, "2026-11-03") == "2026-11-03"
    assert check(q, " 2026-11-03 ") == "2026-11-03"
    loaded = yaml.safe_load("day: 2026-11-03")["day"]
    assert isinstance(loaded, dt.date)
    assert check(q, loaded) == "2026-11-03"


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29"])
def test_date_that_does_not_exist_is_refused(flow: Flow, value: str) -> None:
    q = flow.by_id["conversation_date"]
    with pytest.raises(AnswerError) as info:
        check(q, value)
    assert info.value.localized("en") == f"{value!r} is not a date that exists"
    assert info.value.localized("fr") == f"{value!r} n'est pas une date qui existe"
    with pytest.raises(AnswerError):
        parse_input(q, value)


@pytest.mark.parametrize(
    "value", ["03/11/2026", "tomorrow", "2026-1-3", "20261103", 20261103, None, True]
)
def test_case_file_date_must_be_iso(flow: Flow, value: object) -> None:
    with pytest.raises(AnswerError) as info:
        check(flow.by_id["conversation_date"], value)
    assert "use YYYY-MM-DD" in info.value.localized("en")
    assert "AAAA-MM-JJ" in info.value.localized("fr")


def test_date_with_a_time_is_refused(flow: Flow) -> None:
    with pytest.raises(AnswerError, match="has a time"):
        check(flow.by_id["conversation_date"], dt.datetime(2026, 11, 3, 10, 0))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-03", "2026-11-03"),
        ("03/11/2026", "2026-11-03"),
        ("3/11/2026", "2026-11-03"),
        ("03.11.2026", "2026-11-03"),
        (" 29/02/2028 ", "2028-02-29"),
    ],
)
def test_date_typed_day_first_or_iso(flow: Flow, typed: str, expected: str) -> None:
    assert parse_input(flow.by_id["conversation_date"], typed) == expected


@pytest.mark.parametrize("typed", ["30/02/2026", "01/13/2026"])
def test_typed_date_that_does_not_exist(flow: Flow, typed: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_input(flow.by_id["conversation_date"], typed)
    assert "n'est pas une date qui existe" in info.value.localized("fr")


def test_typed_date_in_another_form_says_both_forms(flow: Flow) -> None:
    with pytest.raises(AnswerError) as info:
        parse_input(flow.by_id["conversation_date"], "next week")
    assert "YYYY-MM-DD or DD/MM/YYYY" in info.value.localized("en")
    assert "JJ/MM/AAAA ou AAAA-MM-JJ" in info.value.localized("fr")


# -- display -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("qid", "value", "lang", "shown"),
    [
        ("concerns_topics", ["scope", "payment"], "en", "Scope, Payment"),
        ("concerns_topics", ["scope", "payment"], "fr", "Le périmètre, Les paiements"),
        ("concerns_topics", [], "en", "none"),
        ("concerns_topics", [], "fr", "aucun"),
        ("conversation_date", "2026-11-03", "en", "3 November 2026"),
        ("conversation_date", "2026-11-03", "fr", "3 novembre 2026"),
        ("conversation_date", "2026-11-01", "fr", "1er novembre 2026"),
        ("conversation_date", None, "fr", "sans réponse"),
    ],
)
def test_answer_text(flow: Flow, qid: str, value: object, lang: str, shown: str) -> None:
    assert answer_text(flow, flow.by_id[qid], value, lang) == shown


def test_report_shows_the_answers_as_words(tmp_path: Path) -> None:
    path = write_types_case(
        tmp_path, {"concerns_topics": ["scope", "payment"], "conversation_date": "2026-11-03"}
    )
    case, flow = open_case(path)
    text = case_report(case, flow, "en")
    assert "| Scope, Payment |" in text
    assert "| 3 November 2026 |" in text


# -- case files ----------------------------------------------------------------------------------
def test_case_with_multi_and_date_round_trips(tmp_path: Path) -> None:
    path = write_types_case(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "answers: {}",
            "answers:\n  concerns_topics: [payment, scope]\n  conversation_date: 2026-11-03",
        ),
        encoding="utf-8",
    )
    case, flow = open_case(path)
    assert case.answers == {
        "concerns_topics": ["scope", "payment"],
        "conversation_date": "2026-11-03",
    }
    save_case(case, flow=flow)
    on_disk = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    assert on_disk == {"concerns_topics": ["scope", "payment"], "conversation_date": "2026-11-03"}
    again, _ = open_case(path)
    assert again.answers == case.answers
    save_case(again, flow=flow)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["answers"] == on_disk


def test_case_with_empty_multi_round_trips(tmp_path: Path) -> None:
    path = write_types_case(tmp_path, {"concerns_topics": []})
    case, flow = open_case(path)
    assert case.answers == {"concerns_topics": []}
    save_case(case, flow=flow)
    assert load_case(path, flow).answers == {"concerns_topics": []}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("concerns_topics: [scope, budget]", "concerns_topics: 'budget' is not among"),
        ("concerns_topics: scope", "concerns_topics: 'scope' is not a list"),
        ("conversation_date: 2026-02-30", "conversation_date: '2026-02-30' is not a date that"),
        ("conversation_date: 3/11/2026", "conversation_date: '3/11/2026' is not a date: use"),
    ],
)
def test_bad_answer_in_case_file_names_file_line_and_key(
    tmp_path: Path, answers: str, message: str
) -> None:
    path = write_types_case(tmp_path)
    text = path.read_text(encoding="utf-8").replace("answers: {}", f"answers:\n  {answers}")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  {answers}") + 1
    with pytest.raises(PartwaysError) as info:
        open_case(path)
    assert info.value.one_line().startswith(f"{path}:{line}: answers.{message}")


# -- conditions ----------------------------------------------------------------------------------
def test_in_on_a_multi_answer() -> None:
    cond = compile_expr("'payment' in concerns_topics")
    assert cond.test({"concerns_topics": ["scope", "payment"]})
    assert not cond.test({"concerns_topics": ["scope"]})
    assert not cond.test({"concerns_topics": []})
    assert not cond.test({"concerns_topics": None})
    assert not cond.test({})
    assert compile_expr("'payment' not in concerns_topics").test({"concerns_topics": []})
    assert not compile_expr("'payment' not in concerns_topics").test({})


def test_multi_answer_compared_with_a_literal_list() -> None:
    assert compile_expr("concerns_topics == []").test({"concerns_topics": []})
    assert not compile_expr("concerns_topics == []").test({})
    both = compile_expr("concerns_topics == ['scope', 'payment']")
    assert both.test({"concerns_topics": ["scope", "payment"]})
    assert compile_expr("concerns_topics != []").test({"concerns_topics": ["tone"]})


def test_iso_dates_compare_in_order() -> None:
    after = compile_expr("conversation_date >= '2026-01-01'")
    assert after.test({"conversation_date": "2026-11-03"})
    assert not after.test({"conversation_date": "2025-12-31"})
    assert not after.test({"conversation_date": None})


def test_conditions_on_the_flow_follow_multi_and_date_answers(flow: Flow) -> None:
    engine = Engine(flow)
    engine.answer("concerns_topics", ["scope"])
    assert not engine.is_relevant("conversation_date")
    engine.answer("concerns_topics", ["payment"])
    assert engine.is_relevant("conversation_date")
    engine.answer("conversation_date", dt.date(2025, 6, 1))
    assert not engine.is_relevant("still_friendly")
    engine.answer("conversation_date", "2026-06-01")
    assert engine.is_relevant("still_friendly")
    engine.answer("still_friendly", False)
    assert assess(flow, engine.effective_answers()).verdict == "reassign_lead"
    engine.answer("concerns_topics", ["scope", "payment", "tone"])
    assert assess(flow, engine.effective_answers()).verdict == "part_ways"
    engine.answer("concerns_topics", [])
    assert assess(flow, engine.effective_answers()).verdict == "keep"


# -- flow parsing and flow check -----------------------------------------------------------------
def _parse(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "f.yaml"
    _flow, problems = parse_flow(parse_yaml(text, path), path)
    return [f"{p.line}: {p.message}" for p in problems]


def test_multi_without_choices_is_refused(tmp_path: Path) -> None:
    text = TYPES_FLOW.replace(
        """    choices:
      - {value: scope, label: {fr: Le périmètre, en: Scope}}
      - {value: payment, label: {fr: Les paiements, en: Payment}}
      - {value: tone, label: {fr: Le ton, en: Tone}}
""",
        "",
    )
    line = text.splitlines().index("  - id: concerns_topics") + 1
    assert _parse(text, tmp_path) == [f"{line}: question concerns_topics: a multi needs 'choices'"]


def test_multi_with_a_repeated_choice_is_refused(tmp_path: Path) -> None:
    text = TYPES_FLOW.replace("- {value: tone,", "- {value: scope,")
    assert any("choice 'scope' is listed twice" in p for p in _parse(text, tmp_path))


def test_new_types_are_listed_as_allowed(tmp_path: Path) -> None:
    text = TYPES_FLOW.replace("type: multi", "type: several")
    (problem,) = _parse(text, tmp_path)
    assert "multi" in problem and "date" in problem


def test_types_flow_is_clean(tmp_path: Path) -> None:
    assert check_flow(write_types_flow(tmp_path)) == []


def _checked(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in TYPES_FLOW, old
    return check_flow(write_types_flow(tmp_path, TYPES_FLOW.replace(old, new, 1)))


def test_flow_check_names_an_unknown_multi_value(tmp_path: Path) -> None:
    problems = _checked(tmp_path, "when: \"'payment' in", "when: \"'paymnt' in")
    assert any("value 'paymnt' is not an answer any of concerns_topics" in p for p in problems)


def test_flow_check_reaches_a_condition_on_an_empty_multi(tmp_path: Path) -> None:
    problems = _checked(
        tmp_path, "when: \"'payment' in concerns_topics\"", 'when: "concerns_topics == []"'
    )
    assert problems == []


def test_flow_check_flags_a_multi_condition_no_answer_meets(tmp_path: Path) -> None:
    problems = _checked(
        tmp_path,
        "when: \"'payment' in concerns_topics\"",
        "when: \"'payment' in concerns_topics and 'payment' not in concerns_topics\"",
    )
    assert any("question conversation_date is unreachable" in p for p in problems)


@pytest.mark.parametrize(
    "cond", ["conversation_date > '2030-01-01'", "conversation_date < '1999-01-01'"]
)
def test_flow_check_tries_dates_around_those_a_condition_names(tmp_path: Path, cond: str) -> None:
    problems = _checked(tmp_path, "conversation_date >= '2026-01-01'", cond)
    assert problems == []


def test_flow_check_accepts_dates_beside_choice_values(tmp_path: Path) -> None:
    problems = _checked(
        tmp_path,
        'when: "still_friendly == false"',
        "when: \"'tone' in concerns_topics and conversation_date > '2026-06-30'\"",
    )
    assert problems == []


def test_sample_answers_fit_the_new_types(flow: Flow) -> None:
    full = sample_answers(flow)
    assert full["concerns_topics"] == ["scope"]
    assert full["conversation_date"] == "2026-01-15"
    for qid, value in full.items():
        assert check(flow.by_id[qid], value) == value
    assert "conversation_date" not in sample_answers(flow, full=False)


# -- workshop ------------------------------------------------------------------------------------
def test_no_votes_on_multi_or_date(flow: Flow) -> None:
    assert vote_options(flow.by_id["concerns_topics"]) == ()
    assert vote_options(flow.by_id["conversation_date"]) == ()
    assert vote_options(flow.by_id["still_friendly"]) == ("yes", "no")
    assert flow.by_id["concerns_topics"].options == ("scope", "payment", "tone")


def test_record_votes_refuses_a_multi(tmp_path: Path) -> None:
    case, flow = open_case(write_types_case(tmp_path))
    engine = Engine(flow)
    with pytest.raises(AnswerError, match="only for questions with a fixed set"):
        record_votes(engine, case, "concerns_topics", {"scope": 2})
    assert case.votes == {}
