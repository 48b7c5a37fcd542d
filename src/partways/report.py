"""Markdown and plain-text renderings of a case: the `report` and `assess` outputs."""

from __future__ import annotations

from partways.assessment import Assessment, assess_engine
from partways.case import Case
from partways.engine import Engine
from partways.flow import Flow
from partways.history import history_section
from partways.i18n import colon_for, tr
from partways.messages import t
from partways.present import (
    answer_text,
    figure_rows,
    provisional_note,
    sources_line,
    verdict_label,
)
from partways.whatif import WhatIf, what_if_engine, what_if_lines, what_if_text


def assessment_text(flow: Flow, result: Assessment, what_if: list[WhatIf] | None = None) -> str:
    """What `partways assess` prints: plain text, readable in any terminal or log.

    `what_if` (see whatif.what_if) adds what would change the verdict; None leaves it out.
    """
    lang = result.lang
    c = colon_for(lang)
    lines = [provisional_note(result, lang)] if result.provisional else []
    lines += [f"{t('verdict', lang)}{c} {result.label} ({result.verdict})", result.summary]
    if result.alternatives:
        alts = ", ".join(verdict_label(flow, a, lang) for a in result.alternatives)
        lines.append(f"{t('alternatives', lang)}{c} {alts}")
    lines.append("")
    lines.append(f"{t('figures', lang)}{c}")
    rows = figure_rows(result.figures, lang)
    lines += [f"  {label}{c} {value}" for _, label, value in rows] or [f"  {t('no_figures', lang)}"]
    lines.append("")
    lines.append(f"{t('reasons', lang)}{c}")
    by_id = flow.by_id
    for i, r in enumerate(result.reasons, 1):
        q = by_id.get(r.signal)
        answer = answer_text(flow, q, r.answer, lang) if q else str(r.answer)
        lines.append(f"  {i}. {r.why} [{r.signal}: {answer}]")
        if r.sources:  # on a line of its own: titles are long and carry colons of their own
            lines.append(f"     {sources_line(flow, r.sources, lang, capital=True)}")
    lines.append("")
    lines.append(f"{t('steps', lang)}{c}")
    lines += [f"  {i}. {s}" for i, s in enumerate(result.step_texts(), 1)]
    if what_if is not None and not result.provisional:
        lines += ["", *what_if_lines(flow, what_if, lang)]
    return "\n".join(lines) + "\n"


def _what_if_section(
    flow: Flow, result: Assessment, items: list[WhatIf], lang: str, discuss: bool = False
) -> list[str]:
    """The report's changes that would move the verdict; in a workshop debrief (`discuss`),
    the same changes as questions for the team."""
    if result.provisional:  # the verdict itself may still change: nothing to say yet
        return []
    if discuss:
        out = [f"## {t('what_if_discuss', lang)}", "", f"_{t('what_if_prompt', lang)}_", ""]
    else:
        out = [f"## {t('what_if', lang)}", ""]
    out += [f"- {what_if_text(flow, w, lang)}" for w in items] or [t("what_if_none", lang)]
    return [*out, ""]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _figures_section(result: Assessment, lang: str) -> list[str]:
    out = [f"## {t('figures', lang)}", ""]
    rows = figure_rows(result.figures, lang)
    if rows:
        out += [f"| {t('figure', lang)} | {t('value', lang)} |", "|---|---:|"]
        out += [f"| {label} | {value} |" for _, label, value in rows]
    else:
        out.append(t("no_figures", lang))
    return [*out, ""]


def _verdict_section(flow: Flow, result: Assessment, lang: str) -> list[str]:
    out = [f"## {t('verdict', lang)}{colon_for(lang)} {result.label}", ""]
    if result.provisional:  # before the summary, so no reader takes the verdict as final
        out += [f"> **{provisional_note(result, lang)}.** {t('provisional_why', lang)}", ""]
    out += [result.summary, ""]
    if result.alternatives:
        alts = ", ".join(verdict_label(flow, a, lang) for a in result.alternatives)
        colon = colon_for(lang)
        out += [f"**{t('alternatives', lang)}{colon}** {alts}", ""]
    return out


def _reasons_section(flow: Flow, result: Assessment, lang: str) -> list[str]:
    out = [f"## {t('reasons', lang)}", ""]
    by_id = flow.by_id
    for i, r in enumerate(result.reasons, 1):
        q = by_id.get(r.signal)
        answer = answer_text(flow, q, r.answer, lang) if q else str(r.answer)
        cited = f" ({sources_line(flow, r.sources, lang)})" if r.sources else ""
        out.append(f"{i}. {r.why} — *{answer}*{cited}")
    return [*out, ""]


def _steps_section(result: Assessment, lang: str, done: list[str] | None = None) -> list[str]:
    """The action steps as a Markdown checklist, ticked where the user ticked them."""
    ticked = set(done or ())
    out = [f"## {t('steps', lang)}", ""]
    out += [
        f"- [{'x' if s.id in ticked else ' '}] **{tr(s.title, lang)}** — {tr(s.text, lang)}"
        for s in result.steps
    ]
    return [*out, ""]


def _letter_section(case: Case, flow: Flow, result: Assessment, lang: str) -> list[str]:
    from partways.letters import letter_text

    letter = letter_text(case, flow, lang=lang, assessment=result)
    out = [f"## {t('letter', lang)}", ""]
    # the letter itself, not a blockquote: copying it from the report must give the letter
    out += letter.rstrip().splitlines()
    return [*out, ""]


def _header(case: Case, flow: Flow, lang: str, title_key: str) -> list[str]:
    from partways.formats import format_date, today

    client = case.client.get("name") or "—"
    provider = case.provider.get("name") or "—"
    prepared = t("prepared", lang, provider=provider, date=format_date(today(), lang), flow=flow.id)
    return [f"# {t(title_key, lang, client=client)}", "", f"_{prepared}_", ""]


def _answers_section(case: Case, flow: Flow, engine: Engine, lang: str) -> list[str]:
    out = [f"## {t('answers', lang)}", ""]
    for section in flow.sections:
        qs = [q for q in flow.questions if q.section == section.id]
        if not qs:
            continue
        out += [
            f"### {tr(section.title, lang)}",
            "",
            f"| {t('question', lang)} | {t('answer', lang)} | {t('note', lang)} |",
            "|---|---|---|",
        ]
        for q in qs:
            if not engine.is_relevant(q.id):
                answer = f"_{t('not_relevant', lang)}_"
            elif q.id in case.skipped and q.id not in case.answers:
                answer = f"_{t('skipped', lang)}_"
            else:
                answer = answer_text(flow, q, case.answers.get(q.id), lang, case.answers)
            out.append(
                f"| {_cell(tr(q.text, lang))} | {_cell(answer)} "
                f"| {_cell(case.notes.get(q.id, ''))} |"
            )
        out.append("")
    return out


def case_report(case: Case, flow: Flow, lang: str) -> str:
    """The whole case as Markdown: verdict first (what the reader wants), then the evidence."""
    engine = Engine(flow, case.answers, case.skipped)
    result = assess_engine(engine, lang)
    out = _header(case, flow, lang, "report_title")
    out += _verdict_section(flow, result, lang)
    out += _figures_section(result, lang)
    out += _reasons_section(flow, result, lang)
    out += _steps_section(result, lang, case.steps_done)
    out += _what_if_section(flow, result, what_if_engine(engine), lang)
    out += history_section(flow, case, lang)
    out += _answers_section(case, flow, engine, lang)
    out += _workshop_sections(case, flow, lang)
    out += _letter_section(case, flow, result, lang)
    return "\n".join(out).rstrip() + "\n"


def debrief(case: Case, flow: Flow, lang: str) -> str:
    """A workshop's closing document: verdict, disagreements, numbers, steps, lessons, letter."""
    from partways.workshop import splits, team_decision, vote_value

    engine = Engine(flow, case.answers, case.skipped)
    result = assess_engine(engine, lang)
    out = _header(case, flow, lang, "debrief_title")
    out += _verdict_section(flow, result, lang)
    study = case.extra.get("study")
    expected = study.get("expected") if isinstance(study, dict) else None
    if expected in flow.verdicts:  # the case study's own answer, as the debrief screen shows it
        out.append(t("study_conclusion", lang, verdict=verdict_label(flow, str(expected), lang)))
        out += [t("study_agrees" if expected == result.verdict else "study_differs", lang), ""]
    out += _reasons_section(flow, result, lang)
    out += [f"## {t('disagreements', lang)}", ""]
    split_votes = splits(case, flow)
    for q, counts in split_votes:
        parts = ", ".join(
            f"{answer_text(flow, q, vote_value(q, k), lang)}{colon_for(lang)} {n}"
            for k, n in counts.items()
        )
        recorded = answer_text(flow, q, case.answers.get(q.id), lang, case.answers)
        tie = "" if team_decision(counts) else f" ({t('tie', lang)})"
        out.append(f"- {tr(q.text, lang)} — {parts} → **{recorded}**{tie}")
    if not split_votes:
        out.append(t("no_disagreement", lang))
    out.append("")
    out += _what_if_section(flow, result, what_if_engine(engine), lang, discuss=True)
    out += _figures_section(result, lang)
    out += _steps_section(result, lang, case.steps_done)
    out += [f"## {t('lessons', lang)}", ""]
    for item in flow.lessons:
        answer = case.lessons.get(str(item.get("id")), "").strip()
        out += [
            f"**{tr(item.get('text', {}), lang)}**",
            "",
            answer or f"_{t('to_discuss', lang)}_",
            "",
        ]
    # the answer recorded for every question, with the team's notes (the evidence discussed)
    out += _answers_section(case, flow, engine, lang)
    if case.log:
        out += _log_section(case, lang)
    out += _letter_section(case, flow, result, lang)
    return "\n".join(out).rstrip() + "\n"


def _log_section(case: Case, lang: str) -> list[str]:
    out = [
        f"## {t('log', lang)}",
        "",
        f"| {t('date', lang)} | {t('kind', lang)} | {t('what', lang)} |",
        "|---|---|---|",
    ]
    for entry in case.log:
        kind = str(entry.get("kind", ""))
        out.append(
            f"| {_cell(entry.get('date', ''))} | {_cell(t('log_' + kind, lang))} "
            f"| {_cell(entry.get('text', ''))} |"
        )
    return [*out, ""]


def _workshop_sections(case: Case, flow: Flow, lang: str) -> list[str]:
    from partways.workshop import is_split, vote_value

    out: list[str] = []
    by_id = flow.by_id
    if case.votes:
        out += [f"## {t('votes', lang)}", ""]
        for qid, counts in case.votes.items():
            q = by_id.get(qid)
            if q is None:
                continue
            parts = [
                f"{answer_text(flow, q, vote_value(q, k), lang)}{colon_for(lang)} {n}"
                for k, n in counts.items()
                if n
            ]
            flag = f" — **{t('split', lang)}**" if is_split(counts) else ""
            out.append(f"- {tr(q.text, lang)} — {', '.join(parts)}{flag}")
        out.append("")
    if case.log:
        out += _log_section(case, lang)
    if case.lessons:
        out += [f"## {t('lessons', lang)}", ""]
        texts = {str(item.get("id")): item.get("text", {}) for item in flow.lessons}
        for key, answer in case.lessons.items():
            title = tr(texts.get(key, {}), lang) or key
            out += [f"**{title}**", "", answer, ""]
    return out
