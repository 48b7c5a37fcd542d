"""Language choice and bilingual text lookup.

Rule from the contract: `--lang`, else the case's `lang`, else the locale (`fr*` → fr, else en).
"""

from __future__ import annotations

import os
import re
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


_FR_SPACE = re.compile(r" ([:;?!])")


def _fr_space(m: re.Match[str]) -> str:
    return ("\u00a0" if m.group(1) == ":" else "\u202f") + m.group(1)


def fr_spaced(text: str) -> str:
    """French text with its no-break space before `: ; ? !` (a narrow one before `; ? !`), so
    the sign never wraps onto a line of its own, whoever typed the plain space."""
    return _FR_SPACE.sub(_fr_space, text) if " " in text else text


def colon_for(lang: str) -> str:
    """A colon as `lang` writes it: French puts a no-break space before it, English none."""
    return "\u00a0:" if lang == "fr" else ":"


def tr(text: Any, lang: str) -> str:
    """Pick the language from a `{fr: …, en: …}` mapping; a plain string serves both.

    French text gets its no-break space before `: ; ? !` here, so a question mark never wraps
    onto a line of its own in any face, whatever the flow's author typed.
    """
    if isinstance(text, Mapping):
        value = ""
        for candidate in (lang, "en", "fr"):
            found = text.get(candidate)
            if isinstance(found, str) and found:
                value = found
                break
        return fr_spaced(value) if lang == "fr" else value
    return "" if text is None else str(text)
