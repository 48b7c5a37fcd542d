"""The workshop app the snapshot tests run; PARTWAYS_SNAPSHOT_CASE names the working case."""

from __future__ import annotations

import os

from partways.tui.workshop_app import WorkshopApp

app = WorkshopApp(
    os.environ.get("PARTWAYS_SNAPSHOT_CASE") or None,
    lang=os.environ.get("PARTWAYS_SNAPSHOT_LANG") or None,
)

if __name__ == "__main__":
    app.run()
