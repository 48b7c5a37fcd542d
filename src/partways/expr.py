"""A small, safe expression language for `when:` conditions and verdict rules.

Flow files are data written by consultancies, so conditions are never given to `eval`. They are
parsed with Python's own parser and only a short list of node kinds is accepted; the result is
compiled to closures once, so evaluating a rule costs a few function calls.

Semantics that suit questionnaires: an unanswered question is `none`; any ordering comparison
or `in` test involving `none` is false, and arithmetic with `none` gives `none`. A `multi`
answer is a list, tested with `'payment' in concerns_topics` or compared to a literal list
(`concerns_topics == []`); dates are ISO texts, so `<` and `>` order them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

FREQUENCY = ("never", "sometimes", "often", "always")
_LEVELS = {name: i for i, name in enumerate(FREQUENCY)}
_CONSTANTS = {"true": True, "false": False, "none": None, "null": None}

Env = Mapping[str, Any]
Fn = Callable[[Env], Any]


class ExprError(ValueError):
    """A condition that cannot be parsed or uses something not allowed."""


def level(value: Any) -> int | None:
    """Frequency answer → 0..3, so `often` can be compared with `sometimes`."""
    if isinstance(value, str):
        return _LEVELS.get(value)
    return None


def _at_least(value: Any, threshold: Any) -> bool:
    a, b = level(value), level(threshold)
    return a is not None and b is not None and a >= b


def _at_most(value: Any, threshold: Any) -> bool:
    a, b = level(value), level(threshold)
    return a is not None and b is not None and a <= b


def _count_at_least(values: Any, threshold: Any) -> int:
    b = level(threshold)
    if b is None:
        return 0
    n = 0
    for v in values or ():
        a = level(v)
        if a is not None and a >= b:
            n += 1
    return n


def _answered(value: Any) -> bool:
    return value is not None


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "at_least": _at_least,
    "at_most": _at_most,
    "level": level,
    "count_at_least": _count_at_least,
    "answered": _answered,
}


def _cmp(op: ast.cmpop) -> Callable[[Any, Any], bool]:
    def ordered(f: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
        def run(a: Any, b: Any) -> bool:
            if a is None or b is None:
                return False
            try:
                return f(a, b)
            except TypeError:
                return False

        return run

    def contains(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        try:
            return a in b
        except TypeError:
            return False

    def equal(a: Any, b: Any) -> bool:
        # a multi answer is a list, a literal `[...]` a tuple: compare them as sequences
        if isinstance(a, list):
            a = tuple(a)
        if isinstance(b, list):
            b = tuple(b)
        return bool(a == b)

    table: dict[type, Callable[[Any, Any], bool]] = {
        ast.Eq: equal,
        ast.NotEq: lambda a, b: not equal(a, b),
        ast.Lt: ordered(lambda a, b: a < b),
        ast.LtE: ordered(lambda a, b: a <= b),
        ast.Gt: ordered(lambda a, b: a > b),
        ast.GtE: ordered(lambda a, b: a >= b),
        ast.In: contains,
        ast.NotIn: lambda a, b: a is not None and b is not None and not contains(a, b),
        ast.Is: lambda a, b: a is b,
        ast.IsNot: lambda a, b: a is not b,
    }
    try:
        return table[type(op)]
    except KeyError:
        raise ExprError(f"operator {type(op).__name__} is not allowed") from None


def _arith(op: ast.operator) -> Callable[[Any, Any], Any]:
    def guard(f: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        def run(a: Any, b: Any) -> Any:
            if a is None or b is None:
                return None
            try:
                return f(a, b)
            except (TypeError, ZeroDivisionError):
                return None

        return run

    table: dict[type, Callable[[Any, Any], Any]] = {
        ast.Add: guard(lambda a, b: a + b),
        ast.Sub: guard(lambda a, b: a - b),
        ast.Mult: guard(lambda a, b: a * b),
        ast.Div: guard(lambda a, b: a / b),
    }
    try:
        return table[type(op)]
    except KeyError:
        raise ExprError(f"operator {type(op).__name__} is not allowed") from None


def _compile(node: ast.AST, names: set[str], strings: set[str]) -> Fn:
    if isinstance(node, ast.Expression):
        return _compile(node.body, names, strings)
    if isinstance(node, ast.Constant):
        value = node.value
        if not isinstance(value, str | int | float | bool | type(None)):
            raise ExprError(f"constant {value!r} is not allowed")
        if isinstance(value, str):
            strings.add(value)
        return lambda env: value
    if isinstance(node, ast.Name):
        name = node.id
        if name in _CONSTANTS:
            const = _CONSTANTS[name]
            return lambda env: const
        if name in ("True", "False", "None"):
            const = {"True": True, "False": False, "None": None}[name]
            return lambda env: const
        names.add(name)
        return lambda env: env.get(name)
    if isinstance(node, ast.List | ast.Tuple):
        items = [_compile(e, names, strings) for e in node.elts]
        return lambda env: tuple([f(env) for f in items])
    if isinstance(node, ast.BoolOp):
        parts = [_compile(v, names, strings) for v in node.values]
        # plain loops, not all()/any() over a generator: rules are evaluated many times over
        # by the what-if search, and these are the hottest closures
        if isinstance(node.op, ast.And):

            def conj(env: Env) -> bool:
                for p in parts:  # noqa: SIM110 (faster than all() over a generator)
                    if not p(env):
                        return False
                return True

            return conj

        def disj(env: Env) -> bool:
            for p in parts:  # noqa: SIM110
                if p(env):
                    return True
            return False

        return disj
    if isinstance(node, ast.UnaryOp):
        inner = _compile(node.operand, names, strings)
        if isinstance(node.op, ast.Not):
            return lambda env: not inner(env)
        if isinstance(node.op, ast.USub):
            return lambda env: None if (v := inner(env)) is None else -v
        raise ExprError(f"operator {type(node.op).__name__} is not allowed")
    if isinstance(node, ast.BinOp):
        left, right = _compile(node.left, names, strings), _compile(node.right, names, strings)
        op = _arith(node.op)
        return lambda env: op(left(env), right(env))
    if isinstance(node, ast.Compare):
        first = _compile(node.left, names, strings)
        ops = [_cmp(o) for o in node.ops]
        rest = [_compile(c, names, strings) for c in node.comparators]
        if len(ops) == 1:  # the usual `a == b`: no loop
            op0, right0 = ops[0], rest[0]
            return lambda env: op0(first(env), right0(env))

        def compare(env: Env) -> bool:
            a = first(env)
            for op, right in zip(ops, rest, strict=True):
                b = right(env)
                if not op(a, b):
                    return False
                a = b
            return True

        return compare
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            allowed = ", ".join(sorted(FUNCTIONS))
            raise ExprError(f"unknown function (allowed: {allowed})")
        if node.keywords:
            raise ExprError("keyword arguments are not allowed")
        fn = FUNCTIONS[node.func.id]
        args = [_compile(a, names, strings) for a in node.args]
        if len(args) == 1:
            (a0,) = args
            return lambda env: fn(a0(env))
        if len(args) == 2:
            a0, a1 = args
            return lambda env: fn(a0(env), a1(env))
        return lambda env: fn(*[a(env) for a in args])
    raise ExprError(f"{type(node).__name__} is not allowed in a condition")


@dataclass(frozen=True)
class Expr:
    """A compiled condition: its source, the names it reads and the strings it mentions."""

    source: str
    names: frozenset[str] = field(default_factory=frozenset)
    strings: frozenset[str] = field(default_factory=frozenset)
    fn: Fn = field(default=lambda env: None, repr=False, compare=False)

    def __call__(self, env: Env) -> Any:
        return self.fn(env)

    def test(self, env: Env) -> bool:
        return bool(self.fn(env))


def compile_expr(source: Any) -> Expr:
    """Parse a condition. Raises ExprError with a short reason on anything not allowed."""
    if isinstance(source, bool):
        value = source
        return Expr(str(source).lower(), fn=lambda env: value)
    if not isinstance(source, str) or not source.strip():
        raise ExprError("a condition must be a non-empty text")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"cannot parse condition {source!r}: {exc.msg}") from None
    names: set[str] = set()
    strings: set[str] = set()
    fn = _compile(tree, names, strings)
    return Expr(source.strip(), frozenset(names), frozenset(strings), fn)
