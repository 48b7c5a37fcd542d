"""`partways clients`: every case in a folder, the index that keeps it fast, the JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
import yaml

import partways.portfolio as portfolio_module
from partways.assessment import assess_case
from partways.case import open_case, save_case
from partways.history import record_assessment
from partways.portfolio import at_risk_share, clients_json, index_path, portfolio
from tests.core.test_cli import run
from tests.helpers import modules_loaded_by

VERDICTS = ("keep", "set_boundaries", "renegotiate", "raise_price", "part_ways")


def _variant(i: int) -> dict:
    answers = {
        "more_without_budget": ("never", "sometimes", "often")[i % 3],
        "missed_meetings": "never",
        "payment_chasing": "sometimes",
        "blocked_project": "never",
        "ignored_advice": "never",
        "values_conflict": "never",
        "unrealistic_expectations": "never",
        "disrespect": "never",
        "communication_breakdown": "never",
        "fact_denial": "never",
        "team_reluctance": "never",
        "capacity_strain": "never",
        "out_of_expertise": False,
        "personality_clash": False,
        "concerns_raised": False,
        "boundaries_set": False,
        "monthly_fee": 3000,
        "currency": "EUR",
        "hours_contracted": 40,
        "hours_spent": 40 + i,
        "revenue_share": 5 + i,
    }
    case = {
        "format": "partways/1",
        "flow": "client-review",
        "lang": "en",
        "client": {"name": "CLIENT", "contact": "C. Dumas"},
        "provider": {"name": "Studio Nord"},
        "answers": answers,
    }
    if i % 10:  # one variant in ten has no history: its verdict is computed
        case["history"] = [
            {
                "date": dt.date(2026, 1 + k, 1 + i),
                "verdict": VERDICTS[(i + k) % 5],
                "rule": "over_servicing",
                "friction_pct": 10.0 * k + i,
                "figures": {"service_ratio_pct": 100.0 + i, "revenue_share": float(5 + i)},
                "answers": dict(answers),
                "next_review": dt.date(2026, 6 + i % 12 // 2, 1 + k),
            }
            for k in range(1 + i % 3)
        ]
    return case


def _generate(folder: Path, n: int) -> None:
    """`n` cases, written as partways writes them, from ten variants (quick to make)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [yaml.safe_dump(_variant(i), allow_unicode=True, sort_keys=False) for i in range(10)]
    for i in range(n):
        text = texts[i % 10].replace("CLIENT", f"Client {i:04d}")
        (folder / f"c{i:04d}.yaml").write_text(text, encoding="utf-8")


def test_a_thousand_cases(tmp_path, monkeypatch):
    folder = tmp_path / "cases"
    _generate(folder, 1000)
    rows = portfolio(folder)
    assert len(rows) == 1000 and not any(r.error for r in rows)
    overdue = [r.overdue for r in rows]
    assert overdue == sorted(overdue, reverse=True)  # overdue first
    assert sum(overdue) == 900  # every review date in the variants is before 2026-11-26
    computed = [r for r in rows if r.assessed is None]
    assert len(computed) == 100 and all(r.verdict for r in computed)
    for row in computed[:3]:  # the verdict a row computes is the one `assess` gives
        result = assess_case(*open_case(Path(row.path)))
        got = (row.verdict, row.rule, row.friction_pct, row.service_ratio_pct, row.revenue_share)
        assert got == (
            result.verdict,
            result.rule.id,
            result.friction_pct,
            result.figures.get("service_ratio_pct"),
            result.figures.get("revenue_share"),
        )
    expected = sum(
        _variant(int(Path(r.path).stem[1:]) % 10)["answers"]["revenue_share"]
        for r in rows
        if r.verdict in ("part_ways", "renegotiate")
    )
    assert at_risk_share(rows) == pytest.approx(expected)
    # warm: served from the index, no file read again
    monkeypatch.setattr(portfolio_module, "summarize", lambda *a: pytest.fail("read again"))
    assert portfolio(folder) == rows


def test_the_fast_read_gives_the_same_rows_as_the_full_one(tmp_path, monkeypatch, example):
    folder = tmp_path / "cases"
    _generate(folder, 10)
    path = example("scope-creep")
    case, flow = open_case(path)
    record_assessment(case, flow, day=dt.date(2026, 9, 1))
    case.answers["hours_spent"] = 40
    record_assessment(case, flow, day=dt.date(2026, 10, 1))
    save_case(case, folder / "scope.yaml", flow=flow)
    (folder / "steady.yaml").write_bytes(example("steady-client").read_bytes())
    fast = portfolio(folder, use_index=False)
    monkeypatch.setattr(portfolio_module, "_fast_case", lambda text, path: None)
    assert portfolio(folder, use_index=False) == fast
    scope = next(r for r in fast if r.client == "Librairie des Quais")
    assert (scope.assessed, scope.trend, scope.review) == ("2026-10-01", "→", "2026-11-01")


def test_an_alias_is_refused_like_the_full_read(tmp_path):
    folder = tmp_path / "cases"
    _generate(folder, 2)
    case = _variant(1)
    case["history"][0]["answers"] = case["answers"]  # one object twice: safe_dump writes &id001
    text = yaml.safe_dump(case, sort_keys=False)
    assert "&id001" in text and "*id001" in text
    (folder / "alias.yaml").write_text(text, encoding="utf-8")
    row = next(r for r in portfolio(folder) if r.path.endswith("alias.yaml"))
    assert row.error and "aliases" in row.error


def test_a_changed_file_is_read_again_and_a_broken_one_is_a_row(tmp_path):
    folder = tmp_path / "cases"
    _generate(folder, 3)
    portfolio(folder)
    target = folder / "c0001.yaml"
    target.write_text(target.read_text().replace("Client 0001", "Renamed"), encoding="utf-8")
    (folder / "bad.yaml").write_text("format: partways/1\nclient: [\n", encoding="utf-8")
    rows = portfolio(folder)
    assert "Renamed" in [r.client for r in rows]
    bad = next(r for r in rows if r.client == "bad")
    assert bad.error and "bad.yaml:" in bad.error


def test_the_index_is_private_and_never_trusted(tmp_path):
    folder = tmp_path / "cases"
    _generate(folder, 5)
    rows = portfolio(folder)
    entry = index_path(folder)
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    entry.write_bytes(b"\x00garbage")
    assert portfolio(folder) == rows  # a corrupt index is a miss
    import marshal

    forged = ("partways-portfolio/1", str(folder.resolve()), (3, 0), {"c0000.yaml": (1, 2, ())})
    entry.write_bytes(marshal.dumps(forged))
    assert portfolio(folder) == rows
    entry.unlink()
    other = tmp_path / "elsewhere.marshal"
    other.write_bytes(b"")
    os.symlink(other, entry)
    assert portfolio(folder) == rows  # a symlink is never followed


def test_clients_json_schema(tmp_path):
    folder = tmp_path / "cases"
    _generate(folder, 10)
    out = run("clients", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"today", "count", "overdue", "at_risk_share", "clients"}
    assert data["today"] == "2026-11-26" and data["count"] == 10
    keys = {
        "path": str,
        "client": str,
        "verdict": (str, type(None)),
        "rule": (str, type(None)),
        "assessed": (str, type(None)),
        "friction_pct": (float, int, type(None)),
        "trend": str,
        "service_ratio_pct": (float, int, type(None)),
        "revenue_share": (float, int, type(None)),
        "next_review": (str, type(None)),
        "overdue": bool,
        "error": (str, type(None)),
        "done": (int, type(None)),
        "questions": (int, type(None)),
    }
    for row in data["clients"]:
        assert set(row) == set(keys)
        for key, kind in keys.items():
            assert isinstance(row[key], kind), (key, row[key])
    assert data == clients_json(portfolio(folder))


def test_a_listing_from_the_index_needs_no_yaml(tmp_path):
    """The start screen lists the recent cases from the index: once it is warm, nothing is
    parsed, so PyYAML (some 20 ms of the first frame) is not imported."""
    folder = tmp_path / "cases"
    _generate(folder, 5)
    assert run("clients", str(folder)).returncode == 0  # a cold listing fills the index
    assert modules_loaded_by(["clients", str(folder)], ("yaml",)) == []


def test_clients_due_and_text(tmp_path):
    folder = tmp_path / "cases"
    _generate(folder, 10)
    due = run("clients", str(folder), "--due", "--json")
    assert due.returncode == 0
    assert all(r["overdue"] for r in json.loads(due.stdout)["clients"])
    later = run("clients", str(folder), env={"PARTWAYS_TODAY": "2026-01-01"})
    assert later.returncode == 0 and "Clients: 10 · overdue reviews: 0" in later.stdout
    text = run("clients", str(folder), "--lang", "fr")
    assert text.stdout.splitlines()[0].split()[:2] == ["Client", "Verdict"]
    assert "part du chiffre d’affaires en jeu (se séparer, renégocier)\u00a0:" in text.stdout
    assert "(en retard)" in text.stdout
    missing = run("clients", str(tmp_path / "nope"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "sentence"), [("en", "No review is due."), ("fr", "Aucun point n’est dû.")]
)
def test_clients_due_with_nothing_overdue_says_so(tmp_path, lang, sentence):
    folder = tmp_path / "cases"
    _generate(folder, 10)
    early = {"PARTWAYS_TODAY": "2026-01-01"}
    out = run("clients", str(folder), "--due", "--lang", lang, env=early)
    assert out.returncode == 0
    assert out.stdout == sentence + "\n"
    due = run("clients", str(folder), "--due", "--lang", lang)  # some are overdue: the table
    assert due.returncode == 0 and sentence not in due.stdout
    assert len(due.stdout.splitlines()) > 3


@pytest.mark.parametrize(("lang", "words"), [("en", "In progress"), ("fr", "En cours")])
def test_an_unfinished_case_shows_how_far_it_got(tmp_path, lang, words):
    """A case with no verdict yet says how many of its questions are done, not a bare dash."""
    from partways.engine import Engine
    from partways.flow import load_flow

    folder = tmp_path / "cases"
    case = _variant(0)
    kept = ("more_without_budget", "missed_meetings", "payment_chasing")
    case["answers"] = {k: case["answers"][k] for k in kept}
    case["skipped"] = ["monthly_fee"]  # optional: "don't know" counts as done
    folder.mkdir()
    (folder / "half.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    total = Engine(load_flow(), case["answers"], {"monthly_fee"}).progress().total
    assert total > 4
    (row,) = portfolio(folder)
    assert (row.verdict, row.done, row.questions) == (None, 4, total)
    out = run("clients", str(folder), "--lang", lang)
    assert out.returncode == 0, out.stderr
    assert f"{words} 4/{total}" in out.stdout
    (item,) = json.loads(run("clients", str(folder), "--json").stdout)["clients"]
    assert (item["verdict"], item["done"], item["questions"]) == (None, 4, total)
    assert portfolio(folder) == [row]  # from the index, the same row
