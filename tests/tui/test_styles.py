"""The style sheets of later screens are read when those screens are first shown, not before
the first frame, and they style their screens as app.tcss did."""

from __future__ import annotations

import re
from pathlib import Path

from partways.tui.app import PartwaysApp
from partways.tui.requests import Navigate

STYLES = Path(__file__).resolve().parents[2] / "src" / "partways" / "tui" / "styles"
SCREENS = STYLES.parent / "screens"


def _sheets(app: PartwaysApp) -> set[str]:
    """The DEFAULT_CSS sources of partways' own screens the app has read so far."""
    return {
        str(name).removesuffix(".DEFAULT_CSS")
        for (path, name) in app.stylesheet.source
        if "/partways/tui/screens/" in str(path).replace("\\", "/")
    }


async def test_the_verdict_sheet_is_read_when_the_verdict_is_first_shown(copy_example) -> None:
    app = PartwaysApp(copy_example("scope-creep"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _sheets(app) == set()  # the review, first here, is styled by app.tcss
        app.navigate(Navigate("verdict"))
        await pilot.pause()
        assert _sheets(app) == {"VerdictScreen"}
        body = app.screen.query_one("#verdict-body")
        assert (body.styles.padding.left, body.styles.padding.right) == (2, 2)  # verdict.tcss
        await pilot.press("f1")  # a dialog brings the dialogs' sheet
        await pilot.pause()
        assert _sheets(app) == {"VerdictScreen", "Dialog"}
        assert app.screen.query_one(".dialog").styles.width.value == 70


def test_every_sheet_belongs_to_a_screen() -> None:
    """A sheet no screen reads would silently style nothing."""
    used = set()
    for source in SCREENS.glob("*.py"):
        used.update(re.findall(r'sheet\("([a-z_]+)"\)', source.read_text(encoding="utf-8")))
    assert used == {p.stem for p in STYLES.glob("*.tcss")}
