"""Every client at a glance: one summary row per case file, overdue reviews first.

A consultancy may keep thousands of cases, so each file's row is kept in an index in the user
cache folder keyed by the file's name, size and mtime: a warm listing only stats the folder.
The index is checked, never trusted (like the parsed-flow cache): any unexpected shape, a
symlink, a file too large or of another version, and it is a miss and the rows are read again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import marshal
import os
import re
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import PartwaysError
from partways.history import AT_RISK, ht, next_review, trend

if TYPE_CHECKING:
    from partways.flow import Flow


@functools.cache
def _resolver() -> Any:
    """PyYAML's resolver, for the rare scalar the scanner cannot type alone; imported on first
    use, so a listing served from the index (the start screen's) needs no PyYAML."""
    import yaml

    return yaml.resolver.Resolver()


_INDEX_FORMAT = "partways-portfolio/2"
_INDEX_MAX = 256 * 1024 * 1024
#: Fields of a Row stored in the index, in order (dates as ISO text).
_FIELDS = (
    "client",
    "verdict",
    "rule",
    "assessed",
    "friction_pct",
    "trend",
    "service_ratio_pct",
    "revenue_share",
    "review",
    "error",
    "done",
    "questions",
)


@dataclass(slots=True)
class Row:
    path: str
    client: str
    verdict: str | None = None
    rule: str | None = None
    #: Date of the last recorded assessment (None: verdict computed, never recorded).
    assessed: str | None = None
    friction_pct: float | None = None
    trend: str = ""
    service_ratio_pct: float | None = None
    revenue_share: float | None = None
    #: Next review date (ISO), None when not known.
    review: str | None = None
    #: Why the file could not be read (one line), None when it could.
    error: str | None = None
    #: For a case not finished yet (no verdict): questions done (answered or "don't know")
    #: and relevant questions so far; None for a case with a verdict or an unknown flow.
    done: int | None = None
    questions: int | None = None

    #: The review date is past (set by `portfolio`, from today's date: never stored).
    overdue: bool = False

    @property
    def in_progress(self) -> bool:
        """No verdict yet, and how far the answers got is known."""
        return self.verdict is None and self.questions is not None

    @property
    def at_risk(self) -> bool:
        return self.verdict in AT_RISK


def _today_iso() -> str:
    from partways.formats import today

    return _iso(today())


@functools.cache
def _iso(day: dt.date) -> str:
    return day.isoformat()


# -- one case ------------------------------------------------------------------------------------
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
#: Top-level keys the fast path reads; the others (answers, notes, letters…) are skipped.
_WANTED = ("format", "flow", "client", "next_review")


#: Lines starting at column 0 that are neither indented, a comment nor a `- ` list item.
_COL0 = re.compile(r"\n(?:[^ \t\r\n#-]|-(?! ))[^\n]*")  # a literal "\n" first: a fast scan
_ITEM = re.compile(r"\n- ")
#: What might be a YAML anchor or alias (refused by the full read): such a file is read whole.
_ALIAS = re.compile(r"(?:[:\-] +|[\[{,] *|^ *)[&*]", re.M)


def _chunks(text: str) -> dict[str, str] | None:
    """The file's top-level keys and their text, found by one scan in C; None when the layout
    is anything but plain block YAML (documents, directives, a key seen twice…)."""
    if text.startswith(("- ", "-\n")):
        return None
    body = "\n" + text
    marks = list(_COL0.finditer(body))
    head = body[: marks[0].start()] if marks else body
    if any(line.strip() and not line.lstrip().startswith("#") for line in head.splitlines()):
        return None
    chunks: dict[str, str] = {}
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        key = _TOP_KEY.match(m.group(0), 1)
        if key is None or key.group(1) in chunks:
            return None
        chunks[key.group(1)] = body[m.start() + 1 : nxt.start() if nxt else len(body)]
    return chunks


#: Where an entry's `answers:` block ends: the next line indented two spaces or less.
_BLOCK_END = re.compile(r"\n(?! {3})")


def _entry_lines(item: str) -> list[str]:
    """A history entry's lines without its `answers:` block, the bulk of it, which a row does
    not need (safe_dump indents the block's lines by four spaces or more)."""
    start = item.find("\n  answers:")
    if start >= 0:
        end = _BLOCK_END.search(item, start + 1)
        item = item[:start] + (item[end.start() :] if end else "")
    return item.splitlines()


class _Unusual(Exception):
    """The scanner met something beyond the plain layout partways writes: read with YAML."""


_SIMPLE_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_SIMPLE_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_SIMPLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Plain words YAML 1.1 does not read as text.
_YAML_WORDS = frozenset(("yes", "no", "true", "false", "on", "off", "y", "n", "null"))
_LINE = re.compile(r"( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?")


#: Scalars already read (verdicts, answers, currencies repeat across thousands of files); the
#: values are immutable, so sharing them is safe. Bounded: cleared when it grows past the cap.
_SCALARS: dict[str, Any] = {}
_SCALARS_MAX = 50_000


def _scalar(raw: str) -> Any:
    """One scalar as YAML reads it, for the plain forms `yaml.safe_dump` writes; anything
    else (double quotes, flow collections, tags, comments, odd numbers) raises _Unusual."""
    try:
        return _SCALARS[raw]
    except KeyError:
        pass
    value = _read_scalar(raw)
    if len(raw) <= 64:
        if len(_SCALARS) >= _SCALARS_MAX:
            _SCALARS.clear()
        _SCALARS[raw] = value
    return value


def _clean(text: str) -> str:
    from partways.errors import clean_text

    return text if text.isprintable() else clean_text(text)


def _read_scalar(raw: str) -> Any:
    raw = raw.strip()
    if not raw or raw in ("null", "~"):
        return None
    if raw[0] == "'":
        inner = raw[1:-1]
        if len(raw) < 2 or raw[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unusual
        return _clean(inner.replace("''", "'"))
    if raw[0] in '"[]{}&*!|>%@`#,?:-' or " #" in raw or ": " in raw or raw.endswith(":"):
        raise _Unusual
    if raw in ("true", "false"):
        return raw == "true"
    if _SIMPLE_INT.fullmatch(raw):
        return int(raw)
    if _SIMPLE_FLOAT.fullmatch(raw):
        return float(raw)
    if _SIMPLE_DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise _Unusual from None
    if raw[0].isalpha() and raw.lower() not in _YAML_WORDS:
        return _clean(raw)  # only the booleans and null start with a letter
    import yaml

    tag = _resolver().resolve(yaml.ScalarNode, raw, (True, False))
    if tag != "tag:yaml.org,2002:str":  # yes/no/on/off, 1_000, .inf, sexagesimal…
        raise _Unusual
    return _clean(raw)


def _scan_block(lines: list[str], indent: int) -> dict[str, Any]:
    """`key: scalar` lines at `indent`, one level of `key:` + deeper `key: scalar` lines."""
    out: dict[str, Any] = {}
    sub: dict[str, Any] | None = None
    for line in lines:
        m = _LINE.fullmatch(line)
        if m is None:
            raise _Unusual
        spaces, dash, key, value = m.groups()
        if dash:
            raise _Unusual
        depth = len(spaces)
        if depth == indent:
            if key in out:
                raise _Unusual
            if value is None or not value.strip():
                sub = out[key] = {}
            else:
                out[key], sub = _scalar(value), None
        elif depth > indent and sub is not None:
            if value is None or key in sub:
                raise _Unusual
            sub[key] = _scalar(value)
        else:
            raise _Unusual
    return out


def _scan_list(lines: list[str]) -> list[Any]:
    """`- scalar` lines (a list such as `skipped:` as safe_dump writes it)."""
    out = []
    for line in lines:
        if not line.startswith("- "):
            raise _Unusual
        out.append(_scalar(line[2:]))
    return out


def _scan(parts: dict[str, list[str]], kept: list[list[str]]) -> dict[str, Any]:
    """The data `parse_yaml` would give for the kept lines, read without a YAML parser."""
    data: dict[str, Any] = {}
    for key, lines in parts.items():
        m = _LINE.fullmatch(lines[0])
        if m is None or m.group(1) or m.group(2):
            raise _Unusual
        if m.group(4) is not None and m.group(4).strip():
            if len(lines) > 1:
                raise _Unusual
            data[key] = _scalar(m.group(4))
        elif lines[1:2] and lines[1].startswith("- "):
            data[key] = _scan_list(lines[1:])
        else:
            data[key] = _scan_block(lines[1:], 2)
    if kept:
        data["history"] = [_scan_block(["  " + item[0][2:], *item[1:]], 2) for item in kept]
    return data


def _fast_case(text: str, path: Path) -> Any:
    """The case as `parse_case` sees it, built from only the top-level keys a row needs and
    the last two history entries (without their answers): the same checks on a fraction of
    the text, read by a scanner for the plain layout partways writes (YAML when it meets
    anything else). A case without history keeps its answers (its verdict is computed from
    them). None for an unusual layout; the caller then reads the whole file, which also gives
    any error its right line. Returns (case, whether its verdict must be computed)."""
    from partways.case import parse_case
    from partways.yamlio import parse_yaml

    odd = ("&" in text or "*" in text) and _ALIAS.search(text) is not None
    chunks = None if odd else _chunks(text)
    if chunks is None:
        return None
    wanted = [*_WANTED, "answers", "skipped"] if "history" not in chunks else list(_WANTED)
    parts = {k: chunks[k].splitlines() for k in wanted if k in chunks}
    kept: list[list[str]] = []
    if "history" in chunks:
        block = chunks["history"]
        starts = [m.start() + 1 for m in _ITEM.finditer(block)]
        if not starts or block[: starts[0]].strip() != "history:":
            return None  # an indented list or an inline one: read it all
        spans = list(zip(starts, [*starts[1:], len(block)], strict=True))[-2:]
        kept = [_entry_lines(block[a:b]) for a, b in spans]
        if not all(kept):
            return None
    try:
        data = _scan(parts, kept)
    except _Unusual:
        lines = [line for k in wanted if k in parts for line in parts[k]]
        if kept:
            lines += ["history:", *(line for k in kept for line in k)]
        data = parse_yaml("\n".join(lines), path)
    return parse_case(data, path), "history" not in chunks


def _raw_name(data: Any) -> str | None:
    """The client's name in a file that fails its checks, so the row still says who it is."""
    client = data.get("client") if isinstance(data, dict) else None
    name = client.get("name") if isinstance(client, dict) else None
    return name if isinstance(name, str) and name.isprintable() and name else None


def summarize(path: Path, flows: dict[str, Flow | None]) -> Row:
    """A case file's row: its last recorded assessment, else its verdict computed now when
    complete; a file that cannot be read gets a row saying why (the listing never fails)."""
    from partways.case import check_answers, parse_case
    from partways.files import read_text
    from partways.yamlio import parse_yaml

    data: Any = None
    try:
        text = read_text(path)
        fast = None
        with contextlib.suppress(PartwaysError):
            fast = _fast_case(text, path)
        if fast is None:
            data = parse_yaml(text, path)
            case = parse_case(data, path)
        else:
            case = fast[0]
    except PartwaysError as exc:
        return Row(str(path), _raw_name(data) or path.stem, error=exc.one_line())
    client = str(case.client.get("name") or path.stem)
    review = next_review(case)
    review_text = review.isoformat() if review else None
    if case.history:
        last = case.history[-1]
        figures = last.get("figures", {})
        return Row(
            str(path),
            client,
            verdict=last.get("verdict"),
            rule=last.get("rule"),
            assessed=last["date"].isoformat(),
            friction_pct=last.get("friction_pct"),
            trend=trend(case.history),
            service_ratio_pct=figures.get("service_ratio_pct"),
            revenue_share=figures.get("revenue_share"),
            review=review_text,
        )
    flow = _flow(case.flow, path, flows)
    if flow is None:
        return Row(str(path), client, review=review_text)
    try:
        check_answers(case, flow, data)
    except PartwaysError as exc:
        if data is not None:
            return Row(str(path), client, error=exc.one_line())
        try:  # the fast read's lines are not the file's: read it whole for the error's line
            data = parse_yaml(text, path)
            check_answers(parse_case(data, path), flow, data)
        except PartwaysError as full:
            exc = full
        return Row(str(path), client, error=exc.one_line())
    from partways.assessment import compute_figures, evaluate
    from partways.engine import Engine

    engine = Engine(flow, case.answers, case.skipped)
    if engine.missing_required():  # not a verdict yet: the row says who and how far along
        progress = engine.progress()
        return Row(
            str(path),
            client,
            review=review_text,
            done=progress.done,
            questions=progress.total,
        )
    # what `assess_engine` decides, without the reasons, steps and texts a row does not show
    answers = engine.effective_answers()
    figures = compute_figures(flow, answers)
    env, rule = evaluate(flow, answers, figures)
    return Row(
        str(path),
        client,
        verdict=rule.verdict,
        rule=rule.id,
        friction_pct=env["friction_pct"],
        service_ratio_pct=figures.get("service_ratio_pct"),
        revenue_share=figures.get("revenue_share"),
        review=review_text,
    )


def _flow(ref: str, path: Path, flows: dict[str, Flow | None]) -> Flow | None:
    """Flows loaded once per listing; a flow given as a path is relative to its case."""
    from partways.flow import load_flow

    key = ref
    if ref.endswith((".yaml", ".yml")) and not Path(ref).is_absolute():
        key = str(path.parent / ref)
    if key not in flows:
        try:
            flows[key] = load_flow(key)
        except PartwaysError:
            flows[key] = None
    return flows[key]


# -- the index -----------------------------------------------------------------------------------
def index_path(folder: Path) -> Path:
    from partways.paths import yaml_cache_dir
    from partways.yaml_cache import checksum_name

    # named after the folder's path (the index holds the path it lists)
    key = checksum_name(str(folder.resolve()).encode("utf-8", "surrogateescape"))
    return yaml_cache_dir().parent / "portfolio" / f"{key}.marshal"


def _valid_row(value: Any) -> bool:
    if type(value) is not tuple or len(value) != len(_FIELDS):
        return False
    types = (
        (str,),
        (str, type(None)),
        (str, type(None)),
        (str, type(None)),
        (float, int, type(None)),
        (str,),
        (float, int, type(None)),
        (float, int, type(None)),
        (str, type(None)),
        (str, type(None)),
        (int, type(None)),
        (int, type(None)),
    )
    return all(type(v) in t for v, t in zip(value, types, strict=True))


def _read_index(entry: Path, folder: str) -> dict[str, tuple[int, int, tuple[Any, ...]]]:
    """The stored rows, or {} for anything unexpected (a miss, never an error)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(entry, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _INDEX_MAX:
            return {}
        with os.fdopen(fd, "rb", closefd=False) as fh:
            blob = fh.read(_INDEX_MAX + 1)
    except OSError:
        return {}
    finally:
        os.close(fd)
    try:
        stored = marshal.loads(blob)
        if not (
            type(stored) is tuple
            and len(stored) == 4
            and stored[0] == _INDEX_FORMAT
            and stored[1] == folder
            and stored[2] == sys.version_info[:2]
            and type(stored[3]) is dict
        ):
            return {}
        rows: dict[str, tuple[int, int, tuple[Any, ...]]] = stored[3]
        for name, item in rows.items():
            if not (
                type(name) is str
                and type(item) is tuple
                and len(item) == 3
                and type(item[0]) is int
                and type(item[1]) is int
                and _valid_row(item[2])
            ):
                return {}
        return rows
    except Exception:  # noqa: BLE001 - a corrupt index is a miss
        return {}


def _write_index(entry: Path, folder: str, rows: dict[str, Any]) -> None:
    from partways.files import make_private_dir, write_atomic

    with contextlib.suppress(PartwaysError, OSError, ValueError):
        make_private_dir(entry.parent)
        payload = (_INDEX_FORMAT, folder, sys.version_info[:2], rows)
        write_atomic(entry, marshal.dumps(payload))


def _case_files(folder: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of each visible `*.yaml` regular file in the folder."""
    out = []
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.startswith(".") or not e.name.endswith((".yaml", ".yml")):
                    continue
                try:
                    info = e.stat()
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    out.append((e.name, info.st_size, info.st_mtime_ns))
    except OSError:
        return []
    return out


def portfolio(folder: Path, use_index: bool = True) -> list[Row]:
    """Every case in `folder`, overdue reviews first, then by review date, then by client."""
    folder = Path(folder)
    key = str(folder.resolve())
    entry = index_path(folder)
    stored = _read_index(entry, key) if use_index else {}
    fresh: dict[str, tuple[int, int, tuple[Any, ...]]] = {}
    flows: dict[str, Flow | None] = {}
    rows: list[Row] = []
    changed = False
    prefix = str(folder / "_")[:-1]  # as str(folder / name) writes it, without a Path each
    files = _case_files(folder)
    misses = [
        name
        for name, size, mtime in files
        if (item := stored.get(name)) is None or item[0] != size or item[1] != mtime
    ]
    read = _summarize_many(folder, misses, flows)
    for name, size, mtime in files:
        values = read.get(name)
        if values is None:
            values = stored[name][2]
        else:
            changed = True
        fresh[name] = (size, mtime, values)
        rows.append(Row(prefix + name, *values))
    if use_index and (changed or len(fresh) != len(stored)):
        _write_index(entry, key, fresh)
    return sort_rows(rows)


def _values(row: Row) -> tuple[Any, ...]:
    return tuple(getattr(row, f) for f in _FIELDS)


def _summarize_many(
    folder: Path, names: list[str], flows: dict[str, Flow | None]
) -> dict[str, tuple[Any, ...]]:
    """The rows of the files not in the index (read one after the other: worker processes
    were tried and measured no faster on this 2-core machine, see README Performance)."""
    return {name: _values(summarize(folder / name, flows)) for name in names}


def mark_overdue(rows: list[Row]) -> list[Row]:
    """Set `overdue` on each row from today's date (rows read from the index carry none)."""
    today = _today_iso()
    for row in rows:
        row.overdue = row.review is not None and row.review < today
    return rows


def sort_rows(rows: list[Row]) -> list[Row]:
    mark_overdue(rows)
    return sorted(
        rows,
        key=lambda r: (not r.overdue, r.review is None, r.review or "", r.client.casefold()),
    )


def at_risk_share(rows: list[Row]) -> float:
    """Share of revenue summed over clients whose verdict is part_ways or renegotiate."""
    return round(sum(r.revenue_share or 0.0 for r in rows if r.at_risk), 1)


# -- output --------------------------------------------------------------------------------------
def clients_json(rows: list[Row]) -> dict[str, Any]:
    from partways.formats import today

    return {
        "today": today().isoformat(),
        "count": len(rows),
        "overdue": sum(r.overdue for r in rows),
        "at_risk_share": at_risk_share(rows),
        "clients": [
            {
                **{k: v for k, v in asdict(r).items() if k != "review"},
                "next_review": r.review,
                "overdue": r.overdue,
            }
            for r in rows
        ],
    }


def _labels(lang: str) -> dict[str, str]:
    from partways.flow import load_flow
    from partways.i18n import tr

    try:
        flow = load_flow()
    except PartwaysError:
        return {}
    return {k: tr(v.label, lang) for k, v in flow.verdicts.items()}


@functools.lru_cache(maxsize=4096)
def _pct(value: float | None, lang: str) -> str:
    from partways.formats import format_number

    if value is None:
        return "—"
    return format_number(value, lang) + (" %" if lang == "fr" else "%")


def row_cells(row: Row, lang: str, labels: dict[str, str]) -> list[str]:
    """The cells of a row as the table and `partways clients` show them."""
    if row.error:
        return [row.client, "⚠ " + row.error, "", "", "", "", ""]
    verdict = labels.get(row.verdict or "", row.verdict or "—")
    if row.in_progress:
        verdict = ht("in_progress", lang, done=row.done, total=row.questions)
    friction = f"{_pct(row.friction_pct, lang)} {row.trend}".strip()
    review = row.review or "—"  # ISO: sorts, aligns and reads the same in both languages
    if row.overdue:
        review = f"{review} ({ht('overdue', lang)})"
    return [
        row.client,
        verdict,
        row.assessed or "—",
        friction,
        _pct(row.service_ratio_pct, lang),
        _pct(row.revenue_share, lang),
        review,
    ]


def headers(lang: str) -> list[str]:
    return [
        ht(k, lang)
        for k in (
            "client",
            "verdict",
            "assessed",
            "friction",
            "ratio_short",
            "share_short",
            "next_review",
        )
    ]


def summary_line(rows: list[Row], lang: str) -> str:
    return ht(
        "portfolio_total",
        lang,
        count=len(rows),
        overdue=sum(r.overdue for r in rows),
        share=_pct(at_risk_share(rows), lang),
    )


def clients_lines(rows: list[Row], lang: str) -> list[str]:
    """A plain-text table: fixed columns, widths from the content (capped for long names)."""
    labels = _labels(lang)
    table = [headers(lang), *(row_cells(r, lang, labels) for r in rows)]
    widths = [min(32, max(len(c[i]) for c in table)) for i in range(len(table[0]))]
    out = []
    for cells in table:
        parts = [
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ]
        out.append("  ".join(parts).rstrip())
    return [*out, "", summary_line(rows, lang)]
