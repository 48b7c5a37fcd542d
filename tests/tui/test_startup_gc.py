"""The wizard resumes the collector `partways` paused, once its first screen is drawn."""

from __future__ import annotations

import gc
from pathlib import Path

from partways import startup
from partways.tui.app import PartwaysApp


async def test_wizard_resumes_collection_after_first_frame(tmp_path: Path) -> None:
    startup.pause()
    try:
        app = PartwaysApp(tmp_path / "c.yaml", lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled() and not startup.paused()
            assert gc.get_freeze_count() > 0  # start-up objects are out of later scans
    finally:
        startup.resume()
        gc.unfreeze()
        gc.enable()
