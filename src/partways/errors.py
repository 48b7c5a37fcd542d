"""One error type for everything a user can get wrong.

Every front end catches `PartwaysError` and prints `str(err)`: a single line that names the file,
the place in it and what to do, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

#: C0 and C1 control characters (and DEL) except tab and newline: what a terminal obeys.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """`text` without the control characters a terminal would obey (ESC, OSC, BEL…); tab and
    newline stay, and a carriage return becomes a newline (so a one-line field still refuses
    it). Applied to every string read from a case or flow file, and to what is printed."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def shown(text: object) -> str:
    """`text` for a one-line message: every control character but tab (newline too) written
    as an escape such as `\\x1b`, so a key or a file name can never drive the terminal."""
    return _LINE_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


class PartwaysError(Exception):
    """A problem with user input (case file, flow, template, answer) reported on one line."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.key = key
        super().__init__(self.one_line())

    def one_line(self) -> str:
        place = ""
        if self.file:
            place = self.file
            if self.line:
                place += f":{self.line}"
            place += ": "
        key = f"{self.key}: " if self.key else ""
        return shown(" ".join(f"{place}{key}{self.message}".split()))


class AnswerError(PartwaysError):
    """An answer that does not fit its question (wrong type, out of range, unknown choice).

    `message` is English (CLI errors, logs); `localized(lang)` gives the text a front end shows
    next to the input, in the user's language.
    """

    def __init__(self, message: str, *, key: str | None = None, fr: str | None = None) -> None:
        super().__init__(message, key=key)
        self.translations = {"en": message, "fr": fr or message}

    def localized(self, lang: str) -> str:
        return self.translations.get(lang, self.message)


class IncompleteCase(PartwaysError):
    """A case whose verdict was asked for while required questions are unanswered.

    Unlike other errors its message is already in the user's language (it is built from the
    flow's question text), and `missing` lists every unanswered question id in flow order.
    """

    def __init__(self, message: str, *, file: str | Path, missing: tuple[str, ...]) -> None:
        super().__init__(message, file=file)
        self.missing = missing
