"""Every letter kind renders cleanly in both languages, with and without optional values."""

from __future__ import annotations

import re

import pytest

from partways.case import Case
from partways.flow import LETTER_KINDS, load_flow
from partways.formats import format_money
from partways.letters import render_letter
from tests.core.helpers import calm, verdict_of

BLAME = re.compile(
    r"your fault|you failed|you refused|toxic|abusive|vous n'avez pas|votre faute"
    r"|inacceptable|unacceptable|late payments",
    re.I,
)


def _case(full: bool) -> Case:
    if full:
        return Case(
            client={"name": "Atelier Dumas", "contact": "Claire Dumas"},
            provider={"name": "Studio Nord", "signer": "Paul Martin", "role": "Gérant"},
            answers=calm(hours_spent=49),
            letter={
                "new_lead": {"name": "Inès Roy", "role": "Cheffe de projet"},
                "next_provider": "Agence Lumen",
            },
        )
    answers = calm()
    for key in (
        "monthly_fee",
        "currency",
        "hours_contracted",
        "hours_spent",
        "notice_days",
        "relationship_years",
        "revenue_share",
    ):
        answers.pop(key)
    return Case(client={"name": "Atelier Dumas"}, provider={"name": "Studio Nord"}, answers=answers)


@pytest.mark.parametrize("full", [True, False], ids=["all-values", "no-optional-values"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_letter_is_clean(kind, lang, full):
    flow = load_flow()
    case = _case(full)
    text = render_letter(case, flow, kind=kind, lang=lang)
    contact = case.client.get("contact") or case.client["name"]
    signer = case.provider.get("signer") or case.provider["name"]
    assert contact in text and signer in text
    for bad in ("None", "none", "{{", "}}", "{%", "%}", "\n\n\n", " ,", " ."):
        assert bad not in text, f"{bad!r} in {kind}/{lang}"
    assert not BLAME.search(text)
    for line in text.splitlines():
        # a hard line break (two trailing spaces) keeps the signature's lines apart in Markdown
        body = line[:-2] if line.endswith("  ") else line
        assert body == body.rstrip() and "  " not in body, repr(line)
    signature = text.rstrip("\n").splitlines()[-3:] if full else text.splitlines()[-2:]
    assert all(line.endswith("  ") for line in signature[:-1]), signature


def test_renegotiation_has_figures_and_two_options():
    flow = load_flow()
    case = _case(True)
    text = render_letter(case, flow, kind="renegotiation", lang="en")
    for expected in ("49", "35", "€3,000", "€1,200"):
        assert expected in text
    assert re.search(r"^1\. ", text, re.M) and re.search(r"^2\. ", text, re.M)


def test_separation_has_notice_transition_and_provider():
    flow = load_flow()
    case = _case(True)
    text = render_letter(case, flow, kind="separation", lang="fr")
    assert "30 jours" in text and "26 décembre 2026" in text
    assert "Agence Lumen" in text


def test_new_lead_is_introduced():
    flow = load_flow()
    assert "Inès Roy" in render_letter(_case(True), flow, kind="new_lead", lang="en")


def test_letter_defaults_to_the_verdict_kind():
    flow = load_flow()
    case = Case(
        client={"name": "A", "contact": "B"},
        provider={"name": "C", "signer": "D"},
        answers=calm(disrespect="always"),
    )
    assert verdict_of(case.answers).letter == "separation"
    fr = render_letter(case, flow, lang="fr")
    assert fr == render_letter(case, flow, kind="separation", lang="fr")


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        (2000, "EUR", "fr", "2 000 €"),
        (2000, "EUR", "en", "€2,000"),
        (1200.0, "USD", "en", "$1,200"),
        (2571.43, "EUR", "fr", "2 571,43 €"),
        (1500, "CHF", "en", "CHF 1,500"),
    ],
)
def test_money_per_language(amount, currency, lang, expected):
    assert format_money(amount, currency, lang) == expected


def test_compiled_templates_are_cached_and_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    import partways.letters as letters

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    letters._environment.cache_clear()
    flow = load_flow()
    first = render_letter(_case(True), flow, kind="separation", lang="fr")
    cached = list((tmp_path / "cache" / "partways" / "templates").glob("*.cache"))
    assert cached
    letters._environment.cache_clear()
    assert render_letter(_case(True), flow, kind="separation", lang="fr") == first
    for entry in cached:  # corrupt entries are a miss, not an error
        entry.write_bytes(b"not a cache entry")
    letters._environment.cache_clear()
    assert render_letter(_case(True), flow, kind="separation", lang="fr") == first
    (tmp_path / "blocked").write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    letters._environment.cache_clear()
    assert render_letter(_case(True), flow, kind="separation", lang="fr") == first
    letters._environment.cache_clear()
