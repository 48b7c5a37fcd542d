"""Garbage collection paused while the command starts.

Starting the wizard creates some 40 000 long-lived objects (Textual's classes and parsed CSS,
the flow, the case). The cyclic collector scans them again and again while they are being created
and frees next to nothing: about 35 ms of the wizard's first frame (bench/tui_startup.py).
So `partways` pauses it on entry; the wizard resumes it after its first frame, freezing what
exists so later collections (during keypresses) do not scan it either; every other command
resumes it when it returns. Reference counting frees memory as usual throughout.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop cyclic collection if it runs (a no-op when someone else already stopped it)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(freeze: bool = False) -> None:
    """Restart collection if `pause` stopped it; `freeze` first moves every object existing now
    out of the collector's reach (they are the program itself: modules, classes, styles)."""
    global _paused
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()


def paused() -> bool:
    return _paused
