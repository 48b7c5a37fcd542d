"""Drive `partways ask` through prompt_toolkit pipe input, as questionary's own tests do.

All keys are sent before the journey starts: prompt_toolkit keeps the keys one prompt did not use
("typeahead") for the next prompt reading the same input. The input is closed afterwards, so a
journey that wants more keys than the test gave ends with EOFError (exit 130) instead of hanging.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from partways.case import Case
from partways.engine import Engine
from partways.flow import Flow, Question, load_flow
from partways.i18n import tr
from partways.prompt import run_prompt
from tests.helpers import EXPECTED, example_data, saved
from tests.helpers import SPEC_EXAMPLES as DATA

__all__ = ["DATA", "EXPECTED", "example_data", "saved"]

ENTER = "\r"
CLEAR = "\x15"  # Ctrl+U: empty a text prompt's buffer (its default) before typing
DOWN = "\x1b[B"
CTRL_C = "\x03"
BACK = "<"
HELP = "?"
SKIP = "-"


@dataclass
class Run:
    code: int
    out: str


def drive(
    case: Path | str | None,
    keys: Iterable[str],
    *,
    flow_ref: str | None = None,
    lang: str | None = None,
    again: bool = False,
) -> Run:
    console_file = io.StringIO()
    console = Console(file=console_file, width=120, color_system=None, highlight=False)
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        code = run_prompt(
            None if case is None else str(case),
            flow_ref=flow_ref,
            lang=lang,
            input=inp,
            output=DummyOutput(),
            console=console,
            interactive=True,
            again=again,
        )
    return Run(code, console_file.getvalue())


def flat(text: str) -> str:
    """Console text with Rich's line wrapping undone."""
    return " ".join(text.split())


def flow() -> Flow:
    return load_flow("client-review")


SPACE = " "


def tick_keys(q: Question, values: Iterable[str], ticked: Iterable[str] = ()) -> str:
    """Keys that leave exactly `values` ticked in a multi's checkbox (`ticked` before), then
    Enter: space on each answer that must change, down to the next."""
    want, have = set(values), set(ticked)
    keys = "".join((SPACE if (v in want) != (v in have) else "") + DOWN for v in q.options)
    return keys + ENTER


def answer_keys(q: Question, value: Any) -> str:
    """Keys that give `value` to `q` at its prompt (a multi starts with nothing ticked)."""
    if q.type in ("frequency", "choice"):
        return f"{q.options.index(value) + 1}{ENTER}"
    if q.type == "boolean":
        return f"{1 if value else 2}{ENTER}"
    if q.type == "multi":
        return tick_keys(q, value)
    return f"{CLEAR}{value}{ENTER}"


def skip_keys(q: Question) -> str:
    return SKIP if q.type in ("frequency", "choice", "boolean", "multi") else f"{CLEAR}{ENTER}"


def walk_keys(
    answers: Mapping[str, Any],
    already: Mapping[str, Any] | None = None,
    stop_after: int | None = None,
    skipped: Iterable[str] = (),
) -> list[str]:
    """Keys for the questions the journey asks, in its order, answering from `answers`
    (questions absent from `answers` are skipped); `already` are the case's stored answers
    and `skipped` its stored skips (the journey does not ask those again)."""
    f = flow()
    engine = Engine(f, already or {}, skipped)
    keys: list[str] = []
    while (q := engine.next_question()) is not None:
        if stop_after is not None and len(keys) >= stop_after:
            break
        if q.id in answers:
            keys.append(answer_keys(q, answers[q.id]))
            engine.answer(q.id, answers[q.id])
        else:
            keys.append(skip_keys(q))
            engine.skip(q.id)
    return keys


def party_keys(
    client: str,
    contact: str,
    provider: str,
    signer: str,
    role: str,
    *,
    civility: str | None = None,
    city: str = "",
) -> list[str]:
    """Keys for a new case's details, asked in this order: client, contact, the contact's
    civility (a list: 1 ms, 2 mr, 3 none; Enter keeps none), provider, signer, role, city."""
    pick = {"ms": f"1{ENTER}", "mr": f"2{ENTER}", "none": f"3{ENTER}", None: ENTER}[civility]
    return [
        f"{client}{ENTER}",
        f"{contact}{ENTER}",
        pick,
        *(f"{v}{ENTER}" for v in (provider, signer, role, city)),
    ]


def verdict_label(verdict: str, lang: str) -> str:
    return tr(flow().verdicts[verdict].label, lang)


def question_text(qid: str, lang: str) -> str:
    return tr(flow().by_id[qid].text, lang)


YES = f"1{ENTER}"


def write_anyway_keys(case: Case, lang: str) -> list[str]:
    """[YES] when the letter the journey will write has problems: the journey then lists them
    and asks "Write it anyway?" before the file path. Computed from the case as the journey
    will have it, so journeys stay right whatever the templates draft."""
    from partways.assessment import assess
    from partways.lettercheck import check_letter
    from partways.letters import render_letter, saved_letter

    f = load_flow(case.flow)
    result = assess(f, Engine(f, case.answers).effective_answers(), lang)
    text = saved_letter(case, result.letter, lang) or render_letter(case, f, result, lang=lang)
    return [YES] if check_letter(text, lang, kind=result.letter, case=case, flow=f) else []


def example_case(name: str) -> Case:
    """A contract example as the new-case journey saves it (parties and answers)."""
    data = example_data(name)
    return Case(
        flow="client-review",
        lang=data["lang"],
        client=dict(data["client"]),
        provider=dict(data["provider"]),
        answers=dict(data["answers"]),
    )
