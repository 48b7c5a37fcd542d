"""`partways flow check`: every problem a consultancy's flow file can have, as `file:line: msg`.

The flow's JSON Schema (partways.schema) comes first; beyond it this checks what only shows
when the flow is used: conditions naming unknown or later questions, values a question can
never take, questions no answer can ever make relevant, missing translations, citations of
sources the `sources:` table lacks, letter templates that fail on sample cases, and a
letter-checks.yaml of the flow's own templates that does not load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import PartwaysError
from partways.expr import FREQUENCY, Expr
from partways.files import FLOW_MAX_BYTES
from partways.flow import (
    COMPUTED_NAMES,
    FIGURE_ROLES,
    FLOW_FORMAT,
    LETTER_KINDS,
    VERDICTS,
    Flow,
    Question,
    parse_flow,
)
from partways.i18n import LANGS
from partways.schema import schema_problems
from partways.yamlio import MarkedDict, MarkedList, load_yaml

if TYPE_CHECKING:
    from partways.coverage import RuleCoverage

_MAX_COMBINATIONS = 20000
#: The date a `date` question is given in sample cases and reachability checks.
SAMPLE_DATE = "2026-01-15"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_dates(strings: frozenset[str]) -> list[dt.date]:
    out = []
    for text in strings:
        if _ISO.fullmatch(text):
            with contextlib.suppress(ValueError):  # `'2026-02-30'` names no day to try
                out.append(dt.date.fromisoformat(text))
    return out


def _date_domain(expr: Expr) -> list[Any]:
    """The sample date, and each date the condition names with the days either side, so a
    test such as `conversation_date < '2000-01-01'` is found satisfiable."""
    values = {SAMPLE_DATE}
    one = dt.timedelta(days=1)
    for day in _iso_dates(expr.strings):
        values |= {d.isoformat() for d in (day - one, day, day + one)}
    return [None, *sorted(values)]


def _domain(q: Question, expr: Expr) -> list[Any]:
    if q.type == "frequency":
        return [None, *FREQUENCY]
    if q.type == "boolean":
        return [None, True, False]
    if q.type == "choice":
        return [None, *q.choices]
    if q.type == "multi":  # a few subsets: none, each value alone, all of them
        return [None, [], *([c] for c in q.choices), list(q.choices)]
    if q.type == "date":
        return _date_domain(expr)
    if q.type == "number":
        values: set[float] = {0, 1, 5, 10, 50, 100, 110, 150, 1000, 1e6}
        for bound in (q.minimum, q.maximum):
            if bound is not None:
                values |= {bound, bound + 1, max(bound - 1, 0)}
        return [None, *sorted(values)]
    return [None, "", *sorted(expr.strings)]


def _can_be_true(expr: Expr, questions: dict[str, Question]) -> bool:
    names = sorted(n for n in expr.names if n in questions)
    domains = [_domain(questions[n], expr) for n in names]
    total = 1
    for d in domains:
        total *= len(d)
    if total > _MAX_COMBINATIONS:
        return True  # too many to try: assume reachable rather than raise a false alarm
    for combo in itertools.product(*domains):
        if expr.test(dict(zip(names, combo, strict=True))):
            return True
    return False


def _translation_gaps(node: Any, where: str, out: list[tuple[int, str]]) -> None:
    """Any {fr:…} / {en:…} mapping lacking one of the two languages."""
    if isinstance(node, MarkedDict):
        keys = set(node)
        if keys & set(LANGS) and keys <= set(LANGS) | {"value", "label"}:
            missing = [lang for lang in LANGS if lang not in keys]
            if missing and not keys & {"value", "label"}:
                out.append((node.line, f"{where}: missing translation ({', '.join(missing)})"))
        for key, value in node.items():
            label = f"{where}.{key}" if where else str(key)
            if isinstance(value, MarkedDict | MarkedList):
                _translation_gaps(value, label, out)
    elif isinstance(node, MarkedList):
        for i, value in enumerate(node):
            ident = value.get("id") if isinstance(value, dict) else None
            _translation_gaps(value, f"{where}[{ident or i}]", out)


def _expression_problems(flow: Flow) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    order = {q.id: i for i, q in enumerate(flow.questions)}
    by_id = flow.by_id
    derived_ids = [d.id for d in flow.derived]

    def values_ok(expr: Expr, label: str, line: int) -> None:
        named = [by_id[n] for n in expr.names if n in by_id and by_id[n].options]
        if not named:
            return
        allowed = set(FREQUENCY)
        for q in named:
            allowed |= set(q.options)
        if any(by_id[n].type == "date" for n in expr.names if n in by_id):
            allowed |= {d for d in expr.strings if _ISO.fullmatch(d)}
        for s in sorted(expr.strings - allowed):
            out.append(
                (
                    line,
                    f"{label}: value '{s}' is not an answer any of "
                    f"{', '.join(q.id for q in named)} can take",
                )
            )

    for q in flow.questions:
        if q.when is None:
            continue
        label = f"question {q.id}: when"
        for name in sorted(q.when.names):
            if name not in by_id:
                out.append((q.line, f"{label} refers to unknown question '{name}'"))
            elif order[name] >= order[q.id]:
                out.append(
                    (
                        q.line,
                        f"{label} refers to '{name}', which is asked later; "
                        "a condition may only use earlier questions",
                    )
                )
        values_ok(q.when, label, q.line)
    for s in flow.signals:
        if s.id not in by_id:
            out.append((s.line, f"signal {s.id}: no question with this id"))
        if s.active is not None:
            for name in sorted(s.active.names - set(by_id) - COMPUTED_NAMES):
                out.append((s.line, f"signal {s.id}: active refers to unknown name '{name}'"))
            values_ok(s.active, f"signal {s.id}: active", s.line)
    known = set(by_id) | COMPUTED_NAMES
    for d in flow.derived:
        for name in sorted(d.expr.names - known):
            hint = " (derived names must be defined before use)" if name in derived_ids else ""
            out.append((d.line, f"derived {d.id} refers to unknown name '{name}'{hint}"))
        values_ok(d.expr, f"derived {d.id}", d.line)
        known.add(d.id)
    for r in flow.rules:
        for name in sorted(r.when.names - known):
            out.append((r.line, f"rule {r.id} refers to unknown question or name '{name}'"))
        values_ok(r.when, f"rule {r.id}", r.line)
        if r.verdict in r.alternatives:
            out.append((r.line, f"rule {r.id}: its own verdict is listed as an alternative"))
    if flow.rules and flow.rules[-1].when.source not in ("true", "True"):
        out.append(
            (
                flow.rules[-1].line,
                "the last rule should be `when: true` so every case gets a verdict",
            )
        )
    for step in flow.steps:
        if step.when is not None:
            for name in sorted(step.when.names - known):
                out.append((step.line, f"step {step.id}: when refers to unknown name '{name}'"))
    for verdict in VERDICTS:
        if verdict in flow.verdicts and not any(r.verdict == verdict for r in flow.rules):
            out.append((0, f"verdict {verdict}: no rule leads to it"))
    return out


def _source_problems(flow: Flow) -> list[tuple[int, str]]:
    """Citations of ids the `sources:` table lacks (they would show as bare ids).

    Only with a table: a flow without one may cite nothing, or free text, and stays valid.
    """
    if not flow.sources:
        return []
    citing: list[tuple[int, str, tuple[str, ...]]] = [
        *((q.line, f"question {q.id}", q.source) for q in flow.questions),
        *((s.line, f"signal {s.id}", s.source) for s in flow.signals),
        *((r.line, f"rule {r.id}", r.source) for r in flow.rules),
        *((st.line, f"step {st.id}", st.source) for st in flow.steps),
    ]
    return [
        (line, f"{where}: source '{sid}' is not in the sources table")
        for line, where, ids in citing
        for sid in dict.fromkeys(ids)
        if sid not in flow.sources
    ]


def _unreachable(flow: Flow) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    by_id = flow.by_id
    dead: set[str] = set()
    for q in flow.questions:
        if q.when is None:
            continue
        if q.when.names & dead or not _can_be_true(q.when, by_id):
            dead.add(q.id)
            out.append(
                (
                    q.line,
                    f"question {q.id} is unreachable: no answers make its "
                    f"condition `{q.when.source}` true",
                )
            )
    return out


def sample_answers(flow: Flow, full: bool = True) -> dict[str, Any]:
    """A plausible, valid answer to every question (or only the closed ones when not full)."""
    answers: dict[str, Any] = {}
    for q in flow.questions:
        if q.type == "frequency":
            answers[q.id] = "often"
        elif q.type == "boolean":
            answers[q.id] = True
        elif q.type == "choice":
            answers[q.id] = q.choices[0]
        elif q.type == "multi":
            answers[q.id] = [q.choices[0]]
        elif full and q.type == "date":
            answers[q.id] = SAMPLE_DATE
        elif full and q.type == "number":
            lo = q.minimum or 0
            hi = q.maximum if q.maximum is not None else lo + 100
            value = (lo + hi) / 2 if q.maximum is not None else lo + 40
            answers[q.id] = int(value) if q.integer else value
        elif full and q.type == "text":
            answers[q.id] = q.default if isinstance(q.default, str) else "EUR"
    return answers


def _template_problems(flow: Flow) -> list[str]:
    from partways.assessment import assess
    from partways.case import Case
    from partways.letters import letter_context, render_template, template_folder

    problems: list[str] = []
    folder = template_folder(flow)
    kinds = sorted({v.letter for v in flow.verdicts.values()} | set(LETTER_KINDS))
    cases = [
        Case(
            flow=flow.id,
            client={"name": "Sample Client", "contact": "Alex Sample"},
            provider={"name": "Sample Studio", "signer": "Sam Signer", "role": "Owner"},
            letter={
                "new_lead": {"name": "Jo Lead", "role": "Lead", "email": "jo@example.com"},
                "next_provider": "Other Studio",
            },
        ),
        Case(flow=flow.id, client={"name": "Sample Client"}, provider={"name": "Sample Studio"}),
    ]
    for case, full in zip(cases, (True, False), strict=True):
        answers = sample_answers(flow, full)
        case.answers = answers
        for lang in LANGS:
            result = assess(flow, answers, lang)
            for kind in kinds:
                path = folder / lang / f"{kind}.md.j2"
                try:
                    text = render_template(
                        folder, kind, lang, letter_context(case, flow, result, kind, lang)
                    )
                except PartwaysError as exc:
                    problems.append(exc.one_line())
                    continue
                for bad in ("None", "{{", "{%", "}}"):
                    if bad in text:
                        problems.append(
                            f"{path}: renders '{bad}' on a sample case "
                            f"({'full' if full else 'no figures'})"
                        )
                        break
    return list(dict.fromkeys(problems))


def check_flow(path: Path, witnesses: list[RuleCoverage] | None = None) -> list[str]:
    """All problems of a flow file and its templates, sorted by line; [] when it is sound.

    `witnesses`, when given, receives the rule coverage (a case per rule), so `--coverage`
    prints what the check found instead of searching twice."""
    try:
        data = load_yaml(path, FLOW_MAX_BYTES)
    except PartwaysError as exc:
        return [exc.one_line()]
    flow, problems = parse_flow(data, path)
    found: list[tuple[int, str]] = []
    if isinstance(data, MarkedDict) and data.get("format") == FLOW_FORMAT:
        # the schema first (what an editor shows as you type); the parser's own messages only
        # where the schema found nothing on that line (duplicate ids, unknown sections…). A
        # file that is not a flow is not validated: its keys and values are not echoed.
        found = [(line or 0, msg) for line, msg in schema_problems(data, "flow")]
    schema_lines = {line for line, _ in found}
    found += [(p.line or 0, p.message) for p in problems if (p.line or 0) not in schema_lines]
    if isinstance(data, MarkedDict):
        _translation_gaps(data, "", found)
    if flow is not None and not problems:
        expression = _expression_problems(flow)
        found += expression
        found += _unreachable(flow)
        found += _source_problems(flow)
        if not expression:  # a rule naming an unknown question cannot be evaluated
            found += _coverage_problems(flow, witnesses)
        found += _figure_problems(flow)
    lines = [
        f"{path}:{line}: {msg}" if line else f"{path}: {msg}"
        for line, msg in sorted(found, key=lambda x: x[0])
    ]
    if flow is not None and not problems:
        lines += _template_problems(flow)
        lines += _letter_checks_problems(flow)
    return lines


def _coverage_problems(flow: Flow, witnesses: list[RuleCoverage] | None) -> list[tuple[int, str]]:
    """Rules that never decide and verdicts no case reaches (see coverage.py)."""
    from partways.coverage import coverage, coverage_problems

    try:
        items = coverage(flow)
    except PartwaysError as exc:  # a condition failing on some sampled answers
        return [(0, f"rule coverage: {exc.one_line()}")]
    if witnesses is not None:
        witnesses[:] = items
    return coverage_problems(flow, items)


def _figure_problems(flow: Flow) -> list[tuple[int, str]]:
    """A role the `figures:` table leaves out is played by the question of the same id: one of
    another type would be read as nothing (no figure, a placeholder in the letter), silently.
    (A role the table names is checked when the flow is read.)"""
    found = []
    for role, types in FIGURE_ROLES.items():
        question = flow.by_id.get(role)
        if role in flow.figures or question is None or question.type in types:
            continue
        found.append(
            (
                question.line,
                f"question {role}: read as the figure role '{role}', which needs a "
                f"{' or '.join(types)} question, not a {question.type}; name the question that "
                f"plays it under 'figures:' (or write '{role}: null')",
            )
        )
    return found


def _letter_checks_problems(flow: Flow) -> list[str]:
    """A letter-checks.yaml of the flow's own templates that would not load (see lettercheck)."""
    from partways.lettercheck import checks_path, load_checks

    path = checks_path(flow)
    if flow.templates is None or path.parent != flow.templates:
        return []  # the built-in file: its own tests keep it sound
    try:
        load_checks(path)
    except PartwaysError as exc:
        return [exc.one_line()]
    return []
