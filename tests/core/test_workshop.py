"""Workshop data in the core: votes decide answers, splits are flagged, log and lessons saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from partways.case import open_case, save_case
from partways.engine import Engine
from partways.errors import AnswerError, PartwaysError
from partways.report import case_report, debrief
from partways.workshop import (
    add_log_entry,
    debrief_path,
    is_split,
    record_votes,
    splits,
    team_decision,
)

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "golden"


def test_majority_decides_and_ties_need_the_facilitator():
    assert team_decision({"often": 3, "sometimes": 2}) == "often"
    assert team_decision({"yes": 2, "no": 2}) is None
    assert team_decision({}) is None
    assert is_split({"often": 3, "sometimes": 2}) and not is_split({"often": 5, "never": 0})


def test_record_votes_answers_the_question(tmp_path):
    path = tmp_path / "case.yaml"
    shutil.copy(DATA / "spec-examples" / "scope-creep.yaml", path)
    case, flow = open_case(path)
    engine = Engine(flow, case.answers)
    assert record_votes(engine, case, "disrespect", {"never": 4, "sometimes": 1}) == "never"
    assert record_votes(engine, case, "concerns_raised", {"yes": 2, "no": 2}) is None
    assert record_votes(engine, case, "concerns_raised", {"yes": 2, "no": 2}, "yes") is True
    assert engine.answers["concerns_raised"] is True
    with pytest.raises(AnswerError):
        record_votes(engine, case, "disrespect", {"hourly": 2})
    with pytest.raises(AnswerError):
        record_votes(engine, case, "monthly_fee", {"3000": 2})
    case.answers = dict(engine.answers)
    save_case(case, flow=flow)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["votes"]["disrespect"] == {"never": 4, "sometimes": 1}
    assert saved["answers"]["concerns_raised"] is True
    assert [q.id for q, _ in splits(case, flow)] == ["disrespect", "concerns_raised"]


def test_log_entries_are_dated_and_sorted():
    from partways.case import Case

    case = Case()
    add_log_entry(case, "meeting", "Quarterly review", "2026-03-02")
    add_log_entry(case, "email", "Quote sent", "2026-02-01")
    entry = add_log_entry(case, "call", "Follow-up")
    assert entry["date"] == "2026-11-26"
    assert [e["kind"] for e in case.log] == ["email", "meeting", "call"]
    with pytest.raises(PartwaysError):
        add_log_entry(case, "fax", "x")
    with pytest.raises(PartwaysError):
        add_log_entry(case, "email", "x", "yesterday")


def test_debrief_path_sits_next_to_the_case(tmp_path):
    assert debrief_path(tmp_path / "acme.yaml") == tmp_path / "acme-debrief.md"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["report", "debrief"])
def test_golden(kind, lang, request):
    case, flow = open_case(DATA / "workshop-case.yaml")
    text = (case_report if kind == "report" else debrief)(case, flow, lang)
    golden = GOLDEN / f"workshop-{kind}.{lang}.md"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_debrief_file_has_the_answers_notes_and_the_study_authors_conclusion(lang):
    from partways.paths import examples_dir

    case, flow = open_case(examples_dir() / f"personality-clash.{lang}.yaml")
    text = debrief(case, flow, lang)
    conclusion = {"en": "The authors of the study concluded: ", "fr": "Les auteurs de l'étude"}
    assert conclusion[lang] in text
    assert ("The team's verdict is the same." if lang == "en" else "est le même") in text
    assert case.notes["personality_clash"][:40] in text  # the team's notes
    answers = {"en": "## Answers", "fr": "## Réponses"}[lang]
    assert answers in text
