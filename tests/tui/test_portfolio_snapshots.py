"""SVG snapshots of the portfolio (the wizard's start screen) at 80×24 and 120×40.

Regenerate with `pytest tests/tui/test_portfolio_snapshots.py --snapshot-update`, then look at
every changed SVG (rsvg-convert -o /tmp/x.png FILE.svg).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from partways.case import open_case, save_case
from partways.history import record_assessment

from .conftest import EXAMPLES
from .test_snapshots import APP, no_cursor_blink


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def portfolio_folder(private_data: Path) -> None:
    """Four clients: one followed since September (overdue), one with three assessments, one
    never recorded (its verdict computed), one half answered (its progress shown)."""
    folder = private_data / "partways" / "cases"
    folder.mkdir(parents=True)
    for name in EXAMPLES.glob("*.yaml"):
        shutil.copy(name, folder / name.name)
    scope, flow = open_case(folder / "scope-creep.yaml")
    record_assessment(scope, flow, day=dt.date(2026, 9, 1))
    save_case(scope, flow=flow)
    hostile, flow = open_case(folder / "hostile-after-boundaries.yaml")
    for day in (dt.date(2026, 7, 1), dt.date(2026, 9, 1), dt.date(2026, 11, 2)):
        record_assessment(hostile, flow, day=day)
    save_case(hostile, flow=flow)
    half, flow = open_case(folder / "steady-client.yaml")
    half.client["name"] = "Atelier Brun"
    half.answers = {k: v for k, v in list(half.answers.items())[:5]}
    save_case(half, folder / "atelier-brun.yaml", flow=flow)


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((120, 40), "fr")])
def test_portfolio(snap_compare, monkeypatch, private_data, size, lang) -> None:
    portfolio_folder(private_data)
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_CASE", "")
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_LANG", lang)
    assert snap_compare(str(APP), terminal_size=size, run_before=no_cursor_blink)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_what_changed(snap_compare, monkeypatch, private_data, lang) -> None:
    """The "what changed" screen at 80×24: one client assessed three times, fewer hours and a
    missed meeting less since September; the history table and sparkline below."""
    folder = private_data / "partways" / "cases"
    folder.mkdir(parents=True)
    path = folder / "scope-creep.yaml"
    shutil.copy(EXAMPLES / "scope-creep.yaml", path)
    case, flow = open_case(path)
    record_assessment(case, flow, day=dt.date(2026, 7, 1))
    case.answers["hours_spent"] = 44
    record_assessment(case, flow, day=dt.date(2026, 9, 1))
    case.answers["hours_spent"] = 38
    case.answers["missed_meetings"] = "never"
    record_assessment(case, flow, day=dt.date(2026, 11, 2))
    save_case(case, flow=flow)
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_CASE", "")
    monkeypatch.setenv("PARTWAYS_SNAPSHOT_LANG", lang)

    async def run_before(pilot) -> None:
        await pilot.press("d")
        await pilot.pause()
        await no_cursor_blink(pilot)

    assert snap_compare(str(APP), terminal_size=(80, 24), run_before=run_before)
