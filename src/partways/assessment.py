"""From answers to a verdict: figures, weighted signals, derived conditions, first matching rule.

All the judgement lives in the flow file; this module only applies it, so the reasons printed
are exactly the data that produced the verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import IncompleteCase
from partways.expr import level
from partways.flow import Flow, Rule, Signal, SourceRef, Step
from partways.i18n import tr
from partways.messages import t
from partways.record import record

if TYPE_CHECKING:
    from partways.case import Case
    from partways.engine import Engine


def _first_source(ids: tuple[str, ...], table: Mapping[str, SourceRef]) -> tuple[str, str]:
    """(id, title) of the first cited source, for JSON: the id stays for programs that already
    read it, the title is what a person reads; an id missing from the table is its own title."""
    if not ids:
        return "", ""
    ref = table.get(ids[0])
    return ids[0], ref.title if ref is not None else ids[0]


@record
class Reason:
    signal: str
    answer: Any
    weight: float
    why: str
    sources: tuple[str, ...]

    def to_json(self, table: Mapping[str, SourceRef] | None = None) -> dict[str, Any]:
        """`table` is the flow's sources table, which gives `source_title`."""
        source, title = _first_source(self.sources, table or {})
        return {
            "signal": self.signal,
            "answer": self.answer,
            "why": self.why,
            "source": source,
            "source_title": title,
            "weight": self.weight,
        }


@record
class Assessment:
    verdict: str
    rule: Rule
    summary: str
    label: str
    reasons: tuple[Reason, ...]
    figures: dict[str, Any]
    alternatives: tuple[str, ...]
    letter: str
    steps: tuple[Step, ...]
    lang: str
    friction_pct: float
    env: dict[str, Any] = field(repr=False, default_factory=dict)
    #: Required relevant questions still unanswered (flow order). Non-empty means the verdict
    #: is provisional: a missing signal counts as "never" and could change it.
    missing: tuple[str, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.missing)

    #: The flow's sources table, so the JSON can name each cited source by its title.
    source_table: Mapping[str, SourceRef] = field(repr=False, default_factory=dict)

    def step_texts(self) -> list[str]:
        return [f"{tr(s.title, self.lang)} — {tr(s.text, self.lang)}" for s in self.steps]

    def to_json(self) -> dict[str, Any]:
        rule_source, rule_title = _first_source(self.rule.source, self.source_table)
        return {
            "verdict": self.verdict,
            "reasons": [r.to_json(self.source_table) for r in self.reasons],
            "figures": self.figures,
            "alternatives": list(self.alternatives),
            "letter": self.letter,
            "steps": self.step_texts(),
            "summary": self.summary,
            "rule": self.rule.id,
            "provisional": self.provisional,
            "missing": list(self.missing),
            "rule_source": rule_source,
            "rule_source_title": rule_title,
        }


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def compute_figures(flow: Flow, answers: dict[str, Any]) -> dict[str, Any]:
    """The contract's figures; one whose inputs are missing is left out, never 0 or null.

    The inputs are the questions playing the figure roles (`Flow.figure`, the flow's `figures:`).
    """
    out: dict[str, Any] = {}
    contracted = _number(flow.figure(answers, "hours_contracted"))
    spent = _number(flow.figure(answers, "hours_spent"))
    fee = _number(flow.figure(answers, "monthly_fee"))
    if contracted and spent is not None:
        out["service_ratio_pct"] = round(spent / contracted * 100, 1)
        if fee is not None:
            out["monthly_shortfall"] = round(max(0.0, (spent - contracted) * fee / contracted), 2)
    currency_id = flow.figure_id("currency")
    if fee is not None or (currency_id is not None and currency_id in answers):
        default = flow.by_id[currency_id].default if currency_id in flow.by_id else None
        currency = flow.figure(answers, "currency") or default or "EUR"
        out["currency"] = str(currency)
    share = _number(flow.figure(answers, "revenue_share"))
    if share is not None:
        out["revenue_share"] = round(share, 1)
    return out


def _base_env(flow: Flow, answers: Mapping[str, Any], figures: Mapping[str, Any]) -> dict[str, Any]:
    """What the signals see: every question's answer (None when unanswered), then the figures."""
    env: dict[str, Any] = {q.id: answers.get(q.id) for q in flow.questions}
    env.update({k: v for k, v in figures.items() if k != "currency"})
    return env


def _level(flow: Flow, signal: Signal, answers: Mapping[str, Any], env: Mapping[str, Any]) -> int:
    """A signal's level, 0..3: its `active` condition (2 when it holds), else its frequency."""
    if signal.active is not None:
        return 2 if signal.active.test(env) else 0
    value = answers.get(signal.id)
    question = flow.by_id.get(signal.id)
    if question is not None and question.type == "frequency":
        return level(value) or 0
    return 2 if value is True else 0


def _counts(weight: float, lvl: int) -> bool:
    # A signal of weight 0 is still a reason when it shows (a personality clash explains a
    # verdict without adding to the friction), listed after those that weigh.
    return lvl > 0 and (weight * lvl > 0 or weight == 0)


def _friction(weights: Iterable[float], levels: Iterable[int]) -> float:
    """The weighted sum, always in the flow's order (so it is the same float every time)."""
    friction = 0.0
    for weight, lvl in zip(weights, levels, strict=True):
        if _counts(weight, lvl):
            friction += weight * lvl
    return friction


def _optional_max(flow: Flow) -> list[tuple[str, float]]:
    """(id, weight × 3) of each optional frequency signal: an unanswered one tells nothing, so
    it leaves the maximum (a question added to a flow does not dilute older cases' friction)."""
    out = []
    for signal in flow.signals:
        question = flow.by_id.get(signal.id)
        if question is not None and question.type == "frequency" and question.optional:
            out.append((signal.id, signal.weight * 3))
    return out


def _friction_top(
    flow: Flow, optional: list[tuple[str, float]], answers: Mapping[str, Any]
) -> float:
    top = flow.friction_max
    for qid, most in optional:
        if answers.get(qid) is None:
            top -= most
    return top


def _set_friction(env: dict[str, Any], friction: float, top: float) -> None:
    env["friction"] = friction
    env["friction_max"] = top
    env["friction_pct"] = round(friction / top * 100, 1) if top else 0.0


def _first_rule(flow: Flow, env: Mapping[str, Any]) -> Rule:
    rule = next((r for r in flow.rules if r.when.test(env)), None)
    if rule is None:  # flow check forbids this; keep the tool usable anyway
        rule = Rule("no_rule", "keep", flow.rules[-1].when, {}, ())
    return rule


def evaluate(
    flow: Flow,
    answers: Mapping[str, Any],
    figures: Mapping[str, Any] | None = None,
    reasons: list[Reason] | None = None,
    lang: str = "en",
) -> tuple[dict[str, Any], Rule]:
    """The environment the rules see, and the first rule that holds in it.

    `assess` and the what-if search share this; the search passes no `reasons` list, so trying
    a change costs only the figures, the signals, the derived names and the rules.
    """
    if figures is None:
        figures = compute_figures(flow, dict(answers))
    env = _base_env(flow, answers, figures)
    levels = [_level(flow, signal, answers, env) for signal in flow.signals]
    if reasons is not None:
        for signal, lvl in zip(flow.signals, levels, strict=True):
            if _counts(signal.weight, lvl):
                why = tr(signal.why, lang)
                value = answers.get(signal.id)
                reasons.append(Reason(signal.id, value, signal.weight * lvl, why, signal.source))
    friction = _friction((s.weight for s in flow.signals), levels)
    _set_friction(env, friction, _friction_top(flow, _optional_max(flow), answers))
    for d in flow.derived:
        env[d.id] = d.expr(env)
    return env, _first_rule(flow, env)


#: The figure roles `compute_figures` reads.
_FIGURE_ROLES = ("hours_contracted", "hours_spent", "monthly_fee", "currency", "revenue_share")


def _differs(x: Any, y: Any) -> bool:
    """Whether two values may read differently (a value of another type does: 1 and True)."""
    return x is not y and (type(x) is not type(y) or x != y)


def _changed(a: Mapping[str, Any], b: Mapping[str, Any], keys: Iterable[str]) -> set[str]:
    """Keys whose values may differ between `a` and `b`."""
    return {k for k in keys if _differs(a.get(k), b.get(k))}


class Evaluator:
    """`evaluate`'s rule for many answer sets that each differ from one base set in a few
    answers, as the what-if search tries hundreds: the figures, signal levels, derived names
    and rule results that read no changed answer are the base's; the rest is worked out by
    `evaluate`'s own pieces, in the same order (the friction is the same float). Tested
    against `evaluate`.
    """

    def __init__(self, flow: Flow, base: Mapping[str, Any]) -> None:
        self.flow = flow
        self.base = dict(base)
        self.figures = compute_figures(flow, self.base)
        self.figure_inputs = frozenset(
            qid for role in _FIGURE_ROLES if (qid := flow.figures.get(role, role)) is not None
        )
        self.signal_inputs = [
            frozenset({sig.id, *(sig.active.names if sig.active is not None else ())})
            for sig in flow.signals
        ]
        self.optional = _optional_max(flow)
        self.optional_ids = frozenset(qid for qid, _ in self.optional)
        self.weights = [sig.weight for sig in flow.signals]
        self.env0 = _base_env(flow, self.base, self.figures)
        self.levels = [_level(flow, sig, self.base, self.env0) for sig in flow.signals]
        self.env, _ = evaluate(flow, self.base, self.figures)
        #: whether each rule holds for the base: a rule reading no changed name still does
        self.holds = [r.when.test(self.env) for r in flow.rules]

    def rule(self, answers: Mapping[str, Any], keys: Iterable[str] | None = None) -> Rule:
        """The first rule that holds for `answers` (what `evaluate(flow, answers)[1]` gives);
        `keys`, when given, are the only answers that may differ from the base's."""
        flow, base = self.flow, self.env
        if keys is None:
            keys = answers.keys() | self.base.keys()
        changed = _changed(answers, self.base, keys)
        if not changed:
            return _first_rule(flow, base)
        if not changed.isdisjoint(self.figure_inputs) or not changed.isdisjoint(self.figures):
            figures = compute_figures(flow, dict(answers))
            env = _base_env(flow, answers, figures)
            changed |= figures.keys() | self.figures.keys()
        else:
            env = dict(self.env0)
            for k in changed:
                if k in env:
                    env[k] = answers.get(k)
        levels = list(self.levels)
        for i, inputs in enumerate(self.signal_inputs):
            if not changed.isdisjoint(inputs):
                levels[i] = _level(flow, flow.signals[i], answers, env)
        friction = base["friction"] if levels == self.levels else _friction(self.weights, levels)
        top = base["friction_max"]
        if not changed.isdisjoint(self.optional_ids):
            top = _friction_top(flow, self.optional, answers)
        _set_friction(env, friction, top)
        changed |= _changed(env, base, ("friction", "friction_max", "friction_pct"))
        for d in flow.derived:
            if changed.isdisjoint(d.expr.names):
                env[d.id] = base[d.id]
            else:
                env[d.id] = value = d.expr(env)
                if _differs(value, base[d.id]):
                    changed.add(d.id)
        for rule, held in zip(flow.rules, self.holds, strict=True):
            if held if changed.isdisjoint(rule.when.names) else rule.when.test(env):
                return rule
        return _first_rule(flow, env)


def assess(
    flow: Flow, answers: dict[str, Any], lang: str = "en", missing: tuple[str, ...] = ()
) -> Assessment:
    """Apply the flow's judgement to the *effective* answers (see Engine.effective_answers).

    `missing` only marks the result provisional; front ends should call `assess_engine`, which
    fills it in, so no face can show an incomplete case's verdict as if it were final.
    """
    figures = compute_figures(flow, answers)
    reasons: list[Reason] = []
    env, rule = evaluate(flow, answers, figures, reasons, lang)
    reasons.sort(key=lambda r: -r.weight)  # stable: equal weights keep the flow's order
    verdict = rule.verdict
    steps = tuple(
        s for s in flow.steps if verdict in s.verdicts and (s.when is None or s.when.test(env))
    )
    info = flow.verdicts.get(verdict)
    return Assessment(
        verdict=verdict,
        rule=rule,
        summary=tr(rule.summary, lang),
        label=tr(info.label, lang) if info else verdict,
        reasons=tuple(reasons),
        figures=figures,
        alternatives=tuple(a for a in rule.alternatives if a != verdict),
        letter=flow.letter_for(verdict) if info else "check_in",
        steps=steps,
        lang=lang,
        friction_pct=env["friction_pct"],
        env=env,
        missing=tuple(missing),
        source_table=flow.sources,
    )


def assess_engine(engine: Engine, lang: str = "en") -> Assessment:
    """The verdict for a case in progress, marked provisional when required answers are missing."""
    missing = tuple(q.id for q in engine.missing_required())
    return assess(engine.flow, engine.effective_answers(), lang, missing)


def assess_case(
    case: Case, flow: Flow, lang: str | None = None, partial: bool = False
) -> Assessment:
    """The verdict of a case, the one way every face and command computes it: relevant answers
    only, provisional while required answers are missing. Without `partial` an incomplete case
    is refused (IncompleteCase) rather than given a verdict unanswered signals would skew."""
    from partways.engine import Engine

    lang = lang or case.lang or "en"
    engine = Engine(flow, case.answers, case.skipped)
    result = assess_engine(engine, lang)
    if result.provisional and not partial:
        raise incomplete_error(engine, case.path or "<case>", lang)
    return result


def incomplete_error(engine: Engine, path: str | Path, lang: str) -> IncompleteCase:
    """The one-line refusal of `assess`/`draft`/`report` without `--partial`, in `lang`.

    It names the first missing question (id and text) and both ways out.
    """
    import shlex  # only for this message

    missing = engine.missing_required()
    first = missing[0]
    message = t(
        "incomplete",
        lang,
        qid=first.id,
        text=tr(first.text, lang),
        path=shlex.quote(str(path)),
    )
    return IncompleteCase(message, file=path, missing=tuple(q.id for q in missing))
