"""The published JSON Schemas: every shipped flow and case obeys them, they name the same types,
verdicts and letters as the code, `partways schema` prints them and `flow check` applies them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partways.case import CIVILITIES, LOG_KINDS
from partways.flow import FIGURE_ROLES, LETTER_KINDS, LETTER_REASONS, QUESTION_TYPES, VERDICTS
from partways.flowcheck import check_flow
from partways.paths import examples_dir, flows_dir
from partways.schema import SCHEMA_KINDS, load_schema, schema_problems, schema_text
from partways.yamlio import load_yaml, parse_yaml
from tests.core.test_cli import run
from tests.helpers import DATA, SPEC_EXAMPLES

FLOWS = sorted(flows_dir().glob("*.yaml"))
CASES = [
    *sorted(examples_dir().glob("*.yaml")),
    *sorted(SPEC_EXAMPLES.glob("*.yaml")),
    DATA / "workshop-case.yaml",
]


@pytest.mark.parametrize("path", FLOWS, ids=lambda p: p.name)
def test_shipped_flows_obey_the_flow_schema(path: Path) -> None:
    assert schema_problems(load_yaml(path, 20_000_000), "flow") == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_shipped_cases_obey_the_case_schema(path: Path) -> None:
    assert schema_problems(load_yaml(path), "case") == []


def test_the_schemas_name_what_the_code_knows() -> None:
    flow = load_schema("flow")
    question = flow["properties"]["questions"]["items"]["properties"]
    assert tuple(question["type"]["enum"]) == QUESTION_TYPES
    assert tuple(flow["$defs"]["verdict"]["enum"]) == VERDICTS
    assert tuple(flow["properties"]["verdicts"]["required"]) == VERDICTS
    assert list(flow["properties"]["figures"]["properties"]) == list(FIGURE_ROLES)
    rule = flow["properties"]["rules"]["items"]["properties"]
    assert tuple(rule["reason"]["enum"]) == LETTER_REASONS
    letter = flow["properties"]["verdicts"]["properties"]["keep"]["properties"]["letter"]
    assert tuple(letter["enum"]) == LETTER_KINDS
    case = load_schema("case")["properties"]
    assert tuple(case["log"]["items"]["properties"]["kind"]["enum"]) == LOG_KINDS
    assert tuple(case["client"]["properties"]["civility"]["enum"]) == CIVILITIES
    assert tuple(case["letter"]["properties"]["texts"]["propertyNames"]["enum"]) == LETTER_KINDS
    assert tuple(case["history"]["items"]["properties"]["verdict"]["enum"]) == VERDICTS


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_partways_schema_prints_the_shipped_schema(kind: str) -> None:
    out = run("schema", kind)
    assert out.returncode == 0, out.stderr
    assert out.stdout == schema_text(kind)  # type: ignore[arg-type]  # parametrized str
    assert json.loads(out.stdout)["$schema"].endswith("/draft/2020-12/schema")


def test_case_schema_problems_have_lines() -> None:
    text = (
        "format: partways/1\n"
        "client:\n  name: A\n  civility: madam\n"
        "answers:\n  hours_spent: {a: 1}\n"
        "votes:\n  disrespect: {often: -2}\n"
    )
    problems = schema_problems(parse_yaml(text, "c.yaml"), "case")
    assert problems == [
        (4, "client: civility must be one of ms, mr, none"),
        (6, "answers.hours_spent: expected a text, true or false, a number or a list"),
        (8, "votes.disrespect: often must be ≥ 0"),
    ]


def test_flow_check_reports_the_schema_with_lines(tmp_path: Path) -> None:
    source = (flows_dir() / "client-review.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        source.replace("id: client-review\n", "id: client-review\ncolour: blue\n", 1).replace(
            "    letter: check_in\n", "    letter: postcard\n", 1
        ),
        encoding="utf-8",
    )
    problems = check_flow(broken)
    assert f"{broken}:8: unknown key 'colour'" in problems
    letters = [p for p in problems if "letter must be one of" in p]
    assert len(letters) == 1 and letters[0].startswith(f"{broken}:")
    assert ": verdicts.keep: letter must be one of check_in, boundaries, " in letters[0]


def test_a_file_that_is_not_a_flow_is_not_echoed(tmp_path: Path) -> None:
    other = tmp_path / "settings.yaml"
    other.write_text("password: hunter2\nformat: partways/1\n", encoding="utf-8")
    problems = check_flow(other)
    assert len(problems) == 1 and "hunter2" not in problems[0] and "password" not in problems[0]
