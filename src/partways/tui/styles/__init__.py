"""Style sheets of the screens shown after the first one, read when each is first shown.

app.tcss holds what a first screen may need (question, review, start, error) and what every
screen shares; it is parsed before the first frame. Every other screen carries its own sheet
here as its `DEFAULT_CSS`, which Textual parses when that screen is first shown, and only that
sheet (a screen's `CSS_PATH` would have Textual parse every sheet of the app again, on each
screen's first showing). Parsing these with app.tcss cost the first frame about 3 %.

Two rules hold these sheets to what app.tcss used to do with them: they are not scoped
(`SCOPED_CSS = False`: their selectors name their screen's ids, and a rule starting at `App` or
at the screen itself works as written), and a widget's default sheet ranks below app.tcss, so
app.tcss never sets a property these sheets set on the same widget.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def sheet(name: str) -> str:
    """The text of `styles/<name>.tcss`."""
    return (_HERE / f"{name}.tcss").read_text(encoding="utf-8")
