"""The letter preview keeps the signature's line breaks (name, role and company on their lines)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets._markdown import MarkdownParagraph

from partways.tui.widgets.letter_preview import LetterPreview, keep_line_breaks

LETTER = "Kind regards,\n\nOwen Fairbanks\nCo-founder\nGreenline Strategy\n"


class _Preview(App[None]):
    def compose(self) -> ComposeResult:
        yield LetterPreview(LETTER)


async def test_signature_lines_stay_apart() -> None:
    app = _Preview()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        paragraphs = [str(p._content) for p in app.query(MarkdownParagraph)]  # noqa: SLF001
    assert paragraphs == ["Kind regards,", "Owen Fairbanks\nCo-founder\nGreenline Strategy"]


def test_lists_and_headings_are_left_alone() -> None:
    text = "Intro line\n- first\n- second\n\n# Title\nBody"
    assert keep_line_breaks(text) == "Intro line\n- first\n- second\n\n# Title\nBody"
    assert keep_line_breaks("a\nb") == "a  \nb"
