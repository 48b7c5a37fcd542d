"""Money, numbers and dates written the way each language writes them (`2 000 €`, `€2,000`).

Babel is imported lazily (dates, rare currencies): `assess` must stay quick.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

_LOCALES = {"fr": "fr_FR", "en": "en_US"}
_SPACES = str.maketrans({"\u202f": " ", "\xa0": " "})


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "en_US")


#: Symbols written by hand for the common currencies, so `assess` need not load Babel's data;
#: any other ISO code goes through Babel. Values checked against Babel 2.x output.
_SYMBOLS = {
    "fr": {
        "EUR": ("", " €"),
        "USD": ("", " $US"),
        "GBP": ("", " £GB"),
        "CHF": ("", " CHF"),
        "CAD": ("", " $CA"),
    },
    "en": {
        "EUR": ("€", ""),
        "USD": ("$", ""),
        "GBP": ("£", ""),
        "CHF": ("CHF ", ""),
        "CAD": ("CA$", ""),
    },
}


def _group(value: float, decimals: int, sep: str, point: str) -> str:
    text = f"{abs(value):,.{decimals}f}"
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", sep)
    sign = "-" if value < 0 else ""
    return sign + whole + (point + frac if frac else "")


def format_number(value: float, lang: str) -> str:
    """`1 234,5` in French, `1,234.5` in English; at most two decimals, none when whole."""
    value = round(float(value), 2)
    decimals = 0 if value.is_integer() else (1 if round(value, 1) == value else 2)
    return _group(value, decimals, " " if lang == "fr" else ",", "," if lang == "fr" else ".")


#: French writes a no-break space before % (U+00A0, as the letters do), English nothing.
PERCENT_SIGN = {"fr": "\u00a0%", "en": "%"}


def format_percent(value: float, lang: str) -> str:
    """`38,5 %` in French (no-break space, so % never wraps alone), `38.5%` in English.

    Every face and output writes percentages through this, so one screen never shows two forms.
    """
    return format_number(value, lang) + PERCENT_SIGN.get(lang, "%")


def format_money(amount: float, currency: str, lang: str) -> str:
    """Whole amounts without decimals (`2 000 €`, `€2,000`), others with two (`€2,571.43`)."""
    amount = round(float(amount), 2)
    lang = "fr" if lang == "fr" else "en"
    symbols = _SYMBOLS[lang].get(currency.upper())
    if symbols is not None:
        decimals = 0 if amount.is_integer() else 2
        number = _group(
            abs(amount), decimals, " " if lang == "fr" else ",", "," if lang == "fr" else "."
        )
        sign = "-" if amount < 0 else ""
        return f"{sign}{symbols[0]}{number}{symbols[1]}"
    from babel.numbers import UnknownCurrencyError, format_currency

    whole = amount.is_integer()
    pattern = ("#,##0\xa0¤" if lang == "fr" else "¤#,##0") if whole else None
    try:
        text = format_currency(
            amount, currency, locale=_locale(lang), format=pattern, currency_digits=not whole
        )
    except UnknownCurrencyError:
        return f"{format_number(amount, lang)} {currency}"
    if lang != "fr" and text[:1].isalpha():  # "SEK2,000" → "SEK 2,000"
        i = next((i for i, ch in enumerate(text) if not ch.isalpha()), len(text))
        text = text[:i] + " " + text[i:].lstrip()
    return text.translate(_SPACES)


def format_date(day: dt.date, lang: str, pattern: str = "long") -> str:
    """A date in the language's `long` form (letters: `November 3, 2026`, `3 novembre 2026`)
    or in a CLDR `pattern` such as `d MMMM y`."""
    from babel.dates import format_date as fmt

    return fmt(day, format=pattern, locale=_locale(lang))


@cache
def today() -> dt.date:
    """Today, or PARTWAYS_TODAY (ISO date) so letters and reports can be reproduced in tests."""
    fixed = os.environ.get("PARTWAYS_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()
