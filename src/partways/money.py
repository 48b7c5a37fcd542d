"""Money, numbers and dates written the way each language writes them (`2 000 €`, `€2,000`).

Babel is imported lazily: only letters and reports need it, and `assess` must stay quick.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

_LOCALES = {"fr": "fr_FR", "en": "en_US"}
_SPACES = str.maketrans({"\u202f": " ", "\xa0": " "})


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "en_US")


def format_money(amount: float, currency: str, lang: str) -> str:
    """Whole amounts without decimals; spaces made plain so letters paste anywhere."""
    from babel.numbers import UnknownCurrencyError, format_currency

    whole = float(amount).is_integer()
    pattern = None
    if whole:
        pattern = "#,##0\xa0¤" if lang == "fr" else "¤#,##0"
    try:
        text = format_currency(amount, currency, locale=_locale(lang), format=pattern,
                               currency_digits=not whole)
    except UnknownCurrencyError:
        text = f"{format_number(amount, lang)} {currency}"
    if lang != "fr" and text[:1].isalpha():  # "CHF2,000" → "CHF 2,000"
        i = next((i for i, ch in enumerate(text) if not ch.isalpha()), len(text))
        text = text[:i] + " " + text[i:].lstrip()
    return text.translate(_SPACES)


def format_number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(round(value, 2), locale=_locale(lang)).translate(_SPACES)


def format_date(day: dt.date, lang: str) -> str:
    from babel.dates import format_date as fmt

    return fmt(day, format="long", locale=_locale(lang))


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
