"""SVG snapshots at 80×24 of each screen; review changes to them like code.

Regenerate with `pytest tests/tui --snapshot-update`, then look at every changed SVG.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, TextArea

from .conftest import EXAMPLES

APP = Path(__file__).with_name("snapshot_app.py")
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


async def no_cursor_blink(pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def configure(
    monkeypatch,
    tmp_path: Path,
    lang: str,
    example: str | None = None,
    drop: tuple[str, ...] = (),
    keep: int | None = None,
) -> Path:
    path = tmp_path / "case.yaml"
    if example:
        data = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
        answers = data["answers"]
        if keep is not None:
            answers = dict(list(answers.items())[:keep])
        data["answers"] = {k: v for k, v in answers.items() if k not in drop}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_CASE", str(path))
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_LANG", lang)
    return path


def test_start_screen(snap_compare, monkeypatch, tmp_path, private_data) -> None:
    folder = private_data / "partways" / "cases"
    folder.mkdir(parents=True)
    recent = folder / "librairie-des-quais-2026-11-20.yaml"
    recent.write_text((EXAMPLES / "scope-creep.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    stamp = 1795000000  # 2026-11-18 UTC
    os.utime(recent, (stamp, stamp))
    configure(monkeypatch, tmp_path, "en")
    assert snap_compare(str(APP), terminal_size=SIZE, run_before=no_cursor_blink)


def test_details_screen(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "fr")

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Atelier Dumas", "tab", "enter")  # the civility list
        await pilot.pause()
        await pilot.press("down", "enter", "tab", *"Claire Dumas")  # Madame Claire Dumas
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZE, run_before=run_before)


def test_question_in_french(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "fr", "scope-creep", keep=2)
    assert snap_compare(str(APP), terminal_size=SIZE, run_before=no_cursor_blink)


def test_question_in_english_with_invalid_number(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "en", "steady-client", keep=17)

    async def run_before(pilot) -> None:
        await pilot.pause()  # the screen is up, as a person sees it before typing
        await pilot.press(*"lots", "enter")
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZE, run_before=run_before)


def test_review(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "en", "steady-client")
    assert snap_compare(str(APP), terminal_size=SIZE, run_before=no_cursor_blink)


def test_verdict(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "fr", "scope-creep")

    async def run_before(pilot) -> None:
        await pilot.press("v")
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZE, run_before=run_before)


def test_verdict_what_if(snap_compare, monkeypatch, tmp_path) -> None:
    """The verdict screen scrolled to its "what would change the verdict" section."""
    configure(monkeypatch, tmp_path, "en", "scope-creep")

    async def run_before(pilot) -> None:
        await pilot.press("v")
        await pilot.pause()
        pilot.app.screen.query_one("#whatif-title").scroll_visible(top=True, animate=False)
        await no_cursor_blink(pilot)
        await pilot.pause()

    assert snap_compare(str(APP), terminal_size=SIZE, run_before=run_before)


def test_letter(snap_compare, monkeypatch, tmp_path) -> None:
    configure(monkeypatch, tmp_path, "en", "hostile-after-boundaries")

    async def run_before(pilot) -> None:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")  # leave out the details a separation names
        await pilot.pause()
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZE, run_before=run_before)


def test_error_screen(snap_compare, monkeypatch, tmp_path) -> None:
    path = configure(monkeypatch, tmp_path, "en")
    path.write_text(
        "format: partways/1\nflow: client-review\nanswers:\n  more_without_budget: very often\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_CASE", "case.yaml")  # a relative path: stable text
    assert snap_compare(str(APP), terminal_size=SIZE, run_before=no_cursor_blink)
