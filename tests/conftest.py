"""Shared fixtures: the contract's example cases, a fixed date, a private user-data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SPEC_EXAMPLES = DATA / "spec-examples"
EXPECTED = {
    "hostile-after-boundaries": "part_ways",
    "scope-creep": "renegotiate",
    "steady-client": "keep",
}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARTWAYS_TODAY", "2026-11-26")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("PARTWAYS_DEBUG", raising=False)
    from partways.money import today

    today.cache_clear()


@pytest.fixture
def example(tmp_path: Path):
    """Copy a contract example case into tmp and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / f"{name}.yaml"
        shutil.copy(SPEC_EXAMPLES / f"{name}.yaml", target)
        return target

    return copy


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/data/golden/*.md")
