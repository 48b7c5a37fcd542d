"""A client followed over time: dated assessments in the case, what changed, the next review.

The articles' advice is a process over months (raise concerns, set boundaries, review them,
warn for about two months before being firm — 003, 004), so a case keeps a `history:` list
of the verdicts it reached. Only a *decision* records an entry (the wizard or `ask` reaching a
verdict, `reassess`); a read-only `assess` never writes, so looking at a case changes nothing.
Every face calls `record_assessment`, so the rule "one entry per day, complete cases only"
lives in one place.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import AnswerError, PartwaysError
from partways.flow import VERDICTS
from partways.i18n import colon_for
from partways.messages import lookup
from partways.record import record
from partways.yamlio import line_at

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.case import Case
    from partways.flow import Flow

#: Months until the next review, per verdict (part_ways: the end of the relationship instead).
#: Keep or boundaries: a quarter, 004's "review them regularly"; a verdict that asks for a talk
#: or a new price: a month, to see how the client took it.
REVIEW_MONTHS: dict[str, int] = {
    "keep": 3,
    "set_boundaries": 3,
    "reassign_lead": 2,
    "renegotiate": 1,
    "raise_price": 1,
}
#: Once boundaries are set, check within a month that they hold (004).
AFTER_BOUNDARIES_MONTHS = 1
#: Verdicts whose share of revenue counts as "at risk" in the portfolio.
AT_RISK = ("part_ways", "renegotiate")
_FIGURES = ("service_ratio_pct", "monthly_shortfall", "revenue_share")
SPARKS = "▁▂▃▄▅▆▇█"

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "history": "History",
        "date": "Date",
        "verdict": "Verdict",
        "rule": "Rule",
        "friction": "Friction",
        "ratio": "Time spent / paid",
        "next_review": "Next review",
        "overdue": "overdue",
        "none_due": "No review is due.",
        "friction_trend": "Friction over time",
        "no_history": "No assessment recorded yet.",
        "one_entry": "Only one assessment so far ({date}): nothing to compare.",
        "changed_from": "What changed from {old} to {new}",
        "answers_changed": "Answers that changed",
        "no_answer_change": "No answer changed.",
        "figures_changed": "Figures",
        "verdict_same": "Verdict unchanged: {label} (rule {rule})",
        "verdict_changed": "Verdict: {old} → {new}, now decided by rule {rule}",
        "unanswered": "not answered",
        "unchanged": "unchanged",
        "recorded": "Recorded the assessment of {date} in {path}",
        "reassess_same": "Verdict unchanged: {label} (rule {rule})",
        "no_entry": "no assessment dated between {start} and {end}",
        "shortfall": "Monthly shortfall",
        "share": "Share of revenue",
        "client": "Client",
        "assessed": "Assessed",
        "ratio_short": "Spent/paid",
        "ratio_tiny": "Ratio",
        "share_short": "Share",
        "in_progress": "In progress {done}/{total}",
        "portfolio_total": (
            "Clients: {count} · overdue reviews: {overdue} · "
            "share of revenue at risk (part ways, renegotiate): {share}"
        ),
    },
    "fr": {
        "history": "Historique",
        "date": "Date",
        "verdict": "Verdict",
        "rule": "Règle",
        "friction": "Friction",
        "ratio": "Temps passé / payé",
        "next_review": "Prochain point",
        "overdue": "en retard",
        "none_due": "Aucun point n’est dû.",
        "friction_trend": "Friction dans le temps",
        "no_history": "Aucune évaluation enregistrée pour l’instant.",
        "one_entry": "Une seule évaluation pour l’instant ({date}) : rien à comparer.",
        "changed_from": "Ce qui a changé du {old} au {new}",
        "answers_changed": "Réponses qui ont changé",
        "no_answer_change": "Aucune réponse n’a changé.",
        "figures_changed": "Chiffres",
        "verdict_same": "Verdict inchangé : {label} (règle {rule})",
        "verdict_changed": "Verdict : {old} → {new}, décidé désormais par la règle {rule}",
        "unanswered": "sans réponse",
        "unchanged": "inchangé",
        "recorded": "Évaluation du {date} enregistrée dans {path}",
        "reassess_same": "Verdict inchangé : {label} (règle {rule})",
        "no_entry": "aucune évaluation datée entre le {start} et le {end}",
        "shortfall": "Manque à gagner mensuel",
        "share": "Part du chiffre d’affaires",
        "client": "Client",
        "assessed": "Évalué le",
        "ratio_short": "Passé/payé",
        "ratio_tiny": "Ratio",
        "share_short": "Part CA",
        "in_progress": "En cours {done}/{total}",
        "portfolio_total": (
            "Clients : {count} · points en retard : {overdue} · "
            "part du chiffre d’affaires en jeu (se séparer, renégocier) : {share}"
        ),
    },
}


def ht(key: str, lang: str, **values: object) -> str:
    """This module's words (kept apart from messages.py so the two catalogs change freely)."""
    return lookup(MESSAGES, key, lang, **values)


# -- reading -------------------------------------------------------------------------------------
def _err(path: Path, data: Any, loc: tuple[Any, ...], message: str) -> PartwaysError:
    return PartwaysError(
        message, file=path, line=line_at(data, loc), key=".".join(str(p) for p in loc)
    )


def _date(path: Path, data: Any, loc: tuple[Any, ...], value: Any) -> dt.date:
    from partways.case import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        shown = repr(value) if isinstance(value, str) else str(value)
        raise _err(path, data, loc, f"{shown}: {exc}") from None


def _number(value: Any) -> bool:
    try:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and abs(value) <= 10**15
        )
    except OverflowError:
        return False


def parse_next_review(path: Path, data: Mapping[str, Any]) -> dt.date | None:
    value = data.get("next_review")
    return None if value is None else _date(path, data, ("next_review",), value)


def parse_history(path: Path, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The `history:` list, structure checked (answers are checked against the flow later).

    Entries stay mappings so keys a newer partways adds survive a save; dates become dates.
    """
    raw = data.get("history")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _err(path, data, ("history",), "expected a list of dated assessments")
    out: list[dict[str, Any]] = []
    for i, entry in enumerate(raw):
        loc = ("history", i)
        if not isinstance(entry, dict):
            raise _err(path, data, loc, "expected date, verdict, rule, answers, figures")
        item = dict(entry)
        if entry.get("date") is None:
            raise _err(path, data, loc, "an assessment needs its date (YYYY-MM-DD)")
        item["date"] = _date(path, data, (*loc, "date"), entry["date"])
        if entry.get("next_review") is not None:
            item["next_review"] = _date(path, data, (*loc, "next_review"), entry["next_review"])
        verdict = entry.get("verdict")
        if verdict not in VERDICTS:
            raise _err(
                path,
                data,
                (*loc, "verdict") if "verdict" in entry else loc,
                f"{verdict!r} is not a verdict: use {', '.join(VERDICTS)}",
            )
        rule = entry.get("rule", "")
        if not isinstance(rule, str):
            raise _err(path, data, (*loc, "rule"), "expected a rule id")
        for key in ("answers", "figures"):
            value = entry.get(key)
            if value is not None and not isinstance(value, dict):
                raise _err(path, data, (*loc, key), "expected a mapping")
            item[key] = dict(value or {})
        for key, value in item["figures"].items():
            if key == "currency":
                if not isinstance(value, str):
                    raise _err(path, data, (*loc, "figures", key), "expected a currency code")
            elif not _number(value):
                raise _err(path, data, (*loc, "figures", key), "expected a number")
        friction = entry.get("friction_pct")
        if friction is not None and not _number(friction):
            raise _err(path, data, (*loc, "friction_pct"), "expected a percentage")
        out.append(item)
    return out


def check_history_answers(case: Case, flow: Flow, data: Any = None) -> None:
    """Answers kept in the history must fit their questions, like the case's own answers.

    A question the flow has dropped since is kept as it is: the past is not rewritten.
    """
    from partways.answers import check

    path = case.path or Path("<case>")
    for i, entry in enumerate(case.history):
        answers = entry.get("answers", {})
        for qid, value in answers.items():
            question = flow.by_id.get(qid)
            if question is None:
                continue
            try:
                answers[qid] = check(question, value)
            except AnswerError as exc:
                raise _err(path, data, ("history", i, "answers", qid), exc.message) from None


# -- next review ---------------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, the month's last day when it has fewer (31 Jan → 28 Feb)."""
    import calendar

    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def default_review(case: Case, verdict: str, answers: Mapping[str, Any], day: dt.date) -> dt.date:
    """When to look at this client again, by default, after a verdict reached on `day`.

    Parting ways: the end of the relationship (the letter's start date, else the notice,
    else 30 days), when the accounts are settled. Otherwise per REVIEW_MONTHS, a month when
    boundaries were set (are they holding?).
    """
    if verdict == "part_ways":
        given = case.letter.get("start_date")
        if given is not None:
            from partways.case import parse_date

            try:
                end = parse_date(given)
            except ValueError:
                end = None
            if end is not None and end > day:
                return end
        notice = answers.get("notice_days")
        days = (
            int(notice)
            if isinstance(notice, int | float) and _number(notice) and notice > 0
            else 30
        )
        return day + dt.timedelta(days=days)
    months = REVIEW_MONTHS.get(verdict, 3)
    if answers.get("boundaries_set") is True:
        months = min(months, AFTER_BOUNDARIES_MONTHS)
    return add_months(day, months)


def next_review(case: Case) -> dt.date | None:
    """The review date the user set or the last assessment gave (None before any)."""
    if case.next_review is not None:
        return case.next_review
    last = case.history[-1] if case.history else None
    return last.get("next_review") if last else None


def set_next_review(case: Case, day: dt.date | None) -> None:
    """Edit the review date (None: back to the last assessment's default)."""
    case.next_review = day


def review_line(case: Case, lang: str) -> str | None:
    """`Next review: 26 December 2026 (overdue)`, or None before any assessment."""
    from partways.formats import today
    from partways.present import date_text

    day = next_review(case)
    if day is None:
        return None
    colon = colon_for(lang)
    late = f" ({ht('overdue', lang)})" if day < today() else ""
    return f"{ht('next_review', lang)}{colon} {date_text(day, lang)}{late}"


# -- recording -----------------------------------------------------------------------------------
def entry_from(
    case: Case, result: Assessment, answers: Mapping[str, Any], day: dt.date
) -> dict[str, Any]:
    return {
        "date": day,
        "verdict": result.verdict,
        "rule": result.rule.id,
        "friction_pct": float(result.friction_pct),
        "figures": dict(result.figures),
        "answers": {k: (list(v) if isinstance(v, tuple) else v) for k, v in answers.items()},
        "next_review": default_review(case, result.verdict, answers, day),
    }


def record_assessment(
    case: Case, flow: Flow, result: Assessment | None = None, day: dt.date | None = None
) -> dict[str, Any] | None:
    """Add today's assessment to the case's history (the caller saves the case).

    One entry per day: reaching the verdict again the same day (going back and forth in the
    wizard) replaces that day's entry instead of piling up copies. A provisional verdict is
    not recorded: it is not a decision. Recording resets an edited review date to the new
    verdict's default — the decision is new, so is the review. Returns the entry, or None.
    """
    from partways.assessment import assess_engine
    from partways.engine import Engine
    from partways.formats import today

    engine = Engine(flow, case.answers, case.skipped)
    if result is None:
        result = assess_engine(engine, "en")
    if result.provisional:
        return None
    day = day or today()
    entry = entry_from(case, result, engine.effective_answers(), day)
    history = [e for e in case.history if e.get("date") != day]
    history.append(entry)
    history.sort(key=lambda e: e["date"])
    case.history = history
    case.next_review = None
    return entry


# -- what changed --------------------------------------------------------------------------------
@record
class Change:
    qid: str
    old: Any
    new: Any


@record
class Diff:
    old: dict[str, Any]
    new: dict[str, Any]
    answers: tuple[Change, ...]
    #: (figure, old, new) for each figure present in either entry.
    figures: tuple[tuple[str, Any, Any], ...]

    @property
    def verdict_changed(self) -> bool:
        return self.old.get("verdict") != self.new.get("verdict")

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.old["date"].isoformat(),
            "to": self.new["date"].isoformat(),
            "answers": [{"question": c.qid, "from": c.old, "to": c.new} for c in self.answers],
            "figures": {k: {"from": a, "to": b} for k, a, b in self.figures},
            "verdict": {"from": self.old.get("verdict"), "to": self.new.get("verdict")},
            "rule": {"from": self.old.get("rule"), "to": self.new.get("rule")},
            "verdict_changed": self.verdict_changed,
        }


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return list(a) == list(b)
    return bool(a == b and type(a) is type(b)) or (
        _number(a) and _number(b) and float(a) == float(b)
    )


def diff_entries(flow: Flow, old: Mapping[str, Any], new: Mapping[str, Any]) -> Diff:
    """Answers that changed (flow order, then any others), figures before and after."""
    a, b = old.get("answers", {}), new.get("answers", {})
    order = [q.id for q in flow.questions]
    order += [k for k in [*a, *b] if k not in order]
    changes = tuple(
        Change(k, a.get(k), b.get(k))
        for k in dict.fromkeys(order)
        if (k in a or k in b) and not _same(a.get(k), b.get(k))
    )
    fa, fb = dict(old.get("figures", {})), dict(new.get("figures", {}))
    fa["friction_pct"], fb["friction_pct"] = old.get("friction_pct"), new.get("friction_pct")
    figures = tuple(
        (k, fa.get(k), fb.get(k))
        for k in ("friction_pct", *_FIGURES)
        if fa.get(k) is not None or fb.get(k) is not None
    )
    return Diff(dict(old), dict(new), changes, figures)


def pick_entries(
    case: Case, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The two assessments to compare: the first on or after `start` (default: the one before
    the last) and the last on or before `end` (default: the last). None with fewer than two."""
    entries = [e for e in case.history if end is None or e["date"] <= end]
    if start is not None:
        entries = [e for e in entries if e["date"] >= start]
        if len(entries) < 2:
            return None
        return entries[0], entries[-1]
    if len(entries) < 2:
        return None
    return entries[-2], entries[-1]


def _figure_text(key: str, value: Any, currency: str, lang: str) -> str:
    from partways.formats import format_money, format_number

    if value is None:
        return "—"
    if key == "monthly_shortfall":
        return format_money(value, currency, lang)
    return format_number(value, lang) + (" %" if lang == "fr" else "%")


def figure_label(key: str, lang: str) -> str:
    from partways.messages import t

    if key == "friction_pct":
        return ht("friction", lang)
    return t(key, lang)


def diff_lines(flow: Flow, d: Diff, lang: str) -> list[str]:
    """What `partways diff` prints and the wizard's "what changed" screen shows."""
    from partways.present import answer_text, date_text, verdict_label

    colon = colon_for(lang)
    old, new = d.old, d.new
    lines = [
        ht("changed_from", lang, old=date_text(old["date"], lang), new=date_text(new["date"], lang))
    ]
    lines += ["", f"{ht('answers_changed', lang)}{colon}"]
    for c in d.answers:
        q = flow.by_id.get(c.qid)
        text = q.text.get(lang) or c.qid if q else c.qid
        before = answer_text(flow, q, c.old, lang) if q else str(c.old)
        after = answer_text(flow, q, c.new, lang) if q else str(c.new)
        lines.append(f"  {text} [{c.qid}]{colon} {before} → {after}")
    if not d.answers:
        lines.append(f"  {ht('no_answer_change', lang)}")
    lines += ["", f"{ht('figures_changed', lang)}{colon}"]
    currency = str(
        new.get("figures", {}).get("currency") or old.get("figures", {}).get("currency") or "EUR"
    )
    for key, a, b in d.figures:
        if a is not None and b is not None and float(a) == float(b):
            same = _figure_text(key, a, currency, lang)
            lines.append(f"  {figure_label(key, lang)}{colon} {same} ({ht('unchanged', lang)})")
            continue
        lines.append(
            f"  {figure_label(key, lang)}{colon} {_figure_text(key, a, currency, lang)} → "
            f"{_figure_text(key, b, currency, lang)}"
        )
    lines.append("")
    if d.verdict_changed:
        lines.append(
            ht(
                "verdict_changed",
                lang,
                old=verdict_label(flow, str(old.get("verdict")), lang),
                new=verdict_label(flow, str(new.get("verdict")), lang),
                rule=new.get("rule", "?"),
            )
        )
    else:
        lines.append(
            ht(
                "verdict_same",
                lang,
                label=verdict_label(flow, str(new.get("verdict")), lang),
                rule=new.get("rule", "?"),
            )
        )
    return lines


#: The history table's columns (the report's Markdown table and the "what changed" screen).
HISTORY_COLUMNS = ("date", "verdict", "rule", "friction", "ratio", "next_review")


def history_rows(flow: Flow, case: Case, lang: str) -> list[list[str]]:
    """One row of cells per assessment, in the order of HISTORY_COLUMNS."""
    from partways.present import verdict_label

    rows = []
    for e in case.history:
        ratio = e.get("figures", {}).get("service_ratio_pct")
        nxt = e.get("next_review")
        rows.append(
            [
                e["date"].isoformat(),
                verdict_label(flow, str(e.get("verdict")), lang),
                str(e.get("rule", "")),
                _figure_text("friction_pct", e.get("friction_pct"), "EUR", lang),
                _figure_text("service_ratio_pct", ratio, "EUR", lang),
                nxt.isoformat() if isinstance(nxt, dt.date) else "—",
            ]
        )
    return rows


def friction_trend(case: Case, lang: str, quote: str = "") -> str | None:
    """`Friction over time: ▁▅█ (10% → 40%)` once there are three or more assessments
    (fewer points show no trend); `quote` wraps the sparkline (a backtick in Markdown)."""
    values = [e["friction_pct"] for e in case.history if e.get("friction_pct") is not None]
    if len(values) < 3:
        return None
    colon = colon_for(lang)
    first, last = (
        _figure_text("friction_pct", values[0], "EUR", lang),
        _figure_text("friction_pct", values[-1], "EUR", lang),
    )
    spark = f"{quote}{sparkline(values)}{quote}"
    return f"{ht('friction_trend', lang)}{colon} {spark} ({first} → {last})"


def history_section(flow: Flow, case: Case, lang: str) -> list[str]:
    """The report's "History" section: one row per assessment, the friction's sparkline once
    there are three or more, and the next review."""
    review = review_line(case, lang)
    if not case.history and review is None:
        return []
    out = [f"## {ht('history', lang)}", ""]
    if case.history:
        header = " | ".join(ht(c, lang) for c in HISTORY_COLUMNS)
        out += [f"| {header} |", "|---|---|---|---:|---:|---|"]
        for cells in history_rows(flow, case, lang):
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
        line = friction_trend(case, lang, quote="`")
        if line is not None:
            out += [line, ""]
    if review is not None:
        out += [f"**{review}**", ""]
    return out


# -- trends --------------------------------------------------------------------------------------
def sparkline(values: list[float]) -> str:
    """Friction percentages as block characters, one per assessment, scaled from 0 to the
    highest value (a friction of 0 is the lowest block)."""
    top = max([float(v) for v in values] + [1.0])  # from 0 to the highest: the shape shows
    out = []
    for v in values:
        v = min(top, max(0.0, float(v)))
        out.append(SPARKS[min(len(SPARKS) - 1, int(v / top * len(SPARKS)))])
    return "".join(out)


def trend(history: list[dict[str, Any]]) -> str:
    """↑ friction rose since the previous assessment, ↓ fell, → same, "" with one or none."""
    values = [float(e["friction_pct"]) for e in history if e.get("friction_pct") is not None]
    if len(values) < 2:
        return ""
    delta = values[-1] - values[-2]
    return "↑" if delta > 0.05 else "↓" if delta < -0.05 else "→"
