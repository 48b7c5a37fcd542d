"""`partways ask`: the flow as plain questionary prompts, for screen readers, slow SSH links and
terminals where a full-screen app is unwelcome. Same engine, same verdict, same letter."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run_prompt(
    case_path: str | Path | None = None,
    flow_ref: str | None = None,
    lang: str | None = None,
    *,
    input: Any = None,
    output: Any = None,
    console: Any = None,  # noqa: A002
    interactive: bool | None = None,
    again: bool = False,
) -> int:
    """Run the prompt journey; returns the exit code (0 done, 1 user error, 130 interrupted).

    `input`/`output` are prompt_toolkit Input/Output objects and `console` a Rich Console, all
    for tests; `interactive` overrides the check that stdin is a terminal. `again` walks every
    question from the first, each previous answer pre-selected (`ask CASE --again`).
    """
    from partways import startup
    from partways.prompt.session import run

    startup.resume()  # the prompts start now (see startup.py)

    return run(
        case_path,
        flow_ref,
        lang,
        input=input,
        output=output,
        console=console,
        interactive=interactive,
        again=again,
    )


__all__ = ["run_prompt"]
