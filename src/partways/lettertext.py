"""How figures, dates and punctuation are written in a letter, per language.

Letters get numbers and dates from the context and format them with these filters, so a template
can test facts (`{% if hours.spent > hours.contracted %}`) instead of parsing strings back. Letters
round harder than reports: whole currency units and whole percentages, since "around 128.1 %"
reads as false precision to a client. Dates are written by hand (British English, French with
"1er") so drafting a letter does not have to load Babel.
"""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"  # before ":" and "€" or "%", and between thousands, in French
NNBSP = "\u202f"  # before ";", "?", "!" and inside « » in French

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_WORDS = {
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}
#: How each currency is written in a letter: (before, after). Other codes: "1 200 SEK".
_CURRENCY = {
    "fr": {"EUR": ("", " €"), "USD": ("", " $"), "GBP": ("", " £"), "CHF": ("", " CHF")},
    "en": {"EUR": ("€", ""), "USD": ("$", ""), "GBP": ("£", ""), "CHF": ("CHF ", "")},
}


def _lang(lang: str) -> str:
    return "fr" if lang == "fr" else "en"


def group(value: float, lang: str, decimals: int = 0) -> str:
    """Digits grouped by thousands: `18 500` (no-break space) in French, `18,500` in English."""
    text = f"{abs(value):,.{decimals}f}"
    whole, _, frac = text.partition(".")
    if _lang(lang) == "fr":
        whole = whole.replace(",", NBSP)
        frac_sep = ","
    else:
        frac_sep = "."
    sign = "-" if value < 0 else ""
    return sign + whole + (frac_sep + frac if frac else "")


def number(value: float, lang: str) -> str:
    """A count or a number of hours: whole when whole, else one decimal (`37,5`, `37.5`)."""
    value = round(float(value), 1)
    return group(value, lang, 0 if value.is_integer() else 1)


def money(value: float, currency: str, lang: str) -> str:
    """Whole units only (`5 203 €`, `€5,203`): cents are false precision in a letter."""
    lang = _lang(lang)
    amount = round(float(value))
    digits = group(amount, lang)
    before, after = _CURRENCY[lang].get(currency.upper(), ("", f" {currency.upper()}"))
    if lang == "fr":
        after = after.replace(" ", NBSP)
    return f"{before}{digits}{after}"


def percent(value: float, lang: str) -> str:
    """Whole percent: `128 %` (no-break space) in French, `128%` in English."""
    digits = group(round(float(value)), lang)
    return f"{digits}{NBSP}%" if _lang(lang) == "fr" else f"{digits}%"


def date(day: dt.date, lang: str) -> str:
    """`1er février 2027` / `1 February 2027` (British style, one convention for every letter)."""
    lang = _lang(lang)
    month = _MONTHS[lang][day.month - 1]
    if lang == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def words(value: float, lang: str) -> str:
    """Numbers from zero to nine in words in prose (`deux ans`, `five years`), others in figures."""
    if float(value).is_integer() and 0 <= value <= 9:
        return _WORDS[_lang(lang)][int(value)]
    return number(value, lang)


def first_of_month_after(day: dt.date) -> dt.date:
    """The first first-of-a-month on or after `day`: a new fee starts on a clean month."""
    if day.day == 1:
        return day
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


# patterns, not compiled objects: `re` compiles (and caches) them on first use, so an English
# letter, a headless assessment or the wizard's start does not pay for them at import
_FR_SPACE_BEFORE = r"[ \u00a0\u202f]?([:;?!»])"
_FR_SPACE_AFTER = r"«[ \u00a0\u202f]?"
_URL = r"(?:https?://|www\.)\S+|\S+@\S+|`[^`]*`|\d{1,2}:\d{2}|\[[^\]]*\]\([^)]*\)"


def _fr_segment(text: str) -> str:
    def before(m: re.Match[str]) -> str:
        return (NBSP if m.group(1) == ":" else NNBSP) + m.group(1)

    text = re.sub(_FR_SPACE_BEFORE, before, text)
    text = re.sub(_FR_SPACE_AFTER, "«" + NNBSP, text)
    text = text.replace("'", "’")
    # thousands written with an ordinary space in user-typed amounts: "18 500 €"
    text = re.sub(r"(?<=\d) (?=\d{3}(?:\D|$))", NBSP, text)
    return re.sub(r"(?<=\d) (?=[€%])", NBSP, text)


def french_typography(text: str) -> str:
    """French spacing and apostrophes (U+00A0 before ":", U+202F before "; ? !" and inside « »,
    ’ for '), applied to a rendered French letter so template authors need not type them.
    URLs, e-mail addresses, code spans, Markdown links and times (14:30) are left as they are.
    """
    out: list[str] = []
    last = 0
    for m in re.finditer(_URL, text):
        out.append(_fr_segment(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_fr_segment(text[last:]))
    return "".join(out)
