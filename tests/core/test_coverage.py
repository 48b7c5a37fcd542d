"""Rule coverage: every rule of the built-in flow decides some complete case, and a rule hidden
behind an earlier one, or whose condition can never hold, is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

import partways.coverage
from partways.assessment import assess_engine
from partways.cli import main
from partways.coverage import coverage_problems, witnesses_yaml
from partways.engine import Engine
from partways.flow import load_flow
from partways.flowcheck import check_flow
from partways.paths import flows_dir
from partways.yamlio import dump_yaml, parse_yaml

from .helpers import builtin_coverage
from .test_cli import run

BUILTIN = flows_dir() / "client-review.yaml"

EXTRA_RULE = """  - id: {id}
    reason: conduct
    when: "{when}"
    verdict: {verdict}
    alternatives: []
    summary:
      fr: Une règle ajoutée pour le test.
      en: A rule added for the test.
"""


def _flow_with(tmp_path: Path, after: str, rule_id: str, when: str, verdict: str) -> Path:
    """The built-in flow with one more rule placed just before rule `after`."""
    text = BUILTIN.read_text(encoding="utf-8")
    marker = f"  - id: {after}\n"
    assert marker in text, after
    rule = EXTRA_RULE.format(id=rule_id, when=when, verdict=verdict)
    path = tmp_path / "flow.yaml"
    path.write_text(text.replace(marker, rule + marker, 1), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == needle)


def test_every_witness_of_the_builtin_flow_is_decided_by_its_rule(tmp_path, capsys):
    """Through the command, as a user would: the YAML printed, each witness written as a case
    file and assessed by `partways assess` (in process: 28 interpreters cost 8 s)."""
    out = run("flow", "check", "client-review", "--coverage")
    assert out.returncode == 0, out.stderr
    witnesses = parse_yaml(out.stdout, "<stdout>")
    flow = load_flow()
    assert list(witnesses) == [r.id for r in flow.rules]
    for rule_id, item in witnesses.items():
        assert item["answers"], rule_id
        case = tmp_path / f"{rule_id}.yaml"
        data = {"format": "partways/1", "flow": "client-review", "answers": item["answers"]}
        case.write_text(dump_yaml(data), encoding="utf-8")
        code = main(["assess", str(case), "--json"])
        assessed = capsys.readouterr()
        assert code == 0, (rule_id, assessed.err)
        data = parse_yaml(assessed.out, "<json>")  # JSON is YAML
        assert data["rule"] == rule_id
        assert data["verdict"] == item["verdict"]
        assert data["provisional"] is False


def test_witnesses_in_process_are_complete_and_decide():
    flow, items = builtin_coverage()
    assert tuple(item.rule for item in items) == flow.rules
    for item in items:
        assert item.witness is not None, item.rule.id
        engine = Engine(flow, item.witness)
        assert not engine.missing_required(), item.rule.id
        result = assess_engine(engine)
        assert result.rule.id == item.rule.id


def test_a_shadowed_rule_is_named_with_the_rule_hiding_it(tmp_path):
    # after disrespect_serious (`at_least(disrespect, 'often')`), `disrespect == 'always'` is
    # always decided before: the search over disrespect's four values proves it
    path = _flow_with(
        tmp_path, "values_clash", "always_rude", "disrespect == 'always'", "part_ways"
    )
    problems = check_flow(path)
    line = _line(path, "- id: always_rude")
    shadow = _line(path, "- id: disrespect_serious")
    assert (
        f"{path}:{line}: rule 'always_rude' can never decide: shadowed by "
        f"'disrespect_serious' (line {shadow})"
    ) in problems
    assert len(problems) == 1, problems


def test_a_rule_that_can_never_hold_is_reported(tmp_path):
    when = "disrespect == 'never' and disrespect == 'always'"
    path = _flow_with(tmp_path, "values_clash", "impossible", when, "keep")
    problems = check_flow(path)
    line = _line(path, "- id: impossible")
    assert problems == [
        f"{path}:{line}: rule 'impossible' can never decide: its condition can never hold"
    ]


def test_a_broad_rule_placed_early_hides_the_later_ones(tmp_path):
    """`at_least(disrespect, 'sometimes')` right after disrespect_serious decides every case
    the later rules on "sometimes" disrespect wanted: each is reported, naming it."""
    path = _flow_with(
        tmp_path, "values_clash", "any_rudeness", "at_least(disrespect, 'sometimes')", "part_ways"
    )
    problems = check_flow(path)
    broad = _line(path, "- id: any_rudeness")
    for hidden in ("disrespect_after_talk", "conduct_untold"):
        line = _line(path, f"- id: {hidden}")
        assert (
            f"{path}:{line}: rule '{hidden}' can never decide: shadowed by "
            f"'any_rudeness' (line {broad})"
        ) in problems
    assert not any("'any_rudeness' can never" in p for p in problems)


def test_directed_search_says_when_it_found_no_case(tmp_path, monkeypatch):
    """Over friction (every signal), no exhaustive proof: a rule never deciding is still said,
    without claiming a proof, and names the rule that held wherever it did.

    What is said once every search failed is the subject, not how hard they tried: two random
    restarts instead of 12 (the same report, 2.4 s instead of 6.3 s; every other test here
    searches with the real budget, and the other rules of this flow find their cases)."""
    monkeypatch.setattr(partways.coverage, "RESTARTS", 2)
    path = _flow_with(
        tmp_path, "healthy", "too_late", "friction >= 0 and disrespect == 'often'", "keep"
    )
    problems = check_flow(path)
    line = _line(path, "- id: too_late")
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line}: rule 'too_late' may never decide")
    assert "'disrespect_serious'" in problems[0]


def test_a_verdict_no_case_reaches(tmp_path):
    """The flow's only `raise_price` rules made impossible: the verdict is reported too."""
    text = BUILTIN.read_text(encoding="utf-8")
    flow = load_flow()
    raising = [r for r in flow.rules if r.verdict == "raise_price"]
    assert raising
    for r in raising:
        text = text.replace(
            f"when: {r.when.source}\n", "when: disrespect == 'often' and disrespect == 'never'\n", 1
        )
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    problems = check_flow(path)
    ids = ", ".join(r.id for r in raising)
    assert (
        f"{path}: verdict raise_price: no case reaches it (its rules never decide: {ids})"
        in problems
    )
    assert sum("its condition can never hold" in p for p in problems) == len(raising)


def test_witnesses_yaml_lists_every_rule():
    flow, items = builtin_coverage()
    data = parse_yaml(witnesses_yaml(list(items)), "<yaml>")
    assert [data[r.id]["line"] for r in flow.rules] == [r.line for r in flow.rules]
    assert coverage_problems(flow, list(items)) == []


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_flow_graph_command_exits_zero(fmt):
    out = run("flow", "graph", "--format", fmt)
    assert out.returncode == 0 and out.stdout and not out.stderr
