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
import math
from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any

from partways.record import record

FREQUENCY = ("never", "sometimes", "often", "always")
_LEVELS = {name: i for i, name in enumerate(FREQUENCY)}
_CONSTANTS = {"true": True, "false": False, "none": None, "null": None}

Env = Mapping[str, Any]
Fn = Callable[[Env], Any]


class ExprError(ValueError):
    """A condition that cannot be parsed or uses something not allowed."""


class EvalError(ExprError):
    """A condition that failed while being evaluated (a number too large, a wrong type)."""


#: Limits on what a condition may cost (README, "Limits"): a flow is data, not a program.
MAX_SOURCE = 2000  # characters in one condition
MAX_NODES = 500  # syntax nodes in one condition
MAX_DEPTH = 30  # nesting of one condition
MAX_NUMBER = 10**15  # |integer| in a literal or a result; floats must also be finite
MAX_TEXT = 10_000  # characters of a text a condition builds


def _bounded(value: Any) -> Any:
    """A result, checked: finite numbers of sensible size, short texts."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if abs(value) > MAX_NUMBER:
            raise EvalError(f"number too large (limit {MAX_NUMBER:.0e})")
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise EvalError(f"number too large or not finite (limit {MAX_NUMBER:.0e})")
    elif isinstance(value, str | tuple | list) and len(value) > MAX_TEXT:
        raise EvalError(f"result too long (limit {MAX_TEXT:,} items)")
    return value


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
ARITY = {"at_least": 2, "at_most": 2, "level": 1, "count_at_least": 2, "answered": 1}


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
            if repeat and (isinstance(a, str | tuple | list) or isinstance(b, str | tuple | list)):
                raise EvalError("repeating a text or list (`'a' * n`) is not allowed")
            try:
                return _bounded(f(a, b))
            except (TypeError, ZeroDivisionError):
                return None
            except OverflowError:
                raise EvalError(f"number too large (limit {MAX_NUMBER:.0e})") from None

        return run

    repeat = isinstance(op, ast.Mult)
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
            if len(value) > MAX_TEXT:
                raise ExprError(f"text too long (limit {MAX_TEXT:,} characters)")
        elif not isinstance(value, bool) and isinstance(value, int | float):
            try:
                _bounded(value)
            except EvalError as exc:
                raise ExprError(str(exc)) from None
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
            if isinstance(node.operand, ast.Constant) and (
                isinstance(node.operand.value, str | bool) or node.operand.value is None
            ):
                raise ExprError(f"'-' needs a number, not {node.operand.value!r}")

            def negate(env: Env) -> Any:
                v = inner(env)
                if v is None:
                    return None
                if isinstance(v, bool) or not isinstance(v, int | float):
                    raise EvalError(f"'-' needs a number, got {type(v).__name__}")
                return -v

            return negate
        raise ExprError(f"operator {type(node.op).__name__} is not allowed")
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mult) and any(
            isinstance(side, ast.List | ast.Tuple)
            or (isinstance(side, ast.Constant) and isinstance(side.value, str))
            for side in (node.left, node.right)
        ):
            raise ExprError("repeating a text or list (`'a' * n`) is not allowed")
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
        arity = ARITY[node.func.id]
        if len(node.args) != arity or any(isinstance(a, ast.Starred) for a in node.args):
            plural = "s" if arity > 1 else ""
            raise ExprError(
                f"{node.func.id}() takes {arity} argument{plural}, given {len(node.args)}"
            )
        args = [_compile(a, names, strings) for a in node.args]
        if len(args) == 1:
            (a0,) = args
            return lambda env: fn(a0(env))
        if len(args) == 2:
            a0, a1 = args
            return lambda env: fn(a0(env), a1(env))
        return lambda env: fn(*[a(env) for a in args])
    raise ExprError(f"{type(node).__name__} is not allowed in a condition")


@record
class Expr:
    """A compiled condition: its source, the names it reads and the strings it mentions.

    `file`, `line` and `where` (`rule 'x'`) name it in errors: anything that fails while it is
    evaluated is raised as a one-line PartwaysError `file:line: rule 'x': …`.
    """

    source: str
    names: frozenset[str] = field(default_factory=frozenset)
    strings: frozenset[str] = field(default_factory=frozenset)
    fn: Fn = field(default=lambda env: None, repr=False, compare=False)
    file: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    where: str = field(default="condition", compare=False)

    def __call__(self, env: Env) -> Any:
        try:
            return _bounded(self.fn(env))
        except EvalError as exc:
            reason = str(exc)
        except (ArithmeticError, TypeError, ValueError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
        except (RecursionError, MemoryError):
            reason = "too costly to evaluate"
        from partways.errors import PartwaysError

        raise PartwaysError(
            f"{self.where}: {reason} (in {self.source!r})", file=self.file, line=self.line
        )

    def test(self, env: Env) -> bool:
        # the searches (coverage, what-if) test rules by the million: a condition that gives a
        # bool (nearly all of them) needs no bounds check, and costs one call less this way
        try:
            value = self.fn(env)
        except Exception:  # noqa: BLE001 (worded and raised by __call__, as before)
            value = None
        else:
            if value.__class__ is bool:
                return value is True
        return bool(self(env))


def _check_size(tree: ast.AST) -> None:
    """Refuse conditions too large or too deeply nested, without recursing."""
    # the nodes ast.iter_child_nodes yields, without its two generators per node: this walk was
    # a third of loading a flow
    node_type = ast.AST
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise ExprError(f"condition too large (limit {MAX_NODES} parts)")
        if depth > MAX_DEPTH:
            raise ExprError(f"condition nested too deep (limit {MAX_DEPTH} levels)")
        depth += 1
        for name in node._fields:
            child = getattr(node, name, None)
            if isinstance(child, node_type):
                stack.append((child, depth))
            elif isinstance(child, list):
                stack.extend((item, depth) for item in child if isinstance(item, node_type))


def compile_expr(
    source: Any, *, file: str | None = None, line: int | None = None, where: str = "condition"
) -> Expr:
    """Parse a condition. Raises ExprError with a short reason on anything not allowed.

    `file`, `line` and `where` say where it is written, for errors while it is evaluated.
    """
    if isinstance(source, bool):
        value = source
        return Expr(str(source).lower(), fn=lambda env: value, file=file, line=line, where=where)
    if not isinstance(source, str) or not source.strip():
        raise ExprError("a condition must be a non-empty text")
    if len(source) > MAX_SOURCE:
        raise ExprError(f"condition too long (limit {MAX_SOURCE:,} characters)")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"cannot parse condition {source[:80]!r}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("condition too large or nested too deep") from None
    _check_size(tree)
    names: set[str] = set()
    strings: set[str] = set()
    fn = _compile(tree, names, strings)
    return Expr(source.strip(), frozenset(names), frozenset(strings), fn, file, line, where)
