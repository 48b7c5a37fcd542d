"""SVG snapshots of the facilitator's question view and of the debrief, at 80×24 and 120×40.

Regenerate with `pytest tests/tui --snapshot-update`, convert the SVGs to PNG and look at them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from partways.paths import examples_dir
from partways.tui.screens.debrief import DebriefScreen
from partways.tui.screens.review import ReviewScreen

from .test_snapshots import no_cursor_blink

APP = Path(__file__).with_name("workshop_snapshot_app.py")
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("PARTWAYS_TODAY", "2026-11-26")
    time.tzset()


def working_case(monkeypatch, tmp_path: Path, study: str, answered: bool) -> Path:
    """A working case of a shipped study, empty or with the study's answers (and its skips:
    the questions added after it was written) and team votes."""
    source = yaml.safe_load((examples_dir() / f"{study}.yaml").read_text(encoding="utf-8"))
    data = {k: source[k] for k in ("format", "flow", "lang", "client", "provider", "study")}
    if answered:
        data["answers"] = source["answers"]
        data["skipped"] = source["skipped"]
        data["votes"] = {  # the answers above are what these votes decided
            "more_without_budget": {"often": 2, "always": 4},
            "capacity_strain": {"often": 6},
            "team_reluctance": {"often": 3, "always": 3},
        }
        data["lessons"] = {"what_worked": "Dire les problèmes tôt, en face."}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_CASE", str(path))
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_LANG", data["lang"])
    return path


@pytest.mark.parametrize("size", SIZES)
def test_facilitator_question(snap_compare, monkeypatch, tmp_path, size) -> None:
    working_case(monkeypatch, tmp_path, "values-mismatch.en", answered=False)

    async def run_before(pilot) -> None:
        await pilot.press("enter")  # from the story to the first question
        await pilot.pause()
        screen = pilot.app.screen
        for n, count in enumerate(["1", "3", "2"]):
            screen.query_one(f"#vote-{n}").value = count
        screen.query_one("#note").value = "Two unpaid banner sets in March"
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare, monkeypatch, tmp_path, size) -> None:
    working_case(monkeypatch, tmp_path, "over-serviced-agency.fr", answered=True)

    async def run_before(pilot) -> None:
        await pilot.press("enter")  # every question answered: the review
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen), pilot.app.screen
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DebriefScreen), pilot.app.screen
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=SIZES[size], run_before=run_before)
