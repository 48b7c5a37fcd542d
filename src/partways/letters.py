"""Letters: Jinja2 templates rendered in a sandbox with StrictUndefined.

Templates are data a consultancy may rewrite, hence the sandbox; StrictUndefined turns a typo in
a variable name into an error with the template's line rather than a silent blank in a letter.
The context below is the whole, documented interface between Python and templates: every key is
always present, optional values are `none`.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from partways.assessment import Assessment, assess
from partways.case import Case
from partways.engine import Engine
from partways.errors import PartwaysError
from partways.flow import LETTER_KINDS, Flow
from partways.money import format_date, format_money, format_number, today
from partways.paths import templates_dir


@cache
def _environment(folder: str) -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template_folder(flow: Flow | None) -> Path:
    return flow.templates if flow is not None and flow.templates else templates_dir()


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class LetterFacts:
    """The case's facts a letter may state, as numbers and dates (not yet written out).

    One place derives them so the drafted letter (`letter_context`) and the letter checker
    (`partways.lettercheck`) can never disagree about what "the monthly fee" or "the end date"
    is. A fact the case does not know is None; the letter then shows a placeholder for it.
    """

    currency: str
    fee: float | None
    #: `letter.new_fee` from the case, else the fee plus the shortfall rounded up to tens.
    new_fee: float | None
    shortfall: float | None
    hourly: float | None
    hours_contracted: float | None
    hours_spent: float | None
    hours_extra: float | None
    ratio_pct: float | None
    revenue_share: float | None
    years: float | None
    notice_days: int | None
    today: dt.date
    end_date: dt.date | None
    start_date: dt.date
    #: False when start_date is only the default (today + notice, else 30 days).
    start_date_given: bool


def letter_facts(
    case: Case,
    flow: Flow,
    lang: str | None = None,
    assessment: Assessment | None = None,
    day: dt.date | None = None,
) -> LetterFacts:
    """The facts of `case` through the core (effective answers → assess → figures).

    `assessment` may be passed when the caller already has one, to assess only once.
    """
    lang = lang or case.lang or "en"
    if assessment is None:
        assessment = assess(flow, Engine(flow, case.answers).effective_answers(), lang)
    answers = assessment.env
    day = day or today()
    figures = assessment.figures
    fee = _num(answers.get("monthly_fee"))
    contracted = _num(answers.get("hours_contracted"))
    spent = _num(answers.get("hours_spent"))
    shortfall = figures.get("monthly_shortfall")
    details = case.letter
    new_fee = _num(details.get("new_fee"))
    if new_fee is None and fee is not None and shortfall:
        new_fee = math.ceil((fee + shortfall) / 10) * 10
    notice = answers.get("notice_days")
    notice = int(notice) if _num(notice) is not None else None
    given_start = _as_date(details.get("start_date"))
    ratio = figures.get("service_ratio_pct")
    return LetterFacts(
        currency=figures.get("currency") or "EUR",
        fee=fee,
        new_fee=new_fee,
        shortfall=shortfall if shortfall else None,
        hourly=round(fee / contracted, 2) if fee is not None and contracted else None,
        hours_contracted=contracted,
        hours_spent=spent,
        hours_extra=spent - contracted
        if spent is not None and contracted and spent > contracted
        else None,
        ratio_pct=ratio,
        revenue_share=figures.get("revenue_share"),
        years=_num(answers.get("relationship_years")),
        notice_days=notice,
        today=day,
        end_date=day + dt.timedelta(days=notice) if notice is not None else None,
        start_date=given_start or day + dt.timedelta(days=notice or 30),
        start_date_given=given_start is not None,
    )


def letter_context(
    case: Case,
    flow: Flow,
    assessment: Assessment,
    kind: str,
    lang: str,
    day: dt.date | None = None,
) -> dict[str, Any]:
    facts = letter_facts(case, flow, lang, assessment, day)
    currency = facts.currency

    def money(value: float | None) -> str | None:
        return format_money(value, currency, lang) if value is not None else None

    def number(value: float | None) -> str | None:
        return format_number(value, lang) if value is not None else None

    details = case.letter
    lead = details.get("new_lead")
    new_lead = None
    if isinstance(lead, dict) and lead.get("name"):
        new_lead = {
            "name": str(lead["name"]),
            "role": str(lead.get("role") or ""),
            "email": str(lead.get("email") or ""),
        }
    elif isinstance(lead, str) and lead.strip():
        new_lead = {"name": lead.strip(), "role": "", "email": ""}
    client_name = case.client.get("name") or ("le client" if lang == "fr" else "the client")
    provider_name = case.provider.get("name") or ("notre équipe" if lang == "fr" else "our team")
    return {
        "lang": lang,
        "kind": kind,
        "verdict": assessment.verdict,
        "today": format_date(facts.today, lang),
        "client": {"name": client_name, "contact": case.client.get("contact") or client_name},
        "provider": {
            "name": provider_name,
            "signer": case.provider.get("signer") or provider_name,
            "role": case.provider.get("role") or "",
        },
        "hours": {
            "contracted": number(facts.hours_contracted),
            "spent": number(facts.hours_spent),
            "extra": number(facts.hours_extra),
        },
        "money": {
            "fee": money(facts.fee),
            "shortfall": money(facts.shortfall),
            "new_fee": money(facts.new_fee),
            "hourly": money(facts.hourly),
        },
        "ratio": number(facts.ratio_pct) if facts.ratio_pct is not None else None,
        "notice_days": facts.notice_days,
        "end_date": format_date(facts.end_date, lang) if facts.end_date is not None else None,
        "start_date": format_date(facts.start_date, lang),
        "new_lead": new_lead,
        "years": number(facts.years) if facts.years else None,
        "reason": assessment.rule.reason,
        "next_provider": str(details["next_provider"]) if details.get("next_provider") else None,
    }


def _template_line(exc: BaseException, filename: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(folder: Path, kind: str, lang: str, context: dict[str, Any]) -> str:
    """Render `<folder>/<lang>/<kind>.md.j2`; any template problem → PartwaysError with line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    name = f"{lang}/{kind}.md.j2"
    path = folder / name
    env = _environment(str(folder))
    try:
        template = env.get_template(name)
        text = template.render(**context)
    except TemplateNotFound:
        raise PartwaysError(f"no template for letter '{kind}' in {lang}", file=path) from None
    except TemplateSyntaxError as exc:
        raise PartwaysError(f"template syntax: {exc.message}", file=path, line=exc.lineno) from None
    except TemplateError as exc:
        line = _template_line(exc, str(path))
        raise PartwaysError(f"template error: {exc}", file=path, line=line) from None
    except Exception as exc:  # a sandbox refusal or a bad filter argument in a user template
        line = _template_line(exc, str(path)) if sys.exc_info()[2] else None
        raise PartwaysError(f"template error: {exc}", file=path, line=line) from None
    return text.rstrip() + "\n"


def render_letter(
    case: Case,
    flow: Flow,
    assessment: Assessment | None = None,
    kind: str | None = None,
    lang: str | None = None,
    day: dt.date | None = None,
) -> str:
    lang = lang or case.lang or "en"
    if assessment is None or assessment.lang != lang:
        assessment = assess(flow, Engine(flow, case.answers).effective_answers(), lang)
    kind = kind or assessment.letter
    if kind not in LETTER_KINDS:
        raise PartwaysError(f"unknown letter kind '{kind}' (one of {', '.join(LETTER_KINDS)})")
    context = letter_context(case, flow, assessment, kind, lang, day)
    return render_template(template_folder(flow), kind, lang, context)


def saved_letter(case: Case, kind: str, lang: str) -> str | None:
    """The user's edited text, when it was written for this kind and language."""
    details = case.letter
    text = details.get("text")
    if (
        isinstance(text, str)
        and text.strip()
        and details.get("kind") == kind
        and details.get("lang", lang) == lang
    ):
        return text if text.endswith("\n") else text + "\n"
    return None
