"""Letters: Jinja2 templates rendered in a sandbox with StrictUndefined.

Templates are data a consultancy may rewrite, hence the sandbox; StrictUndefined turns a typo in
a variable name into an error with the template's line rather than a silent blank in a letter.
The context below is the whole, documented interface between Python and templates: every key is
always present, optional values are `none`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from partways.assessment import Assessment, assess_case
from partways.case import Case, role_in
from partways.errors import PartwaysError
from partways.files import make_private_dir
from partways.flow import LETTER_KINDS, Flow
from partways.formats import today
from partways.lettertext import first_of_month_after, french_typography
from partways.paths import template_cache_dir, templates_dir
from partways.record import record


def _filters() -> dict[str, Any]:
    """Formatting filters; each reads the letter's language (and currency) from the context."""
    from jinja2 import pass_context

    from partways import lettertext as lt

    def lang_of(ctx: Any) -> str:
        return str(ctx.get("lang") or "en")

    @pass_context
    def money(ctx: Any, value: Any) -> str:
        currency = (ctx.get("money") or {}).get("currency") or "EUR"
        return lt.money(float(value), str(currency), lang_of(ctx))

    @pass_context
    def percent(ctx: Any, value: Any) -> str:
        return lt.percent(float(value), lang_of(ctx))

    @pass_context
    def number(ctx: Any, value: Any) -> str:
        return lt.number(float(value), lang_of(ctx))

    @pass_context
    def date(ctx: Any, value: Any) -> str:
        day = _as_date(value)
        if day is None:
            raise ValueError(f"not a date: {value!r}")
        return lt.date(day, lang_of(ctx))

    @pass_context
    def words(ctx: Any, value: Any) -> str:
        return lt.words(float(value), lang_of(ctx))

    @pass_context
    def hours(ctx: Any, value: Any) -> str:
        n = float(value)
        lang = lang_of(ctx)
        singular = n < 2 if lang == "fr" else n == 1  # French: "1,5 heure"; English: "1.5 hours"
        unit = ("heure" if lang == "fr" else "hour") + ("" if singular else "s")
        return f"{lt.number(n, lang)} {unit}"

    return {
        "money": money,
        "percent": percent,
        "number": number,
        "date": date,
        "words": words,
        "hours": hours,
    }


def _bytecode_cache() -> Any:
    """Jinja's compiled templates kept in the user cache folder: compiling the letter and its
    shared parts is most of `draft`'s own time. Any problem with the folder → no cache."""
    from jinja2 import FileSystemBytecodeCache

    class _QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(Exception):
                super().dump_bytecode(bucket)

    try:
        folder = template_cache_dir()
        make_private_dir(folder)
        return _QuietCache(str(folder))
    except Exception:
        return None


#: What a template may compute (README, "Limits"): `{{ 7 ** 1000000000 }}` would never end.
MAX_RESULT_BITS = 4096  # an integer power or product larger than this is refused
MAX_REPEAT = 100_000  # characters or items a `'x' * n` may build


class TemplateRefused(Exception):
    """Something a letter template asked for and was refused; the message says what."""


def _sandbox_classes() -> tuple[type, type]:
    from jinja2 import FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment

    class LetterSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    class FolderLoader(FileSystemLoader):
        """Templates from one folder only: one whose path resolves elsewhere (a symlink to any
        readable file) is refused, not read."""

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
                raise TemplateRefused(
                    f"template '{template}' resolves outside its folder ({real}); refused"
                )
            return source, filename, uptodate

    return LetterSandbox, FolderLoader


def _check_binop(operator: str, left: Any, right: Any) -> None:
    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    if number(left) and number(right):
        if isinstance(left, int) and isinstance(right, int):
            if operator == "**":
                bits = abs(left).bit_length() * right if abs(left) > 1 else 0
            else:
                bits = abs(left).bit_length() + abs(right).bit_length()
            if bits > MAX_RESULT_BITS:
                raise TemplateRefused(
                    f"'{operator}' result too large (limit {MAX_RESULT_BITS} bits)"
                )
        elif operator == "**" and abs(float(right)) > 1000:
            raise TemplateRefused("'**' exponent too large (limit 1000)")
        return
    for seq, n in ((left, right), (right, left)):
        repeats = isinstance(seq, str | list | tuple) and isinstance(n, int)
        if repeats and len(seq) * max(n, 0) > MAX_REPEAT:
            raise TemplateRefused(f"'*' result too long (limit {MAX_REPEAT:,})")


@cache
def _environment(folder: str) -> Any:
    from jinja2 import StrictUndefined

    sandbox, loader = _sandbox_classes()
    env = sandbox(
        bytecode_cache=_bytecode_cache(),
        loader=loader(folder),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(_filters())
    return env


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


@record
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
    #: today + notice; None when the notice is unknown or 0 (the letter shows [end date]).
    end_date: dt.date | None
    #: `letter.start_date`, else the first day of a month on or after the notice.
    start_date: dt.date
    #: False when start_date is only the default.
    start_date_given: bool
    contract_date: dt.date | None
    conversation_date: dt.date | None


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
        assessment = assess_case(case, flow, lang, partial=True)
    answers = assessment.env
    day = day or today()
    figures = assessment.figures
    fee = _num(flow.figure(answers, "monthly_fee"))
    contracted = _num(flow.figure(answers, "hours_contracted"))
    spent = _num(flow.figure(answers, "hours_spent"))
    shortfall = _num(figures.get("monthly_shortfall")) or None
    details = case.letter
    new_fee = _num(details.get("new_fee"))
    if new_fee is not None and not math.isfinite(new_fee):
        new_fee = None
    if new_fee is None and fee is not None and shortfall:
        new_fee = math.ceil((fee + shortfall) / 10) * 10
    notice_num = _num(flow.figure(answers, "notice_days"))
    notice = int(notice_num) if notice_num is not None else None
    given_start = _as_date(details.get("start_date"))
    years = _num(flow.figure(answers, "relationship_years"))
    return LetterFacts(
        currency=str(figures.get("currency") or "EUR"),
        fee=fee,
        new_fee=new_fee,
        shortfall=shortfall,
        hourly=fee / contracted if fee is not None and contracted else None,
        hours_contracted=contracted,
        hours_spent=spent,
        hours_extra=spent - contracted
        if spent is not None and contracted and spent > contracted
        else None,
        ratio_pct=_num(figures.get("service_ratio_pct")),
        revenue_share=_num(figures.get("revenue_share")),
        years=years if years else None,
        notice_days=notice,
        today=day,
        end_date=day + dt.timedelta(days=notice) if notice else None,
        start_date=given_start or first_of_month_after(day + dt.timedelta(days=notice or 30)),
        start_date_given=given_start is not None,
        contract_date=_as_date(details.get("contract_date")),
        conversation_date=_as_date(flow.figure(answers, "conversation_date")),
    )


def letter_context(
    case: Case,
    flow: Flow,
    assessment: Assessment,
    kind: str,
    lang: str,
    day: dt.date | None = None,
) -> dict[str, Any]:
    """Facts as numbers and dates (formatted in templates by filters), never pre-formatted text,
    so a template states a fact only under the condition that makes it true."""
    f = letter_facts(case, flow, lang, assessment, day)
    answers = assessment.env
    details = case.letter
    lead = details.get("new_lead")
    new_lead = None
    if isinstance(lead, dict) and lead.get("name"):
        new_lead = {
            "name": str(lead["name"]),
            "role": role_in(lead.get("role"), lang),
            "email": str(lead.get("email") or ""),
        }
    elif isinstance(lead, str) and lead.strip():
        new_lead = {"name": lead.strip(), "role": "", "email": ""}
    company = str(case.client.get("name") or "").strip()
    contact = str(case.client.get("contact") or "").strip()
    provider_name = case.provider.get("name") or ("notre équipe" if lang == "fr" else "our team")
    return {
        "lang": lang,
        "kind": kind,
        "verdict": assessment.verdict,
        "rule": assessment.rule.id,
        "reason": assessment.rule.reason,
        "today": f.today,
        "client": {
            "name": company,
            "contact": contact,
            "last_name": contact.split()[-1] if contact else "",
            "civility": case.civility(),
        },
        "provider": {
            "name": str(provider_name),
            "signer": str(case.provider.get("signer") or provider_name),
            "role": case.role(lang),
            "city": str(case.provider.get("city") or "").strip(),
        },
        "hours": {"contracted": f.hours_contracted, "spent": f.hours_spent, "extra": f.hours_extra},
        "money": {
            "currency": f.currency,
            "fee": f.fee,
            "shortfall": f.shortfall,
            "new_fee": f.new_fee,
            "hourly": f.hourly,
        },
        "ratio": f.ratio_pct,
        "revenue_share": f.revenue_share,
        "notice_days": f.notice_days,
        "end_date": f.end_date,
        "start_date": f.start_date,
        "contract_date": f.contract_date,
        "conversation_date": f.conversation_date,
        "told": flow.figure(answers, "concerns_raised") is True,
        "signals": [r.signal for r in assessment.reasons],
        "answers": {q.id: answers.get(q.id) for q in flow.questions},
        "years": f.years,
        "new_lead": new_lead,
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
    except TemplateRefused as exc:
        line = _template_line(exc, str(path))
        raise PartwaysError(f"template refused: {exc}", file=path, line=line) from None
    except TemplateNotFound as exc:
        if exc.name and exc.name != name:
            line = _template_line(exc, str(path))
            raise PartwaysError(
                f"template includes '{exc.name}', which is not a template inside {folder} "
                "(only names relative to the templates folder, without '..', can be included)",
                file=path,
                line=line,
            ) from None
        raise PartwaysError(f"no template for letter '{kind}' in {lang}", file=path) from None
    except TemplateSyntaxError as exc:
        raise PartwaysError(f"template syntax: {exc.message}", file=path, line=exc.lineno) from None
    except TemplateError as exc:
        line = _template_line(exc, str(path))
        raise PartwaysError(f"template error: {exc}", file=path, line=line) from None
    except Exception as exc:  # a sandbox refusal or a bad filter argument in a user template
        line = _template_line(exc, str(path)) if sys.exc_info()[2] else None
        raise PartwaysError(f"template error: {exc}", file=path, line=line) from None
    text = re.sub(r"\n{3,}", "\n\n", text.strip("\n"))
    if lang == "fr":
        text = french_typography(text)
    return text + "\n"


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
        assessment = assess_case(case, flow, lang, partial=True)
    kind = kind or assessment.letter
    if kind not in LETTER_KINDS:
        raise PartwaysError(f"unknown letter kind '{kind}' (one of {', '.join(LETTER_KINDS)})")
    context = letter_context(case, flow, assessment, kind, lang, day)
    return render_template(template_folder(flow), kind, lang, context)


#: Details a letter kind states that no question asks, kept in `case.letter`, in the order a
#: face asks them: a new lead's name, the provider suggested instead, the contract's date.
_DETAILS: dict[str, tuple[str, ...]] = {
    "new_lead": ("new_lead",),
    "separation": ("next_provider", "contract_date"),
    "boundaries": ("contract_date",),
    "renegotiation": ("contract_date",),
    "price_increase": ("contract_date",),
}
#: Of those, the ones written as a date (YYYY-MM-DD); the others are one-line texts.
DATE_DETAILS = ("contract_date",)


def required_details(kind: str) -> tuple[str, ...]:
    """The `case.letter` keys letter `kind` needs (each optional: the letter reads well
    without, but better with); every face asks them before showing such a letter."""
    return _DETAILS.get(kind, ())


def missing_details(case: Case, kind: str) -> tuple[str, ...]:
    """The required details of `kind` the case does not have yet (what a face should ask)."""
    letter = case.letter
    return tuple(
        key
        for key in required_details(kind)
        if (case.contract_date() is None if key == "contract_date" else not letter.get(key))
    )


def letter_text(
    case: Case,
    flow: Flow,
    kind: str | None = None,
    fresh: bool = False,
    lang: str | None = None,
    assessment: Assessment | None = None,
) -> str:
    """The letter every face shows, exports or prints: of `kind`, else the verdict's letter;
    the user's saved edit of that kind in that language unless `fresh`, else a draft rendered
    from the template. One rule, so the wizard, `ask`, `draft` and the report never disagree
    about which letter a case has."""
    lang = lang or case.lang or "en"
    if assessment is None or assessment.lang != lang:
        assessment = assess_case(case, flow, lang, partial=True)
    kind = kind or assessment.letter
    if not fresh:
        saved = saved_letter(case, kind, lang)
        if saved is not None:
            return saved
    return render_letter(case, flow, assessment, kind=kind, lang=lang)


def saved_letter(case: Case, kind: str, lang: str) -> str | None:
    """The user's edited text for this kind in this language (`letter.texts[kind][lang]`).

    Each (kind, language) has its own edit, so editing the English letter never hides or
    replaces the French one; files with the older single `letter.text` are read into that table
    by `partways.case`.
    """
    text = case.letter_text(kind, lang)
    if text is None:
        return None
    return text if text.endswith("\n") else text + "\n"
