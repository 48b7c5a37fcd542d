"""Everything `partways ask` prints besides the prompts themselves, through a Rich console.

Colour is decoration only (every line reads the same without it); Rich honours NO_COLOR.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from partways.i18n import colon_for, tr
from partways.messages import t
from partways.present import (
    answer_text,
    figure_rows,
    friction_text,
    provisional_note,
    sources_line,
    verdict_label,
)
from partways.prompt.strings import s
from partways.whatif import what_if_text

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.engine import Engine
    from partways.flow import Flow, Question
    from partways.lettercheck import LetterProblem
    from partways.whatif import WhatIf

VERDICT_STYLE = {
    "keep": "bold green",
    "set_boundaries": "bold cyan",
    "reassign_lead": "bold cyan",
    "renegotiate": "bold yellow",
    "raise_price": "bold yellow",
    "part_ways": "bold red",
}


def make_console(file: Any = None) -> Console:
    return Console(file=file, highlight=False, soft_wrap=False)


def progress(console: Console, flow: Flow, engine: Engine, question: Question, lang: str) -> None:
    p = engine.progress(question.id)
    section = flow.section(p.section)
    title = tr(section.title, lang) if section else ""
    line = f"{title} — {p.position}/{p.total}" if title else f"{p.position}/{p.total}"
    console.print()
    console.print(Text(line, style="bold blue"))


def help_note(console: Console, flow: Flow, question: Question, lang: str) -> None:
    note = tr(question.help, lang)
    if not note:
        console.print(Text(s("no_help", lang), style="dim"))
        return
    console.print(Text(note, style="italic"))
    if question.source:
        console.print(Text(sources_line(flow, question.source, lang, capital=True), style="dim"))


def note(console: Console, message: str, style: str = "") -> None:
    """A one-line message; never broken by Rich, so a printed path or command stays whole."""
    console.print(Text(message, style=style), soft_wrap=True)


def letter_problems(console: Console, problems: list[LetterProblem], lang: str) -> None:
    """What the letter checker found, one problem a line, before asking to write anyway."""
    n = len(problems)
    title = s("check_title_one", lang) if n == 1 else s("check_title_many", lang, n=n)
    console.print()
    console.print(Text(title, style="bold yellow"))
    for problem in problems:
        line = s("check_item", lang, line=problem.line, message=problem.message(lang))
        console.print(Text(f"  {line}", style="yellow"))


def colon(lang: str) -> str:
    """A colon and the space after it, as `lang` writes them (see i18n.colon_for)."""
    return colon_for(lang) + " "


def short(text: str, width: int = 64) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def assessment(
    console: Console,
    flow: Flow,
    result: Assessment,
    lang: str,
    changes: list[WhatIf] | None = None,
) -> None:
    """Verdict, summary, reasons, what would change the verdict (`changes`, see
    whatif.what_if; None leaves it out), figures, alternatives and steps, top to bottom."""
    by_id = flow.by_id
    style = VERDICT_STYLE.get(result.verdict, "bold")
    console.print()
    console.rule(Text(s("verdict_heading", lang), style="bold"))
    if result.provisional:
        note(console, f"⚠ {provisional_note(result, lang)}", "bold yellow")
        note(console, t("provisional_why", lang), "yellow")
    console.print(Text(result.label, style=style))
    if result.summary:
        console.print(Text(result.summary))
    console.print(Text(friction_text(result.friction_pct, lang).capitalize(), style="dim"))

    console.print()
    console.print(Text(t("reasons", lang), style="bold underline"))
    if result.reasons:
        table = Table(box=box.SIMPLE, show_header=True, expand=False, pad_edge=False)
        table.add_column(t("question", lang), ratio=2)
        table.add_column(t("answer", lang), no_wrap=True)
        table.add_column(s("why", lang), ratio=3)
        for reason in result.reasons:
            question = by_id.get(reason.signal)
            if question is not None:
                label = short(tr(question.text, lang), 80)
                answer = answer_text(flow, question, reason.answer, lang)
            else:
                label, answer = reason.signal.replace("_", " "), str(reason.answer)
            why = reason.why
            if reason.sources:
                why += f"\n({sources_line(flow, reason.sources, lang)})"
            table.add_row(Text(label), Text(answer, style="bold"), Text(why))
        console.print(table)
    else:
        console.print(Text(s("no_reasons", lang)))

    if changes is not None and not result.provisional:
        console.print(Text(t("what_if", lang), style="bold underline"))
        for item in changes:
            console.print(Text("→ ", style="bold") + Text(what_if_text(flow, item, lang)))
        if not changes:
            console.print(Text(t("what_if_none", lang)))
        console.print()

    console.print(Text(t("figures", lang), style="bold underline"))
    rows = figure_rows(result.figures, lang)
    if rows:
        table = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
        table.add_column(t("figure", lang))
        table.add_column(t("value", lang), justify="right")
        for _key, label, value in rows:
            table.add_row(Text(label), Text(value, style="bold"))
        console.print(table)
    else:
        console.print(Text(t("no_figures", lang)))
        console.print()

    if result.alternatives:
        names = ", ".join(verdict_label(flow, v, lang) for v in result.alternatives)
        console.print(Text(t("alternatives", lang) + colon(lang), style="bold") + Text(names))
        console.print()

    if result.steps:
        console.print(Text(t("steps", lang), style="bold underline"))
        for i, step in enumerate(result.steps, 1):
            console.print(
                Text(f"{i}. ", style="bold")
                + Text(tr(step.title, lang), style="bold")
                + Text(f" — {tr(step.text, lang)}")
            )
    # the verdict is long (reasons, figures, steps): its gist again, right above the question
    # that follows, so it is never read from ninety lines up
    console.print()
    console.rule(style="dim")
    gist = Text("▶ ", style="bold") + Text(result.label, style=style)
    gist += Text(f" · {friction_text(result.friction_pct, lang)}", style="dim")
    if result.provisional:
        gist += Text(f" · {provisional_note(result, lang, ids=False)}", style="yellow")
    console.print(gist)
    if result.summary:
        console.print(Text(result.summary))
    console.print()
