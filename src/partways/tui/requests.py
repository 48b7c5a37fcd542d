"""Messages screens send to the app: a screen asks to go somewhere, the app decides how.

Screens never reach into each other; they post one of these and the app swaps screens.
"""

from __future__ import annotations

from typing import Literal, get_args

from textual.message import Message

from partways.record import record

#: Where a screen can ask to go (narrative and debrief exist in the workshop only).
NavTarget = Literal[
    "start", "details", "question", "review", "verdict", "letter", "narrative", "debrief"
]
NAV_TARGETS: tuple[NavTarget, ...] = get_args(NavTarget)


@record(frozen=False)
class Navigate(Message):
    """Go to a screen; an unknown target is a mistake in the code, refused here rather than
    silently shown as the start screen."""

    target: NavTarget
    qid: str | None = None
    #: Editing from the review: come back to the review once the answer is confirmed.
    from_review: bool = False
    #: The letter kind to open (an alternative on the verdict screen); None: the verdict's.
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.target not in NAV_TARGETS:
            raise ValueError(f"unknown screen {self.target!r} (one of {', '.join(NAV_TARGETS)})")
        super().__post_init__()


@record(frozen=False)
class Export(Message):
    """Ask the app to export the letter or the report (kind: "letter" or "report")."""

    what: str
    kind: str | None = None
    lang: str | None = None
