"""The `sources:` table: sources are read by title, checked by `flow check`, and no output a
person reads names an article by its file name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from partways.assessment import assess
from partways.case import open_case
from partways.engine import Engine
from partways.errors import PartwaysError
from partways.flow import load_flow, parse_flow
from partways.flowcheck import check_flow
from partways.paths import flows_dir
from partways.report import assessment_text, case_report, debrief
from partways.yamlio import load_yaml

from .test_cli import run

BUILTIN = flows_dir() / "client-review.yaml"
KNOWLEDGE = Path("/work/shared/knowledge/sources")
TITLES = {
    "000_3c8971aa1d605ce9.txt": "Décider d’arrêter une collaboration avec un client : savoir dire "
    "non pour préserver la qualité et les valeurs de son entreprise",
    "001_14833ca1806afd2f.txt": "Renvoyer un client : un luxe ou une nécessité ?",
    "002_95467ef2d6000446.txt": "Rupture Client : Raisons et Étapes",
    "003_77899e70b1229b00.txt": "Pourquoi il faut parfois couper les ponts avec les clients "
    "– Partie 3",
    "004_bcf410caca8d7ceb.txt": "Devriez-vous abandonner ce client cauchemardesque ?",
}
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _with_table(tmp_path: Path, table: str | None) -> Path:
    """The built-in flow with its `sources:` block (the last of the file) replaced or removed."""
    text = BUILTIN.read_text(encoding="utf-8")
    head, sep, _ = text.partition("\nsources:\n")
    assert sep, "test setup: the built-in flow has no sources table"
    path = tmp_path / "flow.yaml"
    path.write_text(head + ("\n" + table if table else "\n"), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(needle):
            return i
    raise AssertionError(needle)


# -- the table --------------------------------------------------------------------------------


def test_builtin_table_gives_each_article_its_title_and_author():
    flow = load_flow("client-review")
    assert {sid: ref.title for sid, ref in flow.sources.items()} == TITLES
    assert flow.sources["003_77899e70b1229b00.txt"].author == "Colette Ballou"
    assert flow.sources["003_77899e70b1229b00.txt"].date == "2022-07-13"
    assert flow.sources["004_bcf410caca8d7ceb.txt"].author == "Jamie Johnson"
    assert not flow.sources["000_3c8971aa1d605ce9.txt"].author


@pytest.mark.skipif(not KNOWLEDGE.is_dir(), reason="the knowledge base is not on this machine")
@pytest.mark.parametrize("sid", sorted(TITLES))
def test_titles_are_the_ones_the_articles_give(sid):
    head = (KNOWLEDGE / sid).read_text(encoding="utf-8").splitlines()[:5]
    assert TITLES[sid] in [line.strip().rstrip(".") for line in head]


def test_sources_block_is_portable_yaml():
    """The pure-Python SafeLoader (no libyaml) reads the block as the flow does."""
    text = BUILTIN.read_text(encoding="utf-8")
    block = "sources:\n" + text.partition("\nsources:\n")[2]
    plain = yaml.load(block, Loader=yaml.SafeLoader)  # noqa: S506 - SafeLoader is safe
    assert {sid: entry["title"] for sid, entry in plain["sources"].items()} == TITLES


def test_full_entry_and_unquoted_date(tmp_path):
    path = _with_table(
        tmp_path,
        "sources:\n"
        "  a.txt:\n"
        "    title: 'Un titre : sous-titre'\n"
        "    author: Ann Author\n"
        "    publication: La Revue\n"
        "    date: 2022-07-13\n",
    )
    flow, problems = parse_flow(load_yaml(path), path)
    assert problems == [] and flow is not None
    ref = flow.sources["a.txt"]
    assert (ref.title, ref.author, ref.publication, ref.date) == (
        "Un titre : sous-titre",
        "Ann Author",
        "La Revue",
        "2022-07-13",
    )
    assert ref.line == _line_of(path, "a.txt:")


SHAPES = [
    # (what, table, message part, line marker)
    ("a list", "sources:\n  - a.txt\n", "sources: expected a mapping", "sources:"),
    (
        "entry is a text",
        "sources:\n  a.txt: Un titre\n",
        "sources.a.txt: expected a mapping",
        "a.txt:",
    ),
    (
        "no title",
        "sources:\n  a.txt:\n    author: Ann\n",
        "sources.a.txt: missing 'title'",
        "a.txt:",
    ),
    (
        "empty title",
        "sources:\n  a.txt:\n    title: ''\n",
        "sources.a.txt.title: expected a non-empty text",
        "title: ''",
    ),
    (
        "title not a text",
        "sources:\n  a.txt:\n    title: [x]\n",
        "sources.a.txt.title: expected a non-empty text",
        "title: [x]",
    ),
    (
        "unknown key",
        "sources:\n  a.txt:\n    title: T\n    url: https://example.com\n",
        "sources.a.txt: unknown key 'url'",
        "url:",
    ),
    ("number as id", "sources:\n  12:\n    title: T\n", "sources: id 12 must be a text", "12:"),
]


@pytest.mark.parametrize(("what", "table", "message", "marker"), SHAPES, ids=[s[0] for s in SHAPES])
def test_wrong_shape_is_a_problem_with_its_line(tmp_path, what, table, message, marker):
    path = _with_table(tmp_path, table)
    expected = f"{path}:{_line_of(path, marker)}: {message}"
    assert any(p.startswith(expected) for p in check_flow(path)), (what, check_flow(path))
    with pytest.raises(PartwaysError) as err:
        load_flow(path)
    assert str(err.value).startswith(f"{path}:{_line_of(path, marker)}: {message}")


# -- citing -----------------------------------------------------------------------------------


def test_title_and_citation_fall_back_to_the_id():
    flow = load_flow("client-review")
    assert flow.source_title("004_bcf410caca8d7ceb.txt") == TITLES["004_bcf410caca8d7ceb.txt"]
    assert flow.source_title("nowhere.txt") == "nowhere.txt"
    ids = ("004_bcf410caca8d7ceb.txt", "002_95467ef2d6000446.txt", "nowhere.txt")
    assert flow.cite(ids, "fr") == (
        "« Devriez-vous abandonner ce client cauchemardesque ? », Jamie Johnson"
        " ; « Rupture Client : Raisons et Étapes » ; nowhere.txt"
    )
    assert flow.cite(ids[1:], "en") == "“Rupture Client : Raisons et Étapes”; nowhere.txt"
    assert flow.cite((), "en") == ""


def test_every_citation_of_the_builtin_flow_is_in_its_table():
    flow = load_flow("client-review")
    cited = {
        sid
        for node in (*flow.questions, *flow.signals, *flow.rules, *flow.steps)
        for sid in node.source
    }
    assert cited and cited <= set(flow.sources)


# -- flow check -------------------------------------------------------------------------------


def test_flow_check_names_each_citation_missing_from_the_table(tmp_path):
    text = BUILTIN.read_text(encoding="utf-8")
    table = "sources:\n" + text.partition("\nsources:\n")[2]
    gone = "002_95467ef2d6000446.txt"
    kept = table.replace(f"  {gone}:\n", "  renamed.txt:\n")
    assert kept != table, "test setup: entry not removed"
    path = _with_table(tmp_path, kept)
    flow = load_flow(path)  # a missing entry is not fatal: the id is shown instead
    problems = [p for p in check_flow(path) if "sources table" in p]
    nodes = [
        *((f"question {n.id}", n) for n in flow.questions),
        *((f"signal {n.id}", n) for n in flow.signals),
        *((f"rule {n.id}", n) for n in flow.rules),
        *((f"step {n.id}", n) for n in flow.steps),
    ]
    expected = [
        f"{path}:{node.line}: {where}: source '{gone}' is not in the sources table"
        for where, node in nodes
        if gone in node.source
    ]
    assert len(expected) >= 4 and any(e.split(": ")[1].startswith("step") for e in expected)
    assert sorted(problems) == sorted(expected)
    lines = path.read_text(encoding="utf-8").splitlines()
    for where, node in nodes:
        if gone in node.source:
            assert lines[node.line - 1].strip() == f"- id: {node.id}", where


def test_flow_without_a_table_may_cite_anything(tmp_path):
    path = _with_table(tmp_path, None)
    assert check_flow(path) == []
    flow = load_flow(path)
    assert flow.sources == {}
    assert flow.cite(("004_bcf410caca8d7ceb.txt",), "fr") == "004_bcf410caca8d7ceb.txt"


# -- outputs ----------------------------------------------------------------------------------


def _result(example, name: str, lang: str):
    case, flow = open_case(example(name))
    return (
        case,
        flow,
        assess(flow, Engine(flow, case.answers, case.skipped).effective_answers(), lang),
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assess_text_cites_titles_not_file_names(example, lang):
    _, flow, result = _result(example, "scope-creep", lang)
    text = assessment_text(flow, result)
    assert not FILE_NAME.search(text), text
    label = "Sources\u00a0:" if lang == "fr" else "Sources:"
    quoted = "« Devriez-vous" if lang == "fr" else "“Devriez-vous"
    assert f"     {label} {quoted} abandonner ce client cauchemardesque ?" in text
    assert "Jamie Johnson" in text and "Colette Ballou" in text


def test_assess_json_keeps_the_id_and_adds_the_title(example):
    out = run("assess", str(example("scope-creep")), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    top = data["reasons"][0]
    assert top["source"] == "004_bcf410caca8d7ceb.txt"
    assert top["source_title"] == TITLES["004_bcf410caca8d7ceb.txt"]
    for reason in data["reasons"]:
        assert reason["source_title"] == TITLES[reason["source"]]
    assert data["rule"] == "over_servicing"
    assert data["rule_source"] in TITLES
    assert data["rule_source_title"] == TITLES[data["rule_source"]]


def test_json_title_of_an_unknown_id_is_the_id(example, tmp_path):
    path = _with_table(tmp_path, "sources:\n  other.txt:\n    title: T\n")
    flow = load_flow(path)
    case, _ = open_case(example("scope-creep"))
    data = assess(flow, Engine(flow, case.answers).effective_answers(), "en").to_json()
    assert all(r["source_title"] == r["source"] for r in data["reasons"])
    assert data["rule_source_title"] == data["rule_source"] != ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_and_debrief_cite_titles(example, lang):
    case, flow, _ = _result(example, "scope-creep", lang)
    colon = "\u00a0:" if lang == "fr" else ":"
    for text in (case_report(case, flow, lang), debrief(case, flow, lang)):
        assert not FILE_NAME.search(text)
        heading = "## Raisons" if lang == "fr" else "## Reasons"
        reasons = text.split(heading, 1)[1].split("\n## ", 1)[0]
        assert f"(sources{colon} " in reasons and "Jamie Johnson" in reasons


def test_short_title_cuts_before_the_subtitle_or_at_a_word():
    from partways.flow import short_title

    assert short_title(TITLES["000_3c8971aa1d605ce9.txt"]) == (
        "Décider d’arrêter une collaboration avec un client"
    )
    for sid in sorted(TITLES)[1:]:
        assert short_title(TITLES[sid]) == TITLES[sid]  # short enough already
    long = "Un titre sans sous-titre " * 5
    cut = short_title(long.strip(), 40)
    assert cut.endswith("…") and len(cut) <= 40 and long.startswith(cut[:-1])
    # a main part too short to stand alone is not taken for the title
    assert short_title("Rupture : " + "x " * 40, 40).endswith("…")


def test_sources_block_lists_several_one_a_line():
    from partways.present import sources_block

    flow = load_flow("client-review")
    one = sources_block(flow, ("003_77899e70b1229b00.txt",), "fr")
    assert one == (
        "Source\u00a0: Pourquoi il faut parfois couper les ponts avec les clients – Partie 3"
        " (Colette Ballou)"
    )
    many = sources_block(flow, ("004_bcf410caca8d7ceb.txt", "000_3c8971aa1d605ce9.txt"), "en", "  ")
    assert many.splitlines() == [
        "  Sources:",
        "  • Devriez-vous abandonner ce client cauchemardesque ? (Jamie Johnson)",
        "  • Décider d’arrêter une collaboration avec un client",
    ]
    assert sources_block(flow, (), "en") == ""
