"""Rule coverage: for each rule, a complete case in which it is the rule that decides.

A consultancy adapting a flow adds or reorders rules; a rule placed after a broader one never
decides, and nothing shows it until a client's case lands on the wrong verdict. `flow check`
looks for a witness per rule: exhaustively over the questions the rule and the rules before it
depend on when they take few values, else by a directed search (change the answers the failing
parts of the rule depend on, then those of the earlier rules that still hold, from a calm case
and from a few seeded random ones). A rule without witness is reported; when the search was
exhaustive it is proven: its condition can never hold, or earlier rules always hold with it.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partways.assessment import evaluate
from partways.expr import FREQUENCY, Expr, compile_expr, level
from partways.flow import Flow, Question, Rule
from partways.whatif import FlowSearch, conjuncts, expressions, search_for

#: Above this many combinations the search is directed instead of exhaustive.
EXHAUSTIVE_LIMIT = 4096
#: Up to this many combinations of its own questions, a rule is first tried alone: one whose
#: condition can never hold is proven so at once, without the directed search (which would
#: climb from every start in vain: about 15 s of `flow check` for one impossible rule). Rules
#: with more combinations (up to EXHAUSTIVE_LIMIT) are tried alone once the first climbs failed.
PROOF_FIRST_LIMIT = 256
#: Directed searches per rule: one from a calm case, then seeded random starts.
RESTARTS = 12
#: Witnesses of the rules before also tried as starts (the newest first).
SEEDS = 4
#: Changes that stop an earlier rule tried with a second change repairing the rule searched.
REPAIRS = 3
#: Steps of one directed search (each changes one answer).
STEPS = 40
#: The date a `date` question is given when no condition names one.
SAMPLE_DATE = "2026-01-15"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"(?<![\w'\"])\d+(?:\.\d+)?(?![\w'\"])")


@dataclass(frozen=True)
class RuleCoverage:
    """One rule: a witness case (relevant answers, flow order), or why none was found.

    `exhaustive` says the search tried every combination of the values that matter: a missing
    witness is then a proof, and `shadowed_by` the earlier rules that always hold with it
    (() when its condition can never hold at all).
    """

    rule: Rule
    witness: dict[str, Any] | None
    exhaustive: bool
    holds: bool  # its condition held in some case tried
    shadowed_by: tuple[Rule, ...] = ()


class _Domains:
    """The values tried per question: every closed value, sampled numbers, dates and texts."""

    def __init__(self, flow: Flow) -> None:
        numbers: dict[str, set[float]] = {q.id: set() for q in flow.questions}
        dates: set[str] = {SAMPLE_DATE}
        strings: set[str] = set()
        for expr in expressions(flow):
            strings |= expr.strings
            for s in expr.strings:
                if _ISO.fullmatch(s):
                    try:
                        day = dt.date.fromisoformat(s)
                    except ValueError:
                        continue
                    one = dt.timedelta(days=1)
                    dates |= {d.isoformat() for d in (day - one, day, day + one)}
            # the numbers a condition compares a question with, either side of them
            unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", " ", expr.source)
            near = {float(m.group(0)) for m in _NUMBER.finditer(unquoted)}
            for name in expr.names & numbers.keys():
                numbers[name] |= {v + d for v in near for d in (-1, 0, 1)}
        self.values = {
            q.id: self._of(q, numbers[q.id], sorted(dates), strings) for q in flow.questions
        }

    @staticmethod
    def _of(q: Question, numbers: set[float], dates: list[str], strings: set[str]) -> list[Any]:
        out: list[Any]
        if q.type == "frequency":
            out = list(FREQUENCY)
        elif q.type == "boolean":
            out = [False, True]
        elif q.type == "choice":
            out = list(q.choices)
        elif q.type == "multi":
            if len(q.choices) <= 4:
                subsets = itertools.chain.from_iterable(
                    itertools.combinations(q.choices, n) for n in range(len(q.choices) + 1)
                )
                out = [list(s) for s in subsets]
            else:
                out = [[], *([c] for c in q.choices), list(q.choices)]
        elif q.type == "number":
            # hours: 100 paid, 110 or 150 spent crosses the 110 % of over-servicing
            values = {0.0, 1.0, 10.0, 100.0, 110.0, 150.0, 1000.0} | numbers
            for bound in (q.minimum, q.maximum):
                if bound is not None:
                    values |= {bound, bound + 1, bound - 1}
            ok = [
                v
                for v in sorted(values)
                if (q.minimum is None or v > q.minimum or (v == q.minimum and not q.min_exclusive))
                and (q.maximum is None or v <= q.maximum)
                and (not q.integer or float(v).is_integer())
            ]
            out = [int(v) if float(v).is_integer() else v for v in ok]
        elif q.type == "date":
            out = list(dates)
        else:
            default = q.default if isinstance(q.default, str) else "EUR"
            out = [default, *sorted(strings - {default})]
        return [None, *out] if q.optional else out


def _calm(q: Question, values: list[Any]) -> Any:
    """The start of the first search: the quietest answer (never, no, unanswered)."""
    if q.optional:
        return None
    if q.type == "frequency":
        return "never"
    if q.type == "boolean":
        return False
    return values[0] if values else None


class _Distance:
    """How far a condition is from holding (0 when it holds): the "branch distance" of
    search-based testing, so a search sees progress towards `friction_pct >= 35` before the
    threshold is crossed. Through derived names; `or` takes the nearest side, `and` adds both."""

    def __init__(self, flow: Flow) -> None:
        self.derived = {d.id: ast.parse(d.expr.source, mode="eval").body for d in flow.derived}
        self.compiled: dict[int, Expr] = {}
        #: per rule, its conjuncts parsed (the same parts as FlowSearch.parts)
        self.parts = [
            [ast.parse(c.strip(), mode="eval").body for c in conjuncts(r.when)] for r in flow.rules
        ]

    def test(self, node: ast.expr, env: Mapping[str, Any]) -> bool:
        expr = self.compiled.get(id(node))  # the nodes live as long as this object
        if expr is None:
            expr = self.compiled[id(node)] = compile_expr(ast.unparse(node))
        return expr.test(env)

    def of(self, node: ast.expr, env: Mapping[str, Any], depth: int = 0) -> float:
        if depth > 20:
            return 0.0 if self.test(node, env) else 1.0
        if isinstance(node, ast.BoolOp):
            parts = [self.of(v, env, depth + 1) for v in node.values]
            return sum(parts) if isinstance(node.op, ast.And) else min(parts)
        if isinstance(node, ast.Name) and node.id in self.derived:
            return self.of(self.derived[node.id], env, depth + 1)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self._compare(node, env)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("at_least", "at_most")
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
        ):
            have, want = level(env.get(ast.unparse(node.args[0]))), level(node.args[1].value)
            if have is not None and want is not None:
                gap = want - have if node.func.id == "at_least" else have - want
                return max(0, gap) / 3
        return 0.0 if self.test(node, env) else 1.0

    def _compare(self, node: ast.Compare, env: Mapping[str, Any]) -> float:
        if self.test(node, env):
            return 0.0
        op = node.ops[0]
        if isinstance(op, ast.GtE | ast.Gt | ast.LtE | ast.Lt):
            try:
                a = self._number(node.left, env)
                b = self._number(node.comparators[0], env)
            except (TypeError, ValueError):
                return 1.0
            gap = abs(a - b)
            return gap / (gap + 1)  # below 1, smaller as the threshold nears
        return 1.0

    def _number(self, node: ast.expr, env: Mapping[str, Any]) -> float:
        if isinstance(node, ast.Constant):
            # the flow compiler admits numeric literals only
            return float(node.value) if isinstance(node.value, int | float) else 0.0
        if isinstance(node, ast.Name):
            value = env.get(node.id)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
        raise TypeError


class _Case:
    """A full set of answers and what the rules make of it, for rule number `k`."""

    def __init__(
        self, search: FlowSearch, k: int, answers: dict[str, Any], blind: bool = False
    ) -> None:
        self.answers = answers
        _, effective = search.relevant(answers)
        self.effective = effective
        env, decided = evaluate(search.flow, effective)
        distance = _distance_for(search.flow)
        self.failing: list[frozenset[str]] = []  # what each failing part of rule k depends on
        gap = 0.0
        for (expr, deps), node in zip(search.parts[k], distance.parts[k], strict=True):
            if not expr.test(env):
                self.failing.append(deps)
                gap += distance.of(node, env)
        # the rules before k that hold: none if the deciding rule is k or later
        rules = search.flow.rules
        first = search.rule_index.get(decided.id, len(rules))
        self.holding = [first] if first < k else []
        self.holding += [i for i in range(first + 1, k) if rules[i].when.test(env)]
        # `blind`: only rule k counts (to find where it holds, whatever holds before it)
        self.score = (0 if blind else len(self.holding), len(self.failing), round(gap, 9))

    @property
    def decides(self) -> bool:
        return not self.failing and not self.holding


#: The cases one rule's searches have met, by their answers: the climbs from different starts
#: meet the same cases again (the directed search over a rule no case decides evaluated 49,000
#: cases, 27,000 of them different). A case is never changed once made, so one object serves.
_Seen = dict[tuple[Any, ...], _Case]


def _case(search: FlowSearch, k: int, answers: dict[str, Any], blind: bool, seen: _Seen) -> _Case:
    """`_Case(search, k, answers, blind)`, made once per distinct answers."""
    # a list (multi) made a tuple to be hashed, each value with its type: True == 1 == 1.0
    key = (
        blind,
        *[(q, v.__class__, tuple(v) if v.__class__ is list else v) for q, v in answers.items()],
    )
    hit = seen.get(key)
    if hit is None:
        hit = seen[key] = _Case(search, k, answers, blind)
    return hit


_DISTANCES: dict[int, tuple[Flow, _Distance]] = {}


def _distance_for(flow: Flow) -> _Distance:
    hit = _DISTANCES.get(id(flow))
    if hit is None or hit[0] is not flow:
        hit = _DISTANCES[id(flow)] = (flow, _Distance(flow))
    return hit[1]


def coverage(flow: Flow) -> list[RuleCoverage]:
    """A witness or a diagnosis for each rule, in the flow's order."""
    search = search_for(flow)
    domains = _Domains(flow).values
    out: list[RuleCoverage] = []
    seeds: list[dict[str, Any]] = []  # the witnesses found so far, newest first
    for k in range(len(flow.rules)):
        item = _cover(search, domains, k, seeds[:SEEDS])
        if item.witness is not None:
            seeds.insert(0, {**_calm_answers(flow, domains), **item.witness})
        out.append(item)
    return out


def _calm_answers(flow: Flow, domains: Mapping[str, list[Any]]) -> dict[str, Any]:
    return {q.id: _calm(q, domains[q.id]) for q in flow.questions}


def _cover(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    seeds: Sequence[dict[str, Any]] = (),
) -> RuleCoverage:
    """Rule k's witness: exhaustively when few cases matter, else climbing from the calm
    case, from the witnesses of the rules before (a neighbour rule's case is often one change
    away), then from seeded random cases."""
    flow = search.flow
    rule = flow.rules[k]
    matter = set(search.rule_deps[k]).union(*search.rule_deps[:k])
    ids = [q.id for q in flow.questions if q.id in matter]
    calm = _calm_answers(flow, domains)
    size = 1
    for qid in ids:
        size *= len(domains[qid])
    if size <= EXHAUSTIVE_LIMIT:
        return _exhaustive(search, domains, k, ids, calm)
    if _implied(search, domains, calm, k, None, PROOF_FIRST_LIMIT) is True:
        return RuleCoverage(rule, None, True, False)  # what the search below ends with
    holds = False
    always: set[int] | None = None
    implied: dict[int, bool | None] = {}  # earlier rule → whether rule k implies it

    def proven(among: Iterable[int]) -> list[int]:
        for i in among:
            if i not in implied:
                implied[i] = _implied(search, domains, calm, k, i)
        return [i for i in sorted(among) if implied[i] is True]

    rng = random.Random(f"{flow.id}:{rule.id}")
    seen: _Seen = {}
    starts = [calm, *seeds]
    for attempt in range(len(starts) + RESTARTS):
        if attempt == 1 and not holds and _implied(search, domains, calm, k, None) is True:
            return RuleCoverage(rule, None, True, False)
        if attempt == 1 and (hiding := proven(_holding_where(search, domains, k, calm, seen))):
            # an earlier rule holding wherever rule k holds: no witness can exist. Such a rule
            # holds in every case where rule k does, so the searches below would end with the
            # same proof, after 5 s of climbing away from it (a climb avoids earlier rules)
            return RuleCoverage(rule, None, True, True, tuple(flow.rules[i] for i in hiding))
        if attempt < len(starts):
            start = starts[attempt]
        else:
            start = {**calm, **{q: rng.choice(domains[q]) for q in ids}}
        case = _climb(search, domains, k, start, rng, seen)
        if not case.failing:
            if not case.holding:
                return RuleCoverage(rule, _simplify(search, domains, k, case, calm), False, True)
            holds = True
            always = set(case.holding) if always is None else always & set(case.holding)
    # no witness found: where does rule k hold at all, and what holds before it there?
    for attempt in range(3):
        start = calm if attempt == 0 else {**calm, **{q: rng.choice(domains[q]) for q in ids}}
        case = _climb(search, domains, k, start, rng, seen, blind=True)
        if not case.failing:
            holds = True
            always = set(case.holding) if always is None else always & set(case.holding)
    # then try to prove why, over the few questions the proof needs
    if not holds:
        never = _implied(search, domains, calm, k, None)
        return RuleCoverage(rule, None, never is True, never is not True)
    if hiding := proven(always or ()):
        return RuleCoverage(rule, None, True, True, tuple(flow.rules[i] for i in hiding))
    hint = tuple(flow.rules[i] for i in sorted(always or ()))
    return RuleCoverage(rule, None, False, holds, hint)


def _holding_where(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    calm: dict[str, Any],
    seen: _Seen,
) -> list[int]:
    """The earlier rules holding in one case where rule k holds, found by a blind climb from
    the calm case with its own random source (the searches' draws stay as they were); [] when
    the climb finds none. Candidates for a shadowing proof, no more."""
    rng = random.Random(f"{search.flow.id}:{search.flow.rules[k].id}:shadow")
    case = _climb(search, domains, k, calm, rng, seen, blind=True)
    return [] if case.failing else case.holding


def _implied(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    calm: dict[str, Any],
    k: int,
    other: int | None,
    limit: int = EXHAUSTIVE_LIMIT,
) -> bool | None:
    """Whether, in every case, rule k holding implies rule `other` holding (with None: rule k
    never holds); None when there are too many cases to try them all."""
    deps = set(search.rule_deps[k]) | (set(search.rule_deps[other]) if other is not None else set())
    ids = [q.id for q in search.flow.questions if q.id in deps]
    size = 1
    for qid in ids:
        size *= len(domains[qid])
    if size > limit:
        return None
    rules = search.flow.rules
    for combo in itertools.product(*(domains[q] for q in ids)):
        _, effective = search.relevant({**calm, **dict(zip(ids, combo, strict=True))})
        env, decided = evaluate(search.flow, effective)
        if rules[k].when.test(env) and (other is None or not rules[other].when.test(env)):
            return False
    return True


def _exhaustive(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    ids: list[str],
    calm: dict[str, Any],
) -> RuleCoverage:
    rule = search.flow.rules[k]
    always: set[int] | None = None
    for combo in itertools.product(*(domains[q] for q in ids)):
        case = _Case(search, k, {**calm, **dict(zip(ids, combo, strict=True))})
        if case.failing:
            continue
        if not case.holding:
            return RuleCoverage(rule, _simplify(search, domains, k, case, calm), True, True)
        always = set(case.holding) if always is None else always & set(case.holding)
    if always is None:
        return RuleCoverage(rule, None, True, False)
    return RuleCoverage(rule, None, True, True, _cover_set(search, k, always))


def _cover_set(search: FlowSearch, k: int, always: set[int]) -> tuple[Rule, ...]:
    """The earlier rules to name: those holding in every case where rule k holds, else the
    last earlier rules (several together hide it, none alone)."""
    rules = search.flow.rules
    if always:
        return tuple(rules[i] for i in sorted(always))
    return tuple(r for r in rules[:k] if not r.when.names.isdisjoint(rules[k].when.names))[-2:]


def _climb(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    start: dict[str, Any],
    rng: random.Random,
    seen: _Seen,
    blind: bool = False,
) -> _Case:
    """Change one answer at a time, the one that best lowers (parts of rule k failing, earlier
    rules holding), among the answers those parts and rules depend on; where no change lowers
    it, a random one of those answers (a plateau is crossed by walking, not by waiting)."""
    case = _case(search, k, dict(start), blind, seen)
    for _ in range(STEPS):
        if case.decides or (blind and not case.failing):
            break
        movable = set().union(*case.failing, *(search.rule_deps[i] for i in case.holding))
        best = case
        breaking: list[_Case] = []  # changes that stop an earlier rule but also rule k
        for trial in _neighbours(search, domains, k, case, movable, seen, blind):
            if trial.score < best.score:
                best = trial
            elif trial.failing and len(trial.holding) < len(case.holding):
                breaking.append(trial)
        if best is case and breaking:  # repair rule k with one more change
            breaking.sort(key=lambda c: c.score)
            for first in breaking[:REPAIRS]:
                repair = set().union(*first.failing)
                for trial in _neighbours(search, domains, k, first, repair, seen, blind):
                    if trial.score < best.score:
                        best = trial
                if best is not case:
                    break
        if best is case:  # a plateau (three signals needed, none enough alone): walk on
            qid = rng.choice(sorted(movable, key=search.order.__getitem__))
            walk = {**case.answers, qid: rng.choice(domains[qid])}
            best = _case(search, k, walk, blind, seen)
        case = best
    return case


def _neighbours(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    case: _Case,
    movable: Iterable[str],
    seen: _Seen,
    blind: bool = False,
) -> Iterable[_Case]:
    """Every case one change away, changing one of `movable`."""
    relevant, _ = search.relevant(case.answers)
    for qid in sorted(movable, key=search.order.__getitem__):
        for value in domains[qid]:
            if value == case.answers[qid]:
                continue
            for change in _with_new(search, domains, relevant, case.answers, qid, value):
                yield _case(search, k, {**case.answers, **change}, blind, seen)


def _with_new(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    relevant: set[str],
    answers: Mapping[str, Any],
    qid: str,
    value: Any,
) -> Iterable[dict[str, Any]]:
    """The change alone, then with each value of the few questions it makes asked (boundaries
    set → how the client reacted): together they are one step, as in the what-if search."""
    yield {qid: value}
    if qid not in search.gating:
        return
    now, _ = search.relevant({**answers, qid: value})
    new = [n for n in sorted(now - relevant, key=search.order.__getitem__)]
    pools = [domains[n] for n in new]
    size = 1
    for pool in pools:
        size *= len(pool)
    if not new or size > 64:
        return
    for combo in itertools.product(*pools):
        yield {qid: value, **dict(zip(new, combo, strict=True))}


def _simplify(
    search: FlowSearch,
    domains: Mapping[str, list[Any]],
    k: int,
    case: _Case,
    calm: dict[str, Any],
) -> dict[str, Any]:
    """The witness with every answer that need not differ from the calm case put back to it,
    so a reader sees what makes the rule decide."""
    answers = dict(case.answers)
    for qid in sorted(answers, key=search.order.__getitem__):
        if answers[qid] == calm[qid]:
            continue
        trial = _Case(search, k, {**answers, qid: calm[qid]})
        if trial.decides:
            answers = trial.answers
    relevant, _ = search.relevant(answers)
    return {
        q.id: answers[q.id]
        for q in search.flow.questions
        if q.id in relevant and answers.get(q.id) is not None
    }


def coverage_problems(flow: Flow, items: list[RuleCoverage]) -> list[tuple[int, str]]:
    """`flow check`'s lines for rules that never decide and verdicts no case reaches."""
    out: list[tuple[int, str]] = []
    for item in items:
        if item.witness is not None:
            continue
        name = f"rule '{item.rule.id}' can never decide"
        if item.exhaustive and not item.holds:
            out.append((item.rule.line, f"{name}: its condition can never hold"))
        elif item.exhaustive:
            by = " and ".join(f"'{r.id}' (line {r.line})" for r in item.shadowed_by)
            out.append((item.rule.line, f"{name}: shadowed by {by}"))
        else:
            hint = " and ".join(f"'{r.id}' (line {r.line})" for r in item.shadowed_by)
            why = f"; it looks shadowed by {hint}" if hint else ""
            out.append(
                (
                    item.rule.line,
                    f"rule '{item.rule.id}' may never decide: the search found no case where "
                    f"it does{why} (give a case in which it decides, or move it up)",
                )
            )
    reached = {i.rule.verdict for i in items if i.witness is not None}
    for verdict in flow.verdicts:
        leading = [i.rule.id for i in items if i.rule.verdict == verdict]
        if leading and verdict not in reached:
            out.append(
                (
                    0,
                    f"verdict {verdict}: no case reaches it (its rules never decide: "
                    f"{', '.join(leading)})",
                )
            )
    return out


def witnesses_yaml(items: list[RuleCoverage]) -> str:
    """`flow check --coverage`: per rule, its verdict, line and witness answers, as YAML a
    test can load (rule id → {verdict, line, answers}); rules without one get `answers: null`."""
    from partways.yamlio import dump_yaml

    data = {
        i.rule.id: {"verdict": i.rule.verdict, "line": i.rule.line, "answers": i.witness}
        for i in items
    }
    return dump_yaml(data)
