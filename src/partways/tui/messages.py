"""Messages screens send to the app: a screen asks to go somewhere, the app decides how.

Screens never reach into each other; they post one of these and the app swaps screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Navigate(Message):
    """Go to a screen: start, details, question, review, verdict, letter."""

    target: str
    qid: str | None = None
    #: Editing from the review: come back to the review once the answer is confirmed.
    from_review: bool = False
    #: The letter kind to open (an alternative on the verdict screen); None: the verdict's.
    kind: str | None = None


@dataclass
class Export(Message):
    """Ask the app to export the letter or the report (kind: "letter" or "report")."""

    what: str
    kind: str | None = None
    lang: str | None = None


class LangChanged(Message):
    """The interface language changed: relabel everything that shows words."""
