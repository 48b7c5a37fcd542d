"""`partways ask` on `multi` (a questionary checkbox) and `date` (checked text) questions,
driven key by key on a small flow written into tmp_path."""

from __future__ import annotations

import io
from pathlib import Path

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from questionary import Choice

from partways.flow import load_flow
from partways.prompt.ui import Prompter
from tests.prompt.helpers import (
    BACK,
    CLEAR,
    DOWN,
    ENTER,
    HELP,
    SKIP,
    answer_keys,
    drive,
    flat,
    saved,
    skip_keys,
    tick_keys,
)
from tests.types_flow import write_types_case, write_types_flow

NO = f"2{ENTER}"
SPACE = " "


def test_multi_ticked_with_space_and_a_typed_date(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path)
    keys = [
        SPACE + DOWN + SPACE + ENTER,  # scope and payment
        f"30/02/2026{ENTER}",  # refused by the validator: the prompt stays
        f"{CLEAR}3/11/2026{ENTER}",
        f"1{ENTER}",  # still friendly: yes
        ENTER,  # review: see the verdict
        NO,  # no letter
        NO,  # no report
    ]
    run = drive(case_path, keys)
    assert run.code == 0, run.out
    assert saved(case_path)["answers"] == {
        "concerns_topics": ["scope", "payment"],
        "conversation_date": "2026-11-03",
        "still_friendly": True,
    }
    assert "Too much for the price." in flat(run.out)  # scope + payment → raise_price


def test_nothing_ticked_is_an_answer(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path, lang="fr")
    run = drive(case_path, [ENTER, ENTER, NO, NO])  # none ticked: the date is not asked
    assert run.code == 0, run.out
    assert saved(case_path)["answers"] == {"concerns_topics": []}
    assert "Rien de grave." in flat(run.out)


def test_help_back_and_skip_around_multi_and_date(tmp_path: Path) -> None:
    case_path = write_types_case(tmp_path, {"concerns_topics": ["payment"]})
    keys = [
        f"{BACK}{ENTER}",  # at the date: go back to the checkbox
        HELP,  # its help note, then the checkbox again, payment still ticked
        SPACE + ENTER,  # tick scope as well
        f"{CLEAR}{SKIP}{ENTER}",  # the optional date is skipped
        ENTER,
        NO,
        NO,
    ]
    run = drive(case_path, keys)
    assert run.code == 0, run.out
    assert "Tick all that apply, or none." in flat(run.out)
    on_disk = saved(case_path)
    assert on_disk["answers"] == {"concerns_topics": ["scope", "payment"]}
    assert on_disk["skipped"] == ["conversation_date"]


def test_walk_helpers_answer_and_skip_the_new_types(tmp_path: Path) -> None:
    flow = load_flow(write_types_flow(tmp_path))
    multi, date = flow.by_id["concerns_topics"], flow.by_id["conversation_date"]
    assert answer_keys(multi, ["tone"]) == DOWN + DOWN + SPACE + DOWN + ENTER
    assert (
        tick_keys(multi, ["scope"], ticked=["scope", "tone"]) == DOWN + DOWN + SPACE + DOWN + ENTER
    )
    assert skip_keys(multi) == SKIP
    assert answer_keys(date, "2026-11-03") == f"{CLEAR}2026-11-03{ENTER}"


def test_checkbox_transcript_names_the_answer_in_the_language() -> None:
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text(SPACE + DOWN + SPACE + ENTER)
        inp.close()
        ui = Prompter("fr", input=inp, output=PlainTextOutput(out))
        choices = [Choice(t, value=v) for t, v in (("Le périmètre", "scope"), ("Le ton", "tone"))]
        value = ui.checkbox("Quels sujets ?", choices, shown=lambda vs: "; ".join(vs) or "aucun")
    assert value == ["scope", "tone"]
    last = out.getvalue().replace("\r", "").strip().splitlines()[-1]
    assert last.strip() == "? Quels sujets ? [scope; tone]"
    assert "selections" not in out.getvalue()
