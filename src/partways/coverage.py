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

import datetime as dt
import itertools
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from partways.assessment import evaluate
from partways.expr import FREQUENCY
from partways.flow import Flow, Question, Rule
from partways.whatif import FlowSearch, expressions, search_for

#: Above this many combinations the search is directed instead of exhaustive.
EXHAUSTIVE_LIMIT = 4096
#: Directed searches per rule: one from a calm case, then seeded random starts.
RESTARTS = 12
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
        numbers: set[float] = set()
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
            unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", " ", expr.source)
            for m in _NUMBER.finditer(unquoted):
                n = float(m.group(0))
                numbers |= {n - 1, n, n + 1}
        self.values = {q.id: self._of(q, numbers, sorted(dates), strings) for q in flow.questions}

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
            values = {0.0, 1.0, 10.0, 35.0, 49.0, 100.0, 110.0, 150.0, 1000.0} | numbers
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


class _Case:
    """A full set of answers and what the rules make of it, for rule number `k`."""

    tried = 0

    def __init__(self, search: FlowSearch, k: int, answers: dict[str, Any]) -> None:
        _Case.tried += 1
        self.answers = answers
        _, effective = search.relevant(answers)
        self.effective = effective
        env, _ = evaluate(search.flow, effective)
        self.failing = [
            deps for expr, deps in search.parts[k] if not expr.test(env)
        ]  # parts of rule k that fail
        self.holding = [i for i in range(k) if search.flow.rules[i].when.test(env)]

    @property
    def score(self) -> tuple[int, int]:
        return len(self.failing), len(self.holding)


def coverage(flow: Flow) -> list[RuleCoverage]:
    """A witness or a diagnosis for each rule, in the flow's order."""
    search = search_for(flow)
    domains = _Domains(flow).values
    return [_cover(search, domains, k) for k in range(len(flow.rules))]


def _cover(search: FlowSearch, domains: Mapping[str, list[Any]], k: int) -> RuleCoverage:
    flow = search.flow
    rule = flow.rules[k]
    matter = set(search.rule_deps[k]).union(*search.rule_deps[:k])
    ids = [q.id for q in flow.questions if q.id in matter]
    calm = {q.id: _calm(q, domains[q.id]) for q in flow.questions}
    size = 1
    for qid in ids:
        size *= len(domains[qid])
    if size <= EXHAUSTIVE_LIMIT:
        return _exhaustive(search, domains, k, ids, calm)
    holds = False
    always: set[int] | None = None
    rng = random.Random(f"{flow.id}:{rule.id}")
    for attempt in range(RESTARTS):
        start = calm if attempt == 0 else {**calm, **{q: rng.choice(domains[q]) for q in ids}}
        case = _climb(search, domains, k, start)
        if not case.failing:
            if not case.holding:
                return RuleCoverage(rule, _simplify(search, domains, k, case, calm), False, True)
            holds = True
            always = set(case.holding) if always is None else always & set(case.holding)
    shadow = tuple(flow.rules[i] for i in sorted(always or ()))
    return RuleCoverage(rule, None, False, holds, shadow)


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
    search: FlowSearch, domains: Mapping[str, list[Any]], k: int, start: dict[str, Any]
) -> _Case:
    """Change one answer at a time, the one that best lowers (parts of rule k failing, earlier
    rules holding), among the answers those parts and rules depend on."""
    case = _Case(search, k, dict(start))
    for _ in range(STEPS):
        if case.score == (0, 0):
            break
        if case.failing:
            movable: Iterable[str] = set().union(*case.failing)
        else:
            movable = set().union(*(search.rule_deps[i] for i in case.holding))
        best = case
        relevant, _ = search.relevant(case.answers)
        for qid in sorted(movable, key=search.order.__getitem__):
            for value in domains[qid]:
                if value == case.answers[qid]:
                    continue
                for change in _with_new(search, domains, relevant, case.answers, qid, value):
                    trial = _Case(search, k, {**case.answers, **change})
                    if trial.score < best.score:
                        best = trial
        if best is case:
            break
        case = best
    return case


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
        if trial.score == (0, 0):
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


def witnesses_yaml(flow: Flow, items: list[RuleCoverage]) -> str:
    """`flow check --coverage`: per rule, its verdict, line and witness answers, as YAML a
    test can load (rule id → {verdict, line, answers}); rules without one get `answers: null`."""
    from partways.yamlio import dump_yaml

    data = {
        i.rule.id: {"verdict": i.rule.verdict, "line": i.rule.line, "answers": i.witness}
        for i in items
    }
    return dump_yaml(data)
