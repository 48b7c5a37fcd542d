"""Checking a letter before it is sent: blame, placeholders, figures, missing parts, typography.

One function, `check_letter`, serves every face: `partways check-letter`, the wizard's editor
(as the user types), the wizard's export and `partways ask` before writing the letter. The
conventions it enforces are the letters' own (/work/shared/knowledge/letters.md): honest
reasons without blame (article 000), the case's figures, what helps the client move on, and
each language's typography.

What is a blaming phrase, what names a letter's kind in its subject and which words show that
a required element is there are data (`templates/letter-checks.yaml`, or the file of the same
name in a flow's own template folder): a consultancy adapts them without touching code. What a
date, an amount or a French space is stays here, because those are facts of the languages.

Speed matters (the editor checks on every pause in typing): the data file is compiled once per
version of the file, into one regex per list; the text is masked (code, URLs, e-mail addresses)
and lowered once, and each check is one regex pass over the whole text, lines found by
bisection. Patterns start with a literal or a character class (a lookbehind, if any, comes
after the first character) so the regex engine can skip ahead instead of trying every
position, and they run without IGNORECASE on the lowered text: both together make a check
some ten times faster.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partways.errors import PartwaysError
from partways.flow import LETTER_KINDS
from partways.i18n import LANGS
from partways.record import record

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.case import Case
    from partways.flow import Flow
    from partways.letters import LetterFacts

CHECKS_FILE = "letter-checks.yaml"
CHECKS_FORMAT = "partways-letter-checks/1"

#: Every problem code, in the order problems on one line are listed.
CODES = (
    "blame",
    "placeholder",
    "figure",
    "missing",
    "salutation",
    "date_style",
    "typo_colon",
    "typo_punct",
    "typo_guillemets",
    "typo_apostrophe",
    "typo_amount",
    "typo_ordinal",
)
_CODE_ORDER = {code: i for i, code in enumerate(CODES)}


@record
class LetterProblem:
    """One thing to check in a letter, at a 1-based line, worded in both languages.

    `severity` is "info" for a placeholder (something to fill in, not a mistake) and
    "warning" for everything else; both count as problems (`check-letter` exits 1).
    """

    line: int
    code: str
    en: str
    fr: str
    severity: str = "warning"

    def message(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def format(self, file: str | Path, lang: str) -> str:
        """`LETTER.md:LINE: message`, the form `check-letter` prints (like `flow check`)."""
        return f"{file}:{self.line}: {self.message(lang)}"


# -- the data file -----------------------------------------------------------------------------
@record
class Element:
    """Something a kind of letter must contain, and the markers that show it is there: per
    language one regex for all phrases and regexes, and the built-in recognisers named."""

    id: str
    label: dict[str, str]
    patterns: dict[str, re.Pattern[str] | None]
    builtins: dict[str, tuple[str, ...]]
    count: int = 1


@record
class LetterChecks:
    """A compiled letter-checks.yaml."""

    path: Path
    blame: dict[str, re.Pattern[str] | None]
    subjects: tuple[tuple[str, dict[str, re.Pattern[str] | None]], ...]
    elements: dict[str, tuple[Element, ...]]


_BUILTINS = ("date", "money")


def _phrase_regex(text: str) -> str:
    """A phrase as a regex for the lowered text: whole words, any spacing, either apostrophe.

    The "no word character before" test comes after the first character, not before it, so
    the pattern starts with a literal (see the module docstring on speed).
    """
    out: list[str] = []
    for ch in text.strip().lower():
        if ch in "'’":
            out.append("['’]")
        elif ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    stripped = text.strip()
    if stripped[:1].isalnum():
        out[0] = f"{out[0]}(?<!\\w{out[0]})"
    tail = r"(?!\w)" if stripped[-1:].isalnum() else ""
    return "".join(out) + tail


def _user_regex(source: str) -> str:
    """A regex from the data file, for the lowered text: case-insensitive only if it needs it
    (an upper-case letter outside an escape), as IGNORECASE is slow."""
    literal = re.sub(r"\\.", "", source)
    return f"(?i:{source})" if any(ch.isupper() for ch in literal) else source


class _Reader:
    """Validates the data file, every error as `file:line: message`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Any, key: Any, message: str) -> PartwaysError:
        line = None
        if hasattr(node, "line_of"):
            line = node.line_of(key)
        elif hasattr(node, "line"):
            line = node.line
        return PartwaysError(message, file=self.path, line=line or None)

    def mapping(self, node: Any, key: str, where: Any, required: bool = False) -> dict[Any, Any]:
        if node is None:
            if required:
                raise self.fail(where, key, f"{key}: missing")
            return {}
        if not isinstance(node, dict):
            raise self.fail(where, key, f"{key}: expected a mapping")
        return node

    def marker_source(
        self, item: Any, owner: Any, index: int, label: str
    ) -> tuple[str | None, str | None]:
        """(regex source, builtin) for one marker."""
        if isinstance(item, str) and item.strip():
            return _phrase_regex(item), None
        if isinstance(item, dict) and len(item) == 1:
            if isinstance(item.get("re"), str) and item["re"]:
                source = item["re"]
                try:
                    re.compile(source)
                except re.error as exc:
                    raise self.fail(item, "re", f"{label}: bad regular expression: {exc}") from None
                return _user_regex(source), None
            if "builtin" in item:
                if item["builtin"] not in _BUILTINS:
                    raise self.fail(
                        item,
                        "builtin",
                        f"{label}: builtin must be one of {', '.join(_BUILTINS)}",
                    )
                return None, str(item["builtin"])
        raise self.fail(
            owner,
            index,
            f"{label}: expected a phrase, {{re: '...'}} or {{builtin: date|money}}",
        )

    def markers(
        self, node: Any, owner: Any, key: Any, label: str
    ) -> list[tuple[str | None, str | None]]:
        if not isinstance(node, list):
            raise self.fail(owner, key, f"{label}: expected a list of markers")
        return [self.marker_source(item, node, i, label) for i, item in enumerate(node)]


def _combined(sources: Iterable[str]) -> re.Pattern[str] | None:
    parts = [f"(?:{s})" for s in sources]
    return re.compile("|".join(parts)) if parts else None


def _parse_checks(data: Any, path: Path) -> LetterChecks:
    r = _Reader(path)
    if not isinstance(data, dict):
        raise PartwaysError("expected a mapping (format, blame, subjects, elements)", file=path)
    if data.get("format") != CHECKS_FORMAT:
        raise r.fail(data, "format", f"format: must be '{CHECKS_FORMAT}'")
    known = {"format", "blame", "subjects", "elements"}
    for key in data:
        if key not in known:
            raise r.fail(data, key, f"{key}: unknown key (expected {', '.join(sorted(known))})")

    blame: dict[str, re.Pattern[str] | None] = {}
    raw_blame = r.mapping(data.get("blame"), "blame", data)
    for lang in LANGS:
        items = raw_blame.get(lang, [])
        sources = r.markers(items, raw_blame, lang, f"blame.{lang}")
        if any(b for _, b in sources):
            raise r.fail(raw_blame, lang, f"blame.{lang}: builtin markers are not allowed here")
        blame[lang] = _combined(s for s, _ in sources if s)

    subjects: list[tuple[str, dict[str, re.Pattern[str] | None]]] = []
    raw_subjects = r.mapping(data.get("subjects"), "subjects", data)
    for kind, per_lang in raw_subjects.items():
        if kind not in LETTER_KINDS:
            raise r.fail(raw_subjects, kind, f"subjects: unknown letter kind '{kind}'")
        per_lang = r.mapping(per_lang, str(kind), raw_subjects)
        compiled: dict[str, re.Pattern[str] | None] = {}
        for lang in LANGS:
            sources = r.markers(per_lang.get(lang, []), per_lang, lang, f"subjects.{kind}.{lang}")
            if any(b for _, b in sources):
                raise r.fail(per_lang, lang, f"subjects.{kind}.{lang}: no builtin markers here")
            compiled[lang] = _combined(s for s, _ in sources if s)
        subjects.append((str(kind), compiled))

    elements: dict[str, tuple[Element, ...]] = {}
    raw_elements = r.mapping(data.get("elements"), "elements", data)
    for kind, items in raw_elements.items():
        if kind not in LETTER_KINDS:
            raise r.fail(raw_elements, kind, f"elements: unknown letter kind '{kind}'")
        if not isinstance(items, list):
            raise r.fail(raw_elements, kind, f"elements.{kind}: expected a list of elements")
        out: list[Element] = []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise r.fail(items, i, f"elements.{kind}: each element needs an id")
            label = item.get("label")
            if not isinstance(label, dict) or not all(
                isinstance(label.get(lang), str) and label[lang] for lang in LANGS
            ):
                raise r.fail(item, "label", f"elements.{kind}.{item['id']}: label needs fr and en")
            count = item.get("count", 1)
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise r.fail(item, "count", f"elements.{kind}.{item['id']}: count must be ≥ 1")
            patterns: dict[str, re.Pattern[str] | None] = {}
            builtins: dict[str, tuple[str, ...]] = {}
            for lang in LANGS:
                if lang not in item:
                    raise r.fail(item, "id", f"elements.{kind}.{item['id']}: no {lang} markers")
                sources = r.markers(item[lang], item, lang, f"elements.{kind}.{item['id']}.{lang}")
                patterns[lang] = _combined(s for s, _ in sources if s)
                builtins[lang] = tuple(b for _, b in sources if b)
            labels = {k: str(v) for k, v in label.items()}
            out.append(Element(item["id"], labels, patterns, builtins, count))
        elements[str(kind)] = tuple(out)
    return LetterChecks(path, blame, tuple(subjects), elements)


@cache
def _load_checks(path: str, _version: tuple[int, int]) -> LetterChecks:
    from partways.yamlio import load_yaml

    return _parse_checks(load_yaml(Path(path)), Path(path))


def load_checks(path: Path) -> LetterChecks:
    """Read and compile a letter-checks file; compiled once per version (mtime, size) of it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PartwaysError("file not found", file=path) from None
    except OSError as exc:
        raise PartwaysError(f"cannot read: {exc.strerror}", file=path) from None
    return _load_checks(str(path), (st.st_mtime_ns, st.st_size))


def checks_path(flow: Flow | None) -> Path:
    """The flow's own letter-checks.yaml when its template folder has one, else the built-in."""
    from partways.paths import templates_dir

    if flow is not None and flow.templates:
        own = flow.templates / CHECKS_FILE
        if own.is_file():
            return own
    return templates_dir() / CHECKS_FILE


def checks_for(flow: Flow | None) -> LetterChecks:
    return load_checks(checks_path(flow))


# -- recognisers: facts of the languages, not data -----------------------------------------------
_SP = r"[^\S\n]"  # any horizontal space, ordinary or non-breaking
_FILL = "\x1a"  # what masked characters become: neither a letter, a digit, a space nor a sign

# fmt: off
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)
# fmt: on
_MONTH_NUMBER = {name: i + 1 for names in (_MONTHS_EN, _MONTHS_FR) for i, name in enumerate(names)}
_MONTH_NUMBER.update({"fevrier": 2, "aout": 8, "decembre": 12})
_ANY_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_EN_MONTH = "|".join(_MONTHS_EN)

# Recognisers run on the lowered text, so they are written in lower case, without IGNORECASE.
_DATE_DMY = re.compile(
    rf"(?P<d>\d(?<![\w.,]\d)\d?)(?:er|st|nd|rd|th)?{_SP}+(?P<m>{_ANY_MONTH}){_SP}+"
    rf"(?P<y>\d{{4}})(?!\d)"
)
#: "february 25, 2027"; the month must start a word (checked after the match, see _dates).
_DATE_MDY = re.compile(
    rf"(?P<m>{_EN_MONTH}){_SP}+(?P<d>\d\d?)(?:st|nd|rd|th)?,?{_SP}+(?P<y>\d{{4}})(?!\d)"
)
_DATE_LINE_REST = re.compile(r"^[\s*_]*(?:[^,\n\d]{1,40},)?\s*(?:le|on|the)?[\s*_.]*$", re.I)

# Numbers as each language writes them: fr `18 500,50` (any space as separator), en `18,500.50`.
# The first digit is not preceded by a digit, "." or ",": tested just after it.
_NUM = {
    "fr": r"\d(?<![\d.,]\d)(?:\d{0,2}(?:[ \u00a0\u202f]\d{3})+|\d{0,2}(?:\.\d{3})+|\d*)"
    r"(?:,\d{1,2})?(?!\d)",
    "en": r"\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+|\d{0,2}(?:[ \u00a0\u202f]\d{3})+|\d*)"
    r"(?:\.\d{1,2})?(?!\d)",
}
# a code before the amount must not end a longer word ("EUR", not "pEUR"): tested after it
_CUR_BEFORE = r"(?:us\$|ca\$|€|\$|£|(?:eur|usd|gbp|chf|cad)(?<![^\W\d_][a-z]{3}))"
_CUR_AFTER = (
    r"(?:€|\$us|\$ca|\$|£gb|£|(?:eur|usd|gbp|chf|cad|euros?|dollars?|pounds?|"
    r"francs suisses)(?!\w))"
)
_MONEY = {
    lang: re.compile(
        rf"(?P<pre>{_CUR_BEFORE}){_SP}?(?P<n1>{_NUM[lang]})"
        rf"|(?P<n2>{_NUM[lang]}){_SP}?(?P<post>{_CUR_AFTER})"
    )
    for lang in LANGS
}
_HOURS = {
    lang: re.compile(rf"(?P<n>{_NUM[lang]}){_SP}?(?:hours?|hrs?|heures?|h)(?!\w)(?!{_SP}?\d)")
    for lang in LANGS
}
_PERCENT = {
    lang: re.compile(rf"(?P<n>{_NUM[lang]}){_SP}?(?:%|per{_SP}?cent(?!\w)|pour{_SP}?cent(?!\w))")
    for lang in LANGS
}
_NOTICE = re.compile(
    rf"(?P<a>\d+)(?:-|{_SP})(?:calendar(?:-|{_SP}))?days?['’]?{_SP}+notice"
    rf"|notice(?:{_SP}+period)?{_SP}+of{_SP}+(?P<b>\d+){_SP}+(?:calendar{_SP}+)?days?"
    rf"|préavis(?:{_SP}+contractuel)?{_SP}+de{_SP}+(?P<c>\d+){_SP}+jours?"
)


def _currency_code(symbol: str) -> str:
    s = symbol.lower()
    if "€" in s or s.startswith("eur"):
        return "EUR"
    if "ca" in s and "$" in s or s == "cad":
        return "CAD"
    if "$" in s or s in ("usd", "dollar", "dollars"):
        return "USD"
    if "£" in s or s in ("gbp", "pound", "pounds"):
        return "GBP"
    if s.startswith(("chf", "franc")):
        return "CHF"
    return symbol.upper()


def _number(text: str, lang: str) -> float:
    raw = re.sub(r"[ \u00a0\u202f]", "", text)
    # fr: "." groups thousands and "," is the decimal point; en: "," groups thousands
    raw = raw.replace(".", "").replace(",", ".") if lang == "fr" else raw.replace(",", "")
    return float(raw)


@record
class _Found:
    start: int
    end: int
    text: str
    value: Any
    extra: str = ""  # money: the currency code; dates: the style (dmy, mdy)


def _money(run: _Run) -> Iterator[_Found]:
    for m in _MONEY[run.lang].finditer(run.lower):
        number = m.group("n1") or m.group("n2")
        symbol = m.group("pre") or m.group("post")
        text = run.text[m.start() : m.end()]
        yield _Found(m.start(), m.end(), text, _number(number, run.lang), _currency_code(symbol))


def _dates(run: _Run) -> Iterator[_Found]:
    lower = run.lower
    for style, regex in (("dmy", _DATE_DMY), ("mdy", _DATE_MDY)):
        for m in regex.finditer(lower):
            if style == "mdy" and m.start() > 0 and lower[m.start() - 1].isalnum():
                continue  # "mmay 5, 2027": not a month starting a word
            month = _MONTH_NUMBER[m.group("m")]
            try:
                value: dt.date | None = dt.date(int(m.group("y")), month, int(m.group("d")))
            except ValueError:
                value = None
            yield _Found(m.start(), m.end(), run.text[m.start() : m.end()], value, style)


# -- text helpers ------------------------------------------------------------------------------
_MASK = re.compile(
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]+`"
    r"|<[^<>\n]+>"
    r"|(?:https?://|ftp://|www\.)[^\s<>)\]]+"
    r"|\]\([^)\n]*\)"
    r"|&#?\w+;",
    re.DOTALL,
)
#: The domain of an e-mail address; the name before "@" is found by walking back from it (a
#: pattern starting with [\w.+-]+ would be tried at every letter of the letter).
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_EMAIL_NAME = frozenset("._+-")


def _mask(text: str) -> str:
    """Code, URLs, e-mail addresses and link targets blanked out, offsets and lines kept."""
    spans = [(m.start() + (m.group()[0] == "]"), m.end()) for m in _MASK.finditer(text)]
    for m in _EMAIL_DOMAIN.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _EMAIL_NAME):
            start -= 1
        if start < m.start():
            spans.append((start, m.end()))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = _FILL
    return "".join(chars)


def _lowered(text: str) -> str:
    """`text` in lower case with the same length, so offsets found in it hold in `text`."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)  # "İ" → 2 chars


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def span(self, line: int) -> tuple[int, int]:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.span(line)
        return self.text[start:end]


def _q(text: str, lang: str) -> str:
    """Quote a piece of the letter in a message."""
    text = " ".join(text.replace(_FILL, "").split())
    return f"« {text} »" if lang == "fr" else f"“{text}”"


_MONTH_OUT = {"en": [m.capitalize() for m in _MONTHS_EN], "fr": list(_MONTHS_FR)}


def _date_text(day: dt.date, lang: str) -> str:
    """A date as the letter's language writes it ("26 December 2026", "1er janvier 2027")."""
    d = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{d} {_MONTH_OUT[lang][day.month - 1]} {day.year}"


KIND_NAMES = {
    "en": {
        "check_in": "a check-in letter",
        "boundaries": "a boundaries letter",
        "new_lead": "a new-lead letter",
        "renegotiation": "a renegotiation letter",
        "price_increase": "a price-increase letter",
        "separation": "a separation letter",
    },
    "fr": {
        "check_in": "une lettre de point régulier",
        "boundaries": "une lettre de cadre",
        "new_lead": "une lettre de changement d'interlocuteur",
        "renegotiation": "une lettre de renégociation",
        "price_increase": "une lettre de hausse des honoraires",
        "separation": "une lettre de séparation",
    },
}


# -- the checks --------------------------------------------------------------------------------
_SUBJECT = re.compile(r"(?:subject|objet|re)\s*:", re.IGNORECASE)


class _Run:
    """One check of one letter: the text, its masked copy, lines, and the problems found."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.masked = _mask(text)
        self.lower = _lowered(self.masked)  # what data patterns and recognisers run on
        self.lines = _Lines(text)
        self.problems: list[LetterProblem] = []
        self._dates: list[_Found] | None = None
        self._money: list[_Found] | None = None

    def add(
        self,
        pos_or_line: int,
        code: str,
        en: str,
        fr: str,
        *,
        at_line: bool = False,
        severity: str = "warning",
    ) -> None:
        line = pos_or_line if at_line else self.lines.of(pos_or_line)
        self.problems.append(LetterProblem(line, code, en, fr, severity))

    @property
    def dates(self) -> list[_Found]:
        if self._dates is None:
            self._dates = sorted(_dates(self), key=lambda f: f.start)
        return self._dates

    @property
    def money(self) -> list[_Found]:
        if self._money is None:
            self._money = list(_money(self))
        return self._money

    def is_date_line(self, found: _Found) -> bool:
        """The date line at the head of a letter ("Lyon, le 27 novembre 2026")."""
        line = self.lines.of(found.start)
        start, end = self.lines.span(line)
        rest = self.text[start : found.start] + self.text[found.end : end]
        return bool(_DATE_LINE_REST.match(rest))

    def subject(self) -> tuple[int, str] | None:
        """The subject line: "Subject:"/"Objet :" first, else the first bold line."""
        bold = None
        for number in range(1, min(len(self.lines.starts), 25) + 1):
            line = self.lines.line_text(number)
            plain = line.strip().strip("*_#").strip()
            if _SUBJECT.match(plain):
                return number, plain
            if bold is None and line.strip().startswith("**") and plain:
                bold = (number, plain)
        return bold


_PLACEHOLDER = re.compile(r"\[(?<![\\!\]]\[)(?P<body>[^\[\]\n]*[^\W\d_][^\[\]\n]*)\](?![(\[])")
_LINK_DEFINITION = re.compile(r"[^\S\n]{0,3}$")  # what may precede "[label]: url" on its line
_CHECKBOX = re.compile(r"^\s*[xX]?\s*$")


def _check_blame(run: _Run, checks: LetterChecks) -> None:
    regex = checks.blame.get(run.lang)
    if regex is None:
        return
    for m in regex.finditer(run.lower):
        found = run.text[m.start() : m.end()]
        run.add(
            m.start(),
            "blame",
            f"{_q(found, 'en')} sounds like blame: article 000 asks to state the reason as "
            "facts, without blame",
            f"{_q(found, 'fr')} sonne comme un reproche : l'article 000 demande d'exposer la "
            "raison par des faits, sans reproche",
        )


def _check_placeholders(run: _Run) -> None:
    for m in _PLACEHOLDER.finditer(run.text):
        if _CHECKBOX.match(m.group("body")) or _FILL in run.masked[m.start() : m.end()]:
            continue
        line_start = run.lines.span(run.lines.of(m.start()))[0]
        if run.text[m.end() : m.end() + 1] == ":" and _LINK_DEFINITION.match(
            run.text[line_start : m.start()]
        ):
            continue  # a Markdown link definition
        run.add(
            m.start(),
            "placeholder",
            f"{m.group()} to fill in",
            f"{m.group()} à compléter",
            severity="info",
        )


# labels of the case's facts in messages
_FACT_LABELS = {
    "fee": ("monthly fee", "honoraires mensuels"),
    "new_fee": ("new monthly fee", "nouveaux honoraires mensuels"),
    "shortfall": ("monthly shortfall", "manque à gagner mensuel"),
    "hourly": ("hourly rate", "taux horaire"),
    "fee_increase": ("fee increase", "hausse des honoraires"),
    "hours_contracted": ("hours agreed", "heures prévues"),
    "hours_spent": ("hours spent", "heures passées"),
    "hours_extra": ("extra hours", "heures en plus"),
    "ratio_pct": ("time spent vs time paid", "temps passé / temps payé"),
    "over_pct": ("time beyond the agreement", "dépassement du temps prévu"),
    "revenue_share": ("share of revenue", "part du chiffre d'affaires"),
    "increase_pct": ("fee increase", "hausse des honoraires"),
    "notice_days": ("notice", "préavis"),
    "today": ("today", "aujourd'hui"),
    "end_date": ("end date", "date de fin"),
    "start_date": ("start date", "date d'effet"),
}


def _facts_by_kind(facts: LetterFacts) -> dict[str, list[tuple[str, float]]]:
    money: list[tuple[str, float]] = []
    for key in ("fee", "new_fee", "shortfall", "hourly"):
        value = getattr(facts, key)
        if value is not None:
            money.append((key, float(value)))
    if facts.fee is not None and facts.new_fee is not None and facts.new_fee > facts.fee:
        money.append(("fee_increase", facts.new_fee - facts.fee))
    if facts.fee is not None and facts.shortfall:
        money.append(("new_fee", facts.fee + facts.shortfall))  # the exact sum, before rounding
    hours = [
        (key, float(getattr(facts, key)))
        for key in ("hours_contracted", "hours_spent", "hours_extra")
        if getattr(facts, key) is not None
    ]
    percent: list[tuple[str, float]] = []
    if facts.ratio_pct is not None:
        percent.append(("ratio_pct", facts.ratio_pct))
        if facts.ratio_pct > 100:
            percent.append(("over_pct", facts.ratio_pct - 100))
    if facts.revenue_share is not None:
        percent.append(("revenue_share", facts.revenue_share))
    if facts.fee and facts.new_fee is not None and facts.new_fee > facts.fee:
        percent.append(("increase_pct", (facts.new_fee / facts.fee - 1) * 100))
    return {"money": money, "hours": hours, "percent": percent}


def figure_matches(value: float, known: float) -> bool:
    """A letter's figure agrees with a known one after the rounding letters use.

    Whole units (|difference| < 1, so 85.71 may be written 85 or 86), within 1 %, or rounded
    ("about") to the nearest, lower or upper 10 for values of 100 or more and 100 for values of
    1,000 or more. Smaller values are not rounded to tens: "about 20 %" is not 14 %.
    """
    if abs(value - known) < 1 - 1e-9 or abs(value - known) <= 0.01 * abs(known) + 1e-9:
        return True
    for step, floor in ((10, 100), (100, 1000)):
        if abs(known) >= floor:
            candidates = (
                math.floor(known / step) * step,
                math.ceil(known / step) * step,
                math.floor(known / step + 0.5) * step,
            )
            if any(abs(value - c) < 1e-9 for c in candidates):
                return True
    return False


def _nearest(value: float, known: list[tuple[str, float]]) -> tuple[str, float]:
    return min(known, key=lambda kv: abs(kv[1] - value) / max(abs(kv[1]), 1))


def _figure_problem(run: _Run, found: _Found, label: str, shown: str) -> None:
    en_label, fr_label = _FACT_LABELS[label]
    run.add(
        found.start,
        "figure",
        f"{_q(found.text, 'en')} does not match the case ({en_label} {shown})",
        f"{_q(found.text, 'fr')} ne correspond pas au dossier ({fr_label} {shown})",
    )


def _check_figures(run: _Run, facts: LetterFacts, kind: str | None) -> None:
    from partways.formats import format_money, format_number

    lang = run.lang
    known = _facts_by_kind(facts)
    money = known["money"]
    # A new amount the case does not know is the user's to write (it replaces a placeholder):
    # unknown amounts can then not be told apart from it, so none is reported.
    money_open = facts.new_fee is None and kind in ("price_increase", "renegotiation", None)
    if money:
        for found in run.money:
            if found.extra != facts.currency.upper():
                key, value = money[0]
                _figure_problem(run, found, key, format_money(value, facts.currency, lang))
                continue
            if any(figure_matches(found.value, v) for _, v in money) or money_open:
                continue
            key, value = _nearest(found.value, money)
            _figure_problem(run, found, key, format_money(value, facts.currency, lang))
    for category, regex, unit in (
        ("hours", _HOURS[lang], " h"),
        ("percent", _PERCENT[lang], " %" if lang == "fr" else "%"),
    ):
        values = known[category]
        if not values:
            continue
        for m in regex.finditer(run.lower):
            value = _number(m.group("n"), lang)
            if any(figure_matches(value, v) for _, v in values):
                continue
            found = _Found(m.start(), m.end(), run.text[m.start() : m.end()], value)
            key, near = _nearest(value, values)
            _figure_problem(run, found, key, format_number(round(near, 1), lang) + unit)
    if facts.notice_days is not None:
        for m in _NOTICE.finditer(run.lower):
            days = int(m.group("a") or m.group("b") or m.group("c"))
            if days != facts.notice_days:
                found = _Found(m.start(), m.end(), run.text[m.start() : m.end()], days)
                unit = " jours" if lang == "fr" else " days"
                _figure_problem(run, found, "notice_days", f"{facts.notice_days}{unit}")
    _check_dates(run, facts, kind)


def _check_dates(run: _Run, facts: LetterFacts, kind: str | None) -> None:
    """Future dates against the case's: today (the date line), the end and start dates.

    Dates before today are history the case does not record, and are left alone. Only the
    kinds that state a date of the case are checked (a check-in's meeting date is not one).
    """
    known: list[tuple[str, dt.date]] = [("today", facts.today)]
    open_ = False
    if kind in ("separation", None):
        if facts.end_date is None:
            open_ = True  # the user writes the end date in place of [end date]
        else:
            known.append(("end_date", facts.end_date))
    if kind in ("price_increase", None):
        if facts.start_date_given:
            known.append(("start_date", facts.start_date))
        elif kind == "price_increase":
            open_ = True  # the draft's start date is only a default the user may move
    if kind not in ("separation", "price_increase", None):
        open_ = True
    for found in run.dates:
        if found.value is None:
            run.add(
                found.start,
                "figure",
                f"{_q(found.text, 'en')} is not a date",
                f"{_q(found.text, 'fr')} n'est pas une date",
            )
            continue
        if found.value < facts.today or open_ or any(found.value == d for _, d in known):
            continue
        key, day = min(known, key=lambda kd: abs((kd[1] - found.value).days))
        _figure_problem(run, found, key, _date_text(day, run.lang))


def _present(run: _Run, element: Element) -> bool:
    """The element's markers match `count` times in the letter (stops as soon as they do)."""
    lang, total = run.lang, 0
    for builtin in element.builtins.get(lang, ()):
        if builtin == "date":
            total += sum(1 for f in run.dates if not run.is_date_line(f))
        elif builtin == "money":
            total += len(run.money)
        if total >= element.count:
            return True
    pattern = element.patterns.get(lang)
    if pattern is not None:
        for _ in pattern.finditer(run.lower):
            total += 1
            if total >= element.count:
                return True
    return total >= element.count


def _check_elements(run: _Run, checks: LetterChecks, kind: str) -> None:
    elements = checks.elements.get(kind, ())
    if not elements:
        return
    subject = run.subject()
    line = subject[0] if subject else 1
    for element in elements:
        if _present(run, element):
            continue
        run.add(
            line,
            "missing",
            f"{KIND_NAMES['en'][kind]} should mention {element.label['en']}",
            f"{KIND_NAMES['fr'][kind]} devrait mentionner {element.label['fr']}",
            at_line=True,
        )


# Each starts with the sign it is about; what must (not) precede it is tested just after it.
_COLON = re.compile(r":(?<=[^\u00a0\u202f\n\x1a]:)")
_PUNCT = re.compile(r"[;?!](?<=[^\u00a0\u202f\n\x1a;?!][;?!])")
_OPEN_GUILLEMET = re.compile(r"«(?![\u00a0\u202f])")
_CLOSE_GUILLEMET = re.compile(r"»(?<![\u00a0\u202f]»)")
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')(?=[^\W\d_])")
#: An amount or a percentage as a whole, so its spaces can be looked at together.
_AMOUNT = re.compile(
    rf"\d(?<![\d.,]\d)\d{{0,2}}(?:[ \u00a0\u202f]\d{{3}})*(?:,\d+)?{_SP}?"
    r"(?:€|%|(?:EUR|CHF|[eE]uros?)(?!\w))"
)
_ORDINAL = re.compile(rf"1(?<!\w1)(?={_SP}+(?:{'|'.join(_MONTHS_FR)}|fevrier|aout|decembre)\b)")


def _word_around(text: str, start: int, end: int) -> str:
    """The word(s) a typography problem sits in, for the message."""
    left = start
    words = 0
    while left > 0 and text[left - 1] != "\n" and words < 3:
        if left > 0 and text[left - 1] in " \u00a0\u202f":
            left -= 1
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        words += 1
        if any(ch.isalnum() for ch in text[left:start]):
            break  # one real word is enough ("options :"), a lone "€" is not ("3 000 € :")
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _check_french_typography(run: _Run) -> None:
    masked, text = run.masked, run.text
    found: dict[tuple[int, str], list[str]] = {}

    def note(pos: int, end: int, code: str, whole: bool = False) -> None:
        """Remember a problem; `whole`: quote the match itself rather than its words."""
        key = (run.lines.of(pos), code)
        excerpt = text[pos:end] if whole else _word_around(text, pos, end)
        found.setdefault(key, []).append(excerpt.strip("*_"))

    for m in _COLON.finditer(masked):
        pos = m.start()
        before, after = masked[pos - 1], masked[pos + 1 : pos + 2]
        if before.isdigit() and after.isdigit():
            continue  # a time (14:30) or a ratio
        note(pos, pos + 1, "typo_colon")
    for m in _PUNCT.finditer(masked):
        pos = m.start()
        if m.group() == "!" and masked[pos + 1 : pos + 2] == "[":
            continue  # a Markdown image
        note(pos, pos + 1, "typo_punct")
    for regex in (_OPEN_GUILLEMET, _CLOSE_GUILLEMET):
        for m in regex.finditer(masked):
            note(m.start(), m.end(), "typo_guillemets")
    for m in _APOSTROPHE.finditer(masked):
        note(m.start(), m.end(), "typo_apostrophe")
    for m in _AMOUNT.finditer(masked):
        amount = m.group()
        if " " in amount or amount[-2:-1].isdigit() or amount[-1] in "€%" and amount[-2].isdigit():
            note(m.start(), m.end(), "typo_amount", whole=True)
    for m in _ORDINAL.finditer(masked):
        month_end = text.find(" ", m.end() + 1)
        note(m.start(), month_end if month_end > 0 else m.end(), "typo_ordinal", whole=True)

    texts = {
        "typo_colon": (
            "French puts a non-breaking space (U+00A0) before “:”",
            "espace insécable (U+00A0) avant « : »",
        ),
        "typo_punct": (
            "French puts a narrow non-breaking space (U+202F) before “;”, “?” and “!”",
            "espace fine insécable (U+202F) avant « ; », « ? » et « ! »",
        ),
        "typo_guillemets": (
            "narrow non-breaking spaces (U+202F) go inside « »",
            "espaces fines insécables (U+202F) à l'intérieur des « »",
        ),
        "typo_apostrophe": (
            "use the typographic apostrophe ’ rather than '",
            "apostrophe typographique ’ plutôt que '",
        ),
        "typo_amount": (
            "amounts take non-breaking spaces (U+00A0 or U+202F) between thousands and "
            "before € or %",
            "les montants prennent des espaces insécables (U+00A0 ou U+202F) entre les milliers "
            "et avant € ou %",
        ),
        "typo_ordinal": (
            "the first day of a month is written “1er”",
            "le premier jour du mois s'écrit « 1er »",
        ),
    }
    for (line, code), examples in found.items():
        en, fr = texts[code]
        more_en = f" ({len(examples)} times on this line)" if len(examples) > 1 else ""
        more_fr = f" ({len(examples)} fois sur cette ligne)" if len(examples) > 1 else ""
        run.add(
            line,
            code,
            f"{_q(examples[0], 'en')}: {en}{more_en}",
            f"{_q(examples[0], 'fr')} : {fr}{more_fr}",
            at_line=True,
        )


def _check_english_dates(run: _Run) -> None:
    """One date convention per letter (letters.md: "25 February 2027", the British default)."""
    dmy = [f for f in run.dates if f.extra == "dmy"]
    mdy = [f for f in run.dates if f.extra == "mdy"]
    if not dmy or not mdy:
        return
    # the style used less often is the odd one out; on a tie, the one that came second
    if len(dmy) != len(mdy):
        odd, other = (dmy, mdy) if len(dmy) < len(mdy) else (mdy, dmy)
    else:
        odd, other = (mdy, dmy) if dmy[0].start < mdy[0].start else (dmy, mdy)
    first = other[0]
    first_line = run.lines.of(first.start)
    for found in odd:
        run.add(
            found.start,
            "date_style",
            f"{_q(found.text, 'en')} mixes date styles with {_q(first.text, 'en')} "
            f"(line {first_line}): write every date one way, “25 February 2027” by default",
            f"{_q(found.text, 'fr')} mélange deux styles de date avec {_q(first.text, 'fr')} "
            f"(ligne {first_line}) : un seul style par lettre, « 25 February 2027 » par défaut",
        )


# -- salutation --------------------------------------------------------------------------------
_SALUTATION = re.compile(
    r"^(?:[^\S\n]|[*_])*(?P<line>(?:Dear|Hello|Hi|Madame|Monsieur|Mesdames|Messieurs|Bonjour|"
    r"Bonsoir|Chère|Cher|Chers)\b[^\n]*?),(?:[^\S\n]|[*_])*$",
    re.MULTILINE,
)
_CLOSING_FR = re.compile(r"agréer|l['’]expression|recevoir,")  # on the lowered text
_TITLE_EN = re.compile(r"^(?:Dear|Hello|Hi)\s+(?P<title>Ms|Mrs|Miss|Mr|Mx|Dr|Prof)\b\.?", re.I)


def civility_of(case: Case | None) -> str:
    """`ms`, `mr` or `none`, read defensively from `client.civility` (absent → none)."""
    if case is None:
        return "none"
    value = str(case.client.get("civility") or "").strip().lower().rstrip(".")
    if value in ("ms", "mrs", "miss", "mme", "madame"):
        return "ms"
    if value in ("mr", "m", "monsieur"):
        return "mr"
    return "none"


def _fr_civility(line: str) -> str | None:
    """Which civility a French line states: ms, mr, none (both), or None (neither)."""
    madame = re.search(r"\bMadame\b|\bMesdames\b|\bChère\b", line) is not None
    monsieur = re.search(r"\bMonsieur\b|\bMessieurs\b|\bCher\b", line) is not None
    if madame and monsieur:
        return "none"
    return "ms" if madame else "mr" if monsieur else None


def _en_civility(line: str) -> str | None:
    title = _TITLE_EN.match(line)
    if title:
        word = title.group("title").lower()
        if word in ("ms", "mrs", "miss"):
            return "ms"
        if word == "mr":
            return "mr"
        return "title"  # Dr, Prof, Mx: says nothing of the civility
    if re.search(r"\bSir or Madam\b|\bMadam or Sir\b", line, re.I):
        return "none"
    if re.search(r"\bMadam\b", line, re.I):
        return "ms"
    if re.search(r"\bSir\b", line, re.I):
        return "mr"
    return None


def _contact(case: Case) -> str:
    return (case.client.get("contact") or case.client.get("name") or "").strip()


def _expected_salutation(case: Case, civility: str, lang: str) -> str:
    contact = _contact(case)
    if lang == "fr":
        return {"ms": "Madame,", "mr": "Monsieur,"}.get(civility, "Madame, Monsieur,")
    if not (case.client.get("contact") or "").strip():  # no one named: "Dear Madam,"
        return {"ms": "Dear Madam,", "mr": "Dear Sir,"}.get(civility, "Dear Sir or Madam,")
    words = [w for w in contact.split() if w.rstrip(".").lower() not in ("ms", "mrs", "mr", "miss")]
    last = words[-1] if words else contact
    if civility == "ms":
        return f"Dear Ms {last},"
    if civility == "mr":
        return f"Dear Mr {last},"
    return f"Dear {' '.join(words) or contact or 'Sir or Madam'},"


_CIVILITY_WORDS = {
    "en": {"ms": "Ms", "mr": "Mr", "none": "none recorded"},
    "fr": {"ms": "Madame", "mr": "Monsieur", "none": "non renseignée"},
}


def _check_salutation(run: _Run, case: Case, kind: str | None) -> None:
    civility = civility_of(case)
    lang = run.lang
    head_end = run.lines.span(min(len(run.lines.starts), 20))[1]
    m = _SALUTATION.search(run.masked, 0, head_end)
    if m is None:
        return
    line_text = run.text[m.start("line") : m.end("line")].strip().rstrip(",")
    shown = line_text + ","
    expected = _expected_salutation(case, civility, lang)
    stated = _fr_civility(line_text) if lang == "fr" else _en_civility(line_text)
    informal = re.match(r"(?:Bonjour|Bonsoir|Hello|Hi)\b", line_text) is not None
    wrong = False
    if informal and stated is None:
        wrong = kind not in ("check_in", None)
    elif stated in ("ms", "mr", "none"):
        wrong = stated != civility
    elif stated is None and lang == "en" and civility in ("ms", "mr"):
        wrong = True  # "Dear Anne Girard," when the case knows the civility
    if wrong:
        cw_en, cw_fr = _CIVILITY_WORDS["en"][civility], _CIVILITY_WORDS["fr"][civility]
        if informal and stated is None:
            en = f"salutation {_q(shown, 'en')} is for check-in notes; write {_q(expected, 'en')}"
            fr = (
                f"formule d'appel {_q(shown, 'fr')} : « Bonjour » est réservé aux points "
                f"réguliers ; écrire {_q(expected, 'fr')}"
            )
        else:
            en = (
                f"salutation {_q(shown, 'en')} does not match the client's civility in the case "
                f"({cw_en}): write {_q(expected, 'en')}"
            )
            fr = (
                f"formule d'appel {_q(shown, 'fr')} : ne correspond pas à la civilité du client "
                f"dans le dossier ({cw_fr}) ; écrire {_q(expected, 'fr')}"
            )
        run.add(m.start("line"), "salutation", en, fr)
    _check_salutation_name(run, case, m.start("line"), line_text)
    if lang == "fr":
        _check_closing(run, civility, m.end())


def _check_salutation_name(run: _Run, case: Case, pos: int, line: str) -> None:
    """A name in the salutation must be the contact's ("Dear Ms Dupont," to Anne Girard)."""
    contact = _contact(case)
    named = re.match(
        r"(?:Dear|Hello|Hi|Bonjour|Bonsoir|Chère|Cher)\s+(?:(?:Ms|Mrs|Miss|Mr|Mx|Dr|Prof|"
        r"Madame|Monsieur)\b\.?\s*)?(?P<name>[^\W\d_][\w'’ .-]*)$",
        line,
    )
    if not contact or named is None:
        return
    name = named.group("name").strip()
    if name.lower() in ("sir or madam", "madam or sir", "sir", "madam", "all", "team"):
        return
    words = {w.strip(".").lower() for w in re.split(r"[\s-]+", contact) if len(w.strip(".")) > 1}
    if any(w.strip(".").lower() in words for w in re.split(r"[\s-]+", name)):
        return
    run.add(
        pos,
        "salutation",
        f"the salutation names {_q(name, 'en')} but the case's contact is {_q(contact, 'en')}",
        f"la formule d'appel nomme {_q(name, 'fr')} mais le contact du dossier est "
        f"{_q(contact, 'fr')}",
    )


def _check_closing(run: _Run, civility: str, after: int) -> None:
    """The formal French closing repeats the salutation's civility (letters.md)."""
    for m in _CLOSING_FR.finditer(run.lower, after):
        line = run.lines.of(m.start())
        stated = _fr_civility(run.lines.line_text(line))
        if stated is not None and stated != civility:
            expected = {"ms": "Madame", "mr": "Monsieur"}.get(civility, "Madame, Monsieur")
            run.add(
                m.start(),
                "salutation",
                f"the closing does not repeat the client's civility in the case: write "
                f"“{expected}”",
                f"la formule de politesse doit reprendre la civilité du dossier : « {expected} »",
            )
        return


# -- entry points ------------------------------------------------------------------------------
def guess_lang(text: str) -> str | None:
    """fr or en from common words, or None when the text says too little."""
    words = re.findall(r"[a-zà-ÿ’']+", text.lower())
    fr = sum(1 for w in words if w in _FR_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


# fmt: off
_FR_WORDS = frozenset((
    "le", "la", "les", "des", "une", "nous", "vous", "est", "et", "pour", "avec", "dans", "que",
    "qui", "notre", "votre",
))
_EN_WORDS = frozenset((
    "the", "and", "you", "we", "our", "your", "is", "are", "with", "for", "that", "this", "of",
    "to",
))
# fmt: on


def guess_kind(text: str, lang: str, checks: LetterChecks | None = None) -> str | None:
    """The letter kind its subject line names (the data's `subjects`), or None."""
    checks = checks or checks_for(None)
    subject = _Run(text, lang).subject()
    if subject is None:
        return None
    for kind, patterns in checks.subjects:
        regex = patterns.get(lang)
        if regex is not None and regex.search(subject[1].lower()):
            return kind
    return None


def resolve_kind(
    text: str,
    lang: str,
    kind: str | None = None,
    case: Case | None = None,
    flow: Flow | None = None,
    checks: LetterChecks | None = None,
    assessment: Assessment | None = None,
) -> str | None:
    """The kind to check against: the one given, else the case's edited letter's, else the
    case's verdict's, else the subject line's guess; None when nothing tells."""
    if kind in LETTER_KINDS:
        return kind
    if case is not None:
        saved = case.letter.get("kind")
        if case.letter.get("text") and saved in LETTER_KINDS:
            return str(saved)
        if assessment is not None:
            return assessment.letter
        if flow is not None:
            return _assess(case, flow, lang).letter
    return guess_kind(text, lang, checks)


def _assess(case: Case, flow: Flow, lang: str) -> Assessment:
    from partways.assessment import assess_case

    return assess_case(case, flow, lang, partial=True)


def check_letter(
    text: str,
    lang: str,
    kind: str | None = None,
    case: Case | None = None,
    flow: Flow | None = None,
    *,
    facts: LetterFacts | None = None,
    checks: LetterChecks | None = None,
) -> list[LetterProblem]:
    """Every problem of `text` (a letter in `lang`), sorted by line.

    Without a case only what the text shows is checked (blame, placeholders, the kind's
    elements when the kind is given or guessed, typography, date styles). With a case, its
    figures and dates and the salutation's civility are checked too. `facts` (from
    `letters.letter_facts`) and `checks` (from `checks_for`) may be passed by a caller that
    checks the same case many times, such as the editor.

    A placeholder is always reported, as "info": drafted letters contain placeholders only
    for facts the case does not know (the drafting side guarantees it), so any left is for the
    user to fill in.
    """
    lang = "fr" if lang == "fr" else "en"
    if case is not None and flow is None:
        from partways.flow import load_flow

        flow = load_flow(case.flow)
    checks = checks or checks_for(flow)
    assessment = None
    if case is not None and flow is not None and (facts is None or kind not in LETTER_KINDS):
        assessment = _assess(case, flow, lang)  # once, for the kind and the facts
    kind = resolve_kind(text, lang, kind, case, flow, checks, assessment)
    run = _Run(text, lang)
    _check_blame(run, checks)
    _check_placeholders(run)
    if case is not None and flow is not None:
        if facts is None:
            from partways.letters import letter_facts

            facts = letter_facts(case, flow, lang, assessment)
        _check_figures(run, facts, kind)
        _check_salutation(run, case, kind)
    if kind is not None:
        _check_elements(run, checks, kind)
    if lang == "fr":
        _check_french_typography(run)
    else:
        _check_english_dates(run)
    return sorted(run.problems, key=lambda p: (p.line, _CODE_ORDER.get(p.code, 99)))


def summary(problems: list[LetterProblem], lang: str) -> str:
    """One line for a status bar: the count and the first problem, or "" when clean."""
    if not problems:
        return ""
    first = problems[0]
    if lang == "fr":
        count = "1 point à vérifier" if len(problems) == 1 else f"{len(problems)} points à vérifier"
        return f"{count} : ligne {first.line} — {first.message('fr')}"
    count = "1 thing to check" if len(problems) == 1 else f"{len(problems)} things to check"
    return f"{count}: line {first.line} — {first.message('en')}"
