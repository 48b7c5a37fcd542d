"""Presentation shared by every front end: an answer as words, figures as labelled rows.

Kept in the core so the wizard, the prompts and the report all say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from partways.flow import Flow, Question
from partways.i18n import colon_for, tr
from partways.messages import t

if TYPE_CHECKING:
    from partways.assessment import Assessment

#: How many missing question ids a one-line note names before "and N more".
MISSING_SHOWN = 3


def option_label(flow: Flow, question: Question, value: str, lang: str) -> str:
    if value in question.labels:
        return tr(question.labels[value], lang)
    if value in flow.labels:
        return tr(flow.labels[value], lang)
    return value.replace("_", " ")


def currency_of(flow: Flow, answers: Mapping[str, Any] | None) -> str:
    """The case's currency: its answer, else the flow's default, else euros."""
    question = flow.by_id.get("currency")
    default = question.default if question is not None else None
    return str((answers or {}).get("currency") or default or "EUR")


def is_money(flow: Flow, question: Question) -> bool:
    """A number without a unit in a flow that asks for a currency is an amount (the fee)."""
    return question.type == "number" and not question.unit and "currency" in flow.by_id


def answer_text(
    flow: Flow,
    question: Question,
    value: Any,
    lang: str,
    answers: Mapping[str, Any] | None = None,
) -> str:
    """How an answer reads to a person: `Souvent`, `Oui`, `2 400 €`, `Il est devenu hostile`.

    `answers` gives the currency an amount is written in (euros without it).
    """
    if value is None:
        return t("unanswered", lang)
    if question.type == "boolean":
        return option_label(flow, question, "yes" if value else "no", lang)
    if question.type in ("frequency", "choice"):
        return option_label(flow, question, str(value), lang)
    if question.type == "multi" and isinstance(value, list | tuple):
        if not value:
            return t("none_chosen", lang)
        return ", ".join(option_label(flow, question, str(v), lang) for v in value)
    if question.type == "date":
        return date_text(value, lang)
    if question.type == "number":
        from partways.formats import format_money, format_number, format_percent

        if is_money(flow, question):
            return format_money(value, currency_of(flow, answers), lang)
        unit = tr(question.unit, lang)
        if unit == "%":
            return format_percent(value, lang)
        return f"{format_number(value, lang)} {unit}".strip()
    return str(value)


def date_text(value: Any, lang: str) -> str:
    """An ISO date as people write it: `3 November 2026`, `3 novembre 2026`.

    Day first in both languages, as the British and French read it (French writes the first
    of the month `1er`); anything that is not an ISO date (never stored, but a report must not
    fail on it) is shown as it is.
    """
    import datetime as dt

    from partways.formats import format_date

    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    text = format_date(day, lang, pattern="d MMMM y")
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


def figure_rows(figures: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(key, label, formatted value) for each figure present, in a fixed reading order."""
    from partways.formats import format_money, format_percent

    rows: list[tuple[str, str, str]] = []
    if "service_ratio_pct" in figures:
        rows.append(
            (
                "service_ratio_pct",
                t("service_ratio_pct", lang),
                format_percent(figures["service_ratio_pct"], lang),
            )
        )
    if "monthly_shortfall" in figures:
        rows.append(
            (
                "monthly_shortfall",
                t("monthly_shortfall", lang),
                format_money(figures["monthly_shortfall"], figures.get("currency", "EUR"), lang),
            )
        )
    if "revenue_share" in figures:
        rows.append(
            (
                "revenue_share",
                t("revenue_share", lang),
                format_percent(figures["revenue_share"], lang),
            )
        )
    return rows


def friction_text(friction_pct: float, lang: str) -> str:
    """What the friction figure measures, in words: `signals 38.5% of the maximum`."""
    from partways.formats import format_percent

    return t("friction_line", lang, pct=format_percent(friction_pct, lang))


def verdict_label(flow: Flow, verdict: str, lang: str) -> str:
    info = flow.verdicts.get(verdict)
    return tr(info.label, lang) if info else verdict


def question_count(n: int, lang: str) -> str:
    return t("questions_one", lang) if n == 1 else t("questions_many", lang, n=n)


def missing_ids(missing: tuple[str, ...] | list[str], lang: str) -> str:
    """`a, b, c and 13 more`: short enough for one line, the full list is in `--json`."""
    shown = ", ".join(missing[:MISSING_SHOWN])
    rest = len(missing) - MISSING_SHOWN
    return t("and_more", lang, shown=shown, n=rest) if rest > 0 else shown


def provisional_note(result: Assessment, lang: str, ids: bool = True) -> str:
    """The line "Provisional verdict: 3 questions unanswered (a, b, c)", or "" when complete.

    Every face prints this same line next to a verdict shown for an incomplete case; `ids=False`
    leaves the question ids out where a person, not a script, reads it (the wizard).
    """
    if not result.provisional:
        return ""
    note = t("provisional", lang, count=question_count(len(result.missing), lang))
    return f"{note} ({missing_ids(result.missing, lang)})" if ids else note


def sources_line(flow: Flow, ids: tuple[str, ...], lang: str, *, capital: bool = False) -> str:
    """`Source : « Titre », Auteur` — the cited articles by title, never by file name.

    Every front end prints citations through this, so the wizard, the prompts, `assess` and the
    report name a source the same way; "" when nothing is cited. `capital` starts a line.
    """
    if not ids:
        return ""
    label = t("source" if len(ids) == 1 else "sources", lang)
    if capital:
        label = label[:1].upper() + label[1:]
    colon = colon_for(lang)
    return f"{label}{colon} {flow.cite(ids, lang)}"


def sources_block(flow: Flow, ids: tuple[str, ...], lang: str, indent: str = "") -> str:
    """Sources for a narrow panel: one on the label's line, several as a list, one a line.

    Titles have colons and question marks of their own; a list keeps them apart without the
    quotes that, wrapped in a narrow column, end up alone at the start or end of a line.
    Short titles (`short_title`) keep a panel from turning into a page.
    """
    if not ids:
        return ""
    colon = colon_for(lang)
    items = [flow.cite_item(i, short=True) for i in dict.fromkeys(ids)]
    if len(items) == 1:
        return f"{indent}{t('source', lang).capitalize()}{colon} {items[0]}"
    head = f"{indent}{t('sources', lang).capitalize()}{colon}"
    return "\n".join([head, *(f"{indent}• {item}" for item in items)])
