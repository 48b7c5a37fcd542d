"""A Markdown view for letters, where a line break stays a line break.

Letters are written as e-mail text: the signature (name, role, company) sits on three lines.
CommonMark would join those lines into one paragraph line, so the preview marks each break
inside a paragraph as a hard break (two trailing spaces). The letter text itself is untouched.
"""

from __future__ import annotations

import re

from textual.await_complete import AwaitComplete
from textual.widgets import Markdown

_BLOCK_START = re.compile(r"\s*([-*+]\s|\d+[.)]\s|#|>|\|)")


def keep_line_breaks(text: str) -> str:
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        joins = line.strip() and nxt.strip() and not _BLOCK_START.match(nxt)
        heading = line.lstrip().startswith("#")
        out.append(line.rstrip() + "  " if joins and not heading else line)
    return "\n".join(out)


class LetterPreview(Markdown):
    def __init__(self, markdown: str | None = None, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(keep_line_breaks(markdown) if markdown else markdown, id=id)

    def update(self, markdown: str) -> AwaitComplete:
        return super().update(keep_line_breaks(markdown))
