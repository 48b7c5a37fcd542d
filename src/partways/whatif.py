"""What would change the verdict, and why not another one.

`what_if` looks for the smallest changes of answers — one, else two — that lead to another
verdict, among the questions relevant to the case. A change that makes a required question
relevant (boundaries set → how the client reacted) also gives it a value: together they count as
one change. Changes to "what has been tried" come first: they are the ones a user can act on.

`why_not` says which rule decided instead of a verdict, and which parts of each rule leading to
it do not hold on the case.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from partways.assessment import Assessment, Evaluator
from partways.expr import Expr, compile_expr
from partways.flow import Flow, Question, Rule
from partways.i18n import tr
from partways.messages import t
from partways.present import answer_text, verdict_label
from partways.record import record
from partways.wording import condition_words, current_value, quote

if TYPE_CHECKING:
    from partways.engine import Engine

#: The section whose answers a user can change by acting (talk, set boundaries…): listed first.
ACTIONABLE_SECTION = "tried"
#: Question types whose values are closed, so every other value can be tried.
_CLOSED = ("frequency", "boolean", "choice", "multi")


@record
class WhatIf:
    """Answers to change (question id → new value, in flow order) and where they lead."""

    changes: dict[str, Any]
    verdict: str
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {"changes": dict(self.changes), "verdict": self.verdict, "rule": self.rule}


# -- the search ------------------------------------------------------------------------------


class FlowSearch:
    """The compiled flow's data the search needs, worked out once per flow."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.order = {q.id: i for i, q in enumerate(flow.questions)}
        self.influential = _influential(flow)
        strings: set[str] = set()
        for e in expressions(flow):
            strings |= e.strings
        self.strings = strings
        #: the names that decide whether a question is asked
        self.gating = frozenset(
            n for q in flow.questions if q.when is not None for n in q.when.names
        )
        #: per rule: its conjuncts, compiled, each with the questions it depends on
        self.parts = [
            [(e := compile_expr(c), frozenset(_depends(flow, e.names))) for c in conjuncts(r.when)]
            for r in flow.rules
        ]
        self.rule_deps = [frozenset(_depends(flow, r.when.names)) for r in flow.rules]
        self.rule_index = {r.id: i for i, r in enumerate(flow.rules)}

    def relevant(self, answers: Mapping[str, Any]) -> tuple[set[str], dict[str, Any]]:
        """Relevant question ids and the effective answers (as Engine computes them)."""
        env: dict[str, Any] = {}
        relevant: set[str] = set()
        for q in self.flow.questions:
            if q.when is None or q.when.test(env):
                relevant.add(q.id)
                if q.id in answers:
                    env[q.id] = answers[q.id]
        return relevant, env

    def candidates(self, q: Question, current: Any, answers: Mapping[str, Any]) -> list[Any]:
        if q.type in ("frequency", "choice"):
            return [v for v in q.options if v != current]
        if q.type == "boolean":
            return [v for v in (True, False) if v is not current]
        if q.type == "multi":
            picked = list(current) if isinstance(current, list | tuple) else []
            out: list[Any] = [[]] if picked or current is None else []
            for c in q.choices:  # add or remove each value a condition mentions
                if c in self.strings:
                    toggled = [x for x in q.choices if (x in picked) != (x == c)]
                    out.append(toggled)
            return out
        if q.type == "number":
            return _number_candidates(self.flow, q, current, answers)
        return []  # text, date: nothing meaningful to try


def expressions(flow: Flow) -> Iterable[Expr]:
    for q in flow.questions:
        if q.when is not None:
            yield q.when
    for s in flow.signals:
        if s.active is not None:
            yield s.active
    for d in flow.derived:
        yield d.expr
    for r in flow.rules:
        yield r.when


#: The figure roles (flow.FIGURE_ROLES) each computed name is worked out from.
_FIGURE_INPUTS = {
    "service_ratio_pct": ("hours_contracted", "hours_spent"),
    "monthly_shortfall": ("hours_contracted", "hours_spent", "monthly_fee"),
    "revenue_share": ("revenue_share",),
}


def _depends(flow: Flow, start: Iterable[str]) -> set[str]:
    """The question ids whose answers the names in `start` depend on: through derived names,
    the friction (every signal), the figures, and the conditions that make a question asked."""
    derived = {d.id: d.expr for d in flow.derived}
    by_id = flow.by_id
    names: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in names:
            continue
        names.add(name)
        if name in derived:
            todo += derived[name].names
        elif name in ("friction", "friction_pct"):
            for s in flow.signals:
                todo.append(s.id)
                todo += s.active.names if s.active is not None else ()
        elif name in _FIGURE_INPUTS:  # roles: the flow says which questions play them
            todo += [q for role in _FIGURE_INPUTS[name] if (q := flow.figure_id(role))]
        elif name in by_id and (when := by_id[name].when) is not None:
            todo += when.names
    return {n for n in names if n in by_id}


def _influential(flow: Flow) -> set[str]:
    """Question ids whose answer can change the verdict (directly or through relevance)."""
    return _depends(flow, (n for r in flow.rules for n in r.when.names))


def _number_candidates(
    flow: Flow, q: Question, current: Any, answers: Mapping[str, Any]
) -> list[Any]:
    """A few meaningful numbers: the hours spent equal to the hours paid (no over-servicing),
    or a quarter above them; the hours paid raised to the hours spent."""
    contracted = flow.figure(answers, "hours_contracted")
    spent = flow.figure(answers, "hours_spent")
    values: list[float] = []
    role = "hours_spent" if q.id == flow.figure_id("hours_spent") else None
    role = "hours_contracted" if q.id == flow.figure_id("hours_contracted") else role
    if role == "hours_spent" and isinstance(contracted, int | float):
        values = [contracted, round(contracted * 1.25, 1)]
    elif role == "hours_contracted" and isinstance(spent, int | float) and spent > 0:
        values = [spent]
    out = []
    for v in values:
        v = int(v) if q.integer or float(v).is_integer() else v
        if v != current and v not in out:
            out.append(v)
    return out


_SEARCHES: dict[int, tuple[Flow, FlowSearch]] = {}


def search_for(flow: Flow) -> FlowSearch:
    hit = _SEARCHES.get(id(flow))
    if hit is None or hit[0] is not flow:
        hit = (flow, FlowSearch(flow))
        _SEARCHES[id(flow)] = hit
    return hit[1]


@record
class _Unit:
    """One change: a question's new value, with values for the questions it makes relevant."""

    key: str
    values: dict[str, Any]
    rank: tuple[int, int]


def what_if_engine(engine: Engine) -> list[WhatIf]:
    """`what_if` for a case in an engine (its answers, hidden ones included)."""
    return what_if(engine.flow, engine.answers)


def what_if(flow: Flow, answers: Mapping[str, Any]) -> list[WhatIf]:
    """For each other verdict reachable with one change of answers (else two), the best-ranked
    change, most actionable first; [] for an incomplete case.

    `answers` are the case's answers as stored (an answer hidden because its question is no
    longer asked comes back if a change makes it asked again, as in the engine).
    """
    search = search_for(flow)
    by_id = flow.by_id
    relevant, effective = search.relevant(answers)
    if any(not by_id[q].optional and q not in answers for q in relevant):
        return []  # provisional: the verdict itself may still change
    evaluator = Evaluator(flow, effective)
    base = evaluator.rule(effective).verdict

    def outcome(values: Mapping[str, Any]) -> tuple[set[str], dict[str, Any]]:
        if search.gating.isdisjoint(values) and relevant >= values.keys():
            return relevant, {**effective, **values}  # nothing asked or hidden changes
        return search.relevant({**answers, **values})

    # 1. single changes
    units: list[_Unit] = []
    for q in flow.questions:
        if (
            q.id not in relevant
            or q.id not in search.influential
            or q.type not in _CLOSED + ("number",)
        ):
            continue
        rank = (0 if q.section == ACTIONABLE_SECTION else 1, search.order[q.id])
        for value in search.candidates(q, effective.get(q.id), effective):
            rel, _ = outcome({q.id: value})
            # required questions this change brings in need a value too (stored ones included:
            # an answer given before, then hidden, is not something the user sees)
            new = [
                by_id[n]
                for n in sorted(rel - relevant, key=search.order.__getitem__)
                if not by_id[n].optional
            ]
            if any(n.type not in _CLOSED for n in new):
                continue
            for combo in itertools.product(*(search.candidates(n, None, effective) for n in new)):
                values = {q.id: value, **{n.id: v for n, v in zip(new, combo, strict=True)}}
                units.append(_Unit(q.id, values, rank))

    best: dict[str, tuple[Any, WhatIf]] = {}

    def consider(best: dict[str, tuple[Any, WhatIf]], rank: Any, values: dict[str, Any]) -> None:
        rel, eff = outcome(values)
        if rel is relevant:  # only `values` changed, and the case was complete
            rule = evaluator.rule(eff, values.keys())
        else:
            if not rel >= values.keys():
                return  # a part of the change no longer matters: it is a smaller change
            if any(not by_id[q].optional and q not in eff for q in rel):
                return
            rule = evaluator.rule(eff)
        if rule.verdict == base:
            return
        held = best.get(rule.verdict)
        if held is None or rank < held[0]:
            ordered = dict(sorted(values.items(), key=lambda kv: search.order[kv[0]]))
            best[rule.verdict] = (rank, WhatIf(ordered, rule.verdict, rule.id))

    for u in units:
        consider(best, (1, u.rank), u.values)
    singles = set(best)
    # 2. two changes, only for the verdicts one change cannot reach
    targets = {v for v in flow.verdicts if v != base} - singles
    if targets:
        possible = _pair_filter(search, flow, evaluator.env, targets, units)
        masks = [possible.mask(u) for u in units]
        queue = []
        for (i, a), (j, b) in itertools.combinations(enumerate(units), 2):
            if a.key == b.key or a.values.keys() & b.values.keys():
                continue
            if possible.allows(masks[i] | masks[j]):
                first, second = sorted((a.rank, b.rank))
                queue.append(((2, first[0] + second[0], first, second), i, j))
        # best-ranked first, so the search stops as soon as every target has its change
        queue.sort(key=lambda item: item[0])
        pairs: dict[str, tuple[Any, WhatIf]] = {}
        for pair_rank, i, j in queue:
            consider(pairs, pair_rank, {**units[i].values, **units[j].values})
            if targets <= pairs.keys():
                break
        for verdict, held in pairs.items():
            if verdict in targets:
                best[verdict] = held
    return [w for _, w in sorted(best.values(), key=lambda rw: rw[0])]


class _PairFilter:
    """Which pairs of changes could lead to a target verdict, without evaluating them.

    A rule can only start to hold if every part of its `when` that fails now depends on a
    changed answer, and the rules before it that hold now can only stop holding if one of
    their answers changes. Both are necessary, so no pair that would reach a target is skipped.
    """

    def __init__(self, sets: list[frozenset[str]], needs: list[tuple[int, list[int]]]) -> None:
        self.sets = sets
        # per target rule: (bits all needed, bits of which one is needed each), without repeats
        self.needs = list(dict.fromkeys((every, tuple(each)) for every, each in needs))

    def mask(self, unit: _Unit) -> int:
        keys = unit.values.keys()
        return sum(1 << i for i, deps in enumerate(self.sets) if not deps.isdisjoint(keys))

    def allows(self, mask: int) -> bool:
        for every, each in self.needs:  # loops, not generators: called for every pair
            if mask & every == every:
                for one in each:
                    if not mask & one:
                        break
                else:
                    return True
        return False


def _pair_filter(
    search: FlowSearch,
    flow: Flow,
    env: Mapping[str, Any],
    targets: set[str],
    units: list[_Unit],
) -> _PairFilter:
    sets: list[frozenset[str]] = []

    def bit(deps: frozenset[str]) -> int:
        sets.append(deps)
        return 1 << (len(sets) - 1)

    holding: list[int] = []  # bits of the rules that hold now, in order
    needs: list[tuple[int, list[int]]] = []
    for rule, parts, deps in zip(flow.rules, search.parts, search.rule_deps, strict=True):
        if rule.verdict in targets:
            every = 0
            for expr, part_deps in parts:
                if not expr.test(env):
                    every |= bit(part_deps)
            needs.append((every, list(holding)))
        if rule.when.test(env):
            holding.append(bit(deps))
    return _PairFilter(sets, needs)


# -- in words --------------------------------------------------------------------------------


def what_if_lines(flow: Flow, items: list[WhatIf], lang: str) -> list[str]:
    """The section `assess` prints: its title, then one line per change (or a line saying
    that no small change moves the verdict)."""
    colon = " :" if lang == "fr" else ":"
    lines = [f"{t('what_if', lang)}{colon}"]
    lines += [f"  {what_if_text(flow, w, lang)}" for w in items] or [f"  {t('what_if_none', lang)}"]
    return lines


def what_if_text(flow: Flow, item: WhatIf, lang: str) -> str:
    """`If the answer to “How did the client react…?” were “They accepted them” → Keep the
    client`: the rule's id is for scripts (`--json`), not for the person reading."""
    by_id = flow.by_id
    parts = [
        t(
            "what_if_were",
            lang,
            question=quote(tr(by_id[qid].text, lang), lang),
            answer=quote(answer_text(flow, by_id[qid], value, lang), lang),
        )
        for qid, value in item.changes.items()
    ]
    condition = t("what_if_and", lang).join(parts)
    lead = t("what_if_if", lang)
    return f"{lead} {condition} → {verdict_label(flow, item.verdict, lang)}"


# -- why not X -------------------------------------------------------------------------------


@record
class RuleCheck:
    """A rule leading to the verdict asked about, and the parts of its `when` that fail."""

    rule: Rule
    failing: tuple[str, ...]  # condition texts, as written in the flow; () when it holds
    before: bool  # comes before the deciding rule in the order


@record
class WhyNot:
    verdict: str
    decided: Rule
    rules: tuple[RuleCheck, ...]
    #: the case's values, to show what a failing condition compares with
    env: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self, flow: Flow | None = None, lang: str = "en") -> dict[str, Any]:
        """Rule ids and conditions as written, for scripts; with `flow`, the same in words."""
        data: dict[str, Any] = {
            "verdict": self.verdict,
            "decided_by": self.decided.id,
            "decided_verdict": self.decided.verdict,
            "rules": [
                {"rule": c.rule.id, "failing": list(c.failing), "before": c.before}
                for c in self.rules
            ],
        }
        if flow is not None:
            data["decided_summary"] = tr(self.decided.summary, lang)
            for item, check in zip(data["rules"], self.rules, strict=True):
                item["failing_words"] = [condition_words(flow, c, lang) for c in check.failing]
        return data


def conjuncts(expr: Expr) -> list[str]:
    """The parts of an `a and b and …` condition, as written (the whole one if no `and`)."""
    tree = ast.parse(expr.source, mode="eval").body
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        return [ast.get_source_segment(expr.source, v) or "" for v in tree.values]
    return [expr.source]


def why_not(flow: Flow, result: Assessment, verdict: str) -> WhyNot:
    order = {r.id: i for i, r in enumerate(flow.rules)}
    decided_at = order.get(result.rule.id, len(flow.rules))
    checks = []
    for i, rule in enumerate(flow.rules):
        if rule.verdict != verdict:
            continue
        failing = tuple(c for c in conjuncts(rule.when) if not compile_expr(c).test(result.env))
        checks.append(RuleCheck(rule, failing, i < decided_at))
    return WhyNot(verdict, result.rule, tuple(checks), dict(result.env))


def condition_text(flow: Flow, source: str, lang: str) -> str:
    """One part of a rule's condition in words (wording.condition_words)."""
    return condition_words(flow, source, lang)


def _unmet(flow: Flow, source: str, env: Mapping[str, Any], lang: str) -> str:
    """A failing part in words, with the answer it compares with when it names one question:
    "the answer to “…?” is “Often” or “Always” — now “Never”"."""
    words = condition_words(flow, source, lang)
    now = current_value(flow, source, env, lang)
    return f"{words} — {t('why_not_now', lang, answer=now)}" if now is not None else words


def why_not_lines(flow: Flow, answer: WhyNot, lang: str) -> list[str]:
    """Which rule decided instead, then each rule leading to the verdict asked about with what
    it lacks, in the words of the questions (never the flow's syntax or rule ids)."""
    label = quote(verdict_label(flow, answer.verdict, lang), lang)
    decided = answer.decided
    lines = [t("why_not_title", lang, verdict=label)]
    summary = tr(decided.summary, lang)
    if decided.verdict == answer.verdict:
        lines += [t("why_not_already", lang), f"  {summary}"]
        return lines
    decided_label = quote(verdict_label(flow, decided.verdict, lang), lang)
    lines += [t("why_not_decided", lang, verdict=decided_label), f"  {summary}"]
    if not answer.rules:
        lines.append(t("why_not_no_rule", lang))
        return lines
    lines.append(t("why_not_rules", lang, verdict=label))
    joiner = t("why_not_part_and", lang)
    for i, check in enumerate(answer.rules, 1):
        if check.failing:
            text = joiner.join(_unmet(flow, c, answer.env, lang) for c in check.failing)
        else:
            text = t("why_not_later", lang)
        lines.append(f"  {i}. {text}")
    return lines
