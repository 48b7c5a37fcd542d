"""Core tests: the rule coverage of a flow is searched once per process for equal flows."""

from __future__ import annotations

import pytest

import partways.coverage
from tests.core.helpers import shared_coverage


@pytest.fixture(autouse=True)
def coverage_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`flow check` runs the coverage search (0.6 s on the built-in flow) on every flow it
    checks: the tests of sources, templates and figure roles check the built-in flow with only
    a table or a template changed, which the search never reads (see helpers._coverage_key)."""
    monkeypatch.setattr(partways.coverage, "coverage", shared_coverage)
