"""`flow check` passes on the built-in flow and names file:line for each kind of breakage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partways.errors import PartwaysError
from partways.flow import load_flow
from partways.flowcheck import check_flow
from partways.paths import flows_dir

BUILTIN = flows_dir() / "client-review.yaml"


def test_builtin_flow_is_clean():
    assert check_flow(BUILTIN) == []


def test_builtin_flow_has_the_contract_questions():
    flow = load_flow("client-review")
    ids = {q.id for q in flow.questions}
    contract = {
        "more_without_budget",
        "missed_meetings",
        "payment_chasing",
        "blocked_project",
        "ignored_advice",
        "values_conflict",
        "unrealistic_expectations",
        "disrespect",
        "communication_breakdown",
        "fact_denial",
        "team_reluctance",
        "capacity_strain",
        "out_of_expertise",
        "personality_clash",
        "concerns_raised",
        "boundaries_set",
        "boundary_reaction",
        "monthly_fee",
        "currency",
        "hours_contracted",
        "hours_spent",
        "revenue_share",
        "relationship_years",
        "notice_days",
    }
    assert contract <= ids
    for q in flow.questions:
        assert q.text.get("fr") and q.text.get("en"), q.id
        assert q.help.get("fr") and q.help.get("en"), q.id
    assert flow.by_id["boundary_reaction"].choices == (
        "accepted",
        "ignored",
        "hostile",
        "not_applicable",
    )


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = BUILTIN.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in the flow"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


BREAKAGES = [
    # (what, old, new, expected message part, line marker)
    (
        "unknown question type",
        "    type: boolean\n    text:\n      fr: Les besoins",
        "    type: yesno\n    text:\n      fr: Les besoins",
        "type must be one of",
        "type: yesno",
    ),
    (
        "when refers to an unknown question",
        "when: boundaries_set == true",
        "when: boundaries_sett == true",
        "unknown question 'boundaries_sett'",
        "id: boundary_reaction",
    ),
    (
        "when refers to a later question",
        "when: boundaries_set == true",
        "when: monthly_fee > 0",
        "asked later",
        "id: boundary_reaction",
    ),
    (
        "unreachable question",
        "when: boundaries_set == true",
        "when: boundaries_set == true and boundaries_set == false",
        "unreachable",
        "id: boundary_reaction",
    ),
    (
        "condition mentions an impossible value",
        "when: boundaries_set == true",
        "when: concerns_raised == true and disrespect == 'hourly'",
        "value 'hourly'",
        "id: boundary_reaction",
    ),
    (
        "missing translation",
        "      en: Does the client miss or postpone calls and meetings?\n",
        "",
        "missing translation (en)",
        "fr: Le client manque-t-il",
    ),
    (
        "rule references an unknown question",
        "when: at_least(disrespect, 'often')",
        "when: at_least(disrespekt, 'often')",
        "unknown question or name 'disrespekt'",
        "id: disrespect_serious",
    ),
    (
        "rule gives an unknown verdict",
        "    verdict: reassign_lead",
        "    verdict: fire_them",
        "verdict must be one of",
        "verdict: fire_them",
    ),
    (
        "unsafe condition",
        "when: boundaries_set == true",
        "when: __import__('os').system('true')",
        "unknown function",
        "__import__",
    ),
    (
        "duplicate question id",
        "  - id: missed_meetings",
        "  - id: more_without_budget",
        "duplicate",
        "id: more_without_budget\n",
    ),
    (
        "number range not a number",
        "    max: 100",
        "    max: lots",
        "expected a number",
        "max: lots",
    ),
]


@pytest.mark.parametrize(
    ("what", "old", "new", "message", "marker"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_breakage_reported_with_line(tmp_path, what, old, new, message, marker):
    path = _broken(tmp_path, old, new)
    problems = check_flow(path)
    hits = [p for p in problems if message in p]
    assert hits, f"{what}: {problems}"
    match = re.match(rf"{re.escape(str(path))}:(\d+): ", hits[0])
    assert match, hits[0]
    if marker.endswith("\n"):
        marker = marker.strip()
        lines = [
            i
            for i, line in enumerate(path.read_text().splitlines(), 1)
            if line.strip() == f"- {marker}"
        ]
        assert int(match.group(1)) in lines
    else:
        assert int(match.group(1)) == _line_of(path, marker)


def test_yaml_syntax_error_has_line(tmp_path):
    path = _broken(tmp_path, "  - id: missed_meetings", "  - id: [missed_meetings")
    problems = check_flow(path)
    assert len(problems) == 1 and re.match(rf"{re.escape(str(path))}:\d+: ", problems[0])


def test_broken_template_reported_with_line(tmp_path):
    templates = tmp_path / "tpl"
    for lang in ("fr", "en"):
        (templates / lang).mkdir(parents=True)
        for src in (flows_dir().parent / "templates" / lang).glob("*.md.j2"):
            (templates / lang / src.name).write_text(
                src.read_text(encoding="utf-8"), encoding="utf-8"
            )
    (templates / "en" / "boundaries.md.j2").write_text(
        "Dear {{ client.contact }},\n\n{{ clinet.name }}\n"
    )
    (templates / "fr" / "check_in.md.j2").write_text("Bonjour {% if %}\n")
    path = _broken(tmp_path, "id: client-review\n", "id: client-review\ntemplates: tpl\n")
    problems = check_flow(path)
    assert any(
        p.startswith(f"{templates}/en/boundaries.md.j2:3: ") and "clinet" in p for p in problems
    ), problems
    assert any(p.startswith(f"{templates}/fr/check_in.md.j2:1: ") for p in problems), problems


def test_load_flow_raises_first_problem_with_line(tmp_path):
    path = _broken(tmp_path, "    max: 100", "    max: lots")
    with pytest.raises(PartwaysError) as err:
        load_flow(path)
    assert f"{path}:{_line_of(path, 'max: lots')}:" in str(err.value)


def test_unknown_flow_id():
    with pytest.raises(PartwaysError, match="unknown flow 'nope'"):
        load_flow("nope")


def test_every_question_has_discussion_prompts_in_both_languages():
    flow = load_flow("client-review")
    for q in flow.questions:
        assert 1 <= len(q.discussion.get("fr", ())) <= 2, q.id
        assert len(q.discussion["fr"]) == len(q.discussion.get("en", ())), q.id
