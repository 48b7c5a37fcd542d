"""Case files: the one place a user's answers live, read and written per the v1 contract.

Unknown keys are carried through untouched so a file written by a newer minor tool, or by hand,
loses nothing when an older partways saves it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partways.answers import check
from partways.errors import AnswerError, PartwaysError
from partways.flow import Flow
from partways.i18n import LANGS
from partways.yamlio import dump_yaml, line_at, load_yaml, write_atomic

CASE_FORMAT = "partways/1"
_KNOWN = (
    "format",
    "flow",
    "lang",
    "client",
    "provider",
    "answers",
    "notes",
    "skipped",
    "letter",
    "votes",
    "log",
    "lessons",
)
_PARTY_KEYS = {
    "client": ("name", "contact", "email"),
    "provider": ("name", "signer", "role", "email"),
}


@dataclass
class Case:
    flow: str = "client-review"
    lang: str | None = None
    client: dict[str, str] = field(default_factory=dict)
    provider: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    #: Letter details and the user's edited text: kind, lang, text, new_lead, new_fee, start_date,
    #: next_provider.
    letter: dict[str, Any] = field(default_factory=dict)
    #: Workshop data: votes per question, the communications log, lessons learnt.
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    log: list[dict[str, Any]] = field(default_factory=list)
    lessons: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def to_data(self, flow: Flow | None = None) -> dict[str, Any]:
        order = [q.id for q in flow.questions] if flow else []
        answers = {k: self.answers[k] for k in order if k in self.answers}
        answers.update({k: v for k, v in self.answers.items() if k not in answers})
        data: dict[str, Any] = {"format": CASE_FORMAT, "flow": self.flow}
        if self.lang:
            data["lang"] = self.lang
        data["client"] = dict(self.client)
        data["provider"] = dict(self.provider)
        data["answers"] = answers
        for key in ("notes", "skipped", "letter", "votes", "log", "lessons"):
            value = getattr(self, key)
            if value:
                data[key] = value
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


def _err(path: Path, data: Any, loc: tuple[Any, ...], message: str) -> PartwaysError:
    key = ".".join(str(p) for p in loc) if loc else None
    return PartwaysError(message, file=path, line=line_at(data, loc), key=key)


def _mapping(path: Path, data: Any, key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _err(path, data, (key,), "expected a mapping")
    return value


def _strings(path: Path, data: Any, key: str) -> dict[str, str]:
    mapping = _mapping(path, data, key)
    out: dict[str, str] = {}
    for k, v in mapping.items():
        if v is None:
            continue
        if not isinstance(v, str | int | float) or isinstance(v, bool):
            raise _err(path, data, (key, k), "expected a text")
        out[str(k)] = str(v)
    return out


def parse_case(data: Any, path: Path) -> Case:
    """Check the structure of a case file (answers are checked later, against their flow)."""
    if not isinstance(data, dict):
        raise PartwaysError(
            "a case file must be a YAML mapping (format, flow, answers…)", file=path
        )
    fmt = data.get("format")
    if fmt is None:
        raise PartwaysError(
            f"missing; add 'format: {CASE_FORMAT}' at the top", file=path, key="format"
        )
    if fmt != CASE_FORMAT:
        match = re.fullmatch(r"partways/(\d+)", str(fmt)) if fmt is not None else None
        if match and int(match.group(1)) > 1:
            raise _err(
                path,
                data,
                ("format",),
                f"written by a newer partways ({fmt}); this version reads {CASE_FORMAT} — "
                "upgrade partways to open it",
            )
        raise _err(
            path,
            data,
            ("format",) if "format" in data else (),
            f"format must be '{CASE_FORMAT}' (found {fmt!r})",
        )
    flow = data.get("flow", "client-review")
    if not isinstance(flow, str) or not flow:
        raise _err(path, data, ("flow",), "expected a flow id such as client-review")
    lang = data.get("lang")
    if lang is not None and lang not in LANGS:
        raise _err(path, data, ("lang",), f"{lang!r} is not a language: use fr or en")
    answers = _mapping(path, data, "answers")
    notes = _strings(path, data, "notes")
    skipped = data.get("skipped") or []
    if not isinstance(skipped, list) or not all(isinstance(s, str) for s in skipped):
        raise _err(path, data, ("skipped",), "expected a list of question ids")
    letter = _mapping(path, data, "letter")
    votes_raw = _mapping(path, data, "votes")
    votes: dict[str, dict[str, int]] = {}
    for qid, counts in votes_raw.items():
        if not isinstance(counts, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts.values()
        ):
            raise _err(
                path, data, ("votes", qid), "expected answer: count pairs (whole numbers ≥ 0)"
            )
        votes[str(qid)] = {str(k): int(v) for k, v in counts.items()}
    log = data.get("log") or []
    if not isinstance(log, list) or not all(isinstance(e, dict) for e in log):
        raise _err(path, data, ("log",), "expected a list of entries (date, kind, text)")
    lessons = _strings(path, data, "lessons")
    return Case(
        flow=flow,
        lang=lang,
        client=_strings(path, data, "client"),
        provider=_strings(path, data, "provider"),
        answers=dict(answers),
        notes=notes,
        skipped=list(skipped),
        letter=dict(letter),
        votes=votes,
        log=[dict(e) for e in log],
        lessons=lessons,
        extra={k: v for k, v in data.items() if k not in _KNOWN},
        path=path,
    )


def check_answers(case: Case, flow: Flow, data: Any = None) -> None:
    """Every answer must name a question of the flow and fit it; errors name file, line, key."""
    path = case.path or Path("<case>")
    by_id = flow.by_id
    for qid, value in case.answers.items():
        question = by_id.get(qid)
        if question is None:
            raise _err(
                path,
                data,
                ("answers", qid),
                f"no question '{qid}' in flow {flow.id}; remove it or fix the id",
            )
        try:
            case.answers[qid] = check(question, value)
        except AnswerError as exc:
            raise _err(path, data, ("answers", qid), exc.message) from None


def load_case(path: str | Path, flow: Flow | None = None) -> Case:
    """Read and check a case file. With a flow, answers are checked against it too."""
    path = Path(path)
    data = load_yaml(path)
    case = parse_case(data, path)
    if flow is not None:
        check_answers(case, flow, data)
    return case


def save_case(case: Case, path: str | Path | None = None, flow: Flow | None = None) -> Path:
    target = Path(path) if path is not None else case.path
    if target is None:
        raise PartwaysError("no file to save the case to")
    write_atomic(target, dump_yaml(case.to_data(flow)))
    case.path = target
    return target


def open_case(path: str | Path, flow_ref: str | Path | None = None) -> tuple[Case, Flow]:
    """Read a case and its flow (`flow_ref` overrides the case's own), answers checked."""
    from partways.flow import load_flow

    path = Path(path)
    data = load_yaml(path)
    case = parse_case(data, path)
    ref: str | Path = flow_ref or case.flow
    if not flow_ref and str(ref).endswith((".yaml", ".yml")) and not Path(ref).is_absolute():
        ref = path.parent / ref  # a flow path written in a case is relative to the case file
    flow = load_flow(ref)
    if flow_ref:
        case.flow = flow.ref
    check_answers(case, flow, data)
    return case, flow
