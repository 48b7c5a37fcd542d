"""`ask`: a note can be added to any question (issue 12), kept in the case's `notes` as the
wizard keeps it; a note never answers the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.yamlio import dump_yaml
from tests.prompt.helpers import CLEAR, ENTER, drive, example_data, flat, saved

NO = f"2{ENTER}"


def _partial_case(tmp_path: Path, notes: dict[str, str] | None = None) -> Path:
    """scope-creep without more_without_budget, monthly_fee and currency: the journey asks
    a select first, then a number (a text prompt), then the currency."""
    data = example_data("scope-creep")
    answers = {
        k: v
        for k, v in data["answers"].items()
        if k not in ("more_without_budget", "monthly_fee", "currency")
    }
    path = tmp_path / "notes.yaml"
    case = {**data, "answers": answers, "notes": notes or {}}
    # in partways' own layout: a file shaped by hand is saved through ruamel.yaml (60 ms a
    # save), which tests/core/test_session.py covers
    path.write_text(dump_yaml(case), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "saved_msg"), [("en", "Note saved."), ("fr", "Note enregistrée.")]
)
def test_n_adds_a_note_in_a_select_and_in_a_text_prompt(tmp_path: Path, lang, saved_msg):
    path = _partial_case(tmp_path)
    keys = [
        "n",  # more_without_budget: the note first
        f"Asked for 3 extra pages on 12 May{ENTER}",
        f"3{ENTER}",  # then the answer: often
        f"{CLEAR}n{ENTER}",  # monthly_fee: "n" typed alone opens the note
        f"Invoice 2026-04 still unpaid{ENTER}",
        f"{CLEAR}3000{ENTER}",
        f"{CLEAR}EUR{ENTER}",
        ENTER,  # review: see the verdict
        NO,
        NO,
    ]
    run = drive(path, keys, lang=lang)
    assert run.code == 0, run.out
    assert flat(run.out).count(saved_msg) == 2
    file = saved(path)
    assert file["notes"] == {
        "more_without_budget": "Asked for 3 extra pages on 12 May",
        "monthly_fee": "Invoice 2026-04 still unpaid",
    }
    # the note answered nothing: the answers are the ones chosen after it
    assert file["answers"]["more_without_budget"] == "often"
    assert file["answers"]["monthly_fee"] == 3000


def test_an_emptied_note_is_removed_and_an_unchanged_one_kept(tmp_path: Path):
    path = _partial_case(tmp_path, notes={"more_without_budget": "old", "monthly_fee": "keep"})
    keys = [
        "n",
        f"{CLEAR}{ENTER}",  # the note's text emptied: removed
        f"3{ENTER}",
        f"{CLEAR}n{ENTER}",
        ENTER,  # the note's default is the note: kept as it was
        f"{CLEAR}3000{ENTER}",
        f"{CLEAR}EUR{ENTER}",
        ENTER,
        NO,
        NO,
    ]
    run = drive(path, keys, lang="en")
    assert run.code == 0, run.out
    out = flat(run.out)
    assert "Note removed." in out and "Note saved." not in out
    assert saved(path)["notes"] == {"monthly_fee": "keep"}
