"""The README's case-file example is a valid case: documentation that cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from partways.assessment import assess
from partways.case import open_case
from partways.engine import Engine

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_case_example_is_valid(tmp_path):
    text = README.read_text(encoding="utf-8")
    section = text.split("## Case files", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "readme-case.yaml"
    path.write_text(block, encoding="utf-8")
    case, flow = open_case(path)
    assert case.votes and case.log and case.lessons and case.letter["new_lead"]["name"]
    assert case.civility() == "ms" and case.provider["city"] and case.role("en")
    assert case.contract_date() and case.letter["texts"]["separation"]["en"]
    result = assess(flow, Engine(flow, case.answers).effective_answers(), case.lang)
    assert result.verdict == "part_ways"  # boundaries set and met with hostility


def test_readme_names_the_test_command_ci_runs():
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and "python -m pytest" in README.read_text(encoding="utf-8")
