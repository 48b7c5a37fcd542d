"""The collector paused while `partways` starts must always come back on."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

import pytest

from partways import cli, startup


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Whatever a test does, the rest of the suite runs with the collector on."""
    yield
    startup.resume()
    gc.enable()


def test_pause_then_resume() -> None:
    startup.pause()
    assert not gc.isenabled() and startup.paused()
    startup.resume()
    assert gc.isenabled() and not startup.paused()


def test_resume_leaves_a_collector_paused_by_someone_else_alone() -> None:
    gc.disable()
    startup.pause()  # not ours to resume
    startup.resume()
    assert not gc.isenabled()


def test_resume_with_freeze_moves_existing_objects_out_of_reach() -> None:
    startup.pause()
    startup.resume(freeze=True)
    try:
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    "argv",
    [
        ["flow", "check"],  # a normal return
        ["assess", "/no/such/case.yaml"],  # a one-line user error
        ["--help"],  # argparse exits through SystemExit
    ],
)
def test_cli_main_turns_the_collector_back_on(argv: list[str]) -> None:
    with contextlib.suppress(SystemExit):
        cli.main(argv)
    assert gc.isenabled()
