"""Following a client over time: the history in the case, re-assessment, diff, review dates."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from partways.case import load_case, open_case, save_case
from partways.errors import PartwaysError
from partways.flow import load_flow
from partways.history import (
    add_months,
    default_review,
    diff_entries,
    diff_lines,
    history_section,
    next_review,
    pick_entries,
    record_assessment,
    sparkline,
    trend,
)
from tests.core.test_cli import run

SPEC = Path(__file__).resolve().parents[1] / "data" / "spec-examples"
FLOW = load_flow()


def test_an_old_file_loads_unchanged_and_resaves_without_history(example, tmp_path):
    path = example("scope-creep")
    case, flow = open_case(path)
    assert case.history == [] and case.next_review is None
    save_case(case, flow=flow)
    first = path.read_bytes()
    assert b"history" not in first and b"next_review" not in first
    case, flow = open_case(path)
    save_case(case, flow=flow)
    assert path.read_bytes() == first  # byte for byte: loading and saving adds nothing


def test_assess_is_read_only_and_records_nothing(example):
    path = example("steady-client")
    before = path.read_bytes()
    out = run("assess", str(path))
    assert out.returncode == 0, out.stderr
    assert path.read_bytes() == before
    assert "Next review" not in out.stdout and "Prochain point" not in out.stdout


def test_record_write_and_read_back(example):
    path = example("scope-creep")
    case, flow = open_case(path)
    entry = record_assessment(case, flow, day=dt.date(2026, 9, 1))
    assert entry is not None
    assert entry["verdict"] == "renegotiate" and entry["rule"] == "over_servicing"
    assert entry["figures"]["service_ratio_pct"] == 140.0
    assert entry["answers"]["hours_spent"] == 49
    assert entry["next_review"] == dt.date(2026, 10, 1)  # renegotiate: a month
    save_case(case, flow=flow)
    again, _ = open_case(path)
    assert again.history == case.history
    assert next_review(again) == dt.date(2026, 10, 1)


def test_one_entry_per_day_and_none_for_a_provisional_verdict(example):
    case, flow = open_case(example("scope-creep"))
    day = dt.date(2026, 9, 1)
    record_assessment(case, flow, day=day)
    case.answers["hours_spent"] = 35
    record_assessment(case, flow, day=day)
    assert len(case.history) == 1 and case.history[0]["answers"]["hours_spent"] == 35
    del case.answers["missed_meetings"]
    assert record_assessment(case, flow, day=dt.date(2026, 9, 2)) is None
    assert len(case.history) == 1


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("  - {date: 2026-02-30, verdict: keep}\n", "+1: history.0.date", "not a real date"),
        ("  - {date: '1/2/2026', verdict: keep}\n", "+1: history.0.date", "YYYY-MM-DD"),
        ("  - {date: 2026-02-03, verdict: stay}\n", "+1: history.0.verdict", "not a verdict"),
        (
            "  - date: 2026-02-03\n    verdict: keep\n    answers: {disrespect: hourly}\n",
            "+3: history.0.answers.disrespect",
            "is not one of",
        ),
        (
            "  - date: 2026-02-03\n    verdict: keep\n    figures: {service_ratio_pct: high}\n",
            "+3: history.0.figures.service_ratio_pct",
            "expected a number",
        ),
    ],
)
def test_bad_history_is_one_error_with_file_and_line(tmp_path, text, where, words):
    path = tmp_path / "case.yaml"
    base = (SPEC / "steady-client.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(base + "history:\n" + text, "utf-8")
    offset, key = where.split(": ")
    line = base.count("\n") + 1 + int(offset)  # +1: the `history:` line
    with pytest.raises(PartwaysError) as info:
        open_case(path)
    message = info.value.one_line()
    assert f"case.yaml:{line}: {key}" in message and words in message, message


def test_bad_next_review_date(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text((SPEC / "steady-client.yaml").read_text("utf-8") + "next_review: 2026-13-01\n")
    with pytest.raises(PartwaysError, match="next_review"):
        load_case(path)


def test_default_review_dates(example):
    case, _ = open_case(example("steady-client"))
    day = dt.date(2026, 11, 30)
    assert default_review(case, "keep", {}, day) == dt.date(2027, 2, 28)
    assert default_review(case, "set_boundaries", {}, day) == dt.date(2027, 2, 28)
    assert default_review(case, "set_boundaries", {"boundaries_set": True}, day) == dt.date(
        2026, 12, 30
    )
    assert default_review(case, "part_ways", {"notice_days": 45}, day) == day + dt.timedelta(45)
    assert default_review(case, "part_ways", {}, day) == day + dt.timedelta(30)
    case.letter["start_date"] = dt.date(2027, 1, 15)
    assert default_review(case, "part_ways", {"notice_days": 45}, day) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 3) == dt.date(2027, 3, 15)


def _followed(example) -> Path:
    """scope-creep assessed on 1 September, then re-assessed with boundaries accepted."""
    path = example("scope-creep")
    stamp = dt.datetime(2026, 9, 1, 12).timestamp()
    os.utime(path, (stamp, stamp))
    out = run(
        "reassess",
        str(path),
        "--set",
        "boundaries_set=yes",
        "--set",
        "boundary_reaction=accepted",
        "--set",
        "hours_spent=38",
        "--lang",
        "en",
    )
    assert out.returncode == 0, out.stderr
    return path


def test_reassess_records_and_prints_what_changed(example):
    path = _followed(example)
    out = run("diff", str(path), "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "Time spent vs time paid: 140% → 108.6%" in out.stdout
    assert "Monthly shortfall: €1,200 → €257.14" in out.stdout
    assert "[boundaries_set]: No → Yes" in out.stdout
    assert "Renegotiate → Raise the price" in out.stdout
    assert "still_costly_after_boundaries" in out.stdout
    case, _ = open_case(path)
    assert [e["date"] for e in case.history] == [dt.date(2026, 9, 1), dt.date(2026, 11, 26)]
    assert case.history[-1]["next_review"] == dt.date(2026, 12, 26)  # boundaries set: a month
    fr = run("diff", str(path), "--lang", "fr")
    assert "Temps passé / temps payé\u00a0: 140 % → 108,6 %" in fr.stdout
    assert "Renégocier → Augmenter le prix" in fr.stdout


def test_diff_json_and_dates(example):
    path = _followed(example)
    data = json.loads(run("diff", str(path), "--json").stdout)
    assert data["from"] == "2026-09-01" and data["to"] == "2026-11-26"
    assert data["verdict"] == {"from": "renegotiate", "to": "raise_price"}
    assert data["figures"]["service_ratio_pct"] == {"from": 140.0, "to": 108.6}
    assert {"question": "hours_spent", "from": 49, "to": 38} in data["answers"]
    none = run("diff", str(path), "--from", "2026-10-01", "--lang", "en")
    assert none.returncode == 1 and none.stderr.count("\n") == 1
    assert "no assessment dated between" in none.stderr
    bad = run("diff", str(path), "--to", "2026-02-30")
    assert bad.returncode == 1 and "--to" in bad.stderr and "Traceback" not in bad.stderr


def test_diff_needs_two_assessments(example):
    out = run("diff", str(example("steady-client")), "--lang", "en")
    assert out.returncode == 1 and "No assessment recorded yet" in out.stderr


def test_reassess_refuses_a_bad_answer_and_keeps_the_file(example):
    path = example("scope-creep")
    before = path.read_bytes()
    for sets in (["disrespect=hourly"], ["nope=1"], ["hours_spent"]):
        out = run("reassess", str(path), *[a for s in sets for a in ("--set", s)])
        assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
        assert "Traceback" not in out.stderr
    assert path.read_bytes() == before


def test_reassess_review_date_is_editable_and_shown_by_assess(example):
    path = example("steady-client")
    out = run("reassess", str(path), "--review", "2026-12-01", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "Next review: 1 December 2026" in out.stdout
    shown = run("assess", str(path), "--lang", "fr", env={"PARTWAYS_TODAY": "2026-12-05"})
    assert "Prochain point\u00a0: 1er décembre 2026 (en retard)" in shown.stdout
    data = json.loads(run("assess", str(path), "--json").stdout)
    assert data["next_review"] == "2026-12-01"


def test_report_history_section_and_sparkline(example):
    case, flow = open_case(example("scope-creep"))
    for day, spent in (
        (dt.date(2026, 9, 1), 49),
        (dt.date(2026, 10, 1), 45),
        (dt.date(2026, 11, 1), 38),
    ):
        case.answers["hours_spent"] = spent
        case.answers["missed_meetings"] = "always" if spent == 45 else "sometimes"
        record_assessment(case, flow, day=day)
    lines = history_section(flow, case, "en")
    assert lines[0] == "## History"
    assert sum(1 for line in lines if line.startswith("| 2026-")) == 3
    spark = next(line for line in lines if line.startswith("Friction over time"))
    assert spark.count("█") == 1 and "`" in spark
    fr = history_section(flow, case, "fr")
    assert any(line.startswith("Friction dans le temps\u00a0:") for line in fr)
    assert trend(case.history) == "↓"
    two = case.history[:2]
    case.history = two
    assert not any("Friction over time" in line for line in history_section(flow, case, "en"))


def test_sparkline_scale():
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([10, 10]) == "██"


def test_pick_entries_and_diff_lines(example):
    case, flow = open_case(example("scope-creep"))
    record_assessment(case, flow, day=dt.date(2026, 9, 1))
    case.answers["hours_spent"] = 35
    record_assessment(case, flow, day=dt.date(2026, 10, 1))
    record_assessment(case, flow, day=dt.date(2026, 11, 1))
    old, new = pick_entries(case, start=dt.date(2026, 8, 1))
    assert (old["date"], new["date"]) == (dt.date(2026, 9, 1), dt.date(2026, 11, 1))
    old, new = pick_entries(case)
    d = diff_entries(flow, old, new)
    assert d.answers == () and not d.verdict_changed
    assert "No answer changed." in "\n".join(diff_lines(flow, d, "en"))
    assert pick_entries(case, end=dt.date(2026, 9, 15)) is None


def test_the_follow_up_commands_never_load_a_front_end(example, tmp_path):
    path = _followed(example)
    code = (
        "import sys; from partways.cli import main\n"
        f"for argv in (['diff', {str(path)!r}], ['clients', {str(tmp_path)!r}],"
        f" ['reassess', {str(path)!r}]):\n"
        "    assert main(argv) == 0, argv\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'questionary',"
        " 'prompt_toolkit') or m.startswith(('partways.tui', 'partways.prompt'))]\n"
        "assert not bad, bad\n"
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr


def run_python(code: str):
    import subprocess
    import sys

    from tests.core.test_cli import SRC

    env = {**os.environ, "PYTHONPATH": str(SRC), "PARTWAYS_TODAY": "2026-11-26"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
