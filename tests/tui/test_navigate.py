"""A screen asking for a screen that does not exist is a mistake in the code: it is refused at
once, never shown as the start screen."""

from __future__ import annotations

import pytest

from partways.tui.app import PartwaysApp
from partways.tui.requests import NAV_TARGETS, Navigate
from partways.tui.workshop_app import WorkshopApp


def test_an_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown screen 'nowhere'"):
        Navigate("nowhere")  # type: ignore[arg-type]  # the mistake mypy also reports


def test_every_target_is_a_message() -> None:
    assert [Navigate(t).target for t in NAV_TARGETS] == list(NAV_TARGETS)


@pytest.mark.parametrize("target", ["narrative", "debrief"])
def test_workshop_screens_are_not_in_the_wizard(target) -> None:
    with pytest.raises(ValueError, match=f"no '{target}' screen in the wizard"):
        PartwaysApp(None)._make(target)
    assert type(WorkshopApp(None)._make(target)).__name__.lower().startswith(target)
