"""Markdown and plain-text renderings of a case: the `report` and `assess` outputs."""

from __future__ import annotations

from typing import Any

from partways.assessment import Assessment, assess
from partways.case import Case
from partways.engine import Engine
from partways.flow import Flow
from partways.i18n import tr
from partways.messages import t
from partways.present import answer_text, figure_rows, verdict_label


def _sources(sources: tuple[str, ...]) -> str:
    return ", ".join(sources)


def assessment_text(flow: Flow, result: Assessment) -> str:
    """What `partways assess` prints: plain text, readable in any terminal or log."""
    lang = result.lang
    lines = [f"{t('verdict', lang)}: {result.label} ({result.verdict})", result.summary]
    if result.alternatives:
        alts = ", ".join(verdict_label(flow, a, lang) for a in result.alternatives)
        lines.append(f"{t('alternatives', lang)}: {alts}")
    lines.append("")
    lines.append(f"{t('figures', lang)}:")
    rows = figure_rows(result.figures, lang)
    lines += [f"  {label}: {value}" for _, label, value in rows] or [f"  {t('no_figures', lang)}"]
    lines.append("")
    lines.append(f"{t('reasons', lang)}:")
    by_id = flow.by_id
    for i, r in enumerate(result.reasons, 1):
        q = by_id.get(r.signal)
        answer = answer_text(flow, q, r.answer, lang) if q else str(r.answer)
        lines.append(
            f"  {i}. {r.why} [{r.signal}: {answer}; {t('source', lang)} {_sources(r.sources)}]"
        )
    lines.append("")
    lines.append(f"{t('steps', lang)}:")
    lines += [f"  {i}. {s}" for i, s in enumerate(result.step_texts(), 1)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def case_report(case: Case, flow: Flow, lang: str) -> str:
    """The whole case as Markdown: verdict first (what the reader wants), then the evidence."""
    from partways.letters import render_letter, saved_letter
    from partways.money import format_date, today

    engine = Engine(flow, case.answers, case.skipped)
    result = assess(flow, engine.effective_answers(), lang)
    client = case.client.get("name") or "—"
    provider = case.provider.get("name") or "—"
    out: list[str] = [f"# {t('report_title', lang, client=client)}", ""]
    out += [
        "_"
        + t("prepared", lang, provider=provider, date=format_date(today(), lang), flow=flow.id)
        + "_",
        "",
    ]
    out += [f"## {t('verdict', lang)}: {result.label}", "", result.summary, ""]
    if result.alternatives:
        alts = ", ".join(verdict_label(flow, a, lang) for a in result.alternatives)
        out += [
            f"**{t('alternatives', lang)}** : {alts}"
            if lang == "fr"
            else f"**{t('alternatives', lang)}:** {alts}",
            "",
        ]
    out += [f"## {t('figures', lang)}", ""]
    rows = figure_rows(result.figures, lang)
    if rows:
        out += [f"| {t('figure', lang)} | {t('value', lang)} |", "|---|---:|"]
        out += [f"| {label} | {value} |" for _, label, value in rows]
    else:
        out.append(t("no_figures", lang))
    out += ["", f"## {t('reasons', lang)}", ""]
    by_id = flow.by_id
    for i, r in enumerate(result.reasons, 1):
        q = by_id.get(r.signal)
        answer = answer_text(flow, q, r.answer, lang) if q else str(r.answer)
        out.append(
            f"{i}. {r.why} — *{answer}* ({t('source', lang)} : {_sources(r.sources)})"
            if lang == "fr"
            else f"{i}. {r.why} — *{answer}* ({t('source', lang)}: {_sources(r.sources)})"
        )
    out += ["", f"## {t('steps', lang)}", ""]
    out += [f"- [ ] **{tr(s.title, lang)}** — {tr(s.text, lang)}" for s in result.steps]
    out += ["", f"## {t('answers', lang)}", ""]
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
                answer = answer_text(flow, q, case.answers.get(q.id), lang)
            out.append(
                f"| {_cell(tr(q.text, lang))} | {_cell(answer)} "
                f"| {_cell(case.notes.get(q.id, ''))} |"
            )
        out.append("")
    out += _workshop_sections(case, flow, lang)
    letter = saved_letter(case, case.letter.get("kind", result.letter), lang) or render_letter(
        case, flow, result, lang=lang
    )
    out += [f"## {t('letter', lang)}", ""]
    out += ["> " + line if line else ">" for line in letter.rstrip().splitlines()]
    return "\n".join(out).rstrip() + "\n"


def _workshop_sections(case: Case, flow: Flow, lang: str) -> list[str]:
    out: list[str] = []
    by_id = flow.by_id
    if case.votes:
        out += [f"## {t('votes', lang)}", ""]
        for qid, counts in case.votes.items():
            q = by_id.get(qid)
            if q is None:
                continue
            parts = [
                f"{answer_text(flow, q, _value(q.type, k), lang)}: {n}"
                for k, n in counts.items()
                if n
            ]
            split = sum(1 for n in counts.values() if n) > 1
            flag = f" — **{t('split', lang)}**" if split else ""
            out.append(f"- {tr(q.text, lang)} — {', '.join(parts)}{flag}")
        out.append("")
    if case.log:
        out += [
            f"## {t('log', lang)}",
            "",
            f"| {t('date', lang)} | {t('kind', lang)} | {t('what', lang)} |",
            "|---|---|---|",
        ]
        for entry in case.log:
            out.append(
                f"| {_cell(entry.get('date', ''))} | {_cell(entry.get('kind', ''))} "
                f"| {_cell(entry.get('text', ''))} |"
            )
        out.append("")
    if case.lessons:
        out += [f"## {t('lessons', lang)}", ""]
        texts = {str(item.get("id")): item.get("text", {}) for item in flow.lessons}
        for key, answer in case.lessons.items():
            title = tr(texts.get(key, {}), lang) or key
            out += [f"**{title}**", "", answer, ""]
    return out


def _value(qtype: str, key: str) -> Any:
    if qtype == "boolean":
        return key in ("true", "yes", "True")
    return key
