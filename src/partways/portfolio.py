"""Every client at a glance: one summary row per case file, overdue reviews first.

A consultancy may keep thousands of cases, so each file's row is kept in an index in the user
cache folder keyed by the file's name, size and mtime: a warm listing only stats the folder.
The index is checked, never trusted (like the parsed-flow cache): any unexpected shape, a
symlink, a file too large or of another version, and it is a miss and the rows are read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import PartwaysError
from partways.history import AT_RISK, ht, next_review, trend

if TYPE_CHECKING:
    from partways.flow import Flow

_INDEX_FORMAT = "partways-portfolio/1"
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
)


@dataclass(frozen=True)
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

    @property
    def overdue(self) -> bool:
        from partways.money import today

        return self.review is not None and self.review < today().isoformat()

    @property
    def at_risk(self) -> bool:
        return self.verdict in AT_RISK


# -- one case ------------------------------------------------------------------------------------
def summarize(path: Path, flows: dict[str, Flow | None]) -> Row:
    """A case file's row: its last recorded assessment, else its verdict computed now when
    complete; a file that cannot be read gets a row saying why (the listing never fails)."""
    from partways.case import check_answers, parse_case
    from partways.yamlio import load_yaml

    try:
        data = load_yaml(path)
        case = parse_case(data, path)
    except PartwaysError as exc:
        return Row(str(path), path.stem, error=exc.one_line())
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
        return Row(str(path), client, error=exc.one_line())
    from partways.assessment import assess_engine
    from partways.engine import Engine

    result = assess_engine(Engine(flow, case.answers, case.skipped))
    if result.provisional:  # not a verdict yet: the row says who, not what
        return Row(str(path), client, review=review_text)
    return Row(
        str(path),
        client,
        verdict=result.verdict,
        rule=result.rule.id,
        friction_pct=result.friction_pct,
        service_ratio_pct=result.figures.get("service_ratio_pct"),
        revenue_share=result.figures.get("revenue_share"),
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

    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return yaml_cache_dir().parent / "portfolio" / f"{digest[:32]}.marshal"


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
    from partways.yamlio import make_private_dir, write_atomic

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
    for name, size, mtime in _case_files(folder):
        path = folder / name
        item = stored.get(name)
        if item is not None and item[0] == size and item[1] == mtime:
            row = Row(str(path), *item[2])
        else:
            row = summarize(path, flows)
            changed = True
        fresh[name] = (size, mtime, tuple(getattr(row, f) for f in _FIELDS))
        rows.append(row)
    if use_index and (changed or len(fresh) != len(stored)):
        _write_index(entry, key, fresh)
    return sort_rows(rows)


def sort_rows(rows: list[Row]) -> list[Row]:
    return sorted(
        rows,
        key=lambda r: (not r.overdue, r.review is None, r.review or "", r.client.casefold()),
    )


def at_risk_share(rows: list[Row]) -> float:
    """Share of revenue summed over clients whose verdict is part_ways or renegotiate."""
    return round(sum(r.revenue_share or 0.0 for r in rows if r.at_risk), 1)


# -- output --------------------------------------------------------------------------------------
def clients_json(rows: list[Row]) -> dict[str, Any]:
    from partways.money import today

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


def _pct(value: float | None, lang: str) -> str:
    from partways.money import format_number

    if value is None:
        return "—"
    return format_number(value, lang) + (" %" if lang == "fr" else "%")


def row_cells(row: Row, lang: str, labels: dict[str, str]) -> list[str]:
    """The cells of a row as the table and `partways clients` show them."""
    from partways.present import date_text

    if row.error:
        return [row.client, "⚠ " + row.error, "", "", "", "", ""]
    verdict = labels.get(row.verdict or "", row.verdict or "—")
    friction = f"{_pct(row.friction_pct, lang)} {row.trend}".strip()
    review = date_text(row.review, lang) if row.review else "—"
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
        for k in ("client", "verdict", "assessed", "friction", "ratio", "share", "next_review")
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
