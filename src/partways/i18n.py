"""Language choice and bilingual text lookup.

Rule from the contract: `--lang`, else the case's `lang`, else the locale (`fr*` → fr, else en).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

LANGS = ("fr", "en")


def locale_lang(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def resolve_lang(option: str | None, case_lang: str | None = None) -> str:
    for candidate in (option, case_lang):
        if candidate in LANGS:
            return candidate
    return locale_lang()


def tr(text: Any, lang: str) -> str:
    """Pick the language from a `{fr: …, en: …}` mapping; a plain string serves both."""
    if isinstance(text, Mapping):
        for candidate in (lang, "en", "fr"):
            value = text.get(candidate)
            if isinstance(value, str) and value:
                return value
        return ""
    return "" if text is None else str(text)
