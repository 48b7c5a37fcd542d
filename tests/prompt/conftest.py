from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """New cases go to a per-test user-data folder; the date is fixed for letters."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("PARTWAYS_TODAY", "2026-11-26")
    monkeypatch.delenv("NO_COLOR", raising=False)
