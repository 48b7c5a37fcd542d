"""An incomplete case gets no silent verdict: refused with exit 1, or provisional with --partial.

A required relevant question without an answer would count as "never" in the verdict, so the
headless commands refuse such a case in one line naming the first missing question, and
`--partial` gives the verdict marked provisional everywhere it is printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partways.assessment import assess_engine
from partways.engine import Engine
from partways.flow import load_flow
from partways.i18n import tr
from partways.report import assessment_text
from tests.core.test_cli import run


def _text(qid: str, lang: str) -> str:
    """The question's wording from the flow (which others edit), not a copy of it, with its
    spaces as a one-line error prints them (no-break spaces become plain ones)."""
    return " ".join(tr(load_flow().by_id[qid].text, lang).split())


FIRST = "more_without_budget"  # the flow's first question: what an empty case lacks first


def _required_ids() -> list[str]:
    """Every question an empty case must answer: the flow's required, unconditional ones."""
    flow = load_flow()
    return [q.id for q in flow.questions if not q.optional and q.when is None]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text("format: partways/1\nlang: en\n", encoding="utf-8")
    return path


def _edit(path: Path, drop: tuple[str, ...] = (), add: str = "", swap: dict | None = None) -> Path:
    """Remove the answer lines of `drop`, apply text `swap`s, append `add`."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not any(line.strip().startswith(f"{qid}:") for qid in drop)
    ]
    text = "\n".join(lines) + "\n"
    for old, new in (swap or {}).items():
        assert old in text
        text = text.replace(old, new)
    if add.startswith("skipped: [") and "\nskipped: [" in text:  # join the case's own list
        text = text.replace("\nskipped: [", "\n" + add.rstrip().rstrip("]") + ", ", 1)
        add = ""
    path.write_text(text + add, encoding="utf-8")
    return path


# -- refusal ---------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["assess", "draft", "report"])
def test_empty_case_is_refused_in_one_english_line(empty, command):
    out = run(command, str(empty))
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert lines[0] == (
        f"partways: error: {empty}: incomplete: no answer to 'more_without_budget' "
        f'("{_text(FIRST, "en")}"); answer it with partways ask {empty}, '
        "or use --partial for a provisional verdict"
    )


@pytest.mark.parametrize("command", ["assess", "draft", "report"])
def test_refusal_speaks_the_case_language_and_lang_overrides_it(empty, command):
    empty.write_text("format: partways/1\nlang: fr\n", encoding="utf-8")
    out = run(command, str(empty))
    assert out.returncode == 1
    line = out.stderr.strip()
    assert "\n" not in line
    assert line == (
        f"partways: error: {empty}: incomplet : pas de réponse à 'more_without_budget' "
        f"(« {_text(FIRST, 'fr')} ») ; répondez-y avec partways ask {empty}, "
        "ou utilisez --partial pour un verdict provisoire"
    )
    out = run(command, str(empty), "--lang", "en")
    assert "incomplete: no answer to 'more_without_budget'" in out.stderr


def test_refusal_names_the_first_missing_question_in_flow_order(example):
    case = _edit(example("steady-client"), drop=("capacity_strain", "payment_chasing"))
    out = run("assess", str(case))
    assert out.returncode == 1
    assert f"no answer to 'payment_chasing' (\"{_text('payment_chasing', 'en')}\")" in out.stderr


def test_a_path_with_spaces_is_quoted_in_the_hint(tmp_path):
    path = tmp_path / "my case.yaml"
    path.write_text("format: partways/1\nlang: en\n", encoding="utf-8")
    out = run("assess", str(path))
    assert f"answer it with partways ask '{path}'," in out.stderr


# -- --partial -------------------------------------------------------------------------------
def test_partial_json_is_provisional_and_lists_every_missing_question(empty):
    out = run("assess", str(empty), "--partial", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["provisional"] is True
    assert data["missing"] == _required_ids()
    assert data["verdict"] == "keep"  # the silent verdict, now labelled for what it is


def test_partial_text_starts_with_the_provisional_line(empty):
    out = run("assess", str(empty), "--partial")
    assert out.returncode == 0, out.stderr
    n = len(_required_ids())
    first, second = out.stdout.splitlines()[:2]
    assert first == (
        f"Provisional verdict: {n} questions unanswered "
        f"(more_without_budget, missed_meetings, payment_chasing and {n - 3} more)"
    )
    assert second.startswith("Verdict: ")
    out = run("assess", str(empty), "--partial", "--lang", "fr")
    assert out.stdout.splitlines()[0] == (
        f"Verdict provisoire\u00a0: {n} questions sans réponse "
        f"(more_without_budget, missed_meetings, payment_chasing et {n - 3} autres)"
    )


def test_one_missing_question_is_singular_and_listed_whole(example):
    case = _edit(example("steady-client"), drop=("capacity_strain",))
    out = run("assess", str(case), "--partial")
    assert (
        out.stdout.splitlines()[0] == "Provisional verdict: 1 question unanswered (capacity_strain)"
    )


def test_partial_report_marks_the_verdict_section(empty):
    out = run("report", str(empty), "--partial")
    assert out.returncode == 0, out.stderr
    verdict = out.stdout.split("## Verdict", 1)[1].split("\n## ", 1)[0]
    assert "> **Provisional verdict:" in verdict
    assert "“never” or “no”" in verdict
    out = run("report", str(empty), "--partial", "--lang", "fr")
    verdict = out.stdout.split("## Verdict", 1)[1].split("\n## ", 1)[0]
    assert "> **Verdict provisoire\u00a0:" in verdict


def test_partial_draft_warns_on_stderr_and_keeps_the_letter_clean(empty, tmp_path):
    out = run("draft", str(empty), "--partial")
    assert out.returncode == 0, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"partways: warning: {empty}: this letter follows a provisional verdict ("
    )
    assert "rovisional" not in out.stdout and out.stdout.strip()
    target = tmp_path / "letter.md"
    out = run("draft", str(empty), "--partial", "-o", str(target), "--lang", "fr")
    assert out.returncode == 0
    assert "cette lettre suit un verdict provisoire" in out.stderr
    assert "provisoire" not in target.read_text(encoding="utf-8")


# -- what counts as complete -----------------------------------------------------------------
@pytest.mark.parametrize("command", ["assess", "draft", "report"])
def test_complete_case_needs_no_flag_and_is_not_provisional(example, command):
    case = example("steady-client")
    out = run(command, str(case))
    assert out.returncode == 0, out.stderr
    assert "rovisional" not in out.stdout and out.stderr == ""
    assert run(command, str(case), "--partial").stdout == out.stdout


def test_complete_case_json_says_provisional_false(example):
    data = json.loads(run("assess", str(example("scope-creep")), "--json").stdout)
    assert data["provisional"] is False and data["missing"] == []


def test_skipped_optional_question_is_complete(example):
    case = _edit(
        example("steady-client"), drop=("revenue_share",), add="skipped: [revenue_share]\n"
    )
    out = run("assess", str(case), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["provisional"] is False


def test_skipped_required_question_is_still_missing(example):
    """Skipping is only allowed for optional questions; a hand-edited `skipped` cannot dodge."""
    case = _edit(
        example("steady-client"), drop=("missed_meetings",), add="skipped: [missed_meetings]\n"
    )
    out = run("assess", str(case))
    assert out.returncode == 1
    assert "no answer to 'missed_meetings'" in out.stderr


def test_unanswered_irrelevant_question_is_complete(example):
    # boundary_reaction is asked only when boundaries_set is true (steady-client: false)
    case = _edit(example("steady-client"), drop=("boundary_reaction",))
    assert run("assess", str(case)).returncode == 0
    # the same gap becomes missing once its condition holds: the check follows relevance
    _edit(case, swap={"boundaries_set: false": "boundaries_set: true"})
    out = run("assess", str(case))
    assert out.returncode == 1
    assert "no answer to 'boundary_reaction'" in out.stderr


# -- the core decision every face uses -------------------------------------------------------
def test_engine_missing_required_follows_answers_skips_and_relevance():
    flow = load_flow()
    engine = Engine(flow)
    assert [q.id for q in engine.missing_required()] == _required_ids()
    engine.answer("more_without_budget", "never")
    engine.skip("monthly_fee")
    assert "more_without_budget" not in [q.id for q in engine.missing_required()]
    engine.answer("boundaries_set", True)
    assert "boundary_reaction" in [q.id for q in engine.missing_required()]
    hand_edited = Engine(flow, {}, skipped=["missed_meetings"])
    assert not hand_edited.is_done("missed_meetings")
    assert hand_edited.next_question().id == "more_without_budget"
    hand_edited.answer("more_without_budget", "never")
    assert hand_edited.next_question().id == "missed_meetings"  # a resume asks it


def test_assess_engine_carries_missing_into_text_and_json():
    flow = load_flow()
    result = assess_engine(Engine(flow), "en")
    assert result.provisional and result.missing == tuple(_required_ids())
    assert result.to_json()["missing"] == _required_ids()
    assert assessment_text(flow, result).startswith("Provisional verdict: ")
