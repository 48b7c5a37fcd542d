"""`partways ask CASE --again`: review a client again from the first question."""

from __future__ import annotations

import datetime as dt

from partways.engine import Engine

from .helpers import CLEAR, ENTER, drive, example_data, flat, flow, saved, skip_keys
from .test_journeys import NO


def test_again_walks_every_question_preselected_and_records_the_verdict(example):
    path = example("scope-creep")
    data = example_data("scope-creep")
    f = flow()
    engine = Engine(f, data["answers"], data["skipped"])
    keys = []
    for q in engine.relevant_questions():
        if q.id == "hours_spent":
            keys.append(f"{CLEAR}38{ENTER}")
        elif q.id in data["answers"]:
            keys.append(ENTER)  # the previous answer is the default: Enter keeps it
        else:
            keys.append(skip_keys(q))
    run = drive(path, [*keys, ENTER, NO, NO], lang="en", again=True)
    assert run.code == 0, run.out
    assert " — 1/" in run.out  # asked from the first question, not straight to the review
    assert "Next review: 26 December 2026" in flat(run.out)  # renegotiate: a month
    on_disk = saved(path)
    assert [str(e["date"]) for e in on_disk["history"]] == ["2026-11-26"]
    entry = on_disk["history"][0]
    assert (
        entry["answers"]["hours_spent"] == 38
        and entry["verdict"] == on_disk["history"][-1]["verdict"]
    )
    unchanged = {
        k: v for k, v in data["answers"].items() if k not in ("hours_spent", "boundary_reaction")
    }
    assert {k: on_disk["answers"][k] for k in unchanged} == unchanged
    assert entry["next_review"] == dt.date(2026, 12, 26)


def test_a_plain_resume_records_the_verdict_too(example):
    path = example("steady-client")
    run = drive(path, [ENTER, NO, NO])
    assert run.code == 0, run.out
    assert len(saved(path)["history"]) == 1
