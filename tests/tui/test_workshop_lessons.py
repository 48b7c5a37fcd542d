"""Workshop debrief: ctrl+t to the Lessons tab puts the cursor where the facilitator will type."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from partways.tui.workshop_app import WorkshopApp

from .conftest import saved
from .test_workshop import LARGE, run_to_debrief, working_case


async def test_ctrl_t_to_the_lessons_tab_focuses_the_first_lesson(private_data: Path) -> None:
    path = working_case("values-mismatch", "en")
    app = WorkshopApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await run_to_debrief(pilot, "values-mismatch", "en")
        await pilot.press("ctrl+t", "ctrl+t")  # summary → letter → lessons
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and app.focused.id == "lesson-what_worked"
        await pilot.press(*"Honest talk")
        await pilot.pause(0.6)  # lessons are saved after a short pause in typing
    assert saved(path)["lessons"] == {"what_worked": "Honest talk"}
