"""Conditions of a flow in plain French and English, for a person rather than a flow author.

`why not X` and the what-if lines explain the verdict with the flow's own conditions; a business
owner reads `at_least(disrespect, 'often')` as noise. Here a condition becomes words built from
what the user saw: the question's text, the answers' labels ("Often" or "Always", never
`'often'`), the figures by name. A derived name reads as its `label:` from the flow when it has
one, else as its own condition in words; a negated one always as its condition, negated, since
"not <label>" reads badly in both languages.

Anything the wording does not know how to say (a hand-written flow may combine arithmetic in
ways no sentence covers) falls back to a neutral "the condition … holds", never to a crash.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from partways.expr import FREQUENCY, Expr, ExprError, compile_expr
from partways.flow import Flow, Question
from partways.i18n import tr
from partways.messages import t
from partways.present import answer_text, option_label

NBSP = "\u00a0"

#: Computed names (assessment.COMPUTED_NAMES) and how they read: the message key of their
#: subject and the unit their numbers carry.
_COMPUTED = {
    "friction": ("cw_friction", ""),
    "friction_pct": ("cw_friction_pct", "cw_pct_of_max"),
    "service_ratio_pct": ("cw_service_ratio", "cw_pct_of_paid"),
    "monthly_shortfall": ("cw_shortfall", ""),
}

_FLIP = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_OP_KEY = {
    ast.Eq: "cw_is",
    ast.Is: "cw_is",
    ast.NotEq: "cw_is_not",
    ast.IsNot: "cw_is_not",
    ast.Lt: "cw_lt",
    ast.LtE: "cw_le",
    ast.Gt: "cw_gt",
    ast.GtE: "cw_ge",
}


def quote(text: str, lang: str) -> str:
    """A quotation as each language prints it: « … » with no-break spaces, or “…”."""
    return f"«{NBSP}{text}{NBSP}»" if lang == "fr" else f"“{text}”"


class _Unsaid(Exception):
    """A part of a condition no sentence here covers: the caller says it neutrally."""


class Wording:
    """Words for the conditions of one flow in one language."""

    def __init__(self, flow: Flow, lang: str) -> None:
        self.flow = flow
        self.lang = lang
        self.by_id = flow.by_id
        self.derived = {d.id: d for d in flow.derived}

    # -- the entry point ----------------------------------------------------------------------

    def say(self, expr: Expr | str, negate: bool = False) -> str:
        """The condition in words (its negation with `negate`)."""
        source = expr.source if isinstance(expr, Expr) else expr
        try:
            tree = ast.parse(source.strip(), mode="eval").body
            kind, parts = self._flat(tree, negate)
            return self._join(kind or "cw_and", parts, nested=False)
        except (_Unsaid, SyntaxError, RecursionError):
            return t("cw_unsaid_not" if negate else "cw_unsaid", self.lang)

    # -- pieces -------------------------------------------------------------------------------

    def q(self, ident: str) -> str:
        return quote(tr(self.by_id[ident].text, self.lang), self.lang)

    def _subject(self, name: str) -> str:
        if name in self.by_id:
            return t("cw_answer_to", self.lang, question=self.q(name))
        if name in _COMPUTED:
            return t(_COMPUTED[name][0], self.lang)
        d = self.derived.get(name)
        if d is not None and d.label:
            return tr(d.label, self.lang)
        raise _Unsaid(name)

    def _value(self, name: str, node: ast.AST) -> str:
        value = _literal(node)
        q = self.by_id.get(name)
        if q is not None:
            if isinstance(value, bool) and q.type != "boolean":
                raise _Unsaid(name)
            shown = answer_text(self.flow, q, value, self.lang)
            return shown if q.type == "number" else quote(shown, self.lang)  # 15%, not “15%”
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Unsaid(name)
        from partways.formats import format_number

        number = format_number(value, self.lang)
        unit = _COMPUTED.get(name, ("", ""))[1]
        return t(unit, self.lang, n=number) if unit else number

    def _join(self, kind: str, parts: list[str], nested: bool) -> str:
        if len(parts) == 1:
            return parts[0]
        if not nested:
            return f" {t(kind, self.lang)} ".join(parts)
        # inside another and/or: "either A or B" keeps the grouping without brackets
        return f"{t(f'{kind}_lead', self.lang)} " + t(f"{kind}_sep", self.lang).join(parts)

    def _options(self, q: Question, values: list[str], negate: bool) -> str:
        shown = [quote(answer_text(self.flow, q, v, self.lang), self.lang) for v in values]
        if negate and len(shown) == 1:
            return t("cw_is_not", self.lang, value=shown[0])
        if negate:
            return t("cw_is_none_of", self.lang, values=t("cw_nor", self.lang).join(shown))
        return t("cw_is", self.lang, value=t("cw_or_value", self.lang).join(shown))

    # -- the tree -----------------------------------------------------------------------------

    def _flat(self, node: ast.AST, negate: bool) -> tuple[str | None, list[str]]:
        """("cw_and"/"cw_or", its parts in words) for a condition that combines others, with
        nested ones of the same kind merged (a derived `or` inside an `or` reads as one list);
        (None, [words]) for a single test."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self._flat(node.operand, not negate)
        if isinstance(node, ast.Name) and node.id in self.derived:
            d = self.derived[node.id]
            if d.label and not negate:
                return None, [tr(d.label, self.lang)]
            return self._flat(ast.parse(d.expr.source, mode="eval").body, negate)
        if isinstance(node, ast.BoolOp):
            kind = "cw_and" if isinstance(node.op, ast.And) != negate else "cw_or"  # De Morgan
            parts: list[str] = []
            for value in node.values:
                inner, words = self._flat(value, negate)
                if inner is None or inner == kind:
                    parts += words
                else:
                    parts.append(self._join(inner, words, nested=True))
            return kind, parts
        return None, [self._leaf(node, negate)]

    def _leaf(self, node: ast.AST, negate: bool) -> str:
        if isinstance(node, ast.Name):
            return self._name(node.id, negate)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return t("cw_always" if node.value != negate else "cw_never", self.lang)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self._call(node.func.id, node.args, negate)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self._compare(node.left, node.ops[0], node.comparators[0], negate)
        raise _Unsaid(type(node).__name__)

    def _name(self, name: str, negate: bool) -> str:
        if name in ("true", "false", "True", "False"):
            return t("cw_always" if (name.lower() == "true") != negate else "cw_never", self.lang)
        q = self.by_id.get(name)
        if q is not None and q.type == "boolean":
            return self._compare(ast.Name(name), ast.Eq(), ast.Constant(True), negate)
        raise _Unsaid(name)

    def _call(self, fn: str, args: list[ast.expr], negate: bool) -> str:
        if fn in ("at_least", "at_most") and len(args) == 2 and isinstance(args[0], ast.Name):
            name, threshold = args[0].id, _literal(args[1])
            q = self.by_id.get(name)
            if q is None or threshold not in FREQUENCY:
                raise _Unsaid(fn)
            i = FREQUENCY.index(threshold)
            levels = FREQUENCY[i:] if fn == "at_least" else FREQUENCY[: i + 1]
            others = tuple(v for v in FREQUENCY if v not in levels)
            if negate:
                levels, others = others, levels
            subject = t("cw_answer_to", self.lang, question=self.q(name))
            if others and len(others) < len(levels):  # "is not Never" beats three options
                return f"{subject} {self._options(q, list(others), True)}"
            return f"{subject} {self._options(q, list(levels), False)}"
        if fn == "answered" and len(args) == 1 and isinstance(args[0], ast.Name):
            if args[0].id not in self.by_id:
                raise _Unsaid(fn)
            key = "cw_unanswered" if negate else "cw_answered"
            return t(key, self.lang, question=self.q(args[0].id))
        raise _Unsaid(fn)

    def _compare(self, left: ast.AST, op: ast.cmpop, right: ast.AST, negate: bool) -> str:
        kind = type(op)
        if negate:
            kind = _FLIP[kind]
        # `'conduct' in concerns_topics`: a value among a multi answer
        if kind in (ast.In, ast.NotIn) and isinstance(right, ast.Name):
            q = self.by_id.get(right.id)
            value = _literal(left)
            if q is None or not isinstance(value, str):
                raise _Unsaid("in")
            key = "cw_includes" if kind is ast.In else "cw_excludes"
            shown = quote(option_label(self.flow, q, value, self.lang), self.lang)
            return t(key, self.lang, question=self.q(right.id), value=shown)
        if not isinstance(left, ast.Name):
            raise _Unsaid("compare")
        name = left.id
        subject = self._subject(name)
        if kind in (ast.In, ast.NotIn):  # `boundary_reaction in ['ignored', 'hostile']`
            values = _literal(right)
            q = self.by_id.get(name)
            if q is None or not isinstance(values, tuple | list):
                raise _Unsaid("in")
            return f"{subject} {self._options(q, [str(v) for v in values], kind is ast.NotIn)}"
        q = self.by_id.get(name)
        value = _literal(right)
        if value is None:
            key = "cw_unanswered" if kind in (ast.Eq, ast.Is) else "cw_answered"
            if q is None:
                raise _Unsaid("none")
            return t(key, self.lang, question=self.q(name))
        return f"{subject} {self._is(kind, self._value(name, right))}"

    def _is(self, kind: type[ast.cmpop], value: str) -> str:
        return t(_OP_KEY[kind], self.lang, value=value)


def _literal(node: ast.AST) -> Any:
    """The value a literal in a condition stands for (`true`, `'often'`, `['a', 'b']`)."""
    if isinstance(node, ast.Name) and node.id in ("true", "false", "none", "null"):
        return {"true": True, "false": False}.get(node.id)
    if isinstance(node, ast.Name) and node.id in ("True", "False", "None"):
        return {"True": True, "False": False}.get(node.id)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return tuple(_literal(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        if isinstance(inner, int | float) and not isinstance(inner, bool):
            return -inner
    raise _Unsaid("literal")


_WORDINGS: dict[tuple[int, str], tuple[Flow, Wording]] = {}


def wording(flow: Flow, lang: str) -> Wording:
    """The Wording for a flow and language, made once."""
    hit = _WORDINGS.get((id(flow), lang))
    if hit is None or hit[0] is not flow:
        hit = (flow, Wording(flow, lang))
        _WORDINGS[(id(flow), lang)] = hit
    return hit[1]


def condition_words(flow: Flow, expr: Expr | str, lang: str, negate: bool = False) -> str:
    """`at_least(disrespect, 'often')` → the answer to “Is the client …?” is “Often” or
    “Always”."""
    return wording(flow, lang).say(expr, negate)


def current_value(flow: Flow, source: str, env: Mapping[str, Any], lang: str) -> str | None:
    """What a condition that reads a single answer or figure compares with on the case
    (“Never”, “not relevant here”, 18% of the maximum); None when it reads several, since one
    value beside a list of alternatives would mislead."""
    try:
        read = compile_expr(source).names
    except ExprError:
        return None
    derived = {d.id: d.expr for d in flow.derived}
    names: set[str] = set()
    todo = list(read)
    while todo:  # a derived name reads what its own condition reads
        name = todo.pop()
        if name in derived:
            todo += derived.pop(name).names
        else:
            names.add(name)
    names -= {"true", "false", "none", "null", "True", "False", "None"}
    if len(names) != 1:
        return None
    (name,) = names
    q = flow.by_id.get(name)
    value = env.get(name)
    if q is not None:
        if value is None and q.when is not None and not q.when.test(env):
            shown = t("not_relevant", lang)  # not asked on this case, not merely unanswered
        else:
            shown = answer_text(flow, q, value, lang)
        return quote(shown, lang)
    if name in _COMPUTED and isinstance(value, int | float) and not isinstance(value, bool):
        from partways.formats import format_number

        unit = _COMPUTED[name][1]
        number = format_number(value, lang)
        return t(unit, lang, n=number) if unit else number
    return None
