"""The flow model: questions, sections, scoring signals, verdict rules and steps, all from YAML.

A flow file is data a consultancy edits, so loading it collects *every* problem with its line
(`flow check` prints them all) instead of stopping at the first one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, get_args

from partways.errors import PartwaysError
from partways.expr import FREQUENCY, Expr, ExprError, compile_expr
from partways.i18n import LANGS
from partways.paths import flows_dir, yaml_cache_dir
from partways.record import record
from partways.yaml_cache import load_yaml_cached
from partways.yamlio import MarkedDict, MarkedList

FLOW_FORMAT = "partways-flow/1"
QuestionType = Literal["frequency", "boolean", "choice", "multi", "number", "text", "date"]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
#: Types whose answer is one of `choices` (`choice`) or a list of them (`multi`).
CHOICE_TYPES = ("choice", "multi")
#: The outcomes a flow's rules can give, mildest first.
Verdict = Literal[
    "keep", "set_boundaries", "reassign_lead", "renegotiate", "raise_price", "part_ways"
]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
LetterKind = Literal[
    "check_in", "boundaries", "new_lead", "renegotiation", "price_increase", "separation"
]
LETTER_KINDS: tuple[LetterKind, ...] = get_args(LetterKind)
#: Names the core computes and puts beside the answers when rules are evaluated.
COMPUTED_NAMES = frozenset(
    {"service_ratio_pct", "monthly_shortfall", "friction", "friction_max", "friction_pct"}
)

#: What the core reads from the answers besides the rules (figures, letters, what-if), by role,
#: with the question types each role accepts. A flow's `figures:` table says which question
#: plays a role (role → question id, or null for none); a role it leaves out is played by the
#: question of the same id, as in the built-in flow, so older flows read as before.
FIGURE_ROLES: dict[str, tuple[str, ...]] = {
    "hours_contracted": ("number",),
    "hours_spent": ("number",),
    "monthly_fee": ("number",),
    "currency": ("choice", "text"),
    "revenue_share": ("number",),
    "notice_days": ("number",),
    "relationship_years": ("number",),
    "conversation_date": ("date",),
    "concerns_raised": ("boolean",),
}

Text = dict[str, str]


@record
class Section:
    id: str
    title: Text


@record
class Question:
    id: str
    type: QuestionType
    section: str
    text: Text
    help: Text = field(default_factory=dict)
    source: tuple[str, ...] = ()
    when: Expr | None = None
    choices: tuple[str, ...] = ()
    labels: dict[str, Text] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    integer: bool = False
    pattern: str | None = None
    default: Any = None
    unit: Text = field(default_factory=dict)
    optional: bool = False
    discussion: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0

    @property
    def options(self) -> tuple[str, ...]:
        """The closed set of values for select-like questions, else ().

        For a `multi` these are the values its list may hold, so conditions naming them are
        checked like a choice's; votes, which need one answer each, leave `multi` out.
        """
        if self.type == "frequency":
            return FREQUENCY
        if self.type in CHOICE_TYPES:
            return self.choices
        return ()


@record
class Derived:
    id: str
    expr: Expr
    line: int = 0
    #: How the condition reads to a person (why-not, what-if); {} says it by its `expr`.
    label: Text = field(default_factory=dict)


@record
class Signal:
    id: str
    weight: float
    why: Text
    source: tuple[str, ...] = ()
    active: Expr | None = None
    line: int = 0


@record
class Rule:
    id: str
    verdict: Verdict
    when: Expr
    summary: Text
    alternatives: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    line: int = 0
    #: Which honest, blame-free wording the letter uses (values, expertise, capacity, fit, …).
    reason: str = "fit"


LETTER_REASONS = ("values", "expertise", "capacity", "fit", "scope", "payment", "conduct")


@record
class VerdictInfo:
    id: str
    label: Text
    letter: LetterKind
    description: Text = field(default_factory=dict)


@record
class Step:
    id: str
    title: Text
    text: Text
    verdicts: tuple[str, ...]
    source: tuple[str, ...] = ()
    when: Expr | None = None
    line: int = 0


@record
class SourceRef:
    """One article of the `sources:` table: what a person needs to recognise and find it.

    Questions, signals, rules and steps cite sources by id (the knowledge base's file name); the
    table turns that id into the title a business owner can read.
    """

    id: str
    title: str
    author: str = ""
    publication: str = ""
    date: str = ""
    line: int = 0


SOURCE_FIELDS = ("title", "author", "publication", "date")


@record
class Flow:
    id: str
    path: Path
    title: Text
    description: Text
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    derived: tuple[Derived, ...]
    signals: tuple[Signal, ...]
    rules: tuple[Rule, ...]
    verdicts: dict[str, VerdictInfo]
    steps: tuple[Step, ...]
    labels: dict[str, Text]
    lessons: tuple[dict[str, Any], ...] = ()
    #: Folder of letter templates (`<lang>/<kind>.md.j2`); None means the built-in ones.
    templates: Path | None = None
    #: The `sources:` table by id; empty when the flow has none (citations then show as given).
    sources: dict[str, SourceRef] = field(default_factory=dict)
    #: The `figures:` table, role → question id (None: no question plays it); see FIGURE_ROLES.
    figures: dict[str, str | None] = field(default_factory=dict)

    def figure_id(self, role: str) -> str | None:
        """The id of the question playing `role` (FIGURE_ROLES), None when none does."""
        return self.figures.get(role, role)

    def figure(self, answers: Mapping[str, Any], role: str) -> Any:
        """The answer of the question playing `role`; None when unanswered or none plays it."""
        qid = self.figures.get(role, role)
        return answers.get(qid) if qid is not None else None

    @property
    def ref(self) -> str:
        """What a case file records to find this flow again: the id of a built-in flow, else
        the flow file's absolute path (an id alone could not be found later)."""
        builtin = builtin_flows().get(self.id)
        if builtin is not None and builtin.resolve() == self.path.resolve():
            return self.id
        return str(self.path.resolve())

    def question(self, qid: str) -> Question:
        return self.by_id[qid]

    @cached_property
    def by_id(self) -> dict[str, Question]:
        """Built once per flow: engines, checks and screens look questions up on every answer."""
        return {q.id: q for q in self.questions}

    def section(self, sid: str) -> Section | None:
        return next((s for s in self.sections if s.id == sid), None)

    def letter_for(self, verdict: str) -> str:
        return self.verdicts[verdict].letter

    def source_title(self, sid: str) -> str:
        """The title of a cited source; an id missing from the table is shown as it is written,
        so a flow citing free text (or with a typo `flow check` reports) still reads sensibly."""
        ref = self.sources.get(sid)
        return ref.title if ref is not None else sid

    def cite_one(self, sid: str, lang: str) -> str:
        """One source as a person reads it: the title in quotes, then the author when known.

        Quotes keep a title apart from the author and from the next source (titles have colons
        and question marks of their own); an unknown id stays bare, it is not a title.
        """
        ref = self.sources.get(sid)
        if ref is None:
            return sid
        quoted = f"« {ref.title} »" if lang == "fr" else f"\u201c{ref.title}\u201d"
        return f"{quoted}, {ref.author}" if ref.author else quoted

    def cite(self, ids: tuple[str, ...] | list[str], lang: str) -> str:
        """Several sources on one line, each as `cite_one`, separated the way `lang` writes it."""
        return (" ; " if lang == "fr" else "; ").join(self.cite_one(i, lang) for i in ids)

    def cite_item(self, sid: str, short: bool = False) -> str:
        """One source as an item of a list, one per line: `Title (Author)`, no quotes needed.

        `short` gives the short title (see `short_title`) for narrow panels.
        """
        ref = self.sources.get(sid)
        if ref is None:
            return sid
        title = short_title(ref.title) if short else ref.title
        return f"{title} ({ref.author})" if ref.author else title

    @cached_property
    def friction_max(self) -> float:
        total = 0.0
        by_id = self.by_id
        for s in self.signals:
            q = by_id.get(s.id)
            total += s.weight * (3 if q is not None and q.type == "frequency" else 2)
        return total


#: Titles longer than this are shortened where space is scarce (the wizard's panels).
SHORT_TITLE = 72


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A long title cut the way citations shorten one: before its subtitle when the main part
    stands on its own (`Décider d’arrêter une collaboration avec un client : savoir dire non…`
    → `Décider d’arrêter une collaboration avec un client`), else at a word, marked with `…`."""
    if len(title) <= limit:
        return title
    for mark in (" : ", ": ", " – ", " — "):
        head = title.split(mark, 1)[0].rstrip()
        if 20 <= len(head) <= limit and head != title:
            return head
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—")
    return cut + "…"


@record(frozen=False)
class Problem:
    line: int | None
    message: str


class _Reader:
    """Walks raw marked YAML, collecting problems with their lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, where: Any, key: Any, message: str) -> None:
        line = None
        if isinstance(where, MarkedDict | MarkedList):
            line = where.line_of(key) if key is not None else where.line
        self.problems.append(Problem(line, message))

    def text(self, node: dict[Any, Any], key: str, label: str, required: bool = True) -> Text:
        value = node.get(key)
        if value is None:
            if required:
                self.add(node, None, f"{label}: missing '{key}'")
            return {}
        if isinstance(value, str):
            return {lang: value for lang in LANGS}
        if not isinstance(value, dict):
            self.add(node, key, f"{label}.{key}: expected a text or {{fr: …, en: …}}")
            return {}
        out: Text = {}
        for lang, text in value.items():
            if lang not in LANGS:
                self.add(value, lang, f"{label}.{key}: unknown language '{lang}' (fr or en)")
            elif not isinstance(text, str) or not text.strip():
                self.add(value, lang, f"{label}.{key}.{lang}: expected a non-empty text")
            else:
                out[lang] = text.strip()
        return out

    def sources(self, node: MarkedDict, label: str) -> tuple[str, ...]:
        value = node.get("source")
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.add(node, "source", f"{label}.source: expected a source id or a list of them")
        return ()

    def expr(self, node: MarkedDict, key: str, label: str) -> Expr | None:
        if key not in node:
            return None
        kind, _, name = label.partition(" ")
        try:
            return compile_expr(
                node[key],
                file=str(self.path),
                line=node.line_of(key),
                where=f"{kind} '{name}'" if name else label,
            )
        except ExprError as exc:
            self.add(node, key, f"{label}.{key}: {exc}")
            return None

    def number(self, node: MarkedDict, key: str, label: str) -> float | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(node, key, f"{label}.{key}: expected a number")
            return None
        return float(value)

    def items(self, node: Any, key: str, label: str) -> list[tuple[int, MarkedDict]]:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(node, key, f"{label}: expected a list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, MarkedDict):
                out.append((i, item))
            else:
                self.add(value, i, f"{label}[{i}]: expected a mapping")
        return out

    def ident(self, node: MarkedDict, label: str, seen: set[str]) -> str | None:
        ident = node.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
            self.add(
                node, "id" if "id" in node else None, f"{label}: 'id' must be lower_snake_case text"
            )
            return None
        if ident in seen:
            self.add(node, "id", f"{label}: duplicate id '{ident}'")
        seen.add(ident)
        return ident


def _question(
    r: _Reader, node: MarkedDict, i: int, seen: set[str], sections: set[str]
) -> Question | None:
    label = f"questions[{i}]"
    qid = r.ident(node, label, seen)
    label = f"question {qid}" if qid else label
    qtype = node.get("type")
    if qtype not in QUESTION_TYPES:
        r.add(
            node,
            "type" if "type" in node else None,
            f"{label}: type must be one of {', '.join(QUESTION_TYPES)}",
        )
    section = node.get("section", "")
    if sections and section not in sections:
        r.add(
            node, "section" if "section" in node else None, f"{label}: unknown section '{section}'"
        )
    choices: tuple[str, ...] = ()
    labels: dict[str, Text] = {}
    if qtype in CHOICE_TYPES:
        raw = node.get("choices")
        if not isinstance(raw, list) or not raw:
            r.add(
                node,
                "choices" if "choices" in node else None,
                f"{label}: a {qtype} needs 'choices'",
            )
        else:
            for j, c in enumerate(raw):
                if isinstance(c, str):
                    choices += (c,)
                elif isinstance(c, dict) and isinstance(c.get("value"), str):
                    choices += (c["value"],)
                    labels[c["value"]] = r.text(c, "label", f"{label}.choices[{j}]")
                else:
                    r.add(raw, j, f"{label}.choices[{j}]: expected a value or {{value, label}}")
            if qtype == "multi":
                # a multi answer is a set of these values: a repeated one could never be told apart
                for value in sorted({c for c in choices if choices.count(c) > 1}):
                    r.add(node, "choices", f"{label}: choice '{value}' is listed twice")
    pattern = node.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError):
            r.add(node, "pattern", f"{label}.pattern: not a valid regular expression")
            pattern = None
    discussion: dict[str, tuple[str, ...]] = {}
    raw_disc = node.get("discussion")
    if isinstance(raw_disc, dict):
        for lang, prompts in raw_disc.items():
            if lang in LANGS and isinstance(prompts, list):
                discussion[lang] = tuple(str(p) for p in prompts)
            else:
                r.add(raw_disc, lang, f"{label}.discussion: expected fr/en lists of prompts")
    elif raw_disc is not None:
        r.add(node, "discussion", f"{label}.discussion: expected {{fr: [...], en: [...]}}")
    known = {
        "id",
        "type",
        "section",
        "text",
        "help",
        "source",
        "when",
        "choices",
        "min",
        "max",
        "min_exclusive",
        "integer",
        "pattern",
        "default",
        "unit",
        "optional",
        "discussion",
    }
    for key in node:
        if key not in known:
            r.add(node, key, f"{label}: unknown key '{key}'")
    if qid is None or qtype not in QUESTION_TYPES:
        return None
    return Question(
        id=qid,
        type=qtype,
        section=section,
        text=r.text(node, "text", label),
        help=r.text(node, "help", label, required=False),
        source=r.sources(node, label),
        when=r.expr(node, "when", label),
        choices=choices,
        labels=labels,
        minimum=r.number(node, "min", label),
        maximum=r.number(node, "max", label),
        min_exclusive=bool(node.get("min_exclusive", False)),
        integer=bool(node.get("integer", False)),
        pattern=pattern,
        default=node.get("default"),
        unit=r.text(node, "unit", label, required=False),
        optional=bool(node.get("optional", False)),
        discussion=discussion,
        line=node.line,
    )


def parse_flow(data: Any, path: Path) -> tuple[Flow | None, list[Problem]]:
    """Build a Flow from marked YAML; returns the problems found (empty when valid)."""
    r = _Reader(path)
    if not isinstance(data, MarkedDict):
        r.add(data, None, "a flow file must be a YAML mapping")
        return None, r.problems
    fmt = data.get("format")
    if fmt != FLOW_FORMAT:
        r.add(
            data,
            "format" if "format" in data else None,
            # the value is not quoted: a file that is not a flow (a settings file given by
            # mistake) must not have its contents echoed
            f"not a flow file: format must be '{FLOW_FORMAT}'"
            + (" (found another partways format)" if str(fmt).startswith("partways") else ""),
        )
        return None, r.problems
    flow_id = data.get("id")
    if not isinstance(flow_id, str) or not flow_id:
        r.add(data, "id" if "id" in data else None, "missing flow 'id'")
        flow_id = path.stem
    sections: list[Section] = []
    seen_sections: set[str] = set()
    for i, node in r.items(data, "sections", "sections"):
        sid = r.ident(node, f"sections[{i}]", seen_sections)
        if sid:
            sections.append(Section(sid, r.text(node, "title", f"section {sid}")))
    questions: list[Question] = []
    seen_q: set[str] = set()
    for i, node in r.items(data, "questions", "questions"):
        q = _question(r, node, i, seen_q, seen_sections)
        if q:
            questions.append(q)
    if not questions:
        r.add(data, "questions" if "questions" in data else None, "a flow needs 'questions'")
    derived: list[Derived] = []
    seen_d: set[str] = set(seen_q)
    for i, node in r.items(data, "derived", "derived"):
        did = r.ident(node, f"derived[{i}]", seen_d)
        e = r.expr(node, "expr", f"derived {did}")
        text = r.text(node, "label", f"derived {did}", required=False)
        for key in node:
            if key not in ("id", "expr", "label"):
                r.add(node, key, f"derived {did}: unknown key '{key}'")
        if did and e:
            derived.append(Derived(did, e, node.line, text))
    signals: list[Signal] = []
    seen_s: set[str] = set()
    for i, node in r.items(data, "signals", "signals"):
        sid = r.ident(node, f"signals[{i}]", seen_s)
        weight = r.number(node, "weight", f"signal {sid}")
        if weight is None or weight < 0:
            r.add(
                node, "weight" if "weight" in node else None, f"signal {sid}: 'weight' ≥ 0 needed"
            )
        why = r.text(node, "why", f"signal {sid}")
        if sid and weight is not None:
            signals.append(
                Signal(
                    sid,
                    weight,
                    why,
                    r.sources(node, f"signal {sid}"),
                    r.expr(node, "active", f"signal {sid}"),
                    node.line,
                )
            )
    verdicts: dict[str, VerdictInfo] = {}
    raw_v = data.get("verdicts")
    if not isinstance(raw_v, dict):
        r.add(data, "verdicts" if "verdicts" in data else None, "a flow needs 'verdicts'")
    else:
        for vid, node in raw_v.items():
            if vid not in VERDICTS:
                r.add(raw_v, vid, f"verdicts: unknown verdict '{vid}' ({', '.join(VERDICTS)})")
                continue
            if not isinstance(node, MarkedDict):
                r.add(raw_v, vid, f"verdicts.{vid}: expected a mapping")
                continue
            letter = node.get("letter")
            if letter not in LETTER_KINDS:
                r.add(
                    node,
                    "letter" if "letter" in node else None,
                    f"verdicts.{vid}.letter: must be one of {', '.join(LETTER_KINDS)}",
                )
                continue
            verdicts[vid] = VerdictInfo(
                vid,
                r.text(node, "label", f"verdicts.{vid}"),
                letter,
                r.text(node, "description", f"verdicts.{vid}", False),
            )
        for vid in VERDICTS:
            if vid not in raw_v:
                r.add(raw_v, None, f"verdicts: '{vid}' is missing")
    rules: list[Rule] = []
    seen_r: set[str] = set()
    for i, node in r.items(data, "rules", "rules"):
        rid = r.ident(node, f"rules[{i}]", seen_r)
        label = f"rule {rid}"
        verdict = node.get("verdict")
        if verdict not in VERDICTS:
            r.add(
                node,
                "verdict" if "verdict" in node else None,
                f"{label}: verdict must be one of {', '.join(VERDICTS)}",
            )
        alts = node.get("alternatives", [])
        if not isinstance(alts, list) or any(a not in VERDICTS for a in alts):
            r.add(node, "alternatives", f"{label}: alternatives must be verdict ids")
            alts = []
        when = r.expr(node, "when", label)
        if "when" not in node:
            r.add(node, None, f"{label}: missing 'when'")
        reason = node.get("reason", "fit")
        if reason not in LETTER_REASONS:
            r.add(node, "reason", f"{label}: reason must be one of {', '.join(LETTER_REASONS)}")
            reason = "fit"
        if rid and verdict in VERDICTS and when is not None:
            rules.append(
                Rule(
                    rid,
                    verdict,
                    when,
                    r.text(node, "summary", label),
                    tuple(alts),
                    r.sources(node, label),
                    node.line,
                    reason,
                )
            )
    if not rules:
        r.add(data, "rules" if "rules" in data else None, "a flow needs 'rules'")
    steps: list[Step] = []
    seen_st: set[str] = set()
    for i, node in r.items(data, "steps", "steps"):
        stid = r.ident(node, f"steps[{i}]", seen_st)
        for_v = node.get("for", list(VERDICTS))
        if not isinstance(for_v, list) or any(v not in VERDICTS for v in for_v):
            r.add(node, "for", f"step {stid}: 'for' must list verdict ids")
            for_v = []
        if stid:
            steps.append(
                Step(
                    stid,
                    r.text(node, "title", f"step {stid}"),
                    r.text(node, "text", f"step {stid}"),
                    tuple(for_v),
                    r.sources(node, f"step {stid}"),
                    r.expr(node, "when", f"step {stid}"),
                    node.line,
                )
            )
    labels: dict[str, Text] = {}
    raw_labels = data.get("labels", {})
    if isinstance(raw_labels, dict):
        for key in raw_labels:
            labels[str(key)] = r.text(raw_labels, key, "labels")
    lessons = tuple(
        {"id": node.get("id"), "text": r.text(node, "text", f"lessons[{i}]")}
        for i, node in r.items(data, "lessons", "lessons")
    )
    templates: Path | None = None
    raw_t = data.get("templates")
    if raw_t is not None:
        if isinstance(raw_t, str) and raw_t:
            templates = (path.parent / raw_t).resolve()
            if not templates.is_dir():
                r.add(data, "templates", f"templates: folder {raw_t!r} not found next to the flow")
        else:
            r.add(data, "templates", "templates: expected a folder path relative to the flow")
    known_top = {
        "format",
        "id",
        "title",
        "description",
        "sections",
        "questions",
        "derived",
        "signals",
        "verdicts",
        "rules",
        "steps",
        "labels",
        "lessons",
        "templates",
        "sources",
        "figures",
    }
    for key in data:
        if key not in known_top:
            r.add(data, key, f"unknown key '{key}'")
    flow = Flow(
        id=flow_id,
        path=path,
        title=r.text(data, "title", "flow"),
        description=r.text(data, "description", "flow", required=False),
        sections=tuple(sections),
        questions=tuple(questions),
        derived=tuple(derived),
        signals=tuple(signals),
        rules=tuple(rules),
        verdicts=verdicts,
        steps=tuple(steps),
        labels=labels,
        lessons=lessons,
        templates=templates,
        sources=_sources_table(r, data),
        figures=_figures_table(r, data, {q.id: q for q in questions}),
    )
    return flow, r.problems


def _figures_table(
    r: _Reader, data: MarkedDict, questions: dict[str, Question]
) -> dict[str, str | None]:
    """The `figures:` table: role → the id of a question of a type the role can read."""
    raw = data.get("figures")
    if raw is None:
        return {}
    roles = ", ".join(FIGURE_ROLES)
    if not isinstance(raw, MarkedDict):
        r.add(data, "figures", f"figures: expected a mapping of role → question id ({roles})")
        return {}
    out: dict[str, str | None] = {}
    played: dict[str, str] = {}
    for role, qid in raw.items():
        if role not in FIGURE_ROLES:
            r.add(raw, role, f"figures: unknown role '{role}' ({roles})")
            continue
        if qid is None:
            out[role] = None
            continue
        question = questions.get(qid) if isinstance(qid, str) else None
        types = " or ".join(FIGURE_ROLES[role])
        if not isinstance(qid, str):
            r.add(raw, role, f"figures.{role}: expected a question id (a {types} question)")
        elif question is None:
            r.add(raw, role, f"figures.{role}: unknown question '{qid}'")
        elif question.type not in FIGURE_ROLES[role]:
            r.add(
                raw, role, f"figures.{role}: question '{qid}' is a {question.type}, not a {types}"
            )
        elif qid in played:
            r.add(raw, role, f"figures.{role}: question '{qid}' already plays {played[qid]}")
        else:
            played[qid] = role
            out[role] = qid
    return out


def _sources_table(r: _Reader, data: MarkedDict) -> dict[str, SourceRef]:
    """The `sources:` table: id → {title, author?, publication?, date?}; absent means {}."""
    raw = data.get("sources")
    if raw is None:
        return {}
    if not isinstance(raw, MarkedDict):
        r.add(data, "sources", "sources: expected a mapping of source id → {title: …}")
        return {}
    out: dict[str, SourceRef] = {}
    for sid, node in raw.items():
        if not isinstance(sid, str) or not sid.strip():
            r.add(raw, sid, f"sources: id {sid!r} must be a text (quote it)")
            continue
        label = f"sources.{sid}"
        if not isinstance(node, MarkedDict):
            r.add(raw, sid, f"{label}: expected a mapping with a 'title'")
            continue
        fields: dict[str, str] = {}
        for key, value in node.items():
            if key not in SOURCE_FIELDS:
                r.add(node, key, f"{label}: unknown key '{key}' ({', '.join(SOURCE_FIELDS)})")
                continue
            if key == "date" and isinstance(value, datetime.date):
                value = value.isoformat()  # an unquoted 2022-07-13 is read as a date
            if not isinstance(value, str) or not value.strip():
                r.add(node, key, f"{label}.{key}: expected a non-empty text")
                continue
            fields[str(key)] = " ".join(value.split())
        if "title" not in fields:
            if "title" not in node:
                r.add(raw, sid, f"{label}: missing 'title'")
            continue
        out[sid] = SourceRef(id=sid, line=raw.line_of(sid), **fields)
    return out


def builtin_flows() -> dict[str, Path]:
    """Built-in flows by id (the file stem is the id)."""
    folder = flows_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def find_flow(ref: str | Path) -> Path:
    """A flow given by id (`client-review`) or by path."""
    ref_s = str(ref)
    builtin = builtin_flows()
    if ref_s in builtin:
        return builtin[ref_s]
    path = Path(ref_s).expanduser()
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    known = ", ".join(builtin) or "none"
    raise PartwaysError(f"unknown flow '{ref_s}' (built-in flows: {known}; or give a .yaml path)")


_CACHE: dict[tuple[str, float], Flow] = {}


def load_flow(ref: str | Path = "client-review") -> Flow:
    """Load and validate a flow; the first problem is raised as `file:line: message`."""
    path = find_flow(ref)
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        key = (str(path), 0.0)
    if key in _CACHE:
        return _CACHE[key]
    parsed: list[tuple[Flow | None, list[Problem]]] = []

    def valid(data: Any) -> bool:
        parsed.append(parse_flow(data, path))
        return not parsed[-1][1] and parsed[-1][0] is not None

    data = load_yaml_cached(path, yaml_cache_dir(), valid)
    flow, problems = parsed[-1] if parsed else parse_flow(data, path)
    if problems or flow is None:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more; run 'partways flow check {path}')"
            if len(problems) > 1
            else ""
        )
        raise PartwaysError(first.message + more, file=path, line=first.line)
    _CACHE[key] = flow
    return flow
