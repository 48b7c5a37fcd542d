"""The shipped case studies: both languages, a narrative, and the verdict they claim."""

from __future__ import annotations

from collections import Counter

import pytest

from partways.assessment import assess
from partways.case import open_case
from partways.engine import Engine
from partways.studies import find_study, list_studies
from tests.core.test_cli import run

STUDIES = list_studies()


def test_at_least_four_studies_in_both_languages():
    per_id = Counter(s.id for s in STUDIES)
    assert len(per_id) >= 4
    assert all(n == 2 for n in per_id.values()), per_id
    assert {s.lang for s in STUDIES} == {"fr", "en"}


@pytest.mark.parametrize("study", STUDIES, ids=[s.path.name for s in STUDIES])
def test_study_gives_its_expected_verdict(study):
    case, flow = open_case(study.path)
    assert case.lang == study.lang
    assert len(study.narrative.split()) >= 80
    result = assess(flow, Engine(flow, case.answers).effective_answers(), study.lang)
    assert result.verdict == study.expected


def test_find_study_by_id_prefers_the_language():
    assert find_study("values-mismatch", "fr").name == "values-mismatch.fr.yaml"
    assert find_study("values-mismatch", "en").name == "values-mismatch.en.yaml"


def test_workshop_list_command():
    out = run("workshop", "--list", "--lang", "en")
    assert out.returncode == 0
    ids = [line.split()[0] for line in out.stdout.splitlines()]
    assert sorted(ids) == sorted({s.id for s in STUDIES})
