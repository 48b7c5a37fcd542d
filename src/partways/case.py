"""Case files: the one place a user's answers live, read and written per the v1 contract.

Unknown keys are carried through untouched so a file written by a newer minor tool, or by hand,
loses nothing when an older partways saves it again.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import field
from pathlib import Path
from typing import Any

from partways.answers import check
from partways.errors import AnswerError, PartwaysError
from partways.files import clean_stale_temps, write_atomic
from partways.flow import LETTER_KINDS, Flow
from partways.history import check_history_answers, parse_history, parse_next_review
from partways.i18n import LANGS
from partways.record import record
from partways.yamlio import dump_yaml, line_at, load_yaml, parse_yaml

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
    "steps_done",
    "history",
    "next_review",
)
#: The largest amount a letter states (a monthly fee): the flow's `monthly_fee` has the same cap.
MAX_MONEY = 1_000_000_000

#: Kinds of entry in the communications log (`partways workshop`, case `log:`).
LOG_KINDS = ("email", "call", "meeting", "invoice_reminder", "other")

#: How the letter addresses the client's contact: Madame / Monsieur, or neither (the default).
CIVILITIES = ("ms", "mr", "none")
#: Fields printed on one line of a letter (salutation, signature, date line): a line break in
#: them would break the letter's layout, so it is refused where the file is read.
_ONE_LINE = {
    "client": ("name", "contact"),
    "provider": ("name", "signer", "city", "role"),
}
#: Keys of the old single edited letter (before `letter.texts`), read and migrated on load.
_OLD_LETTER_KEYS = ("text", "kind", "lang")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: Any) -> dt.date:
    """A date written `YYYY-MM-DD` (or already read as a date by YAML); ValueError otherwise.

    Strict on purpose: `fromisoformat` alone would also take `20260301` or week dates, which a
    person typing a contract date never means, and a mistyped date must not slip into a letter.
    """
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date without a time, written YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:  # 2026-02-30
            raise ValueError(f"not a real date ({exc})") from None
    raise ValueError("expected a date written YYYY-MM-DD")


def role_in(role: Any, lang: str) -> str:
    """A role in `lang`: a plain string serves both languages; a `{fr, en}` mapping gives its
    entry for `lang` and nothing else, since a French title in an English letter reads wrong."""
    if isinstance(role, dict):
        value = role.get(lang)
        return value if isinstance(value, str) else ""
    return role if isinstance(role, str) else ""


@record(frozen=False)
class Case:
    flow: str = "client-review"
    lang: str | None = None
    #: name, contact, email, civility (one of CIVILITIES; absent means "none").
    client: dict[str, str] = field(default_factory=dict)
    #: name, signer, email, city, role (a string, or `{fr: …, en: …}`: read it with `role()`).
    provider: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    #: Letter details: new_lead, new_fee, start_date, next_provider, contract_date (a date), and
    #: `texts`, the user's edited letters as {kind: {lang: text}}.
    letter: dict[str, Any] = field(default_factory=dict)
    #: Workshop data: votes per question, the communications log, lessons learnt.
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    log: list[dict[str, Any]] = field(default_factory=list)
    lessons: dict[str, str] = field(default_factory=dict)
    #: Action steps the user ticked on the verdict screen (step ids), shown ticked in the report.
    steps_done: list[str] = field(default_factory=list)
    #: Dated assessments, oldest first (see partways.history); absent from older files.
    history: list[dict[str, Any]] = field(default_factory=list)
    #: The review date the user chose; None: the last assessment's default.
    next_review: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    # -- details a letter needs ----------------------------------------------------------------
    def civility(self) -> str:
        """`ms`, `mr` or `none`: how the letter greets the client's contact."""
        value = self.client.get("civility")
        return value if value in CIVILITIES else "none"

    def role(self, lang: str) -> str:
        """The signer's role in `lang` ("" when none is given for that language)."""
        return role_in(self.provider.get("role"), lang)

    def set_role(self, lang: str, text: str) -> None:
        """Change the role as one language shows it: a per-language role keeps the other
        language's entry; a plain (or absent) role stays a plain string for both."""
        text = text.strip()
        current = self.provider.get("role")
        if isinstance(current, dict):
            role = {k: v for k, v in current.items() if k != lang}
            if text:
                role[lang] = text
            if role:
                self.provider["role"] = role
            else:
                self.provider.pop("role", None)
        elif text:
            self.provider["role"] = text
        else:
            self.provider.pop("role", None)

    def contract_date(self) -> dt.date | None:
        """The date of the agreement with the client, when known (checked when read)."""
        value = self.letter.get("contract_date")
        return value if isinstance(value, dt.date) else None

    # -- edited letters ------------------------------------------------------------------------
    def letter_texts(self) -> dict[str, dict[str, str]]:
        """The user's edited letters, {kind: {lang: text}} (read-only view of `letter.texts`)."""
        texts = self.letter.get("texts")
        return texts if isinstance(texts, dict) else {}

    def letter_text(self, kind: str, lang: str) -> str | None:
        """The edited text of one letter kind in one language, if the user wrote one."""
        text = self.letter_texts().get(kind, {}).get(lang)
        return text if isinstance(text, str) and text.strip() else None

    def set_letter_text(self, kind: str, lang: str, text: str | None) -> None:
        """Keep (or, with None or blank text, forget) the edit of one kind in one language;
        edits of other kinds and languages are never touched."""
        texts = {k: dict(v) for k, v in self.letter_texts().items()}
        entry = texts.setdefault(kind, {})
        if text is not None and text.strip():
            entry[lang] = text
        else:
            entry.pop(lang, None)
        texts = {k: v for k, v in texts.items() if v}
        if texts:
            self.letter["texts"] = texts
        else:
            self.letter.pop("texts", None)

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
        for key in ("notes", "skipped", "letter", "votes", "log", "lessons", "steps_done"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.history:
            data["history"] = [_entry_data(e, order) for e in self.history]
        if self.next_review is not None:
            data["next_review"] = self.next_review
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


def _entry_data(entry: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """A history entry as written: its answers in flow order, like the case's own."""
    answers = entry.get("answers", {})
    ordered = {k: answers[k] for k in order if k in answers}
    ordered.update({k: v for k, v in answers.items() if k not in ordered})
    return {**entry, "answers": ordered}


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


def _one_line(path: Path, data: Any, loc: tuple[Any, ...], value: str) -> str:
    if "\n" in value or "\r" in value:
        raise _err(path, data, loc, "must fit on one line: remove the line break")
    return value


def _party(path: Path, data: Any, key: str) -> dict[str, Any]:
    """Client or provider: texts, plus the provider's per-language role and the civility."""
    mapping = _mapping(path, data, key)
    out: dict[str, Any] = {}
    for k, v in mapping.items():
        k = str(k)
        if v is None:
            continue
        if key == "provider" and k == "role" and isinstance(v, dict):
            role: dict[str, str] = {}
            for lang, text in v.items():
                if lang not in LANGS:
                    raise _err(
                        path, data, (key, k, lang), f"{lang!r} is not a language: use fr or en"
                    )
                if text is None:
                    continue
                if not isinstance(text, str):
                    raise _err(path, data, (key, k, lang), "expected a text")
                role[lang] = _one_line(path, data, (key, k, lang), text)
            if role:
                out[k] = role
            continue
        if not isinstance(v, str | int | float) or isinstance(v, bool):
            expected = "a text, or {fr: …, en: …}" if k == "role" else "a text"
            raise _err(path, data, (key, k), f"expected {expected}")
        text = str(v)
        if key == "client" and k == "civility" and text not in CIVILITIES:
            raise _err(path, data, (key, k), f"{text!r} is not one of {', '.join(CIVILITIES)}")
        if k in _ONE_LINE.get(key, ()):
            _one_line(path, data, (key, k), text)
        out[k] = text
    return out


def _letter(path: Path, data: Any, case_lang: str | None) -> dict[str, Any]:
    """Letter details, with the edited letters as a {kind: {lang: text}} table.

    Files written before that table hold one edit as `text` + `kind` + `lang`; it is read as one
    entry of the table (the table wins if both name the same letter), and the old keys go, so
    the next save writes the new form only.
    """
    letter = dict(_mapping(path, data, "letter"))
    if letter.get("contract_date") is not None:
        try:
            letter["contract_date"] = parse_date(letter["contract_date"])
        except ValueError as exc:
            value = letter["contract_date"]
            shown = repr(value) if isinstance(value, str) else str(value)
            raise _err(path, data, ("letter", "contract_date"), f"{shown}: {exc}") from None
    if letter.get("new_fee") is not None:
        fee = letter["new_fee"]
        try:
            ok = isinstance(fee, int | float) and not isinstance(fee, bool)
            ok = ok and math.isfinite(fee) and 0 <= fee <= MAX_MONEY
        except OverflowError:  # an integer of hundreds of digits
            ok = False
        if not ok:
            raise _err(
                path, data, ("letter", "new_fee"), f"expected an amount from 0 to {MAX_MONEY:,}"
            )
    for key in ("next_provider",):
        value = letter.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 200):
            raise _err(path, data, ("letter", key), "expected a name (a text of one line)")
    texts: dict[str, dict[str, str]] = {}
    raw = letter.get("texts")
    if raw is not None and not isinstance(raw, dict):
        raise _err(path, data, ("letter", "texts"), "expected kind: {fr: …, en: …} pairs")
    for kind, by_lang in (raw or {}).items():
        loc = ("letter", "texts", kind)
        if kind not in LETTER_KINDS:
            raise _err(
                path, data, loc, f"{kind!r} is not a letter kind: use {', '.join(LETTER_KINDS)}"
            )
        if not isinstance(by_lang, dict):
            raise _err(path, data, loc, "expected {fr: …, en: …}")
        for lang, text in by_lang.items():
            if lang not in LANGS:
                raise _err(path, data, (*loc, lang), f"{lang!r} is not a language: use fr or en")
            if text is None:
                continue
            if not isinstance(text, str):
                raise _err(path, data, (*loc, lang), "expected the letter's text")
            texts.setdefault(str(kind), {})[str(lang)] = text
    old = letter.get("text")
    if old is not None and not isinstance(old, str):
        raise _err(path, data, ("letter", "text"), "expected the letter's text")
    if isinstance(old, str) and not old.strip():
        for key in _OLD_LETTER_KEYS:  # an emptied edit: nothing to keep
            letter.pop(key, None)
    elif isinstance(old, str) and letter.get("kind") is not None:
        kind, lang = letter.get("kind"), letter.get("lang") or case_lang or "en"
        if kind not in LETTER_KINDS:
            raise _err(
                path,
                data,
                ("letter", "kind"),
                f"{kind!r} is not a letter kind: use {', '.join(LETTER_KINDS)}",
            )
        if lang not in LANGS:
            raise _err(path, data, ("letter", "lang"), f"{lang!r} is not a language: use fr or en")
        texts.setdefault(kind, {}).setdefault(lang, old)
        for key in _OLD_LETTER_KEYS:
            letter.pop(key, None)
    letter.pop("texts", None)
    if texts:
        letter["texts"] = texts
    return letter


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
    letter = _letter(path, data, lang)
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
    for i, entry in enumerate(log):
        if entry.get("kind") not in LOG_KINDS:
            where = ("log", i, "kind") if "kind" in entry else ("log", i)
            raise _err(path, data, where, f"log kind must be one of {', '.join(LOG_KINDS)}")
        if not isinstance(entry.get("text", ""), str) or not isinstance(
            entry.get("date", ""), str | dt.date
        ):
            raise _err(path, data, ("log", i), "expected a date, a kind and a text")
    lessons = _strings(path, data, "lessons")
    steps_done = data.get("steps_done") or []
    if not isinstance(steps_done, list) or not all(isinstance(s, str) for s in steps_done):
        raise _err(path, data, ("steps_done",), "expected a list of step ids")
    return Case(
        flow=flow,
        lang=lang,
        client=_party(path, data, "client"),
        provider=_party(path, data, "provider"),
        answers=dict(answers),
        notes=notes,
        skipped=list(skipped),
        letter=letter,
        votes=votes,
        log=[dict(e) for e in log],
        lessons=lessons,
        steps_done=list(dict.fromkeys(steps_done)),
        history=parse_history(path, data),
        next_review=parse_next_review(path, data),
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
    for qid, counts in case.votes.items():
        question = by_id.get(qid)
        if question is None:
            raise _err(path, data, ("votes", qid), f"no question '{qid}' in flow {flow.id}")
        if question.options:
            for answer in counts:
                if answer not in question.options:
                    raise _err(
                        path,
                        data,
                        ("votes", qid, answer),
                        f"'{answer}' is not an answer of {qid}: use {', '.join(question.options)}",
                    )
    check_history_answers(case, flow, data)


def load_case(path: str | Path, flow: Flow | None = None) -> Case:
    """Read and check a case file. With a flow, answers are checked against it too."""
    path = Path(path)
    data = load_yaml(path)
    clean_stale_temps(path)
    case = parse_case(data, path)
    if flow is not None:
        check_answers(case, flow, data)
    return case


def save_case(
    case: Case,
    path: str | Path | None = None,
    flow: Flow | None = None,
    original: str | None = None,
) -> Path:
    """Write the case atomically. `original`, the text the case was read from: when a person
    shaped it (comments, another key order or layout than partways writes), it is kept and only
    what changed is rewritten; a file partways wrote itself is simply written again."""
    target = Path(path) if path is not None else case.path
    if target is None:
        raise PartwaysError("no file to save the case to")
    write_atomic(target, case_text(case, flow, original))
    case.path = target
    return target


def case_text(
    case: Case, flow: Flow | None = None, original: str | None = None, plain: str | None = None
) -> str:
    """The text `save_case` writes (see there); `plain`, partways' own layout of the case when
    the caller has it already."""
    data = case.to_data(flow)
    text = plain if plain is not None else dump_yaml(data)
    if original is not None and original != text and _shaped_by_hand(original, case, flow):
        from partways.yamlio import dump_yaml_keeping

        return dump_yaml_keeping(original, data)
    return text


def _shaped_by_hand(original: str, case: Case, flow: Flow | None) -> bool:
    """False when `original` is exactly what partways writes for some state of the case, i.e.
    nothing a person added is at stake (no comment, the usual order): the fast writer will do."""
    if "#" in original:
        return True
    try:
        previous = parse_case(parse_yaml(original, case.path or "<case>"), case.path or Path("."))
    except PartwaysError:
        return False
    return dump_yaml(previous.to_data(flow)) != original


def open_case(
    path: str | Path, flow_ref: str | Path | None = None, data: Any = None
) -> tuple[Case, Flow]:
    """Read a case and its flow (`flow_ref` overrides the case's own), answers checked.
    `data`: the file's parsed YAML when the caller has it already (see `Session.open`)."""
    from partways.flow import load_flow

    path = Path(path)
    if data is None:
        data = load_yaml(path)
    clean_stale_temps(path)  # copies a crash during an earlier save left behind
    case = parse_case(data, path)
    ref: str | Path = flow_ref or case.flow
    if not flow_ref and str(ref).endswith((".yaml", ".yml")) and not Path(ref).is_absolute():
        ref = path.parent / ref  # a flow path written in a case is relative to the case file
    try:
        flow = load_flow(ref)
    except PartwaysError as exc:
        if flow_ref or exc.file is not None:
            raise
        raise _err(path, data, ("flow",), exc.message) from None  # the case names a bad flow
    if flow_ref:
        case.flow = flow.ref
    check_answers(case, flow, data)
    return case, flow
