"""Conditions are parsed, never eval'd: only a small safe subset is accepted."""

from __future__ import annotations

import pytest

from partways.expr import ExprError, compile_expr


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "().__class__.__bases__",
        "answers.__dict__",
        "[x for x in range(3)]",
        "lambda: 1",
        "open('/etc/passwd')",
        "a if b else c",
        "x ** 2",
        "f'{x}'",
        "",
        "at_least(disrespect, level='often')",
    ],
)
def test_refused(source):
    with pytest.raises(ExprError):
        compile_expr(source)


def test_unanswered_is_none_and_comparisons_are_false():
    e = compile_expr("service_ratio_pct >= 110")
    assert e.test({}) is False
    assert e.test({"service_ratio_pct": 120}) is True
    assert compile_expr("not (x > 1)").test({}) is True


def test_frequency_helpers_and_names():
    e = compile_expr("at_least(disrespect, 'often') or boundary_reaction in ['ignored', 'hostile']")
    assert e.names == {"disrespect", "boundary_reaction"}
    assert {"often", "ignored", "hostile"} <= e.strings
    assert e.test({"disrespect": "always"})
    assert not e.test({"disrespect": "sometimes"})
    assert e.test({"boundary_reaction": "hostile"})
    assert compile_expr("count_at_least([a, b], 'often') == 2").test({"a": "often", "b": "always"})


def test_yaml_style_constants_and_arithmetic():
    assert compile_expr("x == true and y == none").test({"x": True})
    assert compile_expr("a / b > 1").test({"a": 3, "b": 2})
    assert compile_expr("a / b > 1").test({"a": 3, "b": 0}) is False  # division by zero → none
    assert compile_expr(True).test({})
