"""The app the snapshot tests run (after Posting's tests/posting_snapshot_app.py).

Configured by environment so each snapshot can open its own case:
PARTWAYS_SNAPSHOT_CASE (case file, may not exist yet), PARTWAYS_SNAPSHOT_LANG (fr|en).
"""

from __future__ import annotations

import os

from partways.tui.app import PartwaysApp

app = PartwaysApp(
    os.environ.get("PARTWAYS_SNAPSHOT_CASE") or None,
    lang=os.environ.get("PARTWAYS_SNAPSHOT_LANG") or None,
)

if __name__ == "__main__":
    app.run()
