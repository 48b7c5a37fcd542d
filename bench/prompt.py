"""What one plain-mode question costs before the user sees it: a select (with a hotkey), a
checkbox and a text prompt answered from a pipe, with prompt_toolkit's default key bindings
shared across prompts (what `ask` does) against rebuilt for every prompt (the library's own
behaviour, the baseline, measured in the same run, interleaved).

Usage: python bench/prompt.py [--runs N]
Prints the median CPU time (ms) per prompt of each kind, both ways, and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import prompt_toolkit.application.application as pt_application
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from questionary import Choice

from partways.prompt.ui import Prompter

LOADERS = ("load_key_bindings", "load_page_navigation_bindings")
SHARED: dict[str, Callable[[], object]] = {n: getattr(pt_application, n) for n in LOADERS}


def use_shared(shared: bool) -> None:
    for name, loader in SHARED.items():
        setattr(pt_application, name, loader if shared else loader.__wrapped__)  # type: ignore[attr-defined]


def one(kind: str) -> float:
    """CPU seconds for one prompt, from building it to its answer."""
    with create_pipe_input() as pipe:
        prompter = Prompter("en", input=pipe, output=DummyOutput())
        choices = [Choice("a", value=1), Choice("b", value=2), Choice("c", value=3)]
        start = time.process_time()
        if kind == "select":
            pipe.send_text("\r")
            prompter.select("Pick?", choices, hotkeys={"?": 2})
        elif kind == "checkbox":
            pipe.send_text(" \r")
            prompter.checkbox("Tick?", choices, shown=str)
        else:
            pipe.send_text("hi\r")
            prompter.text("Say?")
        return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    for kind in ("select", "checkbox", "text"):
        times: dict[bool, list[float]] = {True: [], False: []}
        for shared in (True, False):  # warm-up, both ways
            use_shared(shared)
            one(kind)
        for _ in range(runs):
            for shared in (False, True):
                use_shared(shared)
                times[shared].append(one(kind))
        rebuilt = statistics.median(times[False]) * 1000
        shared_ms = statistics.median(times[True]) * 1000
        print(
            f"{kind:9} rebuilt {rebuilt:6.1f} ms  shared {shared_ms:6.1f} ms  "
            f"ratio {rebuilt / shared_ms:4.1f}x"
        )
    use_shared(True)


if __name__ == "__main__":
    main()
