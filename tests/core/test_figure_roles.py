"""Figure roles: a flow names the questions that give hours, fee, notice… (`figures:`), so it
can word and name them its own way; `flow check` reports a role pointing at nothing usable."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from partways.assessment import compute_figures
from partways.case import Case
from partways.engine import Engine
from partways.flow import FIGURE_ROLES, load_flow
from partways.flowcheck import check_flow
from partways.letters import letter_facts, render_letter
from partways.paths import flows_dir
from partways.whatif import what_if
from tests.core.helpers import calm

BUILTIN = flows_dir() / "client-review.yaml"
RENAMED = {"hours_spent": "heures_passees", "notice_days": "preavis_jours"}


def _renamed_flow(tmp_path: Path, keep_roles: bool = True) -> Path:
    """The built-in flow with two questions renamed everywhere (rules, signals, figures)."""
    text = BUILTIN.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        text = re.sub(rf"\b{old}\b", new, text)
        # the role keeps its name; it now points at the renamed question (or is left out)
        text = text.replace(f"  {new}: {new}\n", f"  {old}: {new}\n" if keep_roles else "", 1)
    path = tmp_path / "renamed.yaml"
    path.write_text(text.replace("id: client-review", "id: renamed", 1), encoding="utf-8")
    return path


def _case(flow_path: Path, answers: dict) -> Case:
    return Case(
        path=None,
        flow=str(flow_path),
        lang="en",
        client={"name": "Atelier Dumas", "contact": "Claire Dumas"},
        provider={"name": "Studio", "signer": "Ana"},
        answers=answers,
    )


def test_builtin_flow_declares_every_role_as_itself() -> None:
    flow = load_flow()
    assert flow.figures == {role: role for role in FIGURE_ROLES}


def test_renamed_questions_give_the_same_figures_and_letter(tmp_path: Path) -> None:
    builtin, renamed = load_flow(), load_flow(_renamed_flow(tmp_path))
    assert check_flow(renamed.path) == []
    answers = calm(hours_spent=52, notice_days=45, concerns_raised=True)
    moved = {RENAMED.get(k, k): v for k, v in answers.items()}
    figures = compute_figures(builtin, answers)
    assert figures["service_ratio_pct"] == pytest.approx(148.6)
    assert compute_figures(renamed, moved) == figures
    day = dt.date(2026, 11, 26)
    facts = letter_facts(_case(BUILTIN, answers), builtin, day=day)
    moved_facts = letter_facts(_case(renamed.path, moved), renamed, day=day)
    assert moved_facts == facts and facts.hours_spent == 52 and facts.notice_days == 45
    letter = render_letter(_case(BUILTIN, answers), builtin, kind="separation", day=day)
    assert "45" in letter or "forty-five" in letter
    moved_letter = render_letter(_case(renamed.path, moved), renamed, kind="separation", day=day)
    assert moved_letter == letter
    assert [w.to_json() for w in what_if(renamed, moved)] == [
        w.to_json() for w in what_if(builtin, answers)
    ]


def test_without_the_roles_a_renamed_question_gives_no_figure(tmp_path: Path) -> None:
    """What an older flow that renamed the questions got: no ratio, no notice in the letter."""
    flow = load_flow(_renamed_flow(tmp_path, keep_roles=False))
    moved = {RENAMED.get(k, k): v for k, v in calm(hours_spent=52).items()}
    assert "service_ratio_pct" not in compute_figures(flow, moved)
    engine = Engine(flow, moved)
    assert engine.effective_answers()["heures_passees"] == 52


def test_a_role_set_to_null_is_given_by_no_question(tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8").replace(
        "  monthly_fee: monthly_fee\n", "  monthly_fee: null\n", 1
    )
    path = tmp_path / "nofee.yaml"
    path.write_text(text, encoding="utf-8")
    flow = load_flow(path)
    figures = compute_figures(flow, calm(hours_spent=52))
    assert "service_ratio_pct" in figures and "monthly_shortfall" not in figures


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  hours_spent: hours_spent\n",
            "  hours_spent: hours_passed\n",
            "figures.hours_spent: unknown question 'hours_passed'",
        ),
        (
            "  notice_days: notice_days\n",
            "  notice_days: currency\n",
            "figures.notice_days: question 'currency' is a text, not a number",
        ),
        (
            "  hours_spent: hours_spent\n",
            "  hours_spent: hours_contracted\n",
            "figures.hours_spent: question 'hours_contracted' already plays hours_contracted",
        ),
        (
            "  revenue_share: revenue_share\n",
            "  revenue_shares: revenue_share\n",
            "figures: unknown role 'revenue_shares'",
        ),
        ("  currency: currency\n", "  currency: [currency]\n", "figures.currency: expected a"),
    ],
)
def test_flow_check_names_a_bad_role_with_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    assert f"{path}:{line}: {message}" in "\n".join(check_flow(path))


def test_flow_check_names_a_question_of_the_wrong_type_playing_a_role_by_its_id(
    tmp_path: Path,
) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    text = text.replace("  conversation_date: conversation_date\n", "", 1)
    start = text.index("  - id: conversation_date\n")
    text = text[:start] + text[start:].replace("    type: date\n", "    type: text\n", 1)
    path = tmp_path / "textdate.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[:start].count("\n") + 1
    problems = check_flow(path)
    assert any(
        p.startswith(f"{path}:{line}: question conversation_date: read as the figure role")
        and "needs a date question, not a text" in p
        for p in problems
    ), problems
