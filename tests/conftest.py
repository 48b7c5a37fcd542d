"""The one test environment (autouse): a fixed date, English locale, private user-data and cache
folders, and the wizard's typing delays at 20 ms so a test waits for no timer but its own. A test
that needs a delay back (to show a save only happens on quit, say) sets it with monkeypatch."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import EXPECTED, SPEC_EXAMPLES, copy_example_to

__all__ = ["EXPECTED", "SPEC_EXAMPLES"]

# Property tests: CI runs a fixed, derandomized set of examples per test (helpers.examples);
# PARTWAYS_SLOW=1 (or --slow) runs the full counts with fresh random examples.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("slow", deadline=None)
settings.load_profile("slow" if os.environ.get("PARTWAYS_SLOW") == "1" else "ci")

#: What the typing delays are in tests: longer than a key takes, so the keys of one
#: `pilot.press` are one burst of typing (one save, one check after it, as for a user), and
#: short enough that the next `pilot.press` or `pilot.pause` waits for the timers to fire
#: (tests/tui/pilot.py waits for one-shot timers up to SHORT_TIMER).
TYPING_DELAY = 0.02
#: Module constants of the wizard holding "seconds of quiet typing before …" delays.
TYPING_DELAYS = (
    ("partways.tui.screens.question", "NOTE_SAVE_DELAY"),
    ("partways.tui.screens.letter", "SAVE_DELAY"),
    ("partways.tui.screens.letter", "CHECK_DELAY"),
    ("partways.tui.screens.debrief", "SAVE_DELAY"),
)


@pytest.fixture(autouse=True, scope="session")
def fewer_collections() -> Iterator[None]:
    """The tests make and drop millions of objects, many in reference cycles (a wizard test's
    widgets, styles and strips; the engines and parsed flows of the core tests): at Python's
    default threshold (700) the collector ran some 5 000 times per worker and took 15-20 s of
    its CPU, most of it in the core and prompt tests (which did not have this). Ten thousand
    lets fewer, larger collections free the same garbage (tests/core and tests/prompt: GC
    17.8 → 9.3 s, CPU 101 → 93 s)."""
    threshold = gc.get_threshold()
    gc.set_threshold(10_000, *threshold[1:])
    yield
    gc.set_threshold(*threshold)


@pytest.fixture(autouse=True)
def test_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest
) -> Path:
    """Returns the user-data folder (XDG_DATA_HOME): new cases go to `<it>/partways/cases`."""
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("PARTWAYS_TODAY", "2026-11-26")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # preferences (theme, language, export folder) and exports stay in the temp folder too
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "documents"))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    for name in ("PARTWAYS_DEBUG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    from partways.formats import today

    today.cache_clear()
    if "tests/tui/" in request.node.nodeid.replace(os.sep, "/"):
        import importlib

        for module, name in TYPING_DELAYS:
            monkeypatch.setattr(importlib.import_module(module), name, TYPING_DELAY)
    return data


@pytest.fixture
def private_data(test_env: Path) -> Path:
    """The per-test user-data folder (what XDG_DATA_HOME points at)."""
    return test_env


@pytest.fixture
def example(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a contract example case into tmp and return its path."""
    return lambda name: copy_example_to(name, tmp_path)


@pytest.fixture
def copy_example(tmp_path: Path) -> Callable[[str], Path]:
    """The same as `example` (the wizard tests' name for it)."""
    return lambda name: copy_example_to(name, tmp_path)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/data/golden/*.md")
    parser.addoption(
        "--slow",
        action="store_true",
        help="property tests with their full example counts and random seeds (PARTWAYS_SLOW=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "wheel: builds the wheel (slow; deselect with -m 'not wheel')"
    )
    if config.getoption("--slow"):
        os.environ["PARTWAYS_SLOW"] = "1"  # xdist workers inherit it
        settings.load_profile("slow")
